import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadArtifact } from "../artifact/load-artifact";
import { createMatrix, getRow, type FeatureSpec } from "../data/matrix";
import { buildFeatureMatrix } from "../features/engine-config";
import { computeFeatures } from "../features/compute-features";
import { distributeProportionally } from "../explain/probability-attribution";
import { buildLinearEnsemble, linearClassifier, logit, marginOf, sigmoid, TEST_TRAINING, type LinearMember } from "../explain/linear-ensemble.fixture";
import { generatePopulation } from "../synthetic/generate-population";
import { DEFAULT_ENSEMBLE_CONFIG } from "./ensemble-config";
import { FittedEnsemble, type ProbabilityCalibrator } from "./fitted-ensemble";

// The ensemble's PD is calibrate(Σ_k w_k · p_k(x)). These tests compute that sum themselves, from the
// members and weights, and compare it with what the ensemble returns — so a member dropped from (or
// counted twice in) any of the averaging loops shows, which the ensemble's self-consistency cannot.

const FEATURES: readonly FeatureSpec[] = [
  { name: "x0", kind: "numeric" },
  { name: "x1", kind: "numeric" },
];

/** A monotone calibration that is not the identity, so "calibrate the average" ≠ "average the calibrated". */
const squareRootCalibrator: ProbabilityCalibrator = { kind: "test-sqrt", calibrate: (p) => Math.sqrt(p), toJSON: () => ({ kind: "test-sqrt" }) };

function buildEnsemble(linear: readonly LinearMember[], weights: readonly number[], calibrator: ProbabilityCalibrator | null): FittedEnsemble {
  return buildLinearEnsemble(FEATURES, linear, weights, calibrator);
}

const LINEAR: readonly LinearMember[] = [
  { intercept: -2, betas: [0.8, -0.3] },
  { intercept: -1, betas: [-0.5, 0.6] },
  { intercept: -3, betas: [1.2, 0.4] },
];
const WEIGHTS = [0.5, 0.3, 0.2];
const ROWS: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 2],
  [-1.5, 0.5],
  [3, -2],
  [NaN, 1],
  [2, NaN],
  [NaN, NaN],
];

/** Σ_k w_k σ(margin_k(row)), written out here rather than asked of the ensemble. */
function expectedRaw(row: ArrayLike<number>): number {
  return LINEAR.reduce((sum, member, k) => sum + WEIGHTS[k] * sigmoid(marginOf(member, row)), 0);
}

describe("FittedEnsemble: the weighted average of its members, computed independently", () => {
  it("averages constant members by weight: 0.5·0.1 + 0.3·0.2 + 0.2·0.4 = 0.19", () => {
    const constant = [0.1, 0.2, 0.4].map((p): LinearMember => ({ intercept: logit(p), betas: [0, 0] }));
    const ensemble = buildEnsemble(constant, WEIGHTS, null);
    expect(ensemble.predictRowProba([1, 1])).toBeCloseTo(0.19, 14);
    expect(ensemble.predictProba(createMatrix(FEATURES, [Float64Array.of(1, 2), Float64Array.of(3, 4)]))[1]).toBeCloseTo(0.19, 14);
    expect(ensemble.explainRowDetailed([1, 1]).probabilityOfDefault).toBeCloseTo(0.19, 14);
    expect(ensemble.baseRawProbability).toBeCloseTo(0.19, 14);
  });

  const ensemble = buildEnsemble(LINEAR, WEIGHTS, squareRootCalibrator);

  it.each(ROWS.map((row) => [row]))("predictRowProba and rawRowProbability of %j are calibrate(Σ w_k p_k)", (row) => {
    expect(ensemble.rawRowProbability(row)).toBeCloseTo(expectedRaw(row), 14);
    expect(ensemble.predictRowProba(row)).toBeCloseTo(Math.sqrt(expectedRaw(row)), 14);
  });

  it("predictProba on a matrix gives calibrate(Σ w_k p_k) for every row", () => {
    const x = createMatrix(FEATURES, [Float64Array.from(ROWS, (r) => r[0]), Float64Array.from(ROWS, (r) => r[1])]);
    const predicted = ensemble.predictProba(x);
    expect(predicted).toHaveLength(ROWS.length);
    ROWS.forEach((row, i) => expect(predicted[i], `row ${i}`).toBeCloseTo(Math.sqrt(expectedRaw(row)), 14));
  });

  it.each(ROWS.map((row) => [row]))("explainRowDetailed of %j: every member's PD, the calibrated average, ψ summing to raw − raw base", (row) => {
    const detail = ensemble.explainRowDetailed(row);
    expect(Array.from(detail.memberProbabilities)).toEqual(LINEAR.map((m) => sigmoid(marginOf(m, row))));
    expect(detail.probabilityOfDefault).toBeCloseTo(Math.sqrt(expectedRaw(row)), 14);
    const rawBase = LINEAR.reduce((sum, m, k) => sum + WEIGHTS[k] * sigmoid(m.intercept), 0);
    expect(ensemble.baseRawProbability).toBeCloseTo(rawBase, 14);
    expect(detail.baseProbabilityOfDefault).toBeCloseTo(Math.sqrt(rawBase), 14);
    const psiSum = detail.probabilityAttribution.reduce((s, v) => s + v, 0);
    expect(psiSum).toBeCloseTo(expectedRaw(row) - rawBase, 14);
    // ψ_j = Σ_k w_k β_kj x_j · (σ(m_k) − σ(m0_k)) / (m_k − m0_k): each member's secant-rescaled share.
    const psi = FEATURES.map((_, j) =>
      LINEAR.reduce((sum, m, k) => {
        const margin = marginOf(m, row);
        const slope = margin === m.intercept ? sigmoid(margin) * (1 - sigmoid(margin)) : (sigmoid(margin) - sigmoid(m.intercept)) / (margin - m.intercept);
        return sum + WEIGHTS[k] * (Number.isNaN(row[j]) ? 0 : m.betas[j] * row[j]) * slope;
      }, 0),
    );
    psi.forEach((value, j) => expect(detail.probabilityAttribution[j], `ψ_${j}`).toBeCloseTo(value, 14));
  });

  it("explainRow is exactly additive in probability: base + Σ contributions = PD", () => {
    for (const row of ROWS) {
      const attribution = ensemble.explainRow(row);
      expect(attribution.space).toBe("probability");
      expect(attribution.output).toBe(ensemble.predictRowProba(row));
      expect(attribution.base).toBe(ensemble.baseProbabilityOfDefault);
      expect(attribution.base + attribution.contributions.reduce((s, v) => s + v, 0)).toBeCloseTo(attribution.output, 14);
    }
  });

  it("moves the raw average by exactly w_k · Δp_k when only member k changes, for every k and every prediction path", () => {
    const row = [1, 2];
    const x = createMatrix(FEATURES, [Float64Array.of(1), Float64Array.of(2)]);
    const before = buildEnsemble(LINEAR, WEIGHTS, null);
    LINEAR.forEach((member, k) => {
      const shifted = LINEAR.map((m, i) => (i === k ? { ...m, intercept: m.intercept + 1 } : m));
      const after = buildEnsemble(shifted, WEIGHTS, null);
      const expectedShift = WEIGHTS[k] * (sigmoid(marginOf(member, row) + 1) - sigmoid(marginOf(member, row)));
      expect(after.rawRowProbability(row) - before.rawRowProbability(row), `member ${k}, row path`).toBeCloseTo(expectedShift, 14);
      expect(after.predictProba(x)[0] - before.predictProba(x)[0], `member ${k}, matrix path`).toBeCloseTo(expectedShift, 14);
      expect(after.explainRowDetailed(row).probabilityOfDefault - before.explainRowDetailed(row).probabilityOfDefault, `member ${k}, explanation path`).toBeCloseTo(expectedShift, 14);
    });
  });

  it("explainRow spreads PD − base PD over the features in proportion to ψ", () => {
    for (const row of ROWS) {
      const detail = ensemble.explainRowDetailed(row);
      const contributions = ensemble.explainRow(row).contributions;
      expect(Array.from(contributions)).toEqual(Array.from(distributeProportionally(detail.probabilityOfDefault - detail.baseProbabilityOfDefault, detail.probabilityAttribution)));
    }
  });

  it("is immutable: frozen, and memberWeights() hands out a copy", () => {
    expect(Object.isFrozen(ensemble)).toBe(true);
    expect(Object.isFrozen(ensemble.members)).toBe(true);
    expect(Object.isFrozen(ensemble.features)).toBe(true);
    const weights = ensemble.memberWeights();
    expect(Array.from(weights)).toEqual(WEIGHTS);
    const before = ensemble.predictRowProba([1, 2]);
    weights[0] = 1;
    expect(ensemble.predictRowProba([1, 2])).toBe(before);
    expect(Array.from(ensemble.memberWeights())).toEqual(WEIGHTS);
  });

  it("keeps its configuration and training metadata in canonical form (sorted keys), detached from the caller's objects", () => {
    const config = { ...DEFAULT_ENSEMBLE_CONFIG, maxPositiveFactors: 2 };
    const built = new FittedEnsemble(FEATURES, [{ name: "scorecard", weight: 1, model: linearClassifier(FEATURES, LINEAR[0]) }], null, config, TEST_TRAINING);
    expect(built.config).toEqual(config);
    expect(built.config).not.toBe(config);
    expect(Object.keys(built.config)).toEqual(Object.keys(config).sort());
    expect(built.training).toEqual(TEST_TRAINING);
    expect(Object.keys(built.training)).toEqual(Object.keys(TEST_TRAINING).sort());
  });

  it.each<[string, () => FittedEnsemble, object]>([
    ["no member", () => new FittedEnsemble(FEATURES, [], null, DEFAULT_ENSEMBLE_CONFIG, TEST_TRAINING), { code: "INVALID_ARGUMENT", field: "members", message: "FittedEnsemble: at least one member is required" }],
    ["weights summing to 1.1", () => buildEnsemble(LINEAR, [0.5, 0.3, 0.3], null), { code: "INVALID_ARGUMENT", field: "weights", message: "FittedEnsemble: member weights must be > 0 and sum to 1, got 0.5, 0.3, 0.3" }],
    ["weights summing to 0.9", () => buildEnsemble(LINEAR, [0.5, 0.3, 0.1], null), { code: "INVALID_ARGUMENT", field: "weights" }],
    ["a zero weight", () => buildEnsemble(LINEAR, [0.5, 0.5, 0], null), { code: "INVALID_ARGUMENT", field: "weights" }],
    ["a negative weight", () => buildEnsemble(LINEAR, [0.7, 0.5, -0.2], null), { code: "INVALID_ARGUMENT", field: "weights" }],
    ["a NaN weight", () => buildEnsemble(LINEAR, [0.5, 0.5, NaN], null), { code: "INVALID_ARGUMENT", field: "weights" }],
    [
      "a member fitted on the features in another order",
      () => new FittedEnsemble(FEATURES, [{ name: "randomForest", weight: 1, model: { ...linearClassifier(FEATURES, LINEAR[0]), features: [FEATURES[1], FEATURES[0]] } }], null, DEFAULT_ENSEMBLE_CONFIG, TEST_TRAINING),
      { code: "SHAPE_MISMATCH", field: "randomForest", message: 'FittedEnsemble: member "randomForest" was fitted on other features' },
    ],
    ["a member fitted on fewer features", () => new FittedEnsemble(FEATURES, [{ name: "scorecard", weight: 1, model: { ...linearClassifier(FEATURES, LINEAR[0]), features: [FEATURES[0]] } }], null, DEFAULT_ENSEMBLE_CONFIG, TEST_TRAINING), { code: "SHAPE_MISMATCH", field: "scorecard" }],
    [
      "a member that reads a feature as categorical",
      () => new FittedEnsemble(FEATURES, [{ name: "scorecard", weight: 1, model: { ...linearClassifier(FEATURES, LINEAR[0]), features: [FEATURES[0], { name: "x1", kind: "categorical", categories: ["a"] }] } }], null, DEFAULT_ENSEMBLE_CONFIG, TEST_TRAINING),
      { code: "SHAPE_MISMATCH", field: "scorecard" },
    ],
  ])("refuses %s", (_name, build, error) => {
    expect(build).toThrow(expect.objectContaining(error));
  });

  it("accepts weights that sum to 1 up to rounding (0.1 + 0.2 + 0.7)", () => {
    expect(() => buildEnsemble(LINEAR, [0.1, 0.2, 0.7], null)).not.toThrow();
  });

  it("refuses a row or matrix of another width with SHAPE_MISMATCH naming the method", () => {
    expect(() => ensemble.predictRowProba([1])).toThrow(expect.objectContaining({ code: "SHAPE_MISMATCH", message: "FittedEnsemble.rawRowProbability: row has 1 values, model expects 2 features" }));
    expect(() => ensemble.explainRowDetailed([1, 2, 3])).toThrow(expect.objectContaining({ code: "SHAPE_MISMATCH", message: "FittedEnsemble.explainRow: row has 3 values, model expects 2 features" }));
    expect(() => ensemble.explainRow([1])).toThrow(expect.objectContaining({ code: "SHAPE_MISMATCH" }));
    expect(() => ensemble.predictProba(createMatrix([FEATURES[0]], [Float64Array.of(1)]))).toThrow(expect.objectContaining({ code: "SHAPE_MISMATCH", message: "FittedEnsemble.predictProba: model expects 2 features, data has 1" }));
  });
});

describe("the committed default model: its PD is the calibrated weighted average of its own members", () => {
  const model = loadArtifact(readFileSync(new URL("../artifacts/default-model.json", import.meta.url), "utf8"));
  const asOf = "2026-03-31T00:00:00Z";
  const vectors = generatePopulation({ seed: 77, size: 40, asOf }).map((b) => computeFeatures(b.bundle, b.context, asOf));
  const x = buildFeatureMatrix(vectors);
  const calibrate = (p: number): number => (model.calibrator === null ? p : model.calibrator.calibrate(p));
  const expected = (row: ArrayLike<number>): number => calibrate(model.members.reduce((sum, m) => sum + m.weight * m.model.predictRowProba(row), 0));

  it("has more than one member, each with a positive weight (else the check below proves little)", () => {
    expect(model.members.length).toBeGreaterThan(1);
    for (const member of model.members) expect(member.weight).toBeGreaterThan(0);
  });

  it("scores every applicant, by row, by matrix and in its explanation, as calibrate(Σ w_k p_k)", () => {
    const byMatrix = model.predictProba(x);
    for (let i = 0; i < x.rows; i++) {
      const row = getRow(x, i);
      const pd = expected(row);
      expect(model.predictRowProba(row), `row ${i}`).toBeCloseTo(pd, 14);
      expect(byMatrix[i], `matrix row ${i}`).toBeCloseTo(pd, 14);
      const detail = model.explainRowDetailed(row);
      expect(detail.probabilityOfDefault, `explanation row ${i}`).toBeCloseTo(pd, 14);
      expect(Array.from(detail.memberProbabilities)).toEqual(model.members.map((m) => m.model.predictRowProba(row)));
    }
  });
});
