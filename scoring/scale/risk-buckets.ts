import { ScoringError, requireArgument } from "../core/errors";

/**
 * Named risk bands over the score. A band holds the scores in [minScore, next band's minScore); bands
 * are listed from the best (highest minScore) to the worst, and the worst band's minScore must not
 * exceed the scaling's minimum score so that every score falls in a band.
 */
export interface RiskBucket {
  /** Stable band name, e.g. "A". */
  readonly name: string;
  /** Lowest score in the band (inclusive). */
  readonly minScore: number;
  /** Plain-language label for reports. */
  readonly label: string;
}

/**
 * Default bands for the default scaling (600 at 30:1, PDO 40): PD bounds are ≈ 0.6 % (720),
 * 1.7 % (660), 3.2 % (600), 6.2 % (540) and above.
 */
export const DEFAULT_RISK_BUCKETS: readonly RiskBucket[] = Object.freeze([
  { name: "A", minScore: 720, label: "very low risk" },
  { name: "B", minScore: 660, label: "low risk" },
  { name: "C", minScore: 600, label: "moderate risk" },
  { name: "D", minScore: 540, label: "elevated risk" },
  { name: "E", minScore: 300, label: "high risk" },
]);

/**
 * Throws INVALID_ARGUMENT unless buckets are non-empty, uniquely named, strictly decreasing in
 * minScore, and the last one starts at or below `lowestScore`.
 */
export function validateRiskBuckets(where: string, buckets: readonly RiskBucket[], lowestScore: number): void {
  requireArgument(buckets.length > 0, `${where}: riskBuckets`, "a non-empty list");
  const names = new Set<string>();
  buckets.forEach((bucket, k) => {
    requireArgument(bucket.name.length > 0 && !names.has(bucket.name), `${where}: riskBuckets`, `uniquely named, "${bucket.name}" repeats or is empty`);
    names.add(bucket.name);
    requireArgument(Number.isFinite(bucket.minScore), `${where}: riskBuckets`, `finite minScore, "${bucket.name}" has ${bucket.minScore}`);
    if (k > 0) requireArgument(bucket.minScore < buckets[k - 1].minScore, `${where}: riskBuckets`, `listed best first with strictly decreasing minScore ("${bucket.name}")`);
  });
  requireArgument(buckets[buckets.length - 1].minScore <= lowestScore, `${where}: riskBuckets`, `to cover the lowest score ${lowestScore}`);
}

/**
 * The first bucket (best first) with minScore ≤ score.
 * @throws ScoringError INVALID_ARGUMENT when the score is below every bucket or NaN.
 */
export function riskBucketForScore(score: number, buckets: readonly RiskBucket[]): RiskBucket {
  for (const bucket of buckets) if (score >= bucket.minScore) return bucket;
  throw new ScoringError("INVALID_ARGUMENT", `riskBucketForScore: score ${score} is below every risk bucket`, "score");
}
