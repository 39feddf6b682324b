import { ScoringError, requireArgument } from "../core/errors";
import { Random, deriveSeed } from "../core/random";
import { binMatrix, fitBinMapper, MAX_VALUE_BINS } from "../data/binning";
import type { FeatureSpec, Matrix } from "../data/matrix";
import type { Attribution, FitOptions, FittedBinaryClassifier } from "./model";
import type { DecisionTree } from "./tree/decision-tree";
import { categoricalBinRanks } from "./tree/categorical-bin-ranks";
import { growTree } from "./tree/grow-tree";
import { monotoneDirections, validateMinCategoryCount, type MonotoneConstraints } from "./tree/monotone-constraints";
import { appendTargetStatistics, validateTargetStatisticsParams, withTrainingStatistics, type TargetStatisticsParams } from "./tree/target-statistics";
import { parseTreeModelJSON, toRowMajor, TreeEnsemble, treeModelJSON, validateTreeFitData, type TreeModelJSON } from "./tree/tree-ensemble";

/** Hyperparameters of histogram gradient boosting (LightGBM / XGBoost names in brackets). */
export interface GradientBoostingParams {
  /** Most boosting rounds [num_iterations / n_estimators]. */
  readonly iterations: number;
  /** Shrinkage applied to every leaf [learning_rate / eta], in (0, 1]. */
  readonly learningRate: number;
  /** Leaves per tree, grown best-first [num_leaves / max_leaves]. */
  readonly maxLeaves: number;
  /** Deepest split level [max_depth]. */
  readonly maxDepth: number;
  /** Least (weighted) rows per leaf [min_data_in_leaf]. */
  readonly minSamplesLeaf: number;
  /** Least hessian sum per leaf [min_child_weight / min_sum_hessian_in_leaf]. */
  readonly minHessianLeaf: number;
  /** λ, L2 penalty on leaf outputs [reg_lambda]. */
  readonly l2Regularization: number;
  /** γ, least gain for a split [gamma / min_split_gain]. */
  readonly minSplitGain: number;
  /** Chance of each row to be drawn for a tree (Bernoulli, LightGBM's bagging) [subsample / bagging_fraction], in (0, 1]. */
  readonly rowSubsample: number;
  /** Share of features each tree may use [colsample_bytree / feature_fraction], in (0, 1]. */
  readonly columnSubsample: number;
  /** Stop after this many rounds without a better validation log loss; keep the best round. Used only with options.validation. */
  readonly earlyStoppingRounds: number;
  /** Added to the hessian when ordering categories [cat_smooth]; the pseudo-rows of the target order. */
  readonly categorySmoothing: number;
  /**
   * How categorical splits order the categories: "gradient" re-orders them at every node by G/(H +
   * categorySmoothing) (LightGBM); "target" fixes one order from the fit rows' smoothed default rates
   * (categoricalBinRanks). Absent: "gradient". Default "target": on validation rows carved from Lending
   * Club's TRAIN, boosting alone reached AUC 0.6876 with it against 0.6834 with "gradient" (and 0.6859
   * without zip_code at all); the forest 0.6803 against 0.6776.
   */
  readonly categoryOrder?: "gradient" | "target";
  /** Value bins per feature (2..255) [max_bin]. */
  readonly maxBins: number;
  /**
   * Least training rows for a category to get its own bin; rarer ones share the missing bin (fitBinMapper)
   * [min_data_per_group, LightGBM's default 100]. Absent: 1. Default 100: on Lending Club's zip_code
   * (806 levels) validation rows carved from TRAIN gave boosting alone AUC 0.659 with every level, 0.684
   * at 100 and 200, 0.686 without the column (docs/benchmarks.md, "High-cardinality categoricals").
   */
  readonly minCategoryCount?: number;
  /** By feature name: +1 prediction non-decreasing in the feature, −1 non-increasing (numeric features) [monotone_constraints]. */
  readonly monotoneConstraints?: MonotoneConstraints;
  /**
   * Cross-fitted target statistics of the high-cardinality categorical features, each an extra numeric
   * column the trees may cut (fitTargetStatistics; CatBoost's ordered target statistics, K-fold form).
   * Absent: none (the behaviour of artefacts trained before it).
   */
  readonly targetStatistics?: TargetStatisticsParams;
}

/**
 * Defaults chosen on a validation split carved from the GMSC training rows (TRAIN rows at positions
 * k % 5 == 4 held out; see scoring/bench/trees.ts --validation): shallow trees (≤ 8 leaves, depth ≤ 4)
 * reach the same validation AUC (0.866–0.867) as 16-leaf trees at a third of the TreeSHAP time.
 */
export const DEFAULT_GRADIENT_BOOSTING_PARAMS: GradientBoostingParams = Object.freeze({
  iterations: 200,
  learningRate: 0.1,
  maxLeaves: 8,
  maxDepth: 4,
  minSamplesLeaf: 100,
  minHessianLeaf: 1e-3,
  l2Regularization: 1,
  minSplitGain: 0,
  rowSubsample: 0.8,
  columnSubsample: 0.8,
  earlyStoppingRounds: 50,
  categorySmoothing: 10,
  maxBins: MAX_VALUE_BINS,
  minCategoryCount: 100,
  categoryOrder: "target",
});

const FORMAT = "microtrust.gradient-boosting";

interface GradientBoostingJSON extends TreeModelJSON {
  readonly params: GradientBoostingParams;
  readonly initialScore: number;
}

/**
 * A fitted boosted-tree classifier: margin(x) = initialScore + Σ_t f_t(x) (learning rate already in the
 * leaves), P(default | x) = 1 / (1 + e^(−margin)). Explanations are exact TreeSHAP values of the margin.
 */
export class FittedGradientBoosting implements FittedBinaryClassifier {
  readonly kind = "gradient-boosting";
  readonly features: readonly FeatureSpec[];
  readonly params: GradientBoostingParams;
  private readonly ensemble: TreeEnsemble;

  /** @internal Built by fitGradientBoosting or gradientBoostingFromJSON. */
  constructor(params: GradientBoostingParams, ensemble: TreeEnsemble) {
    this.params = params;
    this.ensemble = ensemble;
    this.features = ensemble.features;
    Object.freeze(this);
  }

  /** Number of trees kept (the best iteration under early stopping). */
  get treeCount(): number {
    return this.ensemble.trees.length;
  }

  /** Log-odds margin for every row. @throws ScoringError SHAPE_MISMATCH for other features. */
  predictMargin(x: Matrix): Float64Array {
    return this.ensemble.outputs("FittedGradientBoosting.predictMargin", x);
  }

  /** σ(margin) for every row. @throws ScoringError SHAPE_MISMATCH for other features. */
  predictProba(x: Matrix): Float64Array {
    return this.ensemble.outputs("FittedGradientBoosting.predictProba", x).map(sigmoid);
  }

  /** σ(margin) for one dense row. @throws ScoringError SHAPE_MISMATCH for another width. */
  predictRowProba(row: ArrayLike<number>): number {
    this.ensemble.assertRowWidth("FittedGradientBoosting.predictRowProba", row);
    return sigmoid(this.ensemble.output(row));
  }

  /**
   * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018) of the log-odds margin: base =
   * initialScore + Σ_t E[f_t] under the covers, base + Σ contributions = margin.
   * @throws ScoringError SHAPE_MISMATCH for another width.
   */
  explainRow(row: ArrayLike<number>): Attribution {
    this.ensemble.assertRowWidth("FittedGradientBoosting.explainRow", row);
    return { space: "logit", ...this.ensemble.explain(row) };
  }

  toJSON(): GradientBoostingJSON {
    return { ...treeModelJSON(FORMAT, this.ensemble), params: this.params, initialScore: this.ensemble.initialScore };
  }
}

function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

function validateParams(where: string, params: GradientBoostingParams, features: readonly FeatureSpec[]): Int8Array {
  const share = (value: number): boolean => value > 0 && value <= 1;
  requireArgument(Number.isInteger(params.iterations) && params.iterations >= 1, `${where}: iterations`, "an integer ≥ 1");
  requireArgument(share(params.learningRate), `${where}: learningRate`, "in (0, 1]");
  requireArgument(Number.isInteger(params.maxLeaves) && params.maxLeaves >= 2, `${where}: maxLeaves`, "an integer ≥ 2");
  requireArgument(Number.isInteger(params.maxDepth) && params.maxDepth >= 1, `${where}: maxDepth`, "an integer ≥ 1");
  requireArgument(params.minSamplesLeaf > 0 && Number.isFinite(params.minSamplesLeaf), `${where}: minSamplesLeaf`, "a finite number > 0");
  requireArgument(params.minHessianLeaf >= 0 && Number.isFinite(params.minHessianLeaf), `${where}: minHessianLeaf`, "a finite number ≥ 0");
  requireArgument(params.l2Regularization >= 0 && Number.isFinite(params.l2Regularization), `${where}: l2Regularization`, "a finite number ≥ 0");
  requireArgument(params.minSplitGain >= 0 && Number.isFinite(params.minSplitGain), `${where}: minSplitGain`, "a finite number ≥ 0");
  requireArgument(share(params.rowSubsample), `${where}: rowSubsample`, "in (0, 1]");
  requireArgument(share(params.columnSubsample), `${where}: columnSubsample`, "in (0, 1]");
  requireArgument(Number.isInteger(params.earlyStoppingRounds) && params.earlyStoppingRounds >= 1, `${where}: earlyStoppingRounds`, "an integer ≥ 1");
  requireArgument(params.categorySmoothing >= 0 && Number.isFinite(params.categorySmoothing), `${where}: categorySmoothing`, "a finite number ≥ 0");
  requireArgument(Number.isInteger(params.maxBins) && params.maxBins >= 2 && params.maxBins <= MAX_VALUE_BINS, `${where}: maxBins`, `an integer in [2, ${MAX_VALUE_BINS}]`);
  validateMinCategoryCount(where, params.minCategoryCount);
  requireArgument(params.categoryOrder === undefined || params.categoryOrder === "gradient" || params.categoryOrder === "target", `${where}: categoryOrder`, `"gradient" or "target"`);
  validateTargetStatisticsParams(where, params.targetStatistics);
  const monotone = monotoneDirections(where, params.monotoneConstraints, features);
  return monotone;
}

/**
 * Fits gradient-boosted trees for the logistic loss, XGBoost `hist` / LightGBM style (Friedman 2001;
 * Chen & Guestrin 2016; Ke et al. 2017). Start from the log-odds of the weighted base rate; each round
 * computes g = (p − y)·w and h = p(1 − p)·w, grows a best-first tree on binned histograms with gain
 * ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] (split only if above γ) and leaf −G/(H+λ)·learningRate,
 * on a row subsample (without replacement) and a column subsample drawn per tree. With
 * options.validation, rounds stop once the validation log loss has not improved for
 * earlyStoppingRounds and the model keeps the best round. Round t draws from deriveSeed(seed, t).
 *
 * Input: x with finite values or NaN, y ∈ {0,1} with both classes, optional non-negative weights.
 * @throws ScoringError INVALID_ARGUMENT for bad params; SHAPE_MISMATCH / INVALID_DATA for bad data.
 */
export function fitGradientBoosting(params: GradientBoostingParams, inputX: Matrix, y: Float64Array, options: FitOptions): FittedGradientBoosting {
  const where = "fitGradientBoosting";
  validateParams(where, params, inputX.features);
  const sampleWeights = validateTreeFitData(where, inputX, y, options);
  const { x, statistics } = withTrainingStatistics(params.targetStatistics, inputX, y, sampleWeights, options.seed);
  const monotone = monotoneDirections(where, params.monotoneConstraints, x.features);
  const frozenParams = freezeParams(params);
  const n = x.rows;
  const p = x.features.length;
  const mapper = fitBinMapper(x, params.maxBins, params.minCategoryCount);
  const gradients = new Float64Array(n);
  const hessians = new Float64Array(n);
  const binned = binMatrix(mapper, x);
  const data = { mapper, binned, gradients, hessians, weights: sampleWeights };
  const learningRate = params.learningRate;
  const lambda = params.l2Regularization;
  const settings = {
    maxDepth: params.maxDepth,
    maxLeaves: params.maxLeaves,
    minWeightLeaf: params.minSamplesLeaf,
    minHessianLeaf: params.minHessianLeaf,
    minSplitGain: params.minSplitGain,
    l2Regularization: lambda,
    categorySmoothing: params.categorySmoothing,
    ...(params.categoryOrder === "target" ? { categoryRanks: categoricalBinRanks(mapper, binned, y, sampleWeights, params.categorySmoothing) } : {}),
    featuresPerSplit: p,
    coverChannel: "weight" as const,
    monotone,
    leafValue: (sumGradient: number, sumHessian: number, lower: number, upper: number) => Math.min(upper, Math.max(lower, -sumGradient / (sumHessian + lambda))) * learningRate,
  };

  let positiveWeight = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    positiveWeight += sampleWeights[i] * y[i];
    totalWeight += sampleWeights[i];
  }
  if (!(positiveWeight > 0 && positiveWeight < totalWeight)) throw new ScoringError("INVALID_DATA", `${where}: the weighted labels contain one class only`, "sampleWeight");
  const initialScore = Math.log(positiveWeight / (totalWeight - positiveWeight));
  const margins = new Float64Array(n).fill(initialScore);

  const subsample = params.rowSubsample < 1;
  const sampledFeatureCount = Math.max(1, Math.round(params.columnSubsample * p));
  const rowMajor = subsample ? toRowMajor(x) : null;
  const leafOfRow = new Int32Array(n);
  const inSample = new Uint8Array(n);
  const sampledRows = new Uint32Array(n);
  const allRows = Uint32Array.from({ length: n }, (_, i) => i);
  const featureOrder = Int32Array.from({ length: p }, (_, j) => j);

  const validation = options.validation ? { rows: toRowMajor(appendTargetStatistics(statistics, options.validation.x)), y: options.validation.y, margins: new Float64Array(options.validation.x.rows).fill(initialScore) } : null;
  let bestLoss = Infinity;
  let bestRounds = 0;
  const trees: DecisionTree[] = [];
  for (let t = 0; t < params.iterations; t++) {
    const random = new Random(deriveSeed(options.seed, t));
    for (let i = 0; i < n; i++) {
      const probability = sigmoid(margins[i]);
      gradients[i] = (probability - y[i]) * sampleWeights[i];
      hessians[i] = Math.max(probability * (1 - probability), 1e-16) * sampleWeights[i];
    }
    const rows = subsample ? drawRows(random, params.rowSubsample, inSample, sampledRows) : allRows.slice();
    const features = sampledFeatureCount < p ? Int32Array.from(random.shuffle(featureOrder).subarray(0, sampledFeatureCount)).sort() : featureOrder;
    const tree = growTree(data, settings, rows, features, random, leafOfRow);
    trees.push(tree);
    if (rowMajor) {
      for (let i = 0; i < n; i++) margins[i] += tree.value[inSample[i] === 1 ? leafOfRow[i] : tree.leafIndex(rowMajor, i * p)];
    } else {
      for (let i = 0; i < n; i++) margins[i] += tree.value[leafOfRow[i]];
    }
    options.onProgress?.(t + 1, params.iterations);
    if (validation) {
      const loss = addTreeAndMeasureLogLoss(tree, validation.rows, p, validation.y, validation.margins);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestRounds = t + 1;
      } else if (t + 1 - bestRounds >= params.earlyStoppingRounds) break;
    }
  }
  const kept = validation ? trees.slice(0, bestRounds) : trees;
  return new FittedGradientBoosting(frozenParams, new TreeEnsemble(inputX.features, kept, initialScore, 1, statistics));
}

/**
 * Draws each row with probability `share` (at least one row), marking `inSample`; returns the drawn
 * rows in increasing order (which keeps histogram building cache-friendly) as a fresh array.
 */
function drawRows(random: Random, share: number, inSample: Uint8Array, buffer: Uint32Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < inSample.length; i++) {
    inSample[i] = random.nextFloat() < share ? 1 : 0;
    if (inSample[i] === 1) buffer[count++] = i;
  }
  if (count === 0) {
    inSample[0] = 1;
    buffer[count++] = 0;
  }
  return buffer.slice(0, count);
}

/** Adds the tree to the validation margins and returns the mean log loss −[y ln p + (1−y) ln(1−p)]. */
function addTreeAndMeasureLogLoss(tree: DecisionTree, rows: Float64Array, width: number, y: Float64Array, margins: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < margins.length; i++) {
    const margin = (margins[i] += tree.value[tree.leafIndex(rows, i * width)]);
    // ln(1 + e^(−s·m)) with s = ±1, computed stably.
    const signed = y[i] === 1 ? margin : -margin;
    loss += signed > 0 ? Math.log1p(Math.exp(-signed)) : -signed + Math.log1p(Math.exp(signed));
  }
  return loss / margins.length;
}

/**
 * Seed stream of the target statistics' folds: deriveSeed(seed, t) is round t's stream, so the
 * statistics take an index no round reaches.
 */

function freezeParams(params: GradientBoostingParams): GradientBoostingParams {
  const { monotoneConstraints, targetStatistics, ...rest } = params;
  return Object.freeze({
    ...rest,
    ...(monotoneConstraints === undefined ? {} : { monotoneConstraints: Object.freeze({ ...monotoneConstraints }) }),
    ...(targetStatistics === undefined ? {} : { targetStatistics: Object.freeze({ ...targetStatistics }) }),
  });
}

/**
 * Rebuilds a boosted model from `toJSON()` output; predictions are bitwise identical.
 * @throws ScoringError INVALID_ARTIFACT for another format or version, malformed params or trees.
 */
export function gradientBoostingFromJSON(json: unknown): FittedGradientBoosting {
  const where = "gradientBoostingFromJSON";
  const { record, features, statistics, trees } = parseTreeModelJSON(json, FORMAT, where);
  const params = record.params as GradientBoostingParams;
  try {
    if (typeof params !== "object" || params === null) throw new ScoringError("INVALID_ARGUMENT", "params is not an object");
    validateParams(where, params, features);
  } catch (error) {
    throw new ScoringError("INVALID_ARTIFACT", `${where}: malformed params (${(error as Error).message})`);
  }
  if (typeof record.initialScore !== "number" || !Number.isFinite(record.initialScore)) throw new ScoringError("INVALID_ARTIFACT", `${where}: initialScore is not a finite number`);
  return new FittedGradientBoosting(freezeParams(params), new TreeEnsemble(features, trees, record.initialScore, 1, statistics));
}
