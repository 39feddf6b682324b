/**
 * Reject inference by parcelling (Siddiqi, *Credit Risk Scorecards*, 2006, ch. 6; Anderson, *The Credit
 * Scoring Toolkit*, 2007): outcomes exist only for approved applicants, so a model fitted on them learns from
 * a sample the old policy chose. Parcelling gives each rejected applicant an inferred outcome: the rejects
 * are placed in the score bands of a model fitted on the approved (bands = quantiles of the approved
 * applicants' predicted PD), and within a band each reject is drawn bad with probability
 * min(1, multiplier × the approved applicants' observed bad rate in that band). A multiplier above 1 says
 * that rejects are worse than approved applicants of the same score (the usual assumption: something the
 * old policy saw made it reject them). The augmented set (approved with their outcomes, rejects with the
 * inferred ones) is then fitted as usual. Pure: seeded draws.
 */
import { requireArgument } from "../core/errors";
import { Random } from "../core/random";

export interface ParcellingOptions {
  readonly seed: number;
  /** Score bands (quantiles of the approved PDs). Default 10. */
  readonly bands?: number;
  /** Rejects' bad rate relative to approved applicants of the same band. Default 1. */
  readonly badRateMultiplier?: number;
}

/**
 * Inferred outcomes (1 = bad) for rejected applicants.
 * @param approvedPd the approved-only model's PD of each approved applicant
 * @param approvedLabels their observed outcomes (0/1)
 * @param rejectedPd the same model's PD of each rejected applicant
 * @throws ScoringError INVALID_ARGUMENT for mismatched lengths, no approved applicant, bands < 1 or a multiplier ≤ 0.
 * @example parcelRejects([0.1, 0.9], [0, 1], [0.95], { seed: 1, bands: 2 }) // [1]: the top band's bad rate is 1
 */
export function parcelRejects(approvedPd: ArrayLike<number>, approvedLabels: ArrayLike<number>, rejectedPd: ArrayLike<number>, options: ParcellingOptions): Float64Array {
  const bands = options.bands ?? 10;
  const multiplier = options.badRateMultiplier ?? 1;
  requireArgument(approvedPd.length === approvedLabels.length && approvedPd.length > 0, "parcelRejects: approvedPd", "as many PDs as labels, at least one");
  requireArgument(Number.isInteger(bands) && bands >= 1, "parcelRejects: bands", `an integer ≥ 1, got ${bands}`);
  requireArgument(multiplier > 0 && Number.isFinite(multiplier), "parcelRejects: badRateMultiplier", `a positive number, got ${multiplier}`);
  const sorted = Float64Array.from(approvedPd).sort();
  // Upper edges of bands 0…bands−2 (the last band is open above).
  const edges = Array.from({ length: bands - 1 }, (_, k) => sorted[Math.min(sorted.length - 1, Math.floor(((k + 1) * sorted.length) / bands))]);
  const bandOf = (pd: number): number => {
    let band = 0;
    while (band < edges.length && pd >= edges[band]) band += 1;
    return band;
  };
  const bads = new Float64Array(bands);
  const counts = new Float64Array(bands);
  for (let i = 0; i < approvedPd.length; i++) {
    const band = bandOf(approvedPd[i]);
    counts[band] += 1;
    bads[band] += approvedLabels[i] === 1 ? 1 : 0;
  }
  const overall = bads.reduce((a, b) => a + b, 0) / approvedPd.length;
  const random = new Random(options.seed);
  return Float64Array.from(rejectedPd, (pd) => {
    const band = bandOf(pd);
    const rate = counts[band] > 0 ? bads[band] / counts[band] : overall;
    return random.nextFloat() < Math.min(1, multiplier * rate) ? 1 : 0;
  });
}
