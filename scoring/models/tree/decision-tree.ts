import { ScoringError } from "../../core/errors";
import type { FeatureSpec } from "../../data/matrix";


/**
 * A binary decision tree in the plain form it is built and serialised in. Node 0 is the root; a
 * child's index is always greater than its parent's. For a leaf: feature = -1, left = right = -1.
 * An internal node sends a row left when
 * - the value is missing (NaN): defaultLeft = 1;
 * - numeric feature: value ≤ threshold;
 * - categorical feature (leftCategories not null): the code is in leftCategories; a code outside the
 *   feature's declared categories goes the default (missing) way. Any number of categories.
 * value = the leaf output (unused in internal nodes); cover = training weight that reached the node.
 */
export interface DecisionTreeJSON {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly defaultLeft: readonly number[];
  readonly leftCategories: readonly (readonly number[] | null)[];
  readonly value: readonly number[];
  readonly cover: readonly number[];
}

/**
 * A fitted decision tree on flat typed arrays (the layout of scikit-learn's `Tree` and XGBoost's
 * `RegTree`): compact, cache-friendly single-row traversal, exact JSON round trip.
 */
export class DecisionTree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly defaultLeft: Uint8Array;
  /**
   * -1 for numeric splits and leaves; else the offset of the split's block in `categoryBits`: one bit
   * per declared category (⌈categories/32⌉ 32-bit words), set when the category goes left.
   */
  readonly categoryOffset: Int32Array;
  readonly categoryBits: Uint32Array;
  readonly value: Float64Array;
  readonly cover: Float64Array;
  /** Most distinct features on one root-to-leaf path (sizes TreeSHAP's work buffers). */
  readonly maxPathFeatures: number;
  /** Depth of the deepest leaf (the root alone has depth 0). */
  readonly depth: number;
  /** Per node, how many categories its split's feature declares (codes beyond follow the default); 0 for others. */
  private readonly declaredCategories: Int32Array;

  private constructor(json: DecisionTreeJSON, features: readonly FeatureSpec[]) {
    const nodes = json.feature.length;
    this.feature = Int32Array.from(json.feature);
    this.threshold = Float64Array.from(json.threshold);
    this.left = Int32Array.from(json.left);
    this.right = Int32Array.from(json.right);
    this.defaultLeft = Uint8Array.from(json.defaultLeft);
    this.value = Float64Array.from(json.value);
    this.cover = Float64Array.from(json.cover);
    this.categoryOffset = new Int32Array(nodes).fill(-1);
    this.declaredCategories = new Int32Array(nodes);
    let words = 0;
    for (let node = 0; node < nodes; node++) {
      if (json.leftCategories[node] === null) continue;
      const spec = features[json.feature[node]];
      this.declaredCategories[node] = spec.kind === "categorical" ? spec.categories.length : 0;
      this.categoryOffset[node] = words;
      words += Math.max(1, Math.ceil(this.declaredCategories[node] / 32));
    }
    this.categoryBits = new Uint32Array(words);
    for (let node = 0; node < nodes; node++) {
      const codes = json.leftCategories[node];
      if (codes === null) continue;
      const base = this.categoryOffset[node];
      for (const code of codes) this.categoryBits[base + (code >>> 5)] |= 1 << (code & 31);
    }
    const shape = measurePaths(this.feature, this.left, this.right, features.length);
    this.maxPathFeatures = shape.maxPathFeatures;
    this.depth = shape.depth;
  }

  /**
   * Builds a tree from its plain form, checking every structural invariant (the same checks guard
   * `fromJSON`): equal array lengths, children after parents and each node reached once, features in
   * range and of the split's kind, finite thresholds and values, positive covers whose children add up.
   * @throws ScoringError INVALID_ARTIFACT naming `where` and the offending node.
   */
  static fromJSON(json: unknown, features: readonly FeatureSpec[], where: string): DecisionTree {
    return new DecisionTree(validateTreeJSON(json, features, where), features);
  }

  /** Index of the leaf a row reaches; the row is `values[offset .. offset + features)`. */
  leafIndex(values: ArrayLike<number>, offset: number): number {
    const feature = this.feature;
    let node = 0;
    while (feature[node] >= 0) {
      node = this.goesLeft(node, values[offset + feature[node]]) ? this.left[node] : this.right[node];
    }
    return node;
  }

  /** Whether internal node `node` sends `value` to its left child. */
  goesLeft(node: number, value: number): boolean {
    if (value !== value) return this.defaultLeft[node] === 1; // NaN: missing
    const offset = this.categoryOffset[node];
    if (offset < 0) return value <= this.threshold[node];
    if (!(value >= 0 && value < this.declaredCategories[node] && Number.isInteger(value))) return this.defaultLeft[node] === 1;
    return (this.categoryBits[offset + (value >>> 5)] & (1 << (value & 31))) !== 0;
  }

  /**
   * E[f] under the tree's own covers: E(leaf) = value, E(node) = Σ_child cover(child)/cover(node)·E(child)
   * — the base value of path-dependent TreeSHAP (Lundberg, Erion & Lee 2018).
   */
  expectation(): number {
    const expected = new Float64Array(this.value.length);
    for (let node = this.value.length - 1; node >= 0; node--) {
      if (this.feature[node] < 0) expected[node] = this.value[node];
      else {
        const l = this.left[node];
        const r = this.right[node];
        expected[node] = (this.cover[l] / this.cover[node]) * expected[l] + (this.cover[r] / this.cover[node]) * expected[r];
      }
    }
    return expected[0];
  }

  toJSON(): DecisionTreeJSON {
    const leftCategories = Array.from(this.categoryOffset, (offset, node) => {
      if (offset < 0) return null;
      const codes: number[] = [];
      for (let code = 0; code < this.declaredCategories[node]; code++) {
        if ((this.categoryBits[offset + (code >>> 5)] & (1 << (code & 31))) !== 0) codes.push(code);
      }
      return codes;
    });
    return {
      feature: Array.from(this.feature),
      threshold: Array.from(this.threshold),
      left: Array.from(this.left),
      right: Array.from(this.right),
      defaultLeft: Array.from(this.defaultLeft),
      leftCategories,
      value: Array.from(this.value),
      cover: Array.from(this.cover),
    };
  }
}

function measurePaths(feature: Int32Array, left: Int32Array, right: Int32Array, featureCount: number): { maxPathFeatures: number; depth: number } {
  const onPath = new Int32Array(featureCount);
  let maxPathFeatures = 0;
  let depth = 0;
  const visit = (node: number, level: number, distinct: number): void => {
    if (feature[node] < 0) {
      maxPathFeatures = Math.max(maxPathFeatures, distinct);
      depth = Math.max(depth, level);
      return;
    }
    const f = feature[node];
    const added = onPath[f] === 0 ? 1 : 0;
    onPath[f]++;
    visit(left[node], level + 1, distinct + added);
    visit(right[node], level + 1, distinct + added);
    onPath[f]--;
  };
  visit(0, 0, 0);
  return { maxPathFeatures, depth };
}

const TREE_KEYS = ["feature", "threshold", "left", "right", "defaultLeft", "leftCategories", "value", "cover"] as const;

function validateTreeJSON(json: unknown, features: readonly FeatureSpec[], where: string): DecisionTreeJSON {
  const fail = (what: string): never => {
    throw new ScoringError("INVALID_ARTIFACT", `${where}: ${what}`);
  };
  if (typeof json !== "object" || json === null) fail("a tree is not an object");
  const record = json as Record<string, unknown>;
  for (const key of TREE_KEYS) if (!Array.isArray(record[key])) fail(`tree field "${key}" is not an array`);
  const tree = record as unknown as DecisionTreeJSON;
  const nodes = tree.feature.length;
  if (nodes === 0) fail("a tree has no nodes");
  for (const key of TREE_KEYS) if (tree[key].length !== nodes) fail(`tree field "${key}" has ${tree[key].length} entries, expected ${nodes}`);
  const parents = new Int32Array(nodes);
  const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
  for (let node = 0; node < nodes; node++) {
    const f = tree.feature[node];
    const l = tree.left[node];
    const r = tree.right[node];
    const cover = tree.cover[node];
    if (!isNumber(cover) || cover <= 0) fail(`node ${node} has cover ${cover}, expected a positive number`);
    if (!isNumber(tree.value[node]) || !isNumber(tree.threshold[node])) fail(`node ${node} has a non-finite value or threshold`);
    if (tree.defaultLeft[node] !== 0 && tree.defaultLeft[node] !== 1) fail(`node ${node} has defaultLeft ${tree.defaultLeft[node]}, expected 0 or 1`);
    if (f === -1) {
      if (l !== -1 || r !== -1 || tree.leftCategories[node] !== null) fail(`leaf ${node} has children or categories`);
      continue;
    }
    if (!Number.isInteger(f) || f < 0 || f >= features.length) fail(`node ${node} splits on feature ${f}, the model has ${features.length}`);
    for (const child of [l, r]) {
      if (!Number.isInteger(child) || child <= node || child >= nodes) fail(`node ${node} has child ${child}, expected an index in (${node}, ${nodes})`);
      parents[child]++;
    }
    const childCover = (tree.cover[l] as number) + (tree.cover[r] as number);
    if (!(Math.abs(childCover - cover) <= 1e-9 * cover)) fail(`node ${node} covers ${cover} but its children cover ${childCover}`);
    const codes = tree.leftCategories[node];
    const spec = features[f];
    if (spec.kind === "categorical") {
      if (!Array.isArray(codes)) fail(`node ${node} splits categorical feature "${spec.name}" without leftCategories`);
      for (const code of codes as unknown[]) {
        if (!Number.isInteger(code) || (code as number) < 0 || (code as number) >= spec.categories.length) fail(`node ${node} has category code ${code}, feature "${spec.name}" has ${spec.categories.length}`);
      }
    } else if (codes !== null) fail(`node ${node} has leftCategories on numeric feature "${spec.name}"`);
  }
  for (let node = 1; node < nodes; node++) if (parents[node] !== 1) fail(`node ${node} is reached ${parents[node]} times, expected once`);
  return tree;
}
