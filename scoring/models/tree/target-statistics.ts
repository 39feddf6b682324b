import { ScoringError, requireArgument } from "../../core/errors";
import { Random, deriveSeed } from "../../core/random";
import { createMatrix, type FeatureSpec, type Matrix } from "../../data/matrix";

/**
 * Hyperparameters of the cross-fitted target statistics a tree model adds for its high-cardinality
 * categorical features (see fitTargetStatistics).
 */
export interface TargetStatisticsParams {
  /** A categorical feature with at least this many declared categories gets a statistic, an integer ≥ 2. */
  readonly minCategories: number;
  /** Folds K of the out-of-fold statistic on the training rows, an integer in [2, 20]. */
  readonly folds: number;
  /** m, pseudo-rows of the prior in the m-estimate, finite and > 0. */
  readonly smoothing: number;
}

/** One feature's statistic from all training rows: the value prediction uses. */
export interface TargetStatistic {
  /** Index of the categorical feature it is computed from, among the model's input features. */
  readonly source: number;
  /** Weighted default rate of all training rows: the value of a missing, unseen or absent category. */
  readonly prior: number;
  /** The statistic of each declared category code. */
  readonly rateOfCode: Float64Array;
}

/** @throws ScoringError INVALID_ARGUMENT naming `where` unless params are inside their documented domain. */
export function validateTargetStatisticsParams(where: string, params: TargetStatisticsParams | undefined): void {
  if (params === undefined) return;
  requireArgument(typeof params === "object" && params !== null, `${where}: targetStatistics`, "absent or an object");
  requireArgument(Number.isInteger(params.minCategories) && params.minCategories >= 2, `${where}: targetStatistics.minCategories`, "an integer ≥ 2");
  requireArgument(Number.isInteger(params.folds) && params.folds >= 2 && params.folds <= 20, `${where}: targetStatistics.folds`, "an integer in [2, 20]");
  requireArgument(params.smoothing > 0 && Number.isFinite(params.smoothing), `${where}: targetStatistics.smoothing`, "finite and > 0");
}

/** The name of the numeric column derived from `source` (it never reaches a reason code: see foldAttribution). */
export function targetStatisticName(source: string): string {
  return `${source} (target statistic)`;
}

/**
 * m-estimate of a category's default rate (Micci-Barreca 2001; CatBoost's target statistic with prior
 * weight m): (Σ w·y + m·prior) / (Σ w + m). A category without rows gets exactly the prior.
 */
function smoothedRate(positiveWeight: number, weight: number, prior: number, smoothing: number): number {
  return (positiveWeight + smoothing * prior) / (weight + smoothing);
}

/**
 * The statistics of `x`'s categorical features from the rows whose `include` flag is set (all rows
 * when `include` is null): per feature, the weighted prior and each code's m-estimate.
 */
function statisticsFrom(x: Matrix, sources: readonly number[], y: ArrayLike<number>, weights: ArrayLike<number>, smoothing: number, include: ((i: number) => boolean) | null): TargetStatistic[] {
  let positive = 0;
  let total = 0;
  for (let i = 0; i < x.rows; i++) {
    if (include !== null && !include(i)) continue;
    positive += weights[i] * y[i];
    total += weights[i];
  }
  const prior = total > 0 ? positive / total : 0.5;
  return sources.map((source) => {
    const spec = x.features[source] as Extract<FeatureSpec, { kind: "categorical" }>;
    const positives = new Float64Array(spec.categories.length);
    const counts = new Float64Array(spec.categories.length);
    const column = x.columns[source];
    for (let i = 0; i < x.rows; i++) {
      const code = column[i];
      if (Number.isNaN(code) || (include !== null && !include(i))) continue;
      positives[code] += weights[i] * y[i];
      counts[code] += weights[i];
    }
    const rateOfCode = positives.map((p, code) => smoothedRate(p, counts[code], prior, smoothing));
    return { source, prior, rateOfCode };
  });
}

/** The statistic of one category code: its rate, or the prior for a missing, unseen or out-of-range code. */
export function statisticOfCode(statistic: TargetStatistic, code: number): number {
  return Number.isInteger(code) && code >= 0 && code < statistic.rateOfCode.length ? statistic.rateOfCode[code] : statistic.prior;
}

/** A fitted transform and the training matrix it produced (input features, then one column per statistic). */
export interface FittedTargetStatistics {
  readonly statistics: readonly TargetStatistic[];
  readonly augmentedTraining: Matrix;
}

/**
 * Cross-fitted target statistics of the high-cardinality categorical features of `x` (those with at
 * least `minCategories` declared categories), each appended as a numeric column the trees can cut:
 * - for a training row, the m-estimate of its category's default rate computed from the rows of the
 *   other K − 1 folds only (prior included), so the row's own label never enters its value — the
 *   in-sample leak that makes a plain target encoding overfit (Prokhorenkova et al. 2018, CatBoost,
 *   §3.2; scikit-learn's TargetEncoder.fit_transform cross-fits the same way);
 * - at prediction (and in the returned statistics), the m-estimate from all training rows; a missing,
 *   unseen or untrained category gets the prior (the weighted base rate).
 * Folds: the rows are shuffled with a generator seeded by `seed` and dealt to folds 0, 1, …, K−1, 0, …,
 * so the same inputs give the same bytes. Returns null when no feature qualifies.
 *
 * Input domain: x with valid codes or NaN, y ∈ {0, 1}, weights ≥ 0 (one per row), at least K rows.
 * @throws ScoringError INVALID_ARGUMENT for bad params or a derived name that is already a feature.
 * @example fitTargetStatistics({ minCategories: 10, folds: 5, smoothing: 20 }, x, y, weights, 7)
 */
export function fitTargetStatistics(params: TargetStatisticsParams, x: Matrix, y: ArrayLike<number>, weights: ArrayLike<number>, seed: number): FittedTargetStatistics | null {
  const where = "fitTargetStatistics";
  validateTargetStatisticsParams(where, params);
  const sources = x.features.flatMap((feature, j) => (feature.kind === "categorical" && feature.categories.length >= params.minCategories ? [j] : []));
  if (sources.length === 0) return null;
  requireArgument(x.rows >= params.folds, `${where}: x`, `at least ${params.folds} rows (one per fold), got ${x.rows}`);
  const names = new Set(x.features.map((f) => f.name));
  for (const j of sources) {
    const name = targetStatisticName(x.features[j].name);
    if (names.has(name)) throw new ScoringError("INVALID_ARGUMENT", `${where}: the derived feature "${name}" is already a feature of the data`, name);
  }
  const order = Uint32Array.from({ length: x.rows }, (_, i) => i);
  new Random(seed).shuffle(order);
  const foldOfRow = new Uint8Array(x.rows);
  order.forEach((row, k) => (foldOfRow[row] = k % params.folds));
  const outOfFold = sources.map(() => new Float64Array(x.rows));
  for (let fold = 0; fold < params.folds; fold++) {
    const fromOtherFolds = statisticsFrom(x, sources, y, weights, params.smoothing, (i) => foldOfRow[i] !== fold);
    fromOtherFolds.forEach((statistic, s) => {
      const column = x.columns[statistic.source];
      for (let i = 0; i < x.rows; i++) if (foldOfRow[i] === fold) outOfFold[s][i] = statisticOfCode(statistic, column[i]);
    });
  }
  const statistics = statisticsFrom(x, sources, y, weights, params.smoothing, null);
  const augmentedTraining = createMatrix([...x.features, ...derivedFeatures(x.features, statistics)], [...x.columns, ...outOfFold]);
  return { statistics, augmentedTraining };
}

/** The numeric features the statistics add, in order. */
export function derivedFeatures(features: readonly FeatureSpec[], statistics: readonly TargetStatistic[]): FeatureSpec[] {
  return statistics.map((s) => ({ name: targetStatisticName(features[s.source].name), kind: "numeric" as const }));
}

/** `x` (the model's input features) with each statistic's column appended, from all training rows. */
export function appendTargetStatistics(statistics: readonly TargetStatistic[], x: Matrix): Matrix {
  const columns = statistics.map((s) => Float64Array.from(x.columns[s.source], (code) => statisticOfCode(s, code)));
  return createMatrix([...x.features, ...derivedFeatures(x.features, statistics)], [...x.columns, ...columns]);
}

/** Writes `row` (input width p) and its statistics into `out` (width p + statistics). */
export function writeAugmentedRow(statistics: readonly TargetStatistic[], row: ArrayLike<number>, out: Float64Array): void {
  const p = row.length;
  for (let j = 0; j < p; j++) out[j] = row[j];
  for (let s = 0; s < statistics.length; s++) out[p + s] = statisticOfCode(statistics[s], row[statistics[s].source]);
}

/**
 * Attributions over the augmented features (input, then statistics) folded back onto the input
 * features: a statistic's share goes to the categorical feature it is computed from. Sums are kept,
 * so base + Σ contributions = output still holds exactly (Shapley values of a grouped feature are the
 * sums of its parts' values under additivity — Lundberg & Lee 2017, as shap's grouped explanations).
 */
export function foldAttribution(statistics: readonly TargetStatistic[], augmented: Float64Array, inputWidth: number): Float64Array {
  const out = augmented.slice(0, inputWidth);
  statistics.forEach((s, k) => (out[s.source] += augmented[inputWidth + k]));
  return out;
}

/** The plain-JSON form stored in an artefact. */
export interface TargetStatisticJSON {
  readonly source: number;
  readonly prior: number;
  readonly rateOfCode: readonly number[];
}

export function targetStatisticsToJSON(statistics: readonly TargetStatistic[]): TargetStatisticJSON[] {
  return statistics.map((s) => ({ source: s.source, prior: s.prior, rateOfCode: Array.from(s.rateOfCode) }));
}

/**
 * Reads statistics stored by targetStatisticsToJSON for a model with input `features`.
 * @throws ScoringError INVALID_ARTIFACT naming `where` for a malformed entry.
 */
export function targetStatisticsFromJSON(json: unknown, features: readonly FeatureSpec[], where: string): TargetStatistic[] {
  const fail = (what: string): never => {
    throw new ScoringError("INVALID_ARTIFACT", `${where}: targetStatistics ${what}`);
  };
  if (!Array.isArray(json) || json.length === 0) return fail("is not a non-empty array");
  const rate = (v: unknown): v is number => typeof v === "number" && v >= 0 && v <= 1;
  return (json as unknown[]).map((entry, k) => {
    const e = entry as Record<string, unknown> | null;
    if (typeof e !== "object" || e === null) return fail(`entry ${k} is not an object`);
    const source = e.source;
    if (typeof source !== "number" || !Number.isInteger(source) || source < 0 || source >= features.length) return fail(`entry ${k} has no valid source feature`);
    const spec = features[source];
    if (spec.kind !== "categorical") return fail(`entry ${k} names the numeric feature "${spec.name}"`);
    if (!rate(e.prior)) return fail(`entry ${k} has a prior outside [0, 1]`);
    if (!Array.isArray(e.rateOfCode) || e.rateOfCode.length !== spec.categories.length || !e.rateOfCode.every(rate)) return fail(`entry ${k} has no rate in [0, 1] for each of the ${spec.categories.length} categories`);
    return { source, prior: e.prior, rateOfCode: Float64Array.from(e.rateOfCode as number[]) };
  });
}

/** The seed stream of a tree model's target statistics, apart from its trees' streams (round or tree t draws from deriveSeed(seed, t)). */
const TARGET_STATISTICS_STREAM = 0xfffffffe;

/**
 * A tree model's training matrix: `x` itself, or with the target statistics of `params` appended (and those
 * statistics, for prediction). Shared by the boosting and the forest.
 */
export function withTrainingStatistics(params: TargetStatisticsParams | undefined, x: Matrix, y: ArrayLike<number>, weights: ArrayLike<number>, seed: number): { x: Matrix; statistics: readonly TargetStatistic[] } {
  const fitted = params === undefined ? null : fitTargetStatistics(params, x, y, weights, deriveSeed(seed, TARGET_STATISTICS_STREAM));
  return { x: fitted?.augmentedTraining ?? x, statistics: fitted?.statistics ?? [] };
}
