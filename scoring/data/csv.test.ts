import { describe, expect, it } from "vitest";
import { ScoringError } from "../core/errors";
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

  it("names the column in its errors", () => {
    expect(() => parseCsv(text, { target: "default" })).toThrow(/"default"/);
    expect(() => parseCsv(",y\n1,2\n", { target: "y" })).toThrow(/expected 0 or 1/);
    expect(() => parseCsv("a,b\n1,x\n", { features: [{ name: "b", kind: "numeric" }] })).toThrow(/numeric feature "b"/);
    expect(() => parseCsv("a,a\n1,2\n")).toThrow(ScoringError);
    expect(() => parseCsv("a,b\n1\n")).toThrow(/malformed CSV/);
  });
});
