import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson, contentHash } from "../artifact/canonical-json";
import { loadArtifact } from "../artifact/load-artifact";
import { getRow } from "../data/matrix";
import { scoreRow } from "../explain/score-row";
import { rocAuc } from "../metrics/index";
import { DEFAULT_GRADIENT_BOOSTING_PARAMS, FittedGradientBoosting } from "../models/gradient-boosting";
import type { FittedBinaryClassifier } from "../models/model";
import { DEFAULT_RANDOM_FOREST_PARAMS } from "../models/random-forest";
import { DEFAULT_SCORECARD_PARAMS } from "../models/scorecard";
import { DEFAULT_ENSEMBLE_CONFIG, resolveEnsembleConfig, type EnsembleConfigInput } from "./ensemble-config";
import { ARTIFACT_FORMAT_VERSION, type FittedEnsemble } from "./fitted-ensemble";
import { DEFAULT_MEMBER_PARAMS, memberFromJSON } from "./members";
import { syntheticApplicants } from "./synthetic-applicants.fixture";
import { completeEnsembleTraining, finalBoostingIterations, fitPlannedMember, planEnsembleTraining, trainEnsemble } from "./train-ensemble";

const SMALL: EnsembleConfigInput = {
  memberParams: {
    scorecard: { ...DEFAULT_SCORECARD_PARAMS, maxPrebins: 10 },
    randomForest: { ...DEFAULT_RANDOM_FOREST_PARAMS, treeCount: 12, maxDepth: 6, maxLeaves: 24 },
    gradientBoosting: { ...DEFAULT_GRADIENT_BOOSTING_PARAMS, iterations: 30, learningRate: 0.2, earlyStoppingRounds: 10 },
  },
  weights: { kind: "validation", core: ["scorecard", "randomForest"], optional: ["gradientBoosting"], gridStep: 0.1, minAucGain: 0 },
  components: { utilisation: "credit use", late90: "repayment history", age: "profile", housing: "profile", monthlyIncome: "capacity" },
  reasonCatalog: { late90: { code: "DLQ90", adverse: "Payments 90 or more days late", positive: "No payments 90 or more days late" } },
};

describe("trainEnsemble", () => {
  const train = syntheticApplicants(2000, 21);
  const test = syntheticApplicants(400, 22);
  const config = resolveEnsembleConfig(SMALL);
  let model: FittedEnsemble;

  beforeAll(() => {
    model = trainEnsemble(config, train.x, train.y, { seed: 3 });
  });

  it("cuts stratified folds; no fold fit sees its fold's rows; early-stopping rows stay apart; finals use every row", () => {
    const plan = planEnsembleTraining(config, train.x, train.y, 3);
    const folds = config.crossFitFolds;
    const positives = train.y.reduce((a, b) => a + b, 0);
    for (let fold = 0; fold < folds; fold++) {
      const rows = Array.from(plan.foldOfRow.keys()).filter((i) => plan.foldOfRow[i] === fold);
      const foldPositives = rows.reduce((s, i) => s + train.y[i], 0);
      expect(Math.abs(foldPositives - positives / folds)).toBeLessThanOrEqual(1);
      expect(Math.abs(rows.length - train.x.rows / folds)).toBeLessThanOrEqual(2);
    }
    for (const job of plan.jobs) {
      if (job.stage === "final") {
        expect(job.fitRows.length).toBe(train.x.rows);
        continue;
      }
      for (const i of job.fitRows) expect(plan.foldOfRow[i]).not.toBe(job.fold);
      const fitted = new Set(job.fitRows);
      if (job.earlyStoppingRows) for (const i of job.earlyStoppingRows) expect(fitted.has(i) || plan.foldOfRow[i] === job.fold).toBe(false);
    }
    expect(plan.jobs.filter((j) => j.stage === "fold")).toHaveLength(3 * folds);
    expect(plan.jobs.at(-1)).toMatchObject({ name: "gradientBoosting", stage: "final", iterationsFromFolds: true, earlyStoppingRows: null });
  });

  it("chooses weights on out-of-fold predictions: each member's recorded AUC is that of its fold fits on their own folds", () => {
    const plan = planEnsembleTraining(config, train.x, train.y, 3);
    const foldModels = plan.jobs.map((job) => (job.stage === "fold" ? fitPlannedMember(plan, job, train.x, train.y) : undefined));
    for (const name of ["scorecard", "randomForest", "gradientBoosting"] as const) {
      const outOfFold = new Float64Array(train.x.rows);
      plan.jobs.forEach((job, k) => {
        if (job.stage !== "fold" || job.name !== name) return;
        for (let i = 0; i < train.x.rows; i++) if (plan.foldOfRow[i] === job.fold) outOfFold[i] = (foldModels[k] as FittedBinaryClassifier).predictRowProba(getRow(train.x, i));
      });
      expect(model.training.outOfFoldMetrics[name].auc).toBe(rocAuc(train.y, outOfFold));
    }
    expect(model.members.reduce((s, m) => s + m.weight, 0)).toBeCloseTo(1, 12);
    expect(model.training.weightSearch.length).toBeGreaterThan(0);
    expect(model.training.dataDigest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("fits the shipped gradient boosting on every row for the median of its fold fits' early-stopped rounds", () => {
    const plan = planEnsembleTraining(config, train.x, train.y, 3);
    const models = plan.jobs.map((job) => (job.stage === "fold" && job.name === "gradientBoosting" ? fitPlannedMember(plan, job, train.x, train.y) : undefined));
    const rounds = models.flatMap((m) => (m instanceof FittedGradientBoosting ? [m.treeCount] : [])).sort((a, b) => a - b);
    expect(rounds).toHaveLength(config.crossFitFolds);
    const median = rounds[Math.floor((rounds.length - 1) / 2)];
    expect(finalBoostingIterations(plan, models)).toBe(median);
    expect(model.training.finalBoostingIterations).toBe(median);
    const shipped = model.members.find((m) => m.name === "gradientBoosting")?.model;
    if (shipped) expect((shipped as FittedGradientBoosting).treeCount).toBe(median);
    expect(() => fitPlannedMember(plan, plan.jobs.at(-1) as (typeof plan.jobs)[number], train.x, train.y)).toThrow(/iterations/);
  });

  it("ranks unseen applicants of the generating model well (AUC on separate data)", () => {
    expect(rocAuc(test.y, model.predictProba(test.x))).toBeGreaterThan(0.7);
  });

  it("uses fixed weights as given, leaving unweighted members out", () => {
    const fixed = trainEnsemble(resolveEnsembleConfig({ ...SMALL, weights: { kind: "fixed", weights: { scorecard: 1, randomForest: 3 } } }), train.x, train.y, { seed: 3 });
    expect(fixed.members.map((m) => [m.name, m.weight])).toEqual([["scorecard", 0.25], ["randomForest", 0.75]]);
  });

  it("gives the same model when members are fitted apart and rebuilt from JSON (the worker-thread path)", () => {
    const plan = planEnsembleTraining(config, train.x, train.y, 3);
    const models: FittedBinaryClassifier[] = [];
    for (const job of plan.jobs) {
      const iterations = job.iterationsFromFolds ? finalBoostingIterations(plan, models) : undefined;
      models.push(memberFromJSON(job.name, JSON.parse(JSON.stringify(fitPlannedMember(plan, job, train.x, train.y, { iterations }).toJSON()))));
    }
    expect(completeEnsembleTraining(plan, train.x, train.y, models).versionId()).toBe(model.versionId());
  });

  it("explains in score points that sum to score − base score within 1e-6, for every row (property)", () => {
    for (let i = 0; i < test.x.rows; i++) {
      const result = scoreRow(model, getRow(test.x, i));
      const sum = result.contributions.reduce((s, c) => s + c.points, 0);
      expect(Math.abs(sum - (result.score - result.baseScore))).toBeLessThan(1e-6);
    }
    const value = (max: number) => fc.oneof(fc.constant(NaN), fc.double({ min: 0, max, noNaN: true }));
    fc.assert(
      fc.property(value(3), value(100), value(6), value(50000), fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 2 })), (...row) => {
        const result = scoreRow(model, row);
        const sum = result.contributions.reduce((s, c) => s + c.points, 0);
        expect(Math.abs(sum - (result.score - result.baseScore))).toBeLessThan(1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it("scores a row: PD as predicted, 300–850, bucket, confidence, sub-scores, ≤ 4 adverse reasons", () => {
    for (let i = 0; i < 50; i++) {
      const row = getRow(test.x, i);
      const result = scoreRow(model, row);
      expect(result.probabilityOfDefault).toBe(model.predictRowProba(row));
      expect(result.score >= 300 && result.score <= 850).toBe(true);
      expect(result.confidence >= 0 && result.confidence <= 1).toBe(true);
      expect(Object.keys(result.subScores).sort()).toEqual(["capacity", "credit use", "profile", "repayment history"]);
      for (const s of Object.values(result.subScores)) expect(s >= 0 && s <= 200).toBe(true);
      expect(result.adverseReasons.length).toBeLessThanOrEqual(4);
      for (const r of result.adverseReasons) expect(r.points).toBeLessThan(0);
      for (const r of result.positiveFactors) expect(r.points).toBeGreaterThan(0);
      for (const [component, points] of Object.entries(result.componentPoints)) {
        const sum = result.contributions.filter((c) => c.component === component).reduce((s, c) => s + c.points, 0);
        expect(points).toBeCloseTo(sum, 9);
      }
    }
  });

  it("names the catalog's code for a 90-day delinquency and reads records with category names", () => {
    const record = { utilisation: 1.4, age: 25, late90: 3, monthlyIncome: 900, housing: "rent" };
    const fromRecord = scoreRow(model, record);
    expect(fromRecord).toEqual(scoreRow(model, [1.4, 25, 3, 900, 1]));
    expect(fromRecord.adverseReasons.map((r) => r.code)).toContain("DLQ90");
    expect(fromRecord.contributions.find((c) => c.feature === "housing")?.value).toBe("rent");
    expect(scoreRow(model, { ...record, housing: "boat" }).contributions.find((c) => c.feature === "housing")?.value).toBeNull();
  });

  it("scores a file with every feature missing: confidence 0 (no data), points still sum to score − base score", () => {
    const result = scoreRow(model, {});
    expect(result.confidenceDetail.dataSufficiency).toBe(0);
    expect(result.confidence).toBe(0);
    expect(result.contributions.every((c) => c.value === null)).toBe(true);
    expect(Math.abs(result.contributions.reduce((s, c) => s + c.points, 0) - (result.score - result.baseScore))).toBeLessThan(1e-6);
  });

  it("refuses a row of another width with SHAPE_MISMATCH", () => {
    expect(() => scoreRow(model, [1, 2])).toThrow(expect.objectContaining({ code: "SHAPE_MISMATCH" }));
  });
});

describe("model artifact", () => {
  const train = syntheticApplicants(1500, 31);
  const test = syntheticApplicants(200, 32);
  let model: FittedEnsemble;
  beforeAll(() => {
    model = trainEnsemble(resolveEnsembleConfig(SMALL), train.x, train.y, { seed: 9 });
  });

  it("loads from its JSON text and scores byte-identically to the in-memory model", () => {
    const text = canonicalJson(model.toJSON());
    const loaded = loadArtifact(text);
    expect(loaded.versionId()).toBe(model.versionId());
    for (let i = 0; i < test.x.rows; i++) {
      const row = getRow(test.x, i);
      expect(JSON.stringify(scoreRow(loaded, row))).toBe(JSON.stringify(scoreRow(model, row)));
    }
    expect(canonicalJson(loaded.toJSON())).toBe(text);
  });

  it("carries format version, features, members, weights, calibration, scaling, components, catalog and metadata", () => {
    const artifact = model.toJSON();
    expect(artifact).toMatchObject({ formatVersion: ARTIFACT_FORMAT_VERSION, kind: "microtrust-ensemble", training: { rows: 1500, seed: 9 } });
    const { contentHash: declared, ...body } = artifact;
    expect(declared).toBe(contentHash(body));
    expect((artifact.config as { scaling: unknown }).scaling).toEqual({ anchorScore: 600, anchorOdds: 30, pointsToDoubleOdds: 40, minScore: 300, maxScore: 850 });
  });

  it("refuses a tampered, truncated or future-version artifact with INVALID_ARTIFACT", () => {
    const artifact = JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>;
    const tampered = { ...artifact, config: { ...(artifact.config as object), scaling: { anchorScore: 650, anchorOdds: 30, pointsToDoubleOdds: 40, minScore: 300, maxScore: 850 } } };
    const invalid = expect.objectContaining({ code: "INVALID_ARTIFACT" });
    expect(() => loadArtifact(tampered)).toThrow(invalid);
    expect(() => loadArtifact({ ...artifact, formatVersion: ARTIFACT_FORMAT_VERSION + 1 })).toThrow(invalid);
    expect(() => loadArtifact(canonicalJson(artifact).slice(0, 100))).toThrow(invalid);
    expect(() => loadArtifact({ ...artifact, contentHash: undefined })).toThrow(invalid);
  });
});

describe("resolveEnsembleConfig", () => {
  it("merges member params field by field onto the ensemble's defaults", () => {
    const config = resolveEnsembleConfig({ memberParams: { randomForest: { maxDepth: 4 } } });
    expect(config.memberParams.randomForest).toEqual({ ...DEFAULT_MEMBER_PARAMS.randomForest, maxDepth: 4 });
    expect(config.memberParams.gradientBoosting).toEqual(DEFAULT_MEMBER_PARAMS.gradientBoosting);
    expect(config.scaling).toEqual(DEFAULT_ENSEMBLE_CONFIG.scaling);
  });

  it("names the offending field", () => {
    expect(() => resolveEnsembleConfig({ crossFitFolds: 1 })).toThrow(/crossFitFolds/);
    expect(() => resolveEnsembleConfig({ maxAdverseReasons: 5 })).toThrow(/maxAdverseReasons/);
    expect(() => resolveEnsembleConfig({ weights: { kind: "fixed", weights: { scorecard: 0 } } })).toThrow(/positive sum/);
    expect(() => resolveEnsembleConfig({ weights: { kind: "validation", core: ["scorecard"], optional: [], gridStep: 0.3, minAucGain: 0 } })).toThrow(/gridStep/);
    expect(() => resolveEnsembleConfig({ memberParams: { neuralNet: {} } as never })).toThrow(/memberParams/);
    expect(() => resolveEnsembleConfig({ calibration: "beta" as never })).toThrow(/calibration/);
  });
});
