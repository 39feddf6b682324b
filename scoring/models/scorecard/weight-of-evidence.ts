import { ScoringError, requireArgument } from "../../core/errors";

/** Weights of evidence of a set of bins and their information value. */
export interface WeightsOfEvidence {
  /** WoE per bin, in the order of the input counts. Positive = fewer defaults than average (good). */
  readonly woe: Float64Array;
  /** IV = Σ_i (good share_i − bad share_i)·WoE_i ≥ 0. */
  readonly informationValue: number;
}

/**
 * Weight of evidence and information value of bins (Siddiqi, Credit Risk Scorecards, 2017, ch. 6;
 * Kullback 1959 for IV as the symmetric divergence):
 *   WoE_i = ln( (g_i / G) / (b_i / B) ),   IV = Σ_i (g_i / G − b_i / B)·WoE_i,
 * with g_i = count_i − events_i the goods (non-defaults) and b_i = events_i the bads of bin i. Sign
 * convention: WoE > 0 marks a bin safer than the population, so a model of P(default) on WoE has
 * negative coefficients.
 *
 * Smoothing: every bin receives `smoothing` pseudo-rows split in the population's proportions —
 * smoothing·G/N goods and smoothing·B/N bads — and the totals grow accordingly. Every WoE is then
 * finite, a sparse bin's WoE shrinks towards 0 (the population odds), and an empty bin (e.g. no
 * missing values in training) gets WoE 0. IV uses the same smoothed shares. smoothing = 0 gives the
 * textbook formula: an empty bin then gets WoE 0, and a bin with only goods or only bads throws.
 *
 * @param counts (weighted) rows per bin, ≥ 0; events (weighted) defaults per bin, 0 ≤ events ≤ count.
 * @param smoothing pseudo-rows per bin, ≥ 0.
 * @throws ScoringError SHAPE_MISMATCH for different lengths; INVALID_ARGUMENT for a negative smoothing;
 *   INVALID_DATA for inconsistent counts, one class overall, or an empty cell with smoothing = 0.
 * @example weightsOfEvidence([50, 50], [10, 30], 0).woe // [ln((40/60)/(10/40)), ln((20/60)/(30/40))]
 */
export function weightsOfEvidence(counts: ArrayLike<number>, events: ArrayLike<number>, smoothing: number): WeightsOfEvidence {
  const where = "weightsOfEvidence";
  requireArgument(Number.isFinite(smoothing) && smoothing >= 0, `${where}: smoothing`, `a finite number ≥ 0, got ${smoothing}`);
  if (counts.length !== events.length) throw new ScoringError("SHAPE_MISMATCH", `${where}: ${counts.length} counts but ${events.length} event counts`);
  let total = 0;
  let totalEvents = 0;
  for (let i = 0; i < counts.length; i++) {
    if (!(events[i] >= 0 && events[i] <= counts[i] && Number.isFinite(counts[i]))) {
      throw new ScoringError("INVALID_DATA", `${where}: bin ${i} has ${events[i]} events of ${counts[i]} rows`);
    }
    total += counts[i];
    totalEvents += events[i];
  }
  const totalGoods = total - totalEvents;
  if (!(totalEvents > 0 && totalGoods > 0)) throw new ScoringError("INVALID_DATA", `${where}: both goods and bads are needed, got ${totalGoods} goods and ${totalEvents} bads`);
  const goodPrior = (smoothing * totalGoods) / total;
  const badPrior = (smoothing * totalEvents) / total;
  const smoothedGoods = totalGoods + counts.length * goodPrior;
  const smoothedBads = totalEvents + counts.length * badPrior;
  const woe = new Float64Array(counts.length);
  let informationValue = 0;
  for (let i = 0; i < counts.length; i++) {
    const goodShare = (counts[i] - events[i] + goodPrior) / smoothedGoods;
    const badShare = (events[i] + badPrior) / smoothedBads;
    if (goodShare === 0 && badShare === 0) continue; // an empty bin without smoothing carries no evidence
    if (goodShare === 0 || badShare === 0) throw new ScoringError("INVALID_DATA", `${where}: bin ${i} has no ${goodShare === 0 ? "goods" : "bads"}; use smoothing > 0`);
    woe[i] = Math.log(goodShare / badShare);
    informationValue += (goodShare - badShare) * woe[i];
  }
  return { woe, informationValue };
}
