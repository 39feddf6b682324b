import { ScoringError } from "../core/errors";
import { calibrationByQuantile, ksStatistic, populationStabilityIndex, type CalibrationBin } from "../metrics";
import { aucWithInterval, pairedComponents, pairedDifferenceWithInterval, type AucWithInterval, type PairedDifferenceWithInterval } from "./delong-intervals";

export type ComparedRecommendation = "APPROVE" | "REVIEW" | "REJECT";

/** What one model said of one loan under the active policy, from the loan's frozen features. */
export interface ModelVerdict {
  readonly probabilityOfDefault: number;
  readonly recommendation: ComparedRecommendation;
  /** The limit the policy would grant under this model's score (major units). */
  readonly recommendedLimit: number;
}

/** One loan with a known outcome, as each model sees it. */
export interface ComparedLoan {
  /** The scoring's id (CreditScore.id): the swap sets name loans by it. */
  readonly id: string;
  readonly defaulted: boolean;
  readonly champion: ModelVerdict;
  readonly challenger: ModelVerdict;
}

/** One model's side of the comparison. */
export interface ModelSide {
  readonly auc: AucWithInterval;
  readonly ks: number;
  /** Predicted vs observed default rate by decile of the model's PD. */
  readonly calibration: readonly CalibrationBin[];
  readonly approved: number;
  /** approved / loans. */
  readonly approvalRate: number;
  /** Σ PD × recommended limit over the loans the model approves (major units). */
  readonly expectedLoss: number;
  /** Observed defaults among the loans the model approves. */
  readonly approvedDefaults: number;
}

/** Loans whose recommendation flips between the two models. */
export interface SwapSet {
  readonly count: number;
  readonly defaults: number;
  /** Scoring ids, at most `maxSwapIds`, in input order. */
  readonly ids: readonly string[];
}

export interface ModelComparison {
  readonly loans: number;
  readonly defaults: number;
  readonly champion: ModelSide;
  readonly challenger: ModelSide;
  /** AUC(challenger) − AUC(champion) on the same loans (DeLong, paired). */
  readonly aucDifference: PairedDifferenceWithInterval;
  /** PSI of the challenger's PD distribution against the champion's (champion deciles as bins). */
  readonly psi: number;
  /** Champion APPROVE, challenger REJECT. */
  readonly approveToReject: SwapSet;
  /** Champion REJECT, challenger APPROVE. */
  readonly rejectToApprove: SwapSet;
  /** Loans by (champion, challenger) recommendation, every pair listed. */
  readonly recommendationMatrix: readonly { champion: ComparedRecommendation; challenger: ComparedRecommendation; count: number }[];
}

const recommendations: readonly ComparedRecommendation[] = ["APPROVE", "REVIEW", "REJECT"];

/**
 * Champion against challenger on the same loans with outcomes (Siddiqi 2017, ch. 14; Thomas, Edelman &
 * Crook 2017, ch. 7 on swap sets): each model's AUC of PD against default with its DeLong 95 % interval, the
 * paired difference AUC(challenger) − AUC(champion) with DeLong's interval and test (correlated because the
 * loans are the same), KS, calibration by decile of PD (calibrationByQuantile, 10 bins), PSI of the
 * challenger's PDs against the champion's deciles, and under the policy: approval rate (APPROVE only; REVIEW
 * is a referral, not an approval), expected loss Σ PD·limit over approved loans, and the swap sets
 * (approve → reject, reject → approve) with their observed defaults. Pure: same loans, same bytes.
 * @throws ScoringError INVALID_DATA unless there is at least one default and one loan that did not default;
 * INVALID_ARGUMENT for a non-finite PD or limit (from the metrics).
 */
export function compareModels(loans: readonly ComparedLoan[], options: { maxSwapIds?: number } = {}): ModelComparison {
  const defaults = loans.filter((loan) => loan.defaulted).length;
  if (defaults === 0 || defaults === loans.length) {
    throw new ScoringError("INVALID_DATA", `compareModels: loans with outcomes of both kinds are needed; ${defaults} defaults among ${loans.length} loans`);
  }
  const maxSwapIds = options.maxSwapIds ?? 500;
  const labels = Float64Array.from(loans, (loan) => (loan.defaulted ? 1 : 0));
  const championPd = Float64Array.from(loans, (loan) => loan.champion.probabilityOfDefault);
  const challengerPd = Float64Array.from(loans, (loan) => loan.challenger.probabilityOfDefault);
  const components = pairedComponents(labels, championPd, challengerPd);
  const side = (which: "champion" | "challenger", pd: Float64Array, auc: AucWithInterval): ModelSide => {
    const approvedLoans = loans.filter((loan) => loan[which].recommendation === "APPROVE");
    return {
      auc,
      ks: ksStatistic(labels, pd),
      calibration: calibrationByQuantile(labels, pd, 10),
      approved: approvedLoans.length,
      approvalRate: approvedLoans.length / loans.length,
      expectedLoss: approvedLoans.reduce((sum, loan) => sum + loan[which].probabilityOfDefault * loan[which].recommendedLimit, 0),
      approvedDefaults: approvedLoans.filter((loan) => loan.defaulted).length,
    };
  };
  const swap = (from: ComparedRecommendation, to: ComparedRecommendation): SwapSet => {
    const swapped = loans.filter((loan) => loan.champion.recommendation === from && loan.challenger.recommendation === to);
    return { count: swapped.length, defaults: swapped.filter((loan) => loan.defaulted).length, ids: swapped.slice(0, maxSwapIds).map((loan) => loan.id) };
  };
  return {
    loans: loans.length,
    defaults,
    champion: side("champion", championPd, aucWithInterval(components.a)),
    challenger: side("challenger", challengerPd, aucWithInterval(components.b)),
    aucDifference: pairedDifferenceWithInterval(components.b, components.a),
    psi: populationStabilityIndex(championPd, challengerPd, { bins: 10 }),
    approveToReject: swap("APPROVE", "REJECT"),
    rejectToApprove: swap("REJECT", "APPROVE"),
    recommendationMatrix: recommendations.flatMap((champion) =>
      recommendations.map((challenger) => ({ champion, challenger, count: loans.filter((loan) => loan.champion.recommendation === champion && loan.challenger.recommendation === challenger).length })),
    ),
  };
}
