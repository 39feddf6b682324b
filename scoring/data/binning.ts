import { ScoringError, requireArgument } from "../core/errors";
import type { FeatureSpec, Matrix } from "./matrix";

/** The most value bins a feature may have; one more bin (index `valueBinCount`) holds missing values. */
export const MAX_VALUE_BINS = 255;

/**
 * How one feature's values map to small integer bins.
 * - numeric: bin b holds the values v with upperEdges[b-1] < v ≤ upperEdges[b]; the last value bin
 *   (index upperEdges.length) is unbounded above. A split "bin ≤ b goes left" is therefore exactly the
 *   raw-value test v ≤ upperEdges[b], which is what a tree stores.
 * - categorical: bin = category code.
 * NaN (and, for categorical features, an unseen code) maps to the missing bin, index `valueBinCount`.
 */
export type FeatureBinning =
  | { readonly kind: "numeric"; readonly valueBinCount: number; readonly upperEdges: Float64Array }
  | { readonly kind: "categorical"; readonly valueBinCount: number };

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
 * per declared category (at most `maxValueBins` categories). Missing values never shape the edges.
 *
 * Input domain: any Matrix (NaN = missing); `maxValueBins` an integer in [2, 255]. Unweighted.
 * @throws ScoringError INVALID_ARGUMENT for `maxValueBins` outside [2, 255];
 *   INVALID_DATA for a categorical feature with more than `maxValueBins` categories.
 */
export function fitBinMapper(x: Matrix, maxValueBins: number = MAX_VALUE_BINS): BinMapper {
  requireArgument(Number.isInteger(maxValueBins) && maxValueBins >= 2 && maxValueBins <= MAX_VALUE_BINS, "fitBinMapper: maxValueBins", `an integer in [2, ${MAX_VALUE_BINS}], got ${maxValueBins}`);
  const bins = x.features.map((feature, j): FeatureBinning => {
    if (feature.kind === "categorical") {
      if (feature.categories.length > maxValueBins) {
        throw new ScoringError("INVALID_DATA", `fitBinMapper: categorical feature "${feature.name}" has ${feature.categories.length} categories, at most ${maxValueBins} are supported`, feature.name);
      }
      return { kind: "categorical", valueBinCount: Math.max(1, feature.categories.length) };
    }
    const upperEdges = quantileUpperEdges(x.columns[j], maxValueBins);
    return { kind: "numeric", valueBinCount: upperEdges.length + 1, upperEdges };
  });
  return Object.freeze({ features: x.features, bins: Object.freeze(bins) });
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
    return Number.isInteger(value) && value >= 0 && value < binning.valueBinCount ? value : binning.valueBinCount;
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
