import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attributionInProbabilitySpace, distributeProportionally } from "./probability-attribution";
import { MAX_PRINCIPAL_REASONS, fallbackMissingText, fallbackReasonCode, selectReasons, validateReasonCatalog } from "./reason-codes";

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const finite = fc.double({ min: -5, max: 5, noNaN: true });

describe("attributionInProbabilitySpace", () => {
  it("keeps local accuracy: Σφ' = σ(m) − σ(m0), base' = σ(m0), output' = σ(m) (property)", () => {
    fc.assert(
      fc.property(fc.array(finite, { minLength: 1, maxLength: 8 }), finite, (phi, base) => {
        const output = phi.reduce((s, v) => s + v, base);
        const moved = attributionInProbabilitySpace({ space: "logit", base, contributions: Float64Array.from(phi), output });
        const sum = moved.contributions.reduce((s, v) => s + v, 0);
        expect(moved.space).toBe("probability");
        expect(sum).toBeCloseTo(sigmoid(output) - sigmoid(base), 12);
        expect(moved.base).toBeCloseTo(sigmoid(base), 15);
        phi.forEach((v, j) => expect(Math.sign(moved.contributions[j]) === Math.sign(v) || moved.contributions[j] === 0).toBe(true));
      }),
    );
  });

  it("uses the derivative σ(m)(1 − σ(m)) when m = m0 (contributions that cancel)", () => {
    const moved = attributionInProbabilitySpace({ space: "logit", base: 0, contributions: Float64Array.of(1, -1), output: 0 });
    expect(Array.from(moved.contributions)).toEqual([0.25, -0.25]);
  });

  it("leaves a probability-space attribution as it is", () => {
    const attribution = { space: "probability" as const, base: 0.1, contributions: Float64Array.of(0.05), output: 0.15 };
    expect(attributionInProbabilitySpace(attribution)).toBe(attribution);
  });
});

describe("distributeProportionally", () => {
  it("splits the total in proportion: 10 over (1, 3) → (2.5, 7.5)", () => {
    expect(Array.from(distributeProportionally(10, [1, 3]))).toEqual([2.5, 7.5]);
  });

  it("sums to the total up to rounding for any weights, including cancelling ones (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -500, max: 500, noNaN: true }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }), (total, weights) => {
        const out = distributeProportionally(total, weights);
        // Rounding grows with the conditioning Σ|w| / |Σw| (each out_j is total·w_j/Σw, summed back): the
        // bound is n·ε·|total|·Σ|w|/|Σw|, with a factor 4 to spare; the degenerate branch keeps it at n·ε·|total|.
        const sum = weights.reduce((s, w) => s + w, 0);
        const absSum = weights.reduce((s, w) => s + Math.abs(w), 0);
        const conditioning = Math.abs(sum) > 1e-12 * Math.max(1, absSum) ? Math.max(1, absSum / Math.abs(sum)) : 1;
        const bound = 4 * weights.length * Number.EPSILON * Math.max(1, Math.abs(total)) * conditioning;
        expect(Math.abs(out.reduce((s, v) => s + v, 0) - total)).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 2000 },
    );
  });

  it("spreads by |w| when the weights cancel, evenly when they are all zero", () => {
    expect(Array.from(distributeProportionally(4, [1, -1]))).toEqual([2, 2]);
    expect(Array.from(distributeProportionally(3, [0, 0, 0]))).toEqual([1, 1, 1]);
  });
});

describe("reason codes", () => {
  const contributions = [
    { feature: "utilisation", component: "credit", value: 0.4, points: -30 },
    { feature: "age", component: "profile", value: 52, points: 12 },
    { feature: "late90", component: "history", value: 2, points: -55 },
    { feature: "late30", component: "history", value: 1, points: -5 },
    { feature: "income", component: "capacity", value: 900, points: -5 },
    { feature: "dependants", component: "profile", value: 3, points: -1 },
    { feature: "lines", component: "credit", value: 4, points: 0 },
  ];
  const catalog = { late90: { code: "DLQ90", adverse: "Serious delinquency (90+ days late)", positive: "No serious delinquency" } };

  it("gives at most four principal adverse reasons, most adverse first, ties in feature order", () => {
    const { adverseReasons, positiveFactors } = selectReasons(contributions, catalog);
    expect(adverseReasons.map((r) => r.feature)).toEqual(["late90", "utilisation", "late30", "income"]);
    expect(adverseReasons[0]).toMatchObject({ code: "DLQ90", text: "Serious delinquency (90+ days late)", points: -55 });
    expect(positiveFactors.map((r) => r.feature)).toEqual(["age"]);
    expect(adverseReasons.length).toBeLessThanOrEqual(MAX_PRINCIPAL_REASONS);
  });

  it("never gives zero-point features as reasons, and refuses more than four adverse reasons", () => {
    const { adverseReasons, positiveFactors } = selectReasons(contributions, catalog, 4, 10);
    expect([...adverseReasons, ...positiveFactors].some((r) => r.feature === "lines")).toBe(false);
    expect(() => selectReasons(contributions, catalog, 5)).toThrow(/maxAdverse/);
  });

  it("falls back to a stable code and texts that name the factor, never 'score too low'", () => {
    const entry = fallbackReasonCode("NumberOfTime30-59DaysPastDueNotWorse");
    expect(entry.code).toBe("NUMBER_OF_TIME_30_59_DAYS_PAST_DUE_NOT_WORSE");
    expect(entry.adverse).toContain("number of time 30 59 days past due not worse");
    expect(entry.adverse.toLowerCase()).not.toContain("score");
  });

  it("states the absence, not bad conduct, when the value is missing (catalog text, else the fallback)", () => {
    const withMissing = { late90: { ...catalog.late90, missing: "No record of past repayments" } };
    const missingLate90 = contributions.map((c) => (c.feature === "late90" || c.feature === "income" ? { ...c, value: null } : c));
    const { adverseReasons } = selectReasons(missingLate90, withMissing);
    expect(adverseReasons[0]).toMatchObject({ feature: "late90", code: "DLQ90", text: "No record of past repayments", points: -55 });
    expect(adverseReasons.find((r) => r.feature === "income")?.text).toBe("No record of your income");
    expect(adverseReasons.find((r) => r.feature === "utilisation")?.text).toBe(fallbackReasonCode("utilisation").adverse);
    expect(selectReasons(missingLate90, catalog).adverseReasons[0].text).toBe(fallbackMissingText("late90"));
  });

  it("refuses an empty missing text", () => {
    expect(() => validateReasonCatalog("t", { a: { code: "X", adverse: "a", positive: "a", missing: "" } })).toThrow(/missing/);
  });

  it("refuses duplicate codes in a catalog", () => {
    expect(() => validateReasonCatalog("t", { a: { code: "X", adverse: "a", positive: "a" }, b: { code: "X", adverse: "b", positive: "b" } })).toThrow(/unique/);
  });
});
