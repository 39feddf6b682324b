/**
 * The estimator contract (scoring/models/model.ts), run over every model the engine ships: the three
 * members and the ensemble. Data is synthetic (syntheticApplicants), never the benchmark files.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "../artifact/canonical-json";
import { loadArtifact } from "../artifact/load-artifact";
import { ScoringError } from "../core/errors";
import { createMatrix, getRow, type Matrix } from "../data/matrix";
import { resolveEnsembleConfig } from "../ensemble/ensemble-config";
import { syntheticApplicants } from "../ensemble/synthetic-applicants.fixture";
import { trainEnsemble } from "../ensemble/train-ensemble";
import { scoreFromProbability } from "../scale/points-to-double-odds";
import { DEFAULT_GRADIENT_BOOSTING_PARAMS, fitGradientBoosting, gradientBoostingFromJSON } from "./gradient-boosting";
import type { FittedBinaryClassifier } from "./model";
import { DEFAULT_RANDOM_FOREST_PARAMS, fitRandomForest, randomForestFromJSON } from "./random-forest";
import { DEFAULT_SCORECARD_PARAMS, fitScorecard, scorecardFromJSON } from "./scorecard";

/** Small settings so the suite runs in seconds; the contract does not depend on size. */
const SMALL = {
  scorecard: { ...DEFAULT_SCORECARD_PARAMS, maxPrebins: 10 },
  randomForest: { ...DEFAULT_RANDOM_FOREST_PARAMS, treeCount: 12, maxDepth: 6, maxLeaves: 24 },
  gradientBoosting: { ...DEFAULT_GRADIENT_BOOSTING_PARAMS, iterations: 30, learningRate: 0.2, earlyStoppingRounds: 10 },
};

interface Candidate {
  readonly name: string;
  fit(x: Matrix, y: Float64Array, seed: number): FittedBinaryClassifier;
  fromJSON(json: unknown): FittedBinaryClassifier;
}

const CANDIDATES: readonly Candidate[] = [
  { name: "scorecard", fit: (x, y, seed) => fitScorecard(SMALL.scorecard, x, y, { seed }), fromJSON: scorecardFromJSON },
  { name: "random forest", fit: (x, y, seed) => fitRandomForest(SMALL.randomForest, x, y, { seed }), fromJSON: randomForestFromJSON },
  { name: "gradient boosting", fit: (x, y, seed) => fitGradientBoosting(SMALL.gradientBoosting, x, y, { seed }), fromJSON: gradientBoostingFromJSON },
  {
    name: "ensemble",
    fit: (x, y, seed) => trainEnsemble(resolveEnsembleConfig({ memberParams: SMALL, weights: { kind: "validation", core: ["scorecard", "randomForest"], optional: ["gradientBoosting"], gridStep: 0.1, minAucGain: 0 } }), x, y, { seed }),
    fromJSON: loadArtifact,
  },
];

const sameBytes = (a: Float64Array, b: Float64Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

for (const candidate of CANDIDATES) {
  describe(`model contract: ${candidate.name}`, () => {
    const train = syntheticApplicants(1500, 11);
    const test = syntheticApplicants(300, 12);
    let model: FittedBinaryClassifier;
    let columnsBefore: Float64Array[];
    let labelsBefore: Float64Array;

    beforeAll(() => {
      columnsBefore = train.x.columns.map((c) => Float64Array.from(c));
      labelsBefore = Float64Array.from(train.y);
      model = candidate.fit(train.x, train.y, 5);
    });

    it("leaves its inputs untouched", () => {
      train.x.columns.forEach((column, j) => expect(sameBytes(column, columnsBefore[j])).toBe(true));
      expect(sameBytes(train.y, labelsBefore)).toBe(true);
    });

    it("throws SHAPE_MISMATCH on data of another width", () => {
      const narrow = createMatrix(train.x.features.slice(0, 3), train.x.columns.slice(0, 3));
      expect(() => model.predictProba(narrow)).toThrow(expect.objectContaining({ code: "SHAPE_MISMATCH" }));
      expect(() => model.predictRowProba(new Float64Array(3))).toThrow(ScoringError);
    });

    it("gives probabilities in [0, 1], also for a row with every feature missing", () => {
      for (const p of model.predictProba(test.x)) expect(p >= 0 && p <= 1).toBe(true);
      const missing = model.predictRowProba(new Float64Array(train.x.features.length).fill(NaN));
      expect(missing >= 0 && missing <= 1).toBe(true);
    });

    it("predicts one row as it predicts the matrix", () => {
      const all = model.predictProba(test.x);
      for (let i = 0; i < 20; i++) expect(model.predictRowProba(getRow(test.x, i))).toBe(all[i]);
    });

    it("gives the same bytes for the same seed", () => {
      expect(canonicalJson(candidate.fit(train.x, train.y, 5).toJSON())).toBe(canonicalJson(model.toJSON()));
    });

    it("predicts identical bytes after serialising to JSON text and back", () => {
      const reloaded = candidate.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
      expect(sameBytes(reloaded.predictProba(test.x), model.predictProba(test.x))).toBe(true);
    });

    it("explains every row with local accuracy: base + Σ contributions = output = the prediction", () => {
      for (let i = 0; i < test.x.rows; i++) {
        const row = getRow(test.x, i);
        const a = model.explainRow(row);
        const sum = a.contributions.reduce((s, v) => s + v, a.base);
        expect(Math.abs(sum - a.output)).toBeLessThan(1e-9);
        const p = a.space === "logit" ? 1 / (1 + Math.exp(-a.output)) : a.output;
        expect(Math.abs(p - model.predictRowProba(row))).toBeLessThan(1e-9);
      }
    });

    it("maps PD to a score that never rises when PD rises", () => {
      const pd = Array.from(model.predictProba(test.x)).sort((a, b) => a - b);
      for (let i = 1; i < pd.length; i++) expect(scoreFromProbability(pd[i]).score).toBeLessThanOrEqual(scoreFromProbability(pd[i - 1]).score);
    });
  });
}
