/**
 * Monotone constraints in every member (issue 13, age under lending rules): with a feature declared
 * −1 (PD non-increasing), raising it never raises any member's PD — whatever the other features, even
 * where the data say otherwise (risk here rises again past 62, as a U shape would have it).
 */
import { describe, expect, it } from "vitest";
import { Random } from "../core/random";
import { createMatrix, type Matrix } from "../data/matrix";
import { DEFAULT_GRADIENT_BOOSTING_PARAMS, fitGradientBoosting } from "./gradient-boosting";
import type { FittedBinaryClassifier } from "./model";
import { DEFAULT_RANDOM_FOREST_PARAMS, fitRandomForest } from "./random-forest";
import { DEFAULT_SCORECARD_PARAMS, fitScorecard } from "./scorecard";

function uShapedAgeBook(rows: number, seed: number): { x: Matrix; y: Float64Array } {
  const random = new Random(seed);
  const age = new Float64Array(rows);
  const debt = new Float64Array(rows);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    age[i] = random.nextFloat() < 0.03 ? NaN : 18 + random.nextFloat() * 72;
    debt[i] = random.nextGaussian();
    const ageEffect = Number.isNaN(age[i]) ? 0 : 0.002 * (age[i] - 55) ** 2 - 0.3;
    const logit = -2 + ageEffect + 0.8 * debt[i];
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x: createMatrix([{ name: "age", kind: "numeric" }, { name: "debt", kind: "numeric" }], [age, debt]), y };
}

const constraints = { age: -1 } as const;
const MEMBERS: readonly { name: string; fit(x: Matrix, y: Float64Array, constrained: boolean): FittedBinaryClassifier }[] = [
  { name: "scorecard", fit: (x, y, c) => fitScorecard({ ...DEFAULT_SCORECARD_PARAMS, ...(c ? { monotoneConstraints: constraints } : {}) }, x, y, { seed: 1 }) },
  { name: "random forest", fit: (x, y, c) => fitRandomForest({ ...DEFAULT_RANDOM_FOREST_PARAMS, treeCount: 20, ...(c ? { monotoneConstraints: constraints } : {}) }, x, y, { seed: 1 }) },
  { name: "gradient boosting", fit: (x, y, c) => fitGradientBoosting({ ...DEFAULT_GRADIENT_BOOSTING_PARAMS, iterations: 80, ...(c ? { monotoneConstraints: constraints } : {}) }, x, y, { seed: 1 }) },
];

/** Largest rise of PD over a grid of ages (step 0.5 year), over a range of the other feature. */
function largestRiseWithAge(model: FittedBinaryClassifier): number {
  let rise = -Infinity;
  for (let debt = -3; debt <= 3; debt += 0.25) {
    let previous = model.predictRowProba([18, debt]);
    for (let age = 18.5; age <= 100; age += 0.5) {
      const pd = model.predictRowProba([age, debt]);
      rise = Math.max(rise, pd - previous);
      previous = pd;
    }
  }
  return rise;
}

describe("monotone constraint on age (−1: older is never riskier)", () => {
  const { x, y } = uShapedAgeBook(12_000, 3);
  for (const member of MEMBERS) {
    it(`${member.name}: PD never rises with age when constrained, and does without (the test can fail)`, () => {
      expect(largestRiseWithAge(member.fit(x, y, false))).toBeGreaterThan(1e-4);
      expect(largestRiseWithAge(member.fit(x, y, true))).toBeLessThanOrEqual(0);
    });
  }
});
