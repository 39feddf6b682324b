import { describe, expect, it } from "vitest";
import { hasCashFlow } from "./cash-flow-months";

describe("hasCashFlow", () => {
  const quiet = { month: "2026-01", inflow: "0", outflow: "0.00", net: "0" };
  it("is false for no months and for twelve months of zeros, true as soon as one month moved money", () => {
    expect(hasCashFlow([])).toBe(false);
    expect(hasCashFlow(Array.from({ length: 12 }, () => quiet))).toBe(false);
    expect(hasCashFlow([quiet, { ...quiet, outflow: "150.00", net: "-150.00" }])).toBe(true);
    expect(hasCashFlow([{ ...quiet, inflow: "0.01", net: "0.01" }])).toBe(true);
  });
});
