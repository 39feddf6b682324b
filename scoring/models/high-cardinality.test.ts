/**
 * High-cardinality categoricals in every member (issue 13): a feature with 5,000 levels, most of them
 * rare, is accepted, carries its signal, and levels unseen in training (or rare) score like a missing
 * value — the documented "missing, rare or unseen" bin.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Random } from "../core/random";
import { createMatrix, type FeatureSpec, type Matrix } from "../data/matrix";
import { rocAuc } from "../metrics/index";
import { DEFAULT_GRADIENT_BOOSTING_PARAMS, fitGradientBoosting } from "./gradient-boosting";
import type { FittedBinaryClassifier } from "./model";
import { DEFAULT_RANDOM_FOREST_PARAMS, fitRandomForest } from "./random-forest";
import { DEFAULT_SCORECARD_PARAMS, fitScorecard } from "./scorecard";

const LEVELS = 5000;
const FREQUENT = 50;
const branch: FeatureSpec = { name: "branch", kind: "categorical", categories: Array.from({ length: LEVELS }, (_, k) => `branch-${String(k).padStart(4, "0")}`) };
const income: FeatureSpec = { name: "income", kind: "numeric" };

/**
 * Rows whose default risk depends on the branch: the first 50 branches are frequent (half of the
 * rows, about 200 each), odd ones risky; the other 4,950 are rare (about 2 rows each) and of average risk.
 */
function book(rows: number, seed: number, levels = LEVELS): { x: Matrix; y: Float64Array } {
  const random = new Random(seed);
  const codes = new Float64Array(rows);
  const incomes = new Float64Array(rows);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const code = random.nextFloat() < 0.5 ? random.nextInt(FREQUENT) : FREQUENT + random.nextInt(levels - FREQUENT);
    codes[i] = code;
    incomes[i] = random.nextGaussian();
    const risky = code < FREQUENT ? code % 2 === 1 : random.nextFloat() < 0.5;
    const logit = -1.5 + (risky ? 1.2 : -1.2) - 0.5 * incomes[i];
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x: createMatrix([branch, income], [codes, incomes]), y };
}

const MEMBERS: readonly { name: string; fit(x: Matrix, y: Float64Array): FittedBinaryClassifier }[] = [
  { name: "scorecard", fit: (x, y) => fitScorecard(DEFAULT_SCORECARD_PARAMS, x, y, { seed: 1 }) },
  { name: "random forest", fit: (x, y) => fitRandomForest({ ...DEFAULT_RANDOM_FOREST_PARAMS, treeCount: 20 }, x, y, { seed: 1 }) },
  { name: "gradient boosting", fit: (x, y) => fitGradientBoosting({ ...DEFAULT_GRADIENT_BOOSTING_PARAMS, iterations: 60 }, x, y, { seed: 1 }) },
];

for (const member of MEMBERS) {
  describe(`${member.name} on a categorical with ${LEVELS} levels`, () => {
    const train = book(20_000, 1);
    const test = book(5_000, 2);
    let model: FittedBinaryClassifier;
    beforeAll(() => {
      model = member.fit(train.x, train.y);
    });

    it("trains and predicts probabilities in [0, 1] that use the branch", () => {
      const pd = model.predictProba(test.x);
      expect(pd.every((p) => p >= 0 && p <= 1)).toBe(true);
      const withoutBranch = createMatrix(test.x.features, [new Float64Array(test.x.rows).fill(NaN), test.x.columns[1]]);
      // The frequent branches' signal is worth far more than income alone.
      expect(rocAuc(test.y, pd)).toBeGreaterThan(rocAuc(test.y, model.predictProba(withoutBranch)) + 0.05);
    });

    it("scores a level unseen in training, and a rare one, exactly like a missing branch", () => {
      const seen = new Set(Array.from(train.x.columns[0]));
      const unseen = Array.from({ length: LEVELS }, (_, k) => k).find((k) => k >= FREQUENT && !seen.has(k)) as number;
      const counts = new Map<number, number>();
      for (const c of train.x.columns[0]) counts.set(c, (counts.get(c) ?? 0) + 1);
      const rare = Array.from(counts.entries()).find(([code, n]) => code >= FREQUENT && n === 1)?.[0] as number;
      expect(unseen).toBeDefined();
      expect(rare).toBeDefined();
      for (const value of [-1.2, 0, 0.8]) {
        const missing = model.predictRowProba([NaN, value]);
        expect(model.predictRowProba([unseen, value])).toBe(missing);
        expect(model.predictRowProba([rare, value])).toBe(missing);
        expect(model.predictRowProba([LEVELS + 7, value])).toBe(missing);
      }
    });

    it("keeps its explanations exact for unseen levels", () => {
      const attribution = model.explainRow([LEVELS - 1, 0.3]);
      const total = attribution.base + attribution.contributions.reduce((s, c) => s + c, 0);
      expect(total).toBeCloseTo(attribution.output, 9);
    });
  });
}
