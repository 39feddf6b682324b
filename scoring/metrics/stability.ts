import { ScoringError, requireArgument } from "../core/errors";
import { quantileOfSorted } from "./quantile";

/** Options of {@link populationStabilityIndex}. */
export interface PopulationStabilityOptions {
  /** Number of quantile bins of `expected` (default 10); ignored when `edges` is given. */
  readonly bins?: number;
  /** Interior cut points, strictly increasing: bins (−∞, e₁], (e₁, e₂], …, (e_k, +∞). */
  readonly edges?: readonly number[];
  /** Lower bound on a bin's share so an empty bin gives a finite term (default 1e-4). */
  readonly floor?: number;
}

/**
 * Population stability index of `actual` against `expected` (e.g. scores at development vs. today):
 *   PSI = Σ_i (a_i − e_i)·ln(a_i / e_i)
 * over bins, with a_i, e_i each sample's share of rows in bin i (Siddiqi 2017, ch. 14; Yurdakul 2018).
 * Bins: the given interior `edges`, or the type-7 quantiles of `expected` at k/bins (duplicate edges
 * from ties merged), each bin (e_{i−1}, e_i]. An empty bin's share is raised to `floor`
 * (default 1e-4) — the usual convention; the index is then finite but sensitive to that choice.
 * PSI ≥ 0, = 0 when the shares agree; common reading: < 0.10 stable, 0.10–0.25 watch, > 0.25 shifted.
 * @throws ScoringError INVALID_ARGUMENT for bad options; INVALID_DATA for an empty or non-finite sample.
 */
export function populationStabilityIndex(expected: ArrayLike<number>, actual: ArrayLike<number>, options: PopulationStabilityOptions = {}): number {
  const where = "populationStabilityIndex";
  assertFiniteSample(where, "expected", expected);
  let edges: number[];
  if (options.edges) {
    edges = [...options.edges];
    requireArgument(edges.every((e, k) => Number.isFinite(e) && (k === 0 || e > edges[k - 1])), `${where}: edges`, "finite and strictly increasing");
  } else {
    edges = quantileEdges(where, expected, options.bins ?? 10);
  }
  return populationStabilityIndexFromShares({ edges, shares: Array.from(binShares(expected, edges)) }, actual, options.floor);
}

/** A sample's distribution over bins: interior `edges` (bins (−∞, e₁], …, (e_k, +∞)) and each bin's share of rows. */
export interface BinnedDistribution {
  readonly edges: readonly number[];
  readonly shares: readonly number[];
}

/**
 * The quantile bins of a sample (type-7 quantiles at k/bins, tied edges merged) and its share in each:
 * what a model report keeps of its holdout scores so PSI can be computed later without the scores.
 * @throws ScoringError INVALID_ARGUMENT for bins < 1; INVALID_DATA for an empty or non-finite sample.
 */
export function binnedDistribution(sample: ArrayLike<number>, bins = 10): BinnedDistribution {
  assertFiniteSample("binnedDistribution", "sample", sample);
  const edges = quantileEdges("binnedDistribution", sample, bins);
  return { edges, shares: Array.from(binShares(sample, edges)) };
}

/**
 * PSI of `actual` against a stored expected distribution (see populationStabilityIndex for the formula
 * and the floor convention). Lets a report's binned holdout scores stand in for the raw expected sample.
 * @throws ScoringError INVALID_ARGUMENT for mismatched edges/shares or a bad floor; INVALID_DATA for an empty or non-finite actual sample.
 */
export function populationStabilityIndexFromShares(expected: BinnedDistribution, actual: ArrayLike<number>, floor = 1e-4): number {
  const where = "populationStabilityIndexFromShares";
  requireArgument(floor > 0 && floor < 1, `${where}: floor`, `in (0, 1), got ${floor}`);
  requireArgument(expected.shares.length === expected.edges.length + 1, `${where}: expected`, "one share more than edges");
  assertFiniteSample(where, "actual", actual);
  const actualShares = binShares(actual, expected.edges);
  let psi = 0;
  for (let k = 0; k < actualShares.length; k++) {
    const e = Math.max(expected.shares[k], floor);
    const a = Math.max(actualShares[k], floor);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

function assertFiniteSample(where: string, name: string, sample: ArrayLike<number>): void {
  if (sample.length === 0) throw new ScoringError("INVALID_DATA", `${where}: ${name} is empty`, name);
  for (let i = 0; i < sample.length; i++) {
    if (!Number.isFinite(sample[i])) throw new ScoringError("INVALID_DATA", `${where}: ${name} row ${i} is ${sample[i]}, expected a finite number`, name);
  }
}

function quantileEdges(where: string, sample: ArrayLike<number>, bins: number): number[] {
  requireArgument(Number.isInteger(bins) && bins >= 1, `${where}: bins`, `an integer ≥ 1, got ${bins}`);
  const sorted = Float64Array.from(sample).sort();
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = quantileOfSorted(sorted, k / bins);
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

/** Share of `values` in each bin (e_{k−1}, e_k] of the interior `edges` (edges.length + 1 bins). */
function binShares(values: ArrayLike<number>, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  for (let i = 0; i < values.length; i++) {
    let low = 0;
    let high = edges.length;
    // First edge ≥ value: the bin index.
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (edges[mid] < values[i]) low = mid + 1;
      else high = mid;
    }
    counts[low]++;
  }
  return counts.map((count) => count / values.length);
}

/**
 * Fewest scores for which a PSI over the ten holdout deciles is read. With n scores drawn from the very
 * distribution the deciles describe, n·PSI is approximately χ² with (bins − 1) degrees of freedom
 * (Yurdakul 2018, "Statistical properties of the population stability index"), so sampling noise alone gives
 * E[PSI] ≈ 9 / n: 1.0 at 9 scorings, 0.09 at 100 — on the 0.10 "stable" line — and 0.0225 at 400, under a
 * quarter of it. Below this size no verdict is given.
 */
export const MIN_STABILITY_SAMPLE = 400;

export type StabilityVerdict = "INSUFFICIENT_SAMPLE" | "STABLE" | "WATCH" | "SHIFTED";

/**
 * The drift verdict of a PSI measured on `sampleSize` scores: INSUFFICIENT_SAMPLE below MIN_STABILITY_SAMPLE
 * (the PSI is mostly sampling noise there), else the common reading < 0.10 STABLE, 0.10–0.25 WATCH,
 * > 0.25 SHIFTED (Siddiqi 2017, ch. 14).
 * @throws ScoringError INVALID_ARGUMENT for a negative or non-finite PSI or a sample size that is not a whole number ≥ 0.
 */
export function populationStabilityVerdict(psi: number, sampleSize: number): StabilityVerdict {
  requireArgument(Number.isFinite(psi) && psi >= 0, "populationStabilityVerdict: psi", `a finite number ≥ 0, got ${psi}`);
  requireArgument(Number.isInteger(sampleSize) && sampleSize >= 0, "populationStabilityVerdict: sampleSize", `a whole number ≥ 0, got ${sampleSize}`);
  if (sampleSize < MIN_STABILITY_SAMPLE) return "INSUFFICIENT_SAMPLE";
  return psi < 0.1 ? "STABLE" : psi <= 0.25 ? "WATCH" : "SHIFTED";
}
