import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildWaterfall } from "./waterfall-steps";

const contribution = (feature: string, points: number) => ({ feature, label: feature, points });

describe("buildWaterfall", () => {
  it("chains the steps from the base score to base + Σ points, by a hand-computed case", () => {
    const waterfall = buildWaterfall(600, [contribution("a", 10), contribution("b", -25), contribution("c", 4), contribution("d", 1)], 2);
    expect(waterfall.steps.map((step) => [step.label, step.start, step.end])).toEqual([
      ["Base score", 600, 600],
      ["b", 600, 575],
      ["a", 575, 585],
      ["2 other features", 585, 590],
      ["Score", 590, 590],
    ]);
    expect(waterfall.totalPoints).toBe(-10);
    expect(waterfall.scoreExact).toBe(590);
    expect(waterfall.axisMin).toBeLessThanOrEqual(565);
    expect(waterfall.axisMax).toBeGreaterThanOrEqual(610);
  });

  it("has no 'other features' step when every feature is shown", () => {
    const waterfall = buildWaterfall(500, [contribution("a", 3)], 5);
    expect(waterfall.steps.map((step) => step.key)).toEqual(["base", "a", "score"]);
  });

  it("each step starts where the previous ended and the last ends at base + Σ points (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 300, max: 850, noNaN: true }), fc.array(fc.double({ min: -80, max: 80, noNaN: true }), { maxLength: 40 }), fc.integer({ min: 1, max: 50 }), (base, points, shown) => {
        const waterfall = buildWaterfall(base, points.map((value, index) => contribution(`f${index}`, value)), shown);
        for (let index = 1; index < waterfall.steps.length; index += 1) expect(waterfall.steps[index].start).toBe(waterfall.steps[index - 1].end);
        const sum = points.reduce((total, value) => total + value, 0);
        expect(waterfall.scoreExact).toBeCloseTo(base + sum, 9);
        expect(waterfall.steps.length).toBe(2 + Math.min(points.length, shown) + (points.length > shown ? 1 : 0));
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a shownFeatures that is not a positive integer", () => {
    expect(() => buildWaterfall(600, [], 0)).toThrow(/buildWaterfall: shownFeatures/);
  });
});
