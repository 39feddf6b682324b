import { describe, expect, it } from "vitest";
import { readNumberCell } from "./exported-values";

describe("readNumberCell", () => {
  // Every form of docs/features.md's table, with the value and form it reads as.
  it.each([
    ["1200", 1200, "plain", null],
    ["-3.5", -3.5, "plain", null],
    ["1e3", 1000, "plain", null],
    [".5", 0.5, "plain", null],
    ["1,234", 1234, "thousands", null],
    ["12,500.75", 12500.75, "thousands", null],
    ["1,234,567", 1234567, "thousands", null],
    ["83.70%", 83.7, "percent", null],
    ["0%", 0, "percent", null],
    ["9.4 %", 9.4, "percent", null],
    ["36 months", 36, "unit", "month"],
    ["1 year", 1, "unit", "year"],
    ["2 Years", 2, "unit", "year"],
    ["10+ years", 10, "atLeast", "year"],
    ["> 5", 5, "atLeast", null],
    ["< 1 year", 0.5, "below", "year"],
  ] as const)("reads %j as %d (%s)", (text, value, form, unit) => {
    expect(readNumberCell(text)).toEqual({ value, form, unit });
  });

  it.each(["n/a", "abc", "36months", "10 +years", "0x10", "Infinity", "1,5", "12,34", "860xx", "RENT", "1.2.3", "< 1+ years", "%"])("does not read %j as a number", (text) => {
    expect(readNumberCell(text)).toBeNull();
  });

  it("keeps the order of lender employment-length levels", () => {
    const levels = ["< 1 year", "1 year", "2 years", "9 years", "10+ years"].map((t) => readNumberCell(t)?.value as number);
    expect([...levels].sort((a, b) => a - b)).toEqual(levels);
    expect(new Set(levels).size).toBe(levels.length);
  });
});
