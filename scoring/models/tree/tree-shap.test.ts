import { describe, expect, it } from "vitest";
import { Random } from "../../core/random";
import type { FeatureSpec } from "../../data/matrix";
import { DecisionTree, type DecisionTreeJSON } from "./decision-tree";
import { gaussLegendreOnUnitInterval, TreeShapExplainer } from "./tree-shap";

const FEATURES: FeatureSpec[] = [
  { name: "a", kind: "numeric" },
  { name: "b", kind: "numeric" },
  { name: "colour", kind: "categorical", categories: ["red", "green", "blue", "grey"] },
  { name: "c", kind: "numeric" },
  { name: "d", kind: "numeric" },
  { name: "unused", kind: "numeric" },
];
const USED = 5; // random trees never split on the last feature

/** A random tree: repeated features on a path, categorical splits, random default directions and covers. */
function randomTree(random: Random, maxDepth: number): DecisionTree {
  const json = { feature: [] as number[], threshold: [] as number[], left: [] as number[], right: [] as number[], defaultLeft: [] as number[], leftCategories: [] as (number[] | null)[], value: [] as number[], cover: [] as number[] };
  const add = (cover: number): number => {
    json.feature.push(-1);
    json.threshold.push(0);
    json.left.push(-1);
    json.right.push(-1);
    json.defaultLeft.push(0);
    json.leftCategories.push(null);
    json.value.push(random.nextGaussian());
    json.cover.push(cover);
    return json.feature.length - 1;
  };
  const grow = (node: number, depth: number): void => {
    if (depth >= maxDepth || (depth >= 2 && random.nextFloat() < 0.25)) return;
    const feature = random.nextInt(USED);
    json.feature[node] = feature;
    json.defaultLeft[node] = random.nextInt(2);
    const spec = FEATURES[feature];
    if (spec.kind === "categorical") json.leftCategories[node] = [0, 1, 2, 3].filter(() => random.nextFloat() < 0.5);
    else json.threshold[node] = random.nextGaussian();
    const share = 0.1 + 0.8 * random.nextFloat();
    const cover = json.cover[node];
    const left = add(cover * share);
    const right = add(cover - json.cover[left]);
    json.left[node] = left;
    json.right[node] = right;
    grow(left, depth + 1);
    grow(right, depth + 1);
  };
  grow(add(100 + 100 * random.nextFloat()), 0);
  return DecisionTree.fromJSON(json, FEATURES, "randomTree");
}

function randomRow(random: Random): Float64Array {
  return Float64Array.from(FEATURES, (spec) => {
    if (random.nextFloat() < 0.2) return NaN;
    return spec.kind === "categorical" ? random.nextInt(spec.categories.length) : random.nextGaussian();
  });
}

/** v(S) = E[f(x) | x_S] with the path-dependent expectation of Lundberg et al. (2018): cover-weighted off S. */
function conditionalExpectation(tree: DecisionTree, node: number, row: Float64Array, coalition: number): number {
  const feature = tree.feature[node];
  if (feature < 0) return tree.value[node];
  const left = tree.left[node];
  const right = tree.right[node];
  if ((coalition >> feature) & 1) return conditionalExpectation(tree, tree.goesLeft(node, row[feature]) ? left : right, row, coalition);
  return (tree.cover[left] * conditionalExpectation(tree, left, row, coalition) + tree.cover[right] * conditionalExpectation(tree, right, row, coalition)) / tree.cover[node];
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** Shapley values by enumerating every coalition: φ_i = Σ_S |S|!(p−|S|−1)!/p! [v(S∪{i}) − v(S)]. */
function bruteForceShapley(trees: DecisionTree[], scale: number, row: Float64Array): Float64Array {
  const p = FEATURES.length;
  const value = (coalition: number): number => scale * trees.reduce((sum, tree) => sum + conditionalExpectation(tree, 0, row, coalition), 0);
  const phi = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    for (let coalition = 0; coalition < 1 << p; coalition++) {
      if ((coalition >> i) & 1) continue;
      let size = 0;
      for (let j = 0; j < p; j++) size += (coalition >> j) & 1;
      phi[i] += ((factorial(size) * factorial(p - size - 1)) / factorial(p)) * (value(coalition | (1 << i)) - value(coalition));
    }
  }
  return phi;
}

function explain(trees: DecisionTree[], scale: number, row: Float64Array): Float64Array {
  const contributions = new Float64Array(FEATURES.length);
  new TreeShapExplainer(trees, FEATURES.length, scale).accumulate(row, contributions);
  return contributions;
}

describe("TreeShapExplainer", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("equals brute-force Shapley values of the path-dependent game (seed %i)", (seed) => {
    const random = new Random(seed);
    const trees = [randomTree(random, 6), randomTree(random, 4), randomTree(random, 7)];
    for (let r = 0; r < 5; r++) {
      const row = randomRow(random);
      const expected = bruteForceShapley(trees, 0.5, row);
      const actual = explain(trees, 0.5, row);
      for (let j = 0; j < FEATURES.length; j++) expect(actual[j]).toBeCloseTo(expected[j], 12);
    }
  });

  it("is locally accurate: E[f] + Σφ = f(x) to 1e-12 relative", () => {
    const random = new Random(99);
    const trees = Array.from({ length: 20 }, () => randomTree(random, 9));
    for (let r = 0; r < 50; r++) {
      const row = randomRow(random);
      const output = trees.reduce((sum, tree) => sum + tree.value[tree.leafIndex(row, 0)], 0);
      const base = trees.reduce((sum, tree) => sum + tree.expectation(), 0);
      const total = explain(trees, 1, row).reduce((sum, phi) => sum + phi, base);
      expect(Math.abs(total - output)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(output)));
    }
  });

  it("gives exactly 0 to a feature no split uses (missingness)", () => {
    const random = new Random(7);
    const trees = [randomTree(random, 8), randomTree(random, 8)];
    for (let r = 0; r < 20; r++) expect(explain(trees, 1, randomRow(random))[USED]).toBe(0);
  });

  it("splits a single stump's deviation between its one feature", () => {
    // Stump on a at 0: left value 1 (cover 30), right value 5 (cover 10): E[f] = 2; x goes right.
    const stump = DecisionTree.fromJSON({ feature: [0, -1, -1], threshold: [0, 0, 0], left: [1, -1, -1], right: [2, -1, -1], defaultLeft: [1, 0, 0], leftCategories: [null, null, null], value: [0, 1, 5], cover: [40, 30, 10] } satisfies DecisionTreeJSON, FEATURES, "stump");
    const phi = explain([stump], 1, Float64Array.from([1, 0, 0, 0, 0, 0]));
    expect(Array.from(phi)).toEqual([3, 0, 0, 0, 0, 0]);
  });
});

describe("gaussLegendreOnUnitInterval", () => {
  it("integrates t^d exactly up to degree 2n−1", () => {
    for (let n = 1; n <= 12; n++) {
      const { points, weights } = gaussLegendreOnUnitInterval(n);
      for (let degree = 0; degree <= 2 * n - 1; degree++) {
        const integral = points.reduce((sum, t, q) => sum + weights[q] * t ** degree, 0);
        expect(integral).toBeCloseTo(1 / (degree + 1), 14);
      }
    }
  });
});
