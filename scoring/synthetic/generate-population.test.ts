import { describe, expect, it } from "vitest";
import { generatePopulation, segments } from "./generate-population";

const AS_OF = "2026-01-01T00:00:00Z";

describe("generatePopulation", () => {
  it("is reproducible: the same seed gives the same bytes", () => {
    const a = generatePopulation({ seed: 42, size: 30, asOf: AS_OF });
    const b = generatePopulation({ seed: 42, size: 30, asOf: AS_OF });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("differs for a different seed", () => {
    const a = generatePopulation({ seed: 42, size: 30, asOf: AS_OF });
    const b = generatePopulation({ seed: 43, size: 30, asOf: AS_OF });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });

  it("gives the same borrowers when generated in batches", () => {
    const whole = generatePopulation({ seed: 5, size: 20, asOf: AS_OF });
    const batches = [...generatePopulation({ seed: 5, size: 8, asOf: AS_OF }), ...generatePopulation({ seed: 5, size: 12, asOf: AS_OF, startIndex: 8 })];
    expect(JSON.stringify(batches)).toBe(JSON.stringify(whole));
  });

  it("dates every pre-application signal before as-of and gives outcomes with their probabilities", () => {
    const asOfMs = Date.parse(AS_OF);
    const population = generatePopulation({ seed: 9, size: 300, asOf: AS_OF });
    for (const borrower of population) {
      for (const t of borrower.bundle.transactions) expect(Date.parse(t.occurredAt)).toBeLessThan(asOfMs);
      for (const e of borrower.bundle.events) expect(Date.parse(e.occurredAt)).toBeLessThan(asOfMs);
      for (const a of borrower.bundle.accounts) expect(Date.parse(a.openedAt)).toBeLessThan(asOfMs);
      expect(borrower.probabilityOfDefault).toBeGreaterThan(0);
      expect(borrower.probabilityOfDefault).toBeLessThan(1);
    }
    expect(new Set(population.map((b) => b.segment))).toEqual(new Set(segments));
    // Mean outcome tracks mean latent PD (law of large numbers, 300 draws: |difference| < 4 standard errors).
    const meanPd = population.reduce((s, b) => s + b.probabilityOfDefault, 0) / population.length;
    const rate = population.filter((b) => b.defaulted).length / population.length;
    expect(Math.abs(rate - meanPd)).toBeLessThan(4 * Math.sqrt((meanPd * (1 - meanPd)) / population.length));
  });

  it("includes thin files, missing data and fraud patterns", () => {
    const population = generatePopulation({ seed: 1, size: 400, asOf: AS_OF, fraudShare: 0.05 });
    expect(population.some((b) => b.bundle.transactions.length === 0)).toBe(true);
    expect(population.some((b) => b.bundle.bills.length === 0)).toBe(true);
    expect(population.some((b) => b.bundle.identity?.simRegisteredAt === undefined)).toBe(true);
    expect(population.some((b) => b.fraudPattern !== null)).toBe(true);
  });

  it("refuses bad options with the parameter named", () => {
    expect(() => generatePopulation({ seed: 1, size: -1, asOf: AS_OF })).toThrow(/generatePopulation: size/);
    expect(() => generatePopulation({ seed: 1, size: 1, asOf: "soon" })).toThrow(/generateBorrower: asOf/);
    expect(() => generatePopulation({ seed: 1, size: 1, asOf: AS_OF, fraudShare: 2 })).toThrow(/fraudShare/);
  });
});
