import { describe, expect, it } from "vitest";
import { Random } from "../core/random";
import { bootstrapAucInterval, brierScore, calibrationByQuantile, f1AtThreshold, gini, ksStatistic, logLoss, populationStabilityIndex, populationStabilityIndexFromShares, binnedDistribution, rocAuc, rocCurve } from "./index";

/** AUC by definition: share of (default, non-default) pairs ordered correctly, ties counting ½. */
function pairwiseAuc(labels: number[], scores: number[]): number {
  let concordant = 0;
  let pairs = 0;
  labels.forEach((yi, i) => {
    if (yi !== 1) return;
    labels.forEach((yj, j) => {
      if (yj !== 0) return;
      pairs++;
      concordant += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    });
  });
  return concordant / pairs;
}

function randomSample(seed: number, n: number): { labels: number[]; scores: number[] } {
  const random = new Random(seed);
  const labels: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = random.nextFloat() < 0.3 ? 1 : 0;
    labels.push(label);
    // Rounded to produce many ties.
    scores.push(Math.round((random.nextGaussian() + label) * 4) / 4);
  }
  return { labels, scores };
}

describe("rocAuc", () => {
  it("matches scikit-learn's documented example", () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
  });

  it("gives tied pairs half credit (hand count: 3 of 4 pairs)", () => {
    // Defaults at 0.5 and 0.9, non-defaults at 0.5 and 0.5: 0.5 + 0.5 + 1 + 1 = 3 of 4 pairs.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.9])).toBe(0.75);
    expect(rocAuc([0, 1, 0, 1], [2, 2, 2, 2])).toBe(0.5);
  });

  it("equals the pairwise definition on tied random data, and reversing scores gives 1 − AUC", () => {
    for (const seed of [1, 2, 3]) {
      const { labels, scores } = randomSample(seed, 300);
      const auc = rocAuc(labels, scores);
      expect(auc).toBeCloseTo(pairwiseAuc(labels, scores), 12);
      expect(rocAuc(labels, scores.map((s) => -s))).toBeCloseTo(1 - auc, 12);
      expect(gini(labels, scores)).toBeCloseTo(2 * auc - 1, 12);
    }
  });

  it("rejects one class, NaN scores and mismatched lengths", () => {
    expect(() => rocAuc([1, 1], [0.1, 0.2])).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
    expect(() => rocAuc([0, 1], [0.1, NaN])).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
    expect(() => rocAuc([0, 1], [0.1])).toThrow(expect.objectContaining({ code: "SHAPE_MISMATCH" }));
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
  });
});

describe("rocCurve and ksStatistic", () => {
  it("match scikit-learn's roc_curve example (drop_intermediate=False)", () => {
    const curve = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect([...curve.thresholds]).toEqual([Infinity, 0.8, 0.4, 0.35, 0.1]);
    expect([...curve.truePositiveRate]).toEqual([0, 0.5, 0.5, 1, 1]);
    expect([...curve.falsePositiveRate]).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(ksStatistic([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.5);
  });

  it("has trapezoid area equal to the AUC, KS in [0, 1], and KS = 1 under perfect separation", () => {
    const { labels, scores } = randomSample(4, 500);
    const curve = rocCurve(labels, scores);
    let area = 0;
    for (let k = 1; k < curve.thresholds.length; k++) {
      area += ((curve.falsePositiveRate[k] - curve.falsePositiveRate[k - 1]) * (curve.truePositiveRate[k] + curve.truePositiveRate[k - 1])) / 2;
    }
    expect(area).toBeCloseTo(rocAuc(labels, scores), 12);
    const ks = ksStatistic(labels, scores);
    expect(ks).toBeGreaterThan(0);
    expect(ks).toBeLessThanOrEqual(1);
    expect(ksStatistic([0, 0, 1, 1], [1, 2, 3, 4])).toBe(1);
  });
});

describe("bootstrapAucInterval", () => {
  it("is deterministic per seed and brackets the estimate", () => {
    const { labels, scores } = randomSample(5, 400);
    const first = bootstrapAucInterval(labels, scores, { seed: 9, resamples: 300, level: 0.95 });
    expect(bootstrapAucInterval(labels, scores, { seed: 9, resamples: 300, level: 0.95 })).toEqual(first);
    expect(first.estimate).toBe(rocAuc(labels, scores));
    expect(first.lower).toBeLessThan(first.estimate);
    expect(first.upper).toBeGreaterThan(first.estimate);
    const narrower = bootstrapAucInterval(labels, scores, { seed: 9, resamples: 300, level: 0.5 });
    expect(narrower.upper - narrower.lower).toBeLessThan(first.upper - first.lower);
  });

  it("collapses to [1, 1] under perfect separation (every stratified resample keeps both classes)", () => {
    const interval = bootstrapAucInterval([0, 0, 0, 1, 1], [1, 2, 3, 4, 5], { seed: 1, resamples: 50, level: 0.9 });
    expect([interval.lower, interval.upper]).toEqual([1, 1]);
  });

  it("guards its options", () => {
    expect(() => bootstrapAucInterval([0, 1], [0, 1], { seed: 1, resamples: 1, level: 0.9 })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
    expect(() => bootstrapAucInterval([0, 1], [0, 1], { seed: 1, resamples: 10, level: 1 })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});

describe("probability metrics", () => {
  it("f1AtThreshold counts p ≥ threshold as flagged (hand count TP 2, FP 1, FN 1 → F1 = 4/6)", () => {
    const labels = [1, 1, 1, 0, 0, 0];
    const probabilities = [0.9, 0.5, 0.2, 0.5, 0.1, 0];
    expect(f1AtThreshold(labels, probabilities, 0.5)).toBeCloseTo(4 / 6, 15);
    expect(f1AtThreshold([0, 0], [0.1, 0.2], 0.5)).toBe(0);
  });

  it("brierScore and logLoss match hand computations", () => {
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 15);
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 15);
    // A certain mistake is clipped at eps = 1e-15, as scikit-learn.
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(1e-15), 10);
    expect(() => brierScore([1], [1.2])).toThrow(expect.objectContaining({ code: "INVALID_DATA" }));
  });

  it("calibrationByQuantile bins by quantiles of p and reports count, mean prediction and observed rate", () => {
    const table = calibrationByQuantile([0, 0, 1, 1, 0, 1], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 2);
    // Edges: quantiles 0, 0.5, 1 of p → 0.1, 0.35, 0.6.
    expect(table.map((bin) => bin.count)).toEqual([3, 3]);
    expect(table[0].meanPredicted).toBeCloseTo(0.2, 15);
    expect(table[0].observedRate).toBeCloseTo(1 / 3, 15);
    expect(table[1].meanPredicted).toBeCloseTo(0.5, 15);
    expect(table[1].observedRate).toBeCloseTo(2 / 3, 15);
    // Tied probabilities collapse the quantile bins into one.
    expect(calibrationByQuantile([0, 1, 0, 1], [0.3, 0.3, 0.3, 0.3], 4).map((bin) => bin.count)).toEqual([4]);
  });
});

describe("populationStabilityIndex", () => {
  it("is 0 for identical samples and positive for a shift", () => {
    const { scores } = randomSample(6, 1000);
    expect(populationStabilityIndex(scores, scores)).toBe(0);
    expect(populationStabilityIndex(scores, scores.map((s) => s + 0.5))).toBeGreaterThan(0.1);
  });

  it("matches a hand computation on given edges: shares (½, ½) vs (¼, ¾)", () => {
    const psi = populationStabilityIndex([1, 1, 3, 3], [1, 3, 3, 3], { edges: [2] });
    expect(psi).toBeCloseTo((0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5), 15);
  });

  it("floors an empty bin's share so the index stays finite", () => {
    const psi = populationStabilityIndex([1, 3], [3, 3], { edges: [2], floor: 1e-4 });
    expect(psi).toBeCloseTo((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + (1 - 0.5) * Math.log(1 / 0.5), 12);
    expect(() => populationStabilityIndex([1, 3], [3, 3], { edges: [2, 2] })).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });

  it("gives the same index from a stored binned distribution as from the raw expected sample", () => {
    const { scores } = randomSample(7, 2000);
    const shifted = scores.map((s) => s * 0.8 + 0.1);
    const stored = binnedDistribution(scores, 10);
    expect(stored.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(populationStabilityIndexFromShares(stored, shifted)).toBe(populationStabilityIndex(scores, shifted, { bins: 10 }));
    expect(() => populationStabilityIndexFromShares({ edges: [1], shares: [1] }, shifted)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT" }));
  });
});
