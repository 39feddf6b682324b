import { ScoringError } from "../core/errors";

/**
 * The q-quantile of ascending `sorted` values by linear interpolation between order statistics:
 * h = (n − 1)·q, Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) — Hyndman & Fan (1996) type 7, the
 * default of NumPy's `percentile` and R's `quantile`.
 * @param sorted non-empty, ascending, finite.
 * @param q in [0, 1].
 * @throws ScoringError INVALID_ARGUMENT for an empty input or q outside [0, 1].
 */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new ScoringError("INVALID_ARGUMENT", "quantileOfSorted: no values");
  if (!(q >= 0 && q <= 1)) throw new ScoringError("INVALID_ARGUMENT", `quantileOfSorted: q must be in [0, 1], got ${q}`, "q");
  const h = (sorted.length - 1) * q;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
}
