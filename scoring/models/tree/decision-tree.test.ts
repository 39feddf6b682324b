import { describe, expect, it } from "vitest";
import { ScoringError } from "../../core/errors";
import type { FeatureSpec } from "../../data/matrix";
import { DecisionTree, type DecisionTreeJSON } from "./decision-tree";

const FEATURES: FeatureSpec[] = [
  { name: "amount", kind: "numeric" },
  { name: "channel", kind: "categorical", categories: ["branch", "web", "agent"] },
];

// Root: channel ∈ {web} → node 1, else (and missing) → node 2 … default left = 0.
// Node 1: amount ≤ 100 → leaf 3 (0.1), else / missing → leaf 4 (0.4). Node 2 is a leaf (0.9).
const TREE: DecisionTreeJSON = {
  feature: [1, 0, -1, -1, -1],
  threshold: [0, 100, 0, 0, 0],
  left: [1, 3, -1, -1, -1],
  right: [2, 4, -1, -1, -1],
  defaultLeft: [0, 0, 0, 0, 0],
  leftCategories: [[1], null, null, null, null],
  value: [0, 0, 0.9, 0.1, 0.4],
  cover: [10, 6, 4, 2, 4],
};

function artifactError(json: unknown): string | undefined {
  try {
    DecisionTree.fromJSON(json, FEATURES, "test");
  } catch (error) {
    return error instanceof ScoringError ? error.code : "other";
  }
  return undefined;
}

describe("DecisionTree", () => {
  const tree = DecisionTree.fromJSON(TREE, FEATURES, "test");

  it("routes numeric, categorical, missing and undeclared values by the stored rule", () => {
    const valueOf = (amount: number, channel: number): number => tree.value[tree.leafIndex([amount, channel], 0)];
    expect(valueOf(100, 1)).toBe(0.1);
    expect(valueOf(100.5, 1)).toBe(0.4);
    expect(valueOf(NaN, 1)).toBe(0.4);
    expect(valueOf(5, 0)).toBe(0.9);
    expect(valueOf(5, NaN)).toBe(0.9);
    expect(valueOf(5, 7)).toBe(0.9); // an undeclared code follows the default direction
    expect(tree.leafIndex([0, 0, 50, 1], 2)).toBe(3); // reads the row at an offset
  });

  it("round-trips through JSON, including default-left categorical splits", () => {
    expect(JSON.parse(JSON.stringify(tree.toJSON()))).toEqual(TREE);
    const defaultLeft = { ...TREE, defaultLeft: [1, 0, 0, 0, 0] };
    const restored = DecisionTree.fromJSON(defaultLeft, FEATURES, "test");
    expect(restored.toJSON()).toEqual(defaultLeft);
    expect(restored.value[restored.leafIndex([5, 200], 0)]).toBe(0.1); // undeclared code → default → left
  });

  it("computes E[f] from covers and measures its paths", () => {
    expect(tree.expectation()).toBeCloseTo(0.6 * ((2 / 6) * 0.1 + (4 / 6) * 0.4) + 0.4 * 0.9, 15);
    expect(tree.depth).toBe(2);
    expect(tree.maxPathFeatures).toBe(2);
  });

  it("rejects malformed trees as INVALID_ARTIFACT", () => {
    expect(artifactError(null)).toBe("INVALID_ARTIFACT");
    expect(artifactError({ ...TREE, value: [0, 0, 0.9, 0.1] })).toBe("INVALID_ARTIFACT");
    expect(artifactError({ ...TREE, left: [1, 1, -1, -1, -1] })).toBe("INVALID_ARTIFACT"); // self-loop
    expect(artifactError({ ...TREE, right: [2, 2, -1, -1, -1] })).toBe("INVALID_ARTIFACT"); // node reached twice
    expect(artifactError({ ...TREE, feature: [1, 5, -1, -1, -1] })).toBe("INVALID_ARTIFACT");
    expect(artifactError({ ...TREE, cover: [10, 6, 4, 2, 3] })).toBe("INVALID_ARTIFACT"); // children do not add up
    expect(artifactError({ ...TREE, leftCategories: [[3], null, null, null, null] })).toBe("INVALID_ARTIFACT");
    expect(artifactError({ ...TREE, leftCategories: [[1], [0], null, null, null] })).toBe("INVALID_ARTIFACT");
    expect(artifactError({ ...TREE, threshold: [0, null, 0, 0, 0] })).toBe("INVALID_ARTIFACT");
  });
});
