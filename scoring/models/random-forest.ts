import { ScoringError, requireArgument } from "../core/errors";
import { Random, deriveSeed } from "../core/random";
import { binMatrix, fitBinMapper, MAX_VALUE_BINS } from "../data/binning";
import type { FeatureSpec, Matrix } from "../data/matrix";
import type { Attribution, FitOptions, FittedBinaryClassifier } from "./model";
import { categoricalBinRanks } from "./tree/categorical-bin-ranks";
import { growTree } from "./tree/grow-tree";
import { monotoneDirections, validateMinCategoryCount, type MonotoneConstraints } from "./tree/monotone-constraints";
import { validateTargetStatisticsParams, withTrainingStatistics, type TargetStatisticsParams } from "./tree/target-statistics";
import { parseTreeModelJSON, toRowMajor, TreeEnsemble, treeModelJSON, validateTreeFitData, type TreeModelJSON } from "./tree/tree-ensemble";

/** Hyperparameters of a random forest (scikit-learn's RandomForestClassifier names in brackets). */
export interface RandomForestParams {
  /** Number of trees [n_estimators]. */
  readonly treeCount: number;
  /** Features tried per split [max_features]: "sqrt" = max(1, ⌊√p⌋), or a count (capped at p). */
  readonly featuresPerSplit: "sqrt" | number;
  /** Deepest split level [max_depth]. */
  readonly maxDepth: number;
  /** Leaves per tree, grown best-first by impurity decrease [max_leaf_nodes]. */
  readonly maxLeaves: number;
  /** Least distinct training rows in a leaf [min_samples_leaf]; bootstrap duplicates count once, as in scikit-learn. */
  readonly minSamplesLeaf: number;
  /** Draw each tree's rows with replacement [bootstrap]. */
  readonly bootstrap: boolean;
  /** Value bins per feature for split finding (2..255). */
  readonly maxBins: number;
  /**
   * How categorical splits order the categories: "gradient" re-orders them at every node by the node's
   * share of positives (Breiman's exact Gini ordering); "target" fixes one order from the fit rows'
   * default rates smoothed by 100 pseudo-rows (categoricalBinRanks). Absent: "gradient".
   */
  readonly categoryOrder?: "gradient" | "target";
  /** Least training rows for a category to get its own bin; rarer ones share the missing bin (fitBinMapper). Absent: 1. Default 100, as boosting. */
  readonly minCategoryCount?: number;
  /**
   * By feature name: +1 probability non-decreasing in the feature, −1 non-increasing (numeric features).
   * Enforced as in gradient boosting (LightGBM's basic method) on the leaves' shares of positives.
   */
  readonly monotoneConstraints?: MonotoneConstraints;
  /** Cross-fitted target statistics of the high-cardinality categorical features (fitTargetStatistics). Absent: none. */
  readonly targetStatistics?: TargetStatisticsParams;
}

/**
 * Defaults chosen on a validation split carved from the GMSC training rows (TRAIN rows at positions
 * k % 5 == 4 held out; see scoring/bench/trees.ts --validation): AUC rises with leaves per tree
 * (32 → 0.860, 64 → 0.862, 128 → 0.864) but so does exact TreeSHAP time (∝ nodes × ⌈depth/2⌉);
 * 60 trees of ≤ 32 leaves and depth ≤ 8 keep explaining the whole forest near 0.3 ms per row.
 */
export const DEFAULT_RANDOM_FOREST_PARAMS: RandomForestParams = Object.freeze({
  treeCount: 60,
  featuresPerSplit: "sqrt",
  maxDepth: 8,
  maxLeaves: 32,
  minSamplesLeaf: 20,
  bootstrap: true,
  maxBins: MAX_VALUE_BINS,
  minCategoryCount: 100,
  categoryOrder: "target",
});


/** Pseudo-rows of the smoothed default rate behind categoryOrder "target". */
const TARGET_ORDER_SMOOTHING = 100;

const FORMAT = "microtrust.random-forest";

interface RandomForestJSON extends TreeModelJSON {
  readonly params: RandomForestParams;
}

/**
 * A fitted random forest: P(default | x) = mean over trees of the leaf's weighted share of positives,
 * as scikit-learn's predict_proba. Explanations are exact TreeSHAP values in probability space.
 */
export class FittedRandomForest implements FittedBinaryClassifier {
  readonly kind = "random-forest";
  readonly features: readonly FeatureSpec[];
  readonly params: RandomForestParams;
  private readonly ensemble: TreeEnsemble;

  /** @internal Built by fitRandomForest or randomForestFromJSON. */
  constructor(params: RandomForestParams, ensemble: TreeEnsemble) {
    this.params = params;
    this.ensemble = ensemble;
    this.features = ensemble.features;
    Object.freeze(this);
  }

  get treeCount(): number {
    return this.ensemble.trees.length;
  }

  /** Mean tree probability for every row. @throws ScoringError SHAPE_MISMATCH for other features. */
  predictProba(x: Matrix): Float64Array {
    return this.ensemble.outputs("FittedRandomForest.predictProba", x);
  }

  /** Mean tree probability for one dense row. @throws ScoringError SHAPE_MISMATCH for another width. */
  predictRowProba(row: ArrayLike<number>): number {
    this.ensemble.assertRowWidth("FittedRandomForest.predictRowProba", row);
    return this.ensemble.output(row);
  }

  /**
   * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018) of the forest's probability: base =
   * E[P] under the trees' covers, base + Σ contributions = predictRowProba(row).
   * @throws ScoringError SHAPE_MISMATCH for another width.
   */
  explainRow(row: ArrayLike<number>): Attribution {
    this.ensemble.assertRowWidth("FittedRandomForest.explainRow", row);
    return { space: "probability", ...this.ensemble.explain(row) };
  }

  toJSON(): RandomForestJSON {
    return { ...treeModelJSON(FORMAT, this.ensemble), params: this.params };
  }
}

function validateParams(where: string, params: RandomForestParams, features: readonly FeatureSpec[]): Int8Array {
  requireArgument(Number.isInteger(params.treeCount) && params.treeCount >= 1, `${where}: treeCount`, "an integer ≥ 1");
  requireArgument(params.featuresPerSplit === "sqrt" || (Number.isInteger(params.featuresPerSplit) && params.featuresPerSplit >= 1), `${where}: featuresPerSplit`, `"sqrt" or an integer ≥ 1`);
  requireArgument(Number.isInteger(params.maxDepth) && params.maxDepth >= 1, `${where}: maxDepth`, "an integer ≥ 1");
  requireArgument(Number.isInteger(params.maxLeaves) && params.maxLeaves >= 2, `${where}: maxLeaves`, "an integer ≥ 2");
  requireArgument(params.minSamplesLeaf >= 1 && Number.isFinite(params.minSamplesLeaf), `${where}: minSamplesLeaf`, "a finite number ≥ 1");
  requireArgument(typeof params.bootstrap === "boolean", `${where}: bootstrap`, "a boolean");
  requireArgument(Number.isInteger(params.maxBins) && params.maxBins >= 2 && params.maxBins <= MAX_VALUE_BINS, `${where}: maxBins`, `an integer in [2, ${MAX_VALUE_BINS}]`);
  validateMinCategoryCount(where, params.minCategoryCount);
  requireArgument(params.categoryOrder === undefined || params.categoryOrder === "gradient" || params.categoryOrder === "target", `${where}: categoryOrder`, `"gradient" or "target"`);
  validateTargetStatisticsParams(where, params.targetStatistics);
  return monotoneDirections(where, params.monotoneConstraints, features);
}

/** Params frozen, with only the known fields (an artifact's extra fields are dropped). */
function freezeParams(params: RandomForestParams): RandomForestParams {
  const { treeCount, featuresPerSplit, maxDepth, maxLeaves, minSamplesLeaf, bootstrap, maxBins, categoryOrder, minCategoryCount, monotoneConstraints, targetStatistics } = params;
  return Object.freeze({
    treeCount,
    featuresPerSplit,
    maxDepth,
    maxLeaves,
    minSamplesLeaf,
    bootstrap,
    maxBins,
    ...(categoryOrder === undefined ? {} : { categoryOrder }),
    ...(minCategoryCount === undefined ? {} : { minCategoryCount }),
    ...(monotoneConstraints === undefined ? {} : { monotoneConstraints: Object.freeze({ ...monotoneConstraints }) }),
    ...(targetStatistics === undefined ? {} : { targetStatistics: Object.freeze({ ...targetStatistics }) }),
  });
}

/**
 * Fits a random forest (Breiman 2001) with scikit-learn's semantics: each tree grows on a bootstrap
 * sample (n draws with replacement, kept as integer weights) by Gini impurity decrease, trying
 * `featuresPerSplit` random features per node; leaves hold the weighted share of positives.
 * Splits are searched on ≤ 255 quantile bins per feature with learned missing-value directions.
 * Tree t uses the stream deriveSeed(seed, t), so the result depends only on the seed.
 *
 * Input: x with finite values or NaN, y ∈ {0,1} with both classes, optional non-negative weights.
 * @throws ScoringError INVALID_ARGUMENT for bad params; SHAPE_MISMATCH / INVALID_DATA for bad data.
 */
export function fitRandomForest(params: RandomForestParams, x: Matrix, y: Float64Array, options: FitOptions): FittedRandomForest {
  return fitForest(params, x, y, options, false).model;
}

/**
 * fitRandomForest, also returning out-of-bag probabilities (Breiman 1996): for each training row, the
 * mean prediction of the trees whose bootstrap sample left it out; NaN for a row in every sample (or
 * every row when bootstrap is off). Same model, bit for bit, as fitRandomForest with the same inputs.
 */
export function fitRandomForestWithOutOfBag(params: RandomForestParams, x: Matrix, y: Float64Array, options: FitOptions): { model: FittedRandomForest; outOfBagProba: Float64Array } {
  const { model, outOfBagProba } = fitForest(params, x, y, options, true);
  return { model, outOfBagProba: outOfBagProba as Float64Array };
}

function fitForest(params: RandomForestParams, inputX: Matrix, y: Float64Array, options: FitOptions, outOfBag: boolean): { model: FittedRandomForest; outOfBagProba: Float64Array | null } {
  const where = "fitRandomForest";
  validateParams(where, params, inputX.features);
  const sampleWeights = validateTreeFitData(where, inputX, y, options);
  const { x, statistics } = withTrainingStatistics(params.targetStatistics, inputX, y, sampleWeights, options.seed);
  const monotone = monotoneDirections(where, params.monotoneConstraints, x.features);
  const frozenParams = freezeParams(params);
  const n = x.rows;
  const p = x.features.length;
  const mapper = fitBinMapper(x, params.maxBins, params.minCategoryCount);
  const weights = new Float64Array(n);
  const positives = new Float64Array(n);
  const drawn = new Float64Array(n);
  const binned = binMatrix(mapper, x);
  const data = { mapper, binned, gradients: positives, hessians: weights, weights: drawn };
  const featuresPerSplit = params.featuresPerSplit === "sqrt" ? Math.max(1, Math.floor(Math.sqrt(p))) : Math.min(p, params.featuresPerSplit);
  const settings = {
    maxDepth: params.maxDepth,
    maxLeaves: params.maxLeaves,
    minWeightLeaf: params.minSamplesLeaf,
    minHessianLeaf: 0,
    minSplitGain: 0,
    l2Regularization: 0,
    categorySmoothing: 0,
    ...(params.categoryOrder === "target" ? { categoryRanks: categoricalBinRanks(mapper, binned, y, sampleWeights, TARGET_ORDER_SMOOTHING) } : {}),
    featuresPerSplit,
    coverChannel: "hessian" as const,
    // The grower's outputs are −G/H = −(share of positives), so a probability direction d is −d there
    // and the bounds [lower, upper] on −share are [−upper, −lower] on the share.
    monotone: monotone.map((d) => -d),
    leafValue: (sumPositive: number, sumWeight: number, lower: number, upper: number) => Math.min(-lower, Math.max(-upper, sumPositive / sumWeight)),
  };
  const allFeatures = Int32Array.from({ length: p }, (_, j) => j);
  const counts = new Uint32Array(n);
  const rowMajor = outOfBag ? toRowMajor(x) : null;
  const outOfBagSum = outOfBag ? new Float64Array(n) : null;
  const outOfBagTrees = outOfBag ? new Uint32Array(n) : null;
  const trees = [];
  for (let t = 0; t < params.treeCount; t++) {
    const random = new Random(deriveSeed(options.seed, t));
    if (params.bootstrap) {
      counts.fill(0);
      for (let draw = 0; draw < n; draw++) counts[random.nextInt(n)]++;
    } else counts.fill(1);
    let selected = 0;
    for (let i = 0; i < n; i++) {
      weights[i] = counts[i] * sampleWeights[i];
      positives[i] = weights[i] * y[i];
      drawn[i] = weights[i] > 0 ? 1 : 0;
      selected += drawn[i];
    }
    if (selected === 0) throw new ScoringError("INVALID_DATA", `${where}: tree ${t}'s sample has no row of positive weight`, "sampleWeight");
    const rows = new Uint32Array(selected);
    for (let i = 0, k = 0; i < n; i++) if (weights[i] > 0) rows[k++] = i;
    const tree = growTree(data, settings, rows, allFeatures, random);
    trees.push(tree);
    if (rowMajor && outOfBagSum && outOfBagTrees) {
      for (let i = 0; i < n; i++) {
        if (counts[i] !== 0) continue;
        outOfBagSum[i] += tree.value[tree.leafIndex(rowMajor, i * p)];
        outOfBagTrees[i]++;
      }
    }
    options.onProgress?.(t + 1, params.treeCount);
  }
  const model = new FittedRandomForest(frozenParams, new TreeEnsemble(inputX.features, trees, 0, 1 / trees.length, statistics));
  const outOfBagProba = outOfBagSum && outOfBagTrees ? outOfBagSum.map((sum, i) => (outOfBagTrees[i] > 0 ? sum / outOfBagTrees[i] : NaN)) : null;
  return { model, outOfBagProba };
}

/**
 * Rebuilds a forest from `toJSON()` output; predictions are bitwise identical.
 * @throws ScoringError INVALID_ARTIFACT for another format or version, malformed params or trees.
 */
export function randomForestFromJSON(json: unknown): FittedRandomForest {
  const where = "randomForestFromJSON";
  const { record, features, statistics, trees } = parseTreeModelJSON(json, FORMAT, where);
  const params = record.params as RandomForestParams;
  try {
    if (typeof params !== "object" || params === null) throw new ScoringError("INVALID_ARGUMENT", "params is not an object");
    validateParams(where, params, features);
  } catch (error) {
    throw new ScoringError("INVALID_ARTIFACT", `${where}: malformed params (${(error as Error).message})`);
  }
  return new FittedRandomForest(freezeParams(params), new TreeEnsemble(features, trees, 0, 1 / trees.length, statistics));
}
