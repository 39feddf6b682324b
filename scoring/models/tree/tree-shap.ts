import type { DecisionTree } from "./decision-tree";

/**
 * Exact path-dependent TreeSHAP values for a sum of trees, Σ_t scale·f_t(x).
 *
 * The game is the one of Lundberg, Erion & Lee (2018, Algorithm 2): v(S) = E[f(x) | x_S], where at a
 * split on a feature outside S the expectation follows both children weighted by their training
 * cover. For one leaf ℓ whose path uses the distinct features F_ℓ (|F_ℓ| = k), that game is a product:
 * v_ℓ(S) = value_ℓ · Π_{j∈S} o_j · Π_{j∉S} z_j, with z_j the product of cover ratios of the path's splits
 * on feature j and o_j = 1 if x follows all of them, else 0. By Owen's multilinear extension (Owen 1972,
 * "Multilinear extensions of games"; the Shapley weight s!(k−s−1)!/k! = ∫₀¹ t^s(1−t)^{k−s−1} dt):
 *   φ_i(ℓ) = value_ℓ · (o_i − z_i) · ∫₀¹ Π_{j∈F_ℓ, j≠i} (z_j(1−t) + o_j t) dt.
 * The integrand is a polynomial of degree k−1, so Gauss–Legendre quadrature with m = ⌈k_max/2⌉ nodes
 * is exact. The product is carried down the tree at those nodes (O(m) per node; a feature repeated on
 * the path has its factor replaced by the merged one), so a tree costs O(N·m + L·k·m) instead of
 * Algorithm 2's O(L·D²) — the polynomial-sharing idea of Linear TreeShap (Yu et al., NeurIPS 2022),
 * here with the Beta-integral form and quadrature instead of Chebyshev interpolation. The values are
 * the exact Shapley values of the game above, the ones Algorithm 2 computes; the tests compare them
 * with brute-force enumeration of all coalitions.
 *
 * Local accuracy holds up to rounding: Σ_i φ_i(ℓ) = value_ℓ·(Π o − Π z), whose sum over leaves is f(x) − E[f].
 */
export class TreeShapExplainer {
  private readonly trees: readonly DecisionTree[];
  /** First node of each tree in the concatenated arrays below. */
  private readonly treeOffsets: Int32Array;
  /** All trees' nodes concatenated: split feature (-1 at leaves) and global child indices. */
  private readonly feature: Int32Array;
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  /** cover(node) / cover(parent), 1 at roots. */
  private readonly coverRatio: Float64Array;
  /** Leaf value times the ensemble's scale. */
  private readonly scaledValue: Float64Array;
  private readonly featureCount: number;
  private readonly quadratureSize: number;
  private readonly points: Float64Array;
  private readonly oneMinusPoints: Float64Array;
  private readonly inverseOneMinusPoints: Float64Array;
  private readonly quadratureWeights: Float64Array;
  private readonly maxDepth: number;
  private readonly maxPathFeatures: number;
  // Work buffers of one explanation (see accumulate).
  private readonly products: Float64Array;
  private readonly slotFeature: Int32Array;
  private readonly slotDifference: Float64Array;
  private readonly slotInverse: Float64Array;
  private readonly savedInverse: Float64Array;
  private readonly slotOf: Int32Array;
  private readonly zeroFraction: Float64Array;
  private readonly oneFraction: Float64Array;
  private contributions: Float64Array = new Float64Array(0);
  private row: ArrayLike<number> = [];
  /** The tree being walked and its first node's global index. */
  private tree: DecisionTree;
  private treeOffset = 0;

  /**
   * @param trees the trees, each with covers; `scale` multiplies every tree's output (1/T for a forest's
   *   average, 1 for boosting, whose learning rate is already in the leaves).
   * @param featureCount width of the rows to explain.
   */
  constructor(trees: readonly DecisionTree[], featureCount: number, scale: number) {
    this.trees = trees;
    this.tree = trees[0];
    this.featureCount = featureCount;
    this.treeOffsets = new Int32Array(trees.length + 1);
    trees.forEach((tree, t) => (this.treeOffsets[t + 1] = this.treeOffsets[t] + tree.feature.length));
    const nodes = this.treeOffsets[trees.length];
    this.feature = new Int32Array(nodes);
    this.left = new Int32Array(nodes);
    this.right = new Int32Array(nodes);
    this.coverRatio = new Float64Array(nodes).fill(1);
    this.scaledValue = new Float64Array(nodes);
    trees.forEach((tree, t) => {
      const offset = this.treeOffsets[t];
      for (let node = 0; node < tree.feature.length; node++) {
        const at = offset + node;
        this.feature[at] = tree.feature[node];
        this.scaledValue[at] = tree.value[node] * scale;
        if (tree.feature[node] < 0) continue;
        this.left[at] = offset + tree.left[node];
        this.right[at] = offset + tree.right[node];
        this.coverRatio[offset + tree.left[node]] = tree.cover[tree.left[node]] / tree.cover[node];
        this.coverRatio[offset + tree.right[node]] = tree.cover[tree.right[node]] / tree.cover[node];
      }
    });
    this.maxPathFeatures = trees.reduce((most, tree) => Math.max(most, tree.maxPathFeatures), 0);
    this.maxDepth = trees.reduce((most, tree) => Math.max(most, tree.depth), 0);
    const m = Math.max(1, Math.ceil(this.maxPathFeatures / 2));
    this.quadratureSize = m;
    const rule = gaussLegendreOnUnitInterval(m);
    this.points = rule.points;
    this.quadratureWeights = rule.weights;
    this.oneMinusPoints = rule.points.map((t) => 1 - t);
    this.inverseOneMinusPoints = rule.points.map((t) => 1 / (1 - t));
    this.products = new Float64Array((this.maxDepth + 1) * m);
    this.slotFeature = new Int32Array(this.maxPathFeatures + 1);
    this.slotDifference = new Float64Array(this.maxPathFeatures + 1);
    this.slotInverse = new Float64Array((this.maxPathFeatures + 1) * m);
    this.savedInverse = new Float64Array((this.maxDepth + 1) * m);
    this.slotOf = new Int32Array(featureCount).fill(-1);
    this.zeroFraction = new Float64Array(featureCount);
    this.oneFraction = new Float64Array(featureCount);
  }

  /** Adds the scaled SHAP values of `row` to `contributions` (one entry per feature). Not re-entrant. */
  accumulate(row: ArrayLike<number>, contributions: Float64Array): void {
    this.row = row;
    this.contributions = contributions;
    // products[level·m + q] = w_q · Π_{path features j} (z_j(1−t_q) + o_j t_q): the quadrature weight folded in.
    this.products.set(this.quadratureWeights, 0);
    for (let t = 0; t < this.trees.length; t++) {
      this.tree = this.trees[t];
      this.treeOffset = this.treeOffsets[t];
      this.visit(this.treeOffset, 0, 0);
    }
  }

  /**
   * Depth-first walk. Per path slot k (one per distinct feature on the path) the buffers hold its
   * feature, o − z, and 1/(z(1−t_q) + o·t_q); `savedInverse` keeps a slot's previous factors per level
   * while a repeated feature's merged factor replaces them.
   */
  private visit(node: number, level: number, pathLength: number): void {
    const m = this.quadratureSize;
    const products = this.products;
    const slotInverse = this.slotInverse;
    const here = level * m;
    const feature = this.feature[node];
    if (feature < 0) {
      const value = this.scaledValue[node];
      const contributions = this.contributions;
      const slotFeature = this.slotFeature;
      const slotDifference = this.slotDifference;
      for (let k = 0, at = 0; k < pathLength; k++) {
        let integral = 0;
        for (let q = here, end = here + m; q < end; q++, at++) integral += products[q] * slotInverse[at];
        contributions[slotFeature[k]] += value * slotDifference[k] * integral;
      }
      return;
    }
    const savedInverse = this.savedInverse;
    const points = this.points;
    const oneMinusPoints = this.oneMinusPoints;
    let slot = this.slotOf[feature];
    const repeated = slot >= 0;
    const previousZero = repeated ? this.zeroFraction[feature] : 1;
    const previousOne = repeated ? this.oneFraction[feature] : 1;
    const previousDifference = repeated ? this.slotDifference[slot] : 0;
    if (repeated) {
      for (let q = 0; q < m; q++) savedInverse[here + q] = slotInverse[slot * m + q];
    } else {
      slot = pathLength;
      this.slotOf[feature] = slot;
      this.slotFeature[slot] = feature;
    }
    // Which child the row follows, by the tree's own rule for missing and categorical values.
    const hotIsLeft = this.tree.goesLeft(node - this.treeOffset, this.row[feature]);
    const next = here + m;
    const base = slot * m;
    const inverseOneMinusPoints = this.inverseOneMinusPoints;
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? this.left[node] : this.right[node];
      const zero = previousZero * this.coverRatio[child];
      const one = (side === 0) === hotIsLeft ? previousOne : 0;
      if (repeated) for (let q = 0; q < m; q++) products[next + q] = products[here + q] * savedInverse[here + q];
      else for (let q = 0; q < m; q++) products[next + q] = products[here + q];
      if (one === 0) {
        // Cold side: the factor is z(1−t), its inverse needs one division.
        const inverseZero = 1 / zero;
        for (let q = 0; q < m; q++) {
          products[next + q] *= zero * oneMinusPoints[q];
          slotInverse[base + q] = inverseZero * inverseOneMinusPoints[q];
        }
      } else {
        for (let q = 0; q < m; q++) {
          const factor = zero * oneMinusPoints[q] + one * points[q];
          products[next + q] *= factor;
          slotInverse[base + q] = 1 / factor;
        }
      }
      this.zeroFraction[feature] = zero;
      this.oneFraction[feature] = one;
      this.slotDifference[slot] = one - zero;
      this.visit(child, level + 1, repeated ? pathLength : pathLength + 1);
    }
    if (repeated) {
      this.zeroFraction[feature] = previousZero;
      this.oneFraction[feature] = previousOne;
      this.slotDifference[slot] = previousDifference;
      for (let q = 0; q < m; q++) slotInverse[base + q] = savedInverse[here + q];
    } else this.slotOf[feature] = -1;
  }
}

/**
 * Gauss–Legendre nodes and weights on [0, 1] (exact for polynomials of degree ≤ 2n−1): roots of the
 * Legendre polynomial P_n by Newton's method from Tricomi's initial guesses (Numerical Recipes §4.6),
 * mapped from [−1, 1].
 */
export function gaussLegendreOnUnitInterval(n: number): { points: Float64Array; weights: Float64Array } {
  const points = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1); // P_n' from P_n = p1 and P_{n-1} = p0
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const weight = 2 / ((1 - x * x) * derivative * derivative);
    points[i] = (1 - x) / 2;
    points[n - 1 - i] = (1 + x) / 2;
    weights[i] = weight / 2;
    weights[n - 1 - i] = weight / 2;
  }
  return { points, weights };
}
