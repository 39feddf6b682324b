import { describe, expect, it } from "vitest";
import { binMatrix, fitBinMapper } from "../../data/binning";
import { createMatrix, type FeatureSpec } from "../../data/matrix";
import { categoricalBinRanks } from "./categorical-bin-ranks";

describe("categoricalBinRanks", () => {
  const spec: FeatureSpec = { name: "branch", kind: "categorical", categories: ["a", "b", "c"] };
  // a: 4 rows, 1 default; b: 2 rows, 2 defaults; c: 1 row (rare at minCategoryCount 2, pooled with the missing row).
  const codes = [0, 0, 0, 0, 1, 1, 2, NaN];
  const y = [0, 0, 0, 1, 1, 1, 1, 0];
  const x = createMatrix([spec, { name: "n", kind: "numeric" }], [Float64Array.from(codes), Float64Array.from(codes.map((_, i) => i))]);
  const mapper = fitBinMapper(x, 255, 2);
  const ranks = categoricalBinRanks(mapper, binMatrix(mapper, x), y, new Float64Array(8).fill(1), 2);

  it("is the m-estimate (Σy + m·p̄)/(n + m) of every value bin and of the missing-rare-unseen bin", () => {
    const prior = 4 / 8;
    expect(Array.from(ranks[0] as Float64Array)).toEqual([(1 + 2 * prior) / (4 + 2), (2 + 2 * prior) / (2 + 2), (1 + 2 * prior) / (2 + 2)]);
  });

  it("leaves numeric features unranked and honours weights", () => {
    expect(ranks[1]).toBeNull();
    const weighted = categoricalBinRanks(mapper, binMatrix(mapper, x), y, Float64Array.from([0, 0, 0, 1, 1, 1, 1, 1]), 0);
    expect((weighted[0] as Float64Array)[0]).toBe(1); // only a's default row keeps weight
  });
});
