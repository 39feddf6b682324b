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
 * The integrand is a polynomial of degree k−1, so Gauss–Legendre quadrature with ⌈k/2⌉ nodes is exact;
 * the product is carried down the tree at those nodes (one multiply per node and node, a divide when a
 * feature repeats), so a tree costs O(N·m + L·k·m) with m = ⌈k_max/2⌉ — the polynomial-sharing idea of
 * Linear TreeShap (Yu et al., NeurIPS 2022), with the Beta-integral form instead of Chebyshev points —
 * against O(L·D²) for Algorithm 2. Same values as Algorithm 2 and as brute-force enumeration (tested).
 *
 * Local accuracy holds exactly: Σ_i φ_i(ℓ) = value_ℓ·(Π o − Π z), whose sum over leaves is f(x) − E[f].
 */
export class TreeShapExplainer {
  private readonly trees: readonly DecisionTree[];
  private readonly scale: number;
  private readonly nodeCount: number;
  private readonly points: Float64Array;
  private readonly oneMinusPoints: Float64Array;
  private readonly quadratureWeights: Float64Array;
  private readonly products: Float64Array;
  private readonly pathFeatures: Int32Array;
  private readonly zeroFraction: Float64Array;
  private readonly oneFraction: Float64Array;
  private readonly onPath: Int32Array;
  private row: ArrayLike<number> = [];
  private contributions: Float64Array = new Float64Array(0);

  /**
   * @param trees the trees, each with covers; `scale` multiplies every tree's output (1/T for a forest's
   *   average, 1 for boosting, whose learning rate is already in the leaves).
   * @param featureCount width of the rows to explain.
   */
  constructor(trees: readonly DecisionTree[], featureCount: number, scale: number) {
    this.trees = trees;
    this.scale = scale;
    const maxPathFeatures = trees.reduce((most, tree) => Math.max(most, tree.maxPathFeatures), 0);
    const maxDepth = trees.reduce((most, tree) => Math.max(most, tree.depth), 0);
    this.nodeCount = Math.max(1, Math.ceil(maxPathFeatures / 2));
    const rule = gaussLegendreOnUnitInterval(this.nodeCount);
    this.points = rule.points;
    this.quadratureWeights = rule.weights;
    this.oneMinusPoints = rule.points.map((t) => 1 - t);
    this.products = new Float64Array((maxDepth + 1) * this.nodeCount);
    this.pathFeatures = new Int32Array(maxPathFeatures + 1);
    this.zeroFraction = new Float64Array(featureCount);
    this.oneFraction = new Float64Array(featureCount);
    this.onPath = new Int32Array(featureCount);
  }

  /** Adds the scaled SHAP values of `row` to `contributions` (one entry per feature). Not re-entrant. */
  accumulate(row: ArrayLike<number>, contributions: Float64Array): void {
    this.row = row;
    this.contributions = contributions;
    this.products.fill(1, 0, this.nodeCount);
    for (const tree of this.trees) this.visit(tree, 0, 0, 0);
  }

  private visit(tree: DecisionTree, node: number, level: number, pathLength: number): void {
    const m = this.nodeCount;
    const products = this.products;
    const here = level * m;
    const feature = tree.feature[node];
    if (feature < 0) {
      const value = tree.value[node] * this.scale;
      for (let k = 0; k < pathLength; k++) {
        const f = this.pathFeatures[k];
        const z = this.zeroFraction[f];
        const o = this.oneFraction[f];
        let integral = 0;
        for (let q = 0; q < m; q++) integral += (this.quadratureWeights[q] * products[here + q]) / (z * this.oneMinusPoints[q] + o * this.points[q]);
        this.contributions[f] += value * (o - z) * integral;
      }
      return;
    }
    const hotIsLeft = tree.goesLeft(node, this.row[feature]);
    const repeated = this.onPath[feature] > 0;
    const previousZero = this.zeroFraction[feature];
    const previousOne = this.oneFraction[feature];
    const next = here + m;
    for (let side = 0; side < 2; side++) {
      const child = side === 0 ? tree.left[node] : tree.right[node];
      const hot = (side === 0) === hotIsLeft;
      const ratio = tree.cover[child] / tree.cover[node];
      const zero = repeated ? previousZero * ratio : ratio;
      const one = hot ? (repeated ? previousOne : 1) : 0;
      for (let q = 0; q < m; q++) {
        const factor = zero * this.oneMinusPoints[q] + one * this.points[q];
        products[next + q] = repeated ? (products[here + q] * factor) / (previousZero * this.oneMinusPoints[q] + previousOne * this.points[q]) : products[here + q] * factor;
      }
      this.zeroFraction[feature] = zero;
      this.oneFraction[feature] = one;
      this.onPath[feature]++;
      if (!repeated) this.pathFeatures[pathLength] = feature;
      this.visit(tree, child, level + 1, repeated ? pathLength : pathLength + 1);
      this.onPath[feature]--;
    }
    this.zeroFraction[feature] = previousZero;
    this.oneFraction[feature] = previousOne;
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
