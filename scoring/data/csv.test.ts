import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
import { describeColumnReading } from "./column-reading";
import { parseCsv } from "./csv";

describe("parseCsv", () => {
  const text = ',y,income,city\n7,0,1200,Lagos\n8,1,NA,Nairobi\n9,0,,"Lagos"\n';

  it("reads an unnamed first column as row ids, the target as labels, NA and empty cells as NaN", () => {
    const { matrix, labels, rowIds } = parseCsv(text, { target: "y" });
    expect(rowIds).toEqual(["7", "8", "9"]);
    expect(Array.from(labels ?? [])).toEqual([0, 1, 0]);
    expect(matrix.features.map((f) => f.name)).toEqual(["income", "city"]);
    expect(Array.from(matrix.columns[0])).toEqual([1200, NaN, NaN]);
  });

  it("detects a categorical column and codes it by its sorted distinct values", () => {
    const { matrix } = parseCsv(text, { target: "y" });
    expect(matrix.features[1]).toEqual({ name: "city", kind: "categorical", categories: ["Lagos", "Nairobi"] });
    expect(Array.from(matrix.columns[1])).toEqual([0, 1, 0]);
  });

  it("follows a declared spec: its order, its categories, an unseen category as missing, extra columns ignored", () => {
    const { matrix, labels, rowIds } = parseCsv(text, {
      features: [
        { name: "city", kind: "categorical", categories: ["Nairobi"] },
        { name: "income", kind: "numeric" },
      ],
    });
    expect(labels).toBeNull();
    expect(rowIds).toEqual(["7", "8", "9"]);
    expect(Array.from(matrix.columns[0])).toEqual([NaN, 0, NaN]);
    expect(matrix.features.map((f) => f.name)).toEqual(["city", "income"]);
  });

  it("uses data row indices as ids when there is no id column", () => {
    expect(parseCsv("a,b\n1,2\n3,4\n").rowIds).toEqual(["0", "1"]);
  });

  it("reads a lender's export: percent strings, n/a, unit words, thousands separators, empty cells", () => {
    const exported = [
      "loan_amnt,term,emp_length,revol_util,annual_inc,zip_code,loan_status",
      '5000,36 months,10+ years,83.70%,"24,000",860xx,Fully Paid',
      '2500,60 months,< 1 year,9.40%,"1,230,000.50",309xx,Charged Off',
      "2400,36 months,n/a,,12252,606xx,Fully Paid",
      "10000,36 months,3 years,0%,NA,917xx,Charged Off",
    ].join("\n");
    const { matrix, labels, readings } = parseCsv(exported, { target: "loan_status", positiveLabel: "Charged Off" });
    expect(Array.from(labels ?? [])).toEqual([0, 1, 0, 1]);
    const column = (name: string) => Array.from(matrix.columns[matrix.features.findIndex((f) => f.name === name)]);
    expect(column("term")).toEqual([36, 60, 36, 36]);
    expect(column("emp_length")).toEqual([10, 0.5, NaN, 3]);
    expect(column("revol_util")).toEqual([83.7, 9.4, NaN, 0]);
    expect(column("annual_inc")).toEqual([24000, 1230000.5, 12252, NaN]);
    expect(matrix.features.find((f) => f.name === "zip_code")).toEqual({ name: "zip_code", kind: "categorical", categories: ["309xx", "606xx", "860xx", "917xx"] });
    const summary = readings.map(describeColumnReading);
    expect(summary.find((line) => line.startsWith("revol_util"))).toBe('revol_util: number (inferred) — percent 3 cells, "83.70%" → 83.7; 1 missing');
    expect(summary.find((line) => line.startsWith("emp_length"))).toContain('unit "year"');
    expect(summary.find((line) => line.startsWith("zip_code"))).toBe("zip_code: category (inferred), 4 levels; 0 missing");
  });

  it("reads a column listed as categorical as categories even when it holds numbers", () => {
    const { matrix } = parseCsv("branch,y\n001,0\n002,1\n001,0\n", { target: "y", categorical: ["branch"] });
    expect(matrix.features[0]).toEqual({ name: "branch", kind: "categorical", categories: ["001", "002"] });
  });

  it("reads a model's numeric feature in any export form, and refuses a non-number naming the value", () => {
    const spec = [{ name: "revol_util", kind: "numeric" as const }];
    expect(Array.from(parseCsv('revol_util\n83.70%\n"1,200"\nn/a\n', { features: spec }).matrix.columns[0])).toEqual([83.7, 1200, NaN]);
    expect(() => parseCsv("revol_util\n83.70%\nhigh\n", { features: spec })).toThrow(/"revol_util" at data row 1 is "high"/);
  });

  it("refuses a mostly numeric column with a stray text, mixed units and percentages mixed with plain numbers", () => {
    const stray = ["income", ...Array.from({ length: 40 }, (_, i) => String(1000 + i)), "unknown"].join("\n");
    expect(() => parseCsv(stray)).toThrow(/column "income" holds numbers except "unknown" \(data row 40\)/);
    expect(() => parseCsv("term\n36 months\n3 years\n")).toThrow(/column "term" mixes units: "36 months" and "3 years"/);
    expect(() => parseCsv("util\n83.70%\n0.5\n")).toThrow(/mixes percentages \("83.70%"\) with plain numbers \("0.5"\)/);
  });

  it("refuses a text target without a positive label, naming the value", () => {
    expect(() => parseCsv("a,s\n1,Fully Paid\n2,Charged Off\n", { target: "s" })).toThrow(/"Fully Paid", expected 0 or 1/);
  });

  it("names the column in its errors", () => {
    expect(() => parseCsv(text, { target: "default" })).toThrow(/"default"/);
    expect(() => parseCsv(",y\n1,2\n", { target: "y" })).toThrow(/expected 0 or 1/);
    expect(() => parseCsv("a,b\n1,x\n", { features: [{ name: "b", kind: "numeric" }] })).toThrow(/numeric feature "b" at data row 0 is "x"/);
    expect(() => parseCsv("a,a\n1,2\n")).toThrow(ScoringError);
    expect(() => parseCsv("a,b\n1\n")).toThrow(/malformed CSV/);
  });
});
