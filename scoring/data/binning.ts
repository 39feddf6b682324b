import { ScoringError, requireArgument } from "../core/errors";
import type { FeatureSpec, Matrix } from "./matrix";

/** The most value bins a feature may have; one more bin (index `valueBinCount`) holds missing values. */
export const MAX_VALUE_BINS = 255;

/** Default least training rows for a category to get a bin of its own: every seen category does. */
export const DEFAULT_MIN_CATEGORY_COUNT = 1;

/**
 * How one feature's values map to small integer bins.
 * - numeric: bin b holds the values v with upperEdges[b-1] < v ≤ upperEdges[b]; the last value bin
 *   (index upperEdges.length) is unbounded above. A split "bin ≤ b goes left" is therefore exactly the
 *   raw-value test v ≤ upperEdges[b], which is what a tree stores.
 * - categorical: bin = binOfCode[code]. Categories kept (seen in training at least minCategoryCount
 *   times, at most maxValueBins of them, the most frequent first) get bins 0, 1, … in code order; the
 *   others — rare, absent from training, or beyond the cap — share the missing bin.
 * NaN (and, for categorical features, a rare, unseen or out-of-range code) maps to the missing bin,
 * index `valueBinCount`: "missing, rare or unseen" is one bin, learned from the missing and rare rows.
 */
export type FeatureBinning =
  | { readonly kind: "numeric"; readonly valueBinCount: number; readonly upperEdges: Float64Array }
  | { readonly kind: "categorical"; readonly valueBinCount: number; readonly binOfCode: Uint8Array };

export interface BinMapper {
  readonly features: readonly FeatureSpec[];
  readonly bins: readonly FeatureBinning[];
}

/** A binned matrix: column-major bin indices, one `Uint8Array` per feature. */
export interface BinnedMatrix {
  readonly rows: number;
  readonly columns: readonly Uint8Array[];
}

/**
 * Fits quantile bin edges per feature, as LightGBM (Ke et al. 2017, "histogram algorithm") and
 * XGBoost's `hist` method do: a numeric feature with at most `maxValueBins` distinct non-missing values
 * gets one bin per value (edges at the midpoints between consecutive distinct values); otherwise edges
 * are placed greedily so that each bin holds about (rows left)/(bins left) values — a heavily repeated
 * value gets a bin of its own instead of swallowing its neighbours. A categorical feature gets one bin
 * per category seen at least `minCategoryCount` times, at most `maxValueBins` of them (the most
 * frequent; ties to the lower code); every other category is pooled with the missing values, as
 * LightGBM pools categories below `min_data_per_group` / beyond `max_cat_threshold` and CatBoost
 * treats unseen levels like its prior. A categorical feature of any cardinality is therefore accepted.
 * Missing values never shape the edges.
 *
 * Input domain: any Matrix (NaN = missing); `maxValueBins` an integer in [2, 255]; `minCategoryCount`
 * an integer ≥ 1. Unweighted.
 * @throws ScoringError INVALID_ARGUMENT for `maxValueBins` outside [2, 255] or a bad `minCategoryCount`.
 * @example fitBinMapper(x, 255, 20) // zip codes seen fewer than 20 times share the missing bin
 */
export function fitBinMapper(x: Matrix, maxValueBins: number = MAX_VALUE_BINS, minCategoryCount: number = DEFAULT_MIN_CATEGORY_COUNT): BinMapper {
  requireArgument(Number.isInteger(maxValueBins) && maxValueBins >= 2 && maxValueBins <= MAX_VALUE_BINS, "fitBinMapper: maxValueBins", `an integer in [2, ${MAX_VALUE_BINS}], got ${maxValueBins}`);
  requireArgument(Number.isInteger(minCategoryCount) && minCategoryCount >= 1, "fitBinMapper: minCategoryCount", `an integer ≥ 1, got ${minCategoryCount}`);
  const bins = x.features.map((feature, j): FeatureBinning => {
    if (feature.kind === "categorical") return categoricalBinning(x.columns[j], feature.categories.length, maxValueBins, minCategoryCount);
    const upperEdges = quantileUpperEdges(x.columns[j], maxValueBins);
    return { kind: "numeric", valueBinCount: upperEdges.length + 1, upperEdges };
  });
  return Object.freeze({ features: x.features, bins: Object.freeze(bins) });
}

function categoricalBinning(column: Float64Array, categoryCount: number, maxValueBins: number, minCategoryCount: number): FeatureBinning {
  const counts = new Float64Array(categoryCount);
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i])) counts[column[i]]++;
  const frequent: number[] = [];
  for (let code = 0; code < categoryCount; code++) if (counts[code] >= minCategoryCount) frequent.push(code);
  const kept = frequent.length <= maxValueBins ? frequent : frequent.sort((a, b) => counts[b] - counts[a] || a - b).slice(0, maxValueBins).sort((a, b) => a - b);
  const valueBinCount = Math.max(1, kept.length);
  const binOfCode = new Uint8Array(categoryCount).fill(valueBinCount);
  kept.forEach((code, bin) => (binOfCode[code] = bin));
  return { kind: "categorical", valueBinCount, binOfCode };
}

function quantileUpperEdges(column: Float64Array, maxValueBins: number): Float64Array {
  let n = 0;
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i])) n++;
  const sorted = new Float64Array(n);
  for (let i = 0, k = 0; i < column.length; i++) if (!Number.isNaN(column[i])) sorted[k++] = column[i];
  sorted.sort();
  const distinct: number[] = [];
  const cumulative: number[] = []; // count of values ≤ distinct[k]
  for (let i = 0; i < n; i++) {
    if (i === n - 1 || sorted[i + 1] !== sorted[i]) {
      distinct.push(sorted[i]);
      cumulative.push(i + 1);
    }
  }
  const edges: number[] = [];
  if (distinct.length <= maxValueBins) {
    for (let k = 0; k + 1 < distinct.length; k++) edges.push(midpoint(distinct[k], distinct[k + 1]));
    return Float64Array.from(edges);
  }
  let placed = 0; // values in bins already closed
  for (let k = 0; k + 1 < distinct.length && edges.length < maxValueBins - 1; k++) {
    const binsLeft = maxValueBins - edges.length;
    if (cumulative[k] - placed >= (n - placed) / binsLeft) {
      edges.push(midpoint(distinct[k], distinct[k + 1]));
      placed = cumulative[k];
    }
  }
  return Float64Array.from(edges);
}

/** A cut strictly between a < b that keeps a on the left: the midpoint, or a itself when rounding reaches b. */
function midpoint(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  return mid < b && mid >= a ? mid : a;
}

/** The bin of a value of a feature (the missing bin for NaN or an unknown category code). */
export function binOf(binning: FeatureBinning, value: number): number {
  if (Number.isNaN(value)) return binning.valueBinCount;
  if (binning.kind === "categorical") {
    return Number.isInteger(value) && value >= 0 && value < binning.binOfCode.length ? binning.binOfCode[value] : binning.valueBinCount;
  }
  const edges = binning.upperEdges;
  let low = 0;
  let high = edges.length; // first edge ≥ value, in [low, high]
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (edges[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Maps every value of `x` to its bin under `mapper` (see `binOf`).
 * @throws ScoringError SHAPE_MISMATCH unless `x` has the mapper's features (names, kinds, order).
 */
export function binMatrix(mapper: BinMapper, x: Matrix): BinnedMatrix {
  if (x.features.length !== mapper.features.length || x.features.some((f, j) => f.name !== mapper.features[j].name || f.kind !== mapper.features[j].kind)) {
    throw new ScoringError("SHAPE_MISMATCH", "binMatrix: the matrix's features differ from those the bins were fitted on");
  }
  const columns = mapper.bins.map((binning, j) => {
    const column = x.columns[j];
    const out = new Uint8Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = binOf(binning, column[i]);
    return out;
  });
  return Object.freeze({ rows: x.rows, columns: Object.freeze(columns) });
}

/**
 * The raw-value threshold equivalent to "value bins 0..bin go left" for a numeric feature: the bin's
 * upper edge, or Number.MAX_VALUE for the last value bin (every finite value goes left, only missing
 * values go right). Finite, so it survives a JSON round trip exactly.
 */
export function upperEdgeOfBin(binning: FeatureBinning & { kind: "numeric" }, bin: number): number {
  return bin < binning.upperEdges.length ? binning.upperEdges[bin] : Number.MAX_VALUE;
}
