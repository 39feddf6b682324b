import { describe, expect, it } from "vitest";
import { attributionInProbabilitySpace, distributeProportionally } from "./probability-attribution";
import { fallbackMissingText, fallbackReasonCode, reasonCodeFor, selectReasons, validateReasonCatalog, type ReasonCatalog } from "./reason-codes";

// Edges of the explanation helpers: the secant's switch to the derivative, the degenerate spread, the
// logistic function far from 0, fallback reason codes for awkward names, and every guard's message.

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("attributionInProbabilitySpace at its edges", () => {
  it("uses the secant slope (σ(m) − σ(m0)) / (m − m0) as soon as |m − m0| reaches 1e-9", () => {
    const m0 = 0.3;
    const m = m0 + 2e-9;
    const moved = attributionInProbabilitySpace({ space: "logit", base: m0, contributions: Float64Array.of(2e-9), output: m });
    expect(moved.contributions[0]).toBe(2e-9 * ((sigmoid(m) - sigmoid(m0)) / (m - m0)));
  });

  it("uses the derivative σ(m)(1 − σ(m)) below 1e-9, not the (noisy) secant", () => {
    const moved = attributionInProbabilitySpace({ space: "logit", base: 1, contributions: Float64Array.of(3, -3), output: 1 });
    const p = sigmoid(1);
    expect(Array.from(moved.contributions)).toEqual([3 * p * (1 - p), -3 * p * (1 - p)]);
  });

  it("stays finite and exact far into the tails (σ computed without overflow for large |z|)", () => {
    const moved = attributionInProbabilitySpace({ space: "logit", base: -800, contributions: Float64Array.of(10), output: -790 });
    expect(moved.base).toBe(Math.exp(-800) / (1 + Math.exp(-800)));
    expect(moved.output).toBe(Math.exp(-790) / (1 + Math.exp(-790)));
    expect(Number.isFinite(moved.contributions[0])).toBe(true);
    const high = attributionInProbabilitySpace({ space: "logit", base: 800, contributions: Float64Array.of(-10), output: 790 });
    expect([high.base, high.output]).toEqual([1, 1]);
    expect(Number.isFinite(high.contributions[0])).toBe(true);
  });
});

describe("distributeProportionally at its edges", () => {
  it("returns nothing for no features", () => {
    expect(distributeProportionally(5, [])).toEqual(new Float64Array(0));
  });

  it("splits by the weights while their sum is above 1e-12 of their size, by |w| at or below it", () => {
    // Σw = 2e-12 with Σ|w| = 2 + 2e-12: 2e-12 > 1e-12·2 is false → spread by |w|.
    expect(Array.from(distributeProportionally(4, [1 + 2e-12, -1]))).toEqual([(4 * (1 + 2e-12)) / (2 + 2e-12), 4 / (2 + 2e-12)]);
    // Σw = 0.5: proportional, signs kept.
    expect(Array.from(distributeProportionally(1, [1, -0.5]))).toEqual([2, -1]);
    // Tiny weights that do not cancel: the threshold is relative to max(1, Σ|w|), so 1e-13 + 1e-13 is degenerate…
    expect(Array.from(distributeProportionally(1, [1e-13, 1e-13]))).toEqual([0.5, 0.5]);
    // …and 2e-11 is not: split in proportion, signs kept.
    const proportional = distributeProportionally(1, [3e-11, -1e-11]);
    expect(proportional[0]).toBeCloseTo(1.5, 12);
    expect(proportional[1]).toBeCloseTo(-0.5, 12);
  });
});

describe("reason codes at their edges", () => {
  it("builds fallback codes from awkward feature names", () => {
    expect(fallbackReasonCode("x").code).toBe("X");
    expect(fallbackReasonCode("a_b--c")).toMatchObject({ code: "A_B_C", adverse: "Your a b c increased the estimated risk" });
    expect(fallbackReasonCode("loanDays90Late").code).toBe("LOAN_DAYS_90_LATE");
    expect(fallbackReasonCode("___")).toMatchObject({ code: "FEATURE", adverse: "Your ___ increased the estimated risk", positive: "Your ___ lowered the estimated risk", missing: "No record of your ___" });
    expect(fallbackMissingText("monthlyIncome")).toBe("No record of your monthly income");
  });

  it("reads only the catalog's own entries (not inherited properties)", () => {
    const catalog: ReasonCatalog = { income: { code: "INC", adverse: "a", positive: "p" } };
    expect(reasonCodeFor(catalog, "income").code).toBe("INC");
    expect(reasonCodeFor(catalog, "toString").code).toBe("TO_STRING");
  });

  it("keeps at most maxPositive factors and none with maxAdverse 0", () => {
    const contributions = [1, 2, 3, -1, -2].map((points, k) => ({ feature: `f${k}`, component: "c", value: 1, points }));
    const { adverseReasons, positiveFactors } = selectReasons(contributions, {}, 0, 2);
    expect(adverseReasons).toEqual([]);
    expect(positiveFactors.map((r) => r.feature)).toEqual(["f2", "f1"]);
    expect(positiveFactors[0]).toEqual({ code: "F_2", text: "Your f 2 lowered the estimated risk", feature: "f2", component: "c", points: 3 });
    expect(selectReasons(contributions, {}, 4, 0).positiveFactors).toEqual([]);
  });

  it.each<[number, number, string]>([
    [-1, 4, "selectReasons: maxAdverse must be an integer in [0, 4], got -1"],
    [1.5, 4, "selectReasons: maxAdverse must be an integer in [0, 4], got 1.5"],
    [5, 4, "selectReasons: maxAdverse must be an integer in [0, 4], got 5"],
    [4, -1, "selectReasons: maxPositive must be an integer ≥ 0, got -1"],
    [4, 0.5, "selectReasons: maxPositive must be an integer ≥ 0, got 0.5"],
  ])("refuses maxAdverse %s, maxPositive %s", (maxAdverse, maxPositive, message) => {
    expect(() => selectReasons([], {}, maxAdverse, maxPositive)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", message }));
  });

  it("accepts a catalog with and without missing texts", () => {
    expect(() => validateReasonCatalog("t", { a: { code: "A", adverse: "a", positive: "p" }, b: { code: "B", adverse: "a", positive: "p", missing: "m" } })).not.toThrow();
  });

  it.each<[string, ReasonCatalog, string]>([
    ["an empty code", { a: { code: "", adverse: "a", positive: "p" } }, 't: reasonCatalog must be a non-empty code for "a"'],
    ["an empty adverse text", { a: { code: "A", adverse: "", positive: "p" } }, 't: reasonCatalog must be adverse and positive texts for "a"'],
    ["an empty positive text", { a: { code: "A", adverse: "a", positive: "" } }, 't: reasonCatalog must be adverse and positive texts for "a"'],
    ["a missing text that is not a string", { a: { code: "A", adverse: "a", positive: "p", missing: 3 as unknown as string } }, 't: reasonCatalog must be a non-empty missing text (or none) for "a"'],
    ["a repeated code", { a: { code: "X", adverse: "a", positive: "p" }, b: { code: "X", adverse: "a", positive: "p" } }, 't: reasonCatalog must be unique codes, "X" is used by "a" and "b"'],
    ["a code that is not a string", { a: { code: 7 as unknown as string, adverse: "a", positive: "p" } }, 't: reasonCatalog must be a non-empty code for "a"'],
    ["texts that are not strings", { a: { code: "A", adverse: 1 as unknown as string, positive: "p" } }, 't: reasonCatalog must be adverse and positive texts for "a"'],
  ])("refuses %s", (_name, catalog, message) => {
    expect(() => validateReasonCatalog("t", catalog)).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", field: "reasonCatalog", message }));
  });
});
