import { requireArgument } from "../core/errors";
import { rocAuc } from "../metrics/roc";
import type { CaseDecision } from "../simulation/simulation-case";

/** The four-fifths rule (US EEOC Uniform Guidelines, 29 CFR 1607.4(D)): a selection rate under 4/5 of the highest group's is evidence of adverse impact. */
export const FOUR_FIFTHS = 0.8;
/**
 * Default minimum group size: 30 applications for rates, 30 observed loans with at least one default and
 * one repayment for AUC and calibration. Below it a rate's 95 % interval is wider than ±18 points at 50 %
 * (1.96·√(0.25/30)), too wide to tell a four-fifths gap from noise.
 */
export const DEFAULT_MIN_GROUP_SIZE = 30;

/** One application as the fairness report reads it. */
export interface FairnessCase {
  /** The borrower's value of the protected attribute ("UNRECORDED" when none is recorded). */
  readonly group: string;
  readonly active: CaseDecision;
  /** The draft's decision, when a draft is compared. */
  readonly draft: CaseDecision | null;
  /** The model's PD on the stored scoring. */
  readonly probabilityOfDefault: number;
  /** Whether the loan defaulted at its latest observation; null when no outcome is observed. */
  readonly defaulted: boolean | null;
}

/** A policy's figures for one group. */
export interface GroupPolicyFigures {
  readonly approved: number;
  /** approved ÷ applications. */
  readonly approvalRate: number;
  /** approvalRate ÷ the reference group's; null when the reference rate is 0. */
  readonly adverseImpactRatio: number | null;
  /** adverseImpactRatio < 4/5; null when the group is too small to judge or there is no ratio. */
  readonly belowFourFifths: boolean | null;
  /** Mean recommended limit over the group's applications not rejected; null when all are. */
  readonly meanRecommendedLimit: number | null;
}

/** The model's quality within one group, on loans with an observed outcome. */
export interface GroupModelFigures {
  readonly withOutcome: number;
  readonly defaulted: number;
  /** ROC AUC of PD against default; null without enough outcomes of both kinds. */
  readonly auc: number | null;
  /** Mean predicted PD and observed default rate over the loans with an outcome (calibration-in-the-large). */
  readonly meanProbabilityOfDefault: number | null;
  readonly observedDefaultRate: number | null;
  /** True when there are fewer outcomes than the minimum or only one class: AUC and calibration are not judged. */
  readonly tooFewOutcomes: boolean;
}

export interface FairnessGroup {
  readonly group: string;
  readonly applications: number;
  /** Fewer applications than the minimum: its rates are shown but not judged. */
  readonly tooSmall: boolean;
  /** Applications still needed to reach the minimum (0 when it does). */
  readonly sizeNeeded: number;
  readonly active: GroupPolicyFigures;
  readonly draft: GroupPolicyFigures | null;
  readonly model: GroupModelFigures;
}

export interface FairnessReport {
  readonly minGroupSize: number;
  /** The most-approved group of at least the minimum size, per policy (null when no group is large enough). */
  readonly referenceGroup: { readonly active: string | null; readonly draft: string | null };
  /** Groups in name order. */
  readonly groups: readonly FairnessGroup[];
}

function referenceRate(groups: readonly { group: string; size: number; rate: number }[], minGroupSize: number): { group: string | null; rate: number } {
  let best: { group: string | null; rate: number } = { group: null, rate: 0 };
  for (const entry of groups) if (entry.size >= minGroupSize && (best.group === null || entry.rate > best.rate)) best = { group: entry.group, rate: entry.rate };
  return best;
}

function policyFigures(cases: readonly FairnessCase[], side: (item: FairnessCase) => CaseDecision, reference: number, judged: boolean): GroupPolicyFigures {
  const approved = cases.filter((item) => side(item).recommendation === "APPROVE").length;
  const lent = cases.filter((item) => side(item).recommendation !== "REJECT");
  const approvalRate = cases.length === 0 ? 0 : approved / cases.length;
  const adverseImpactRatio = reference === 0 ? null : approvalRate / reference;
  return {
    approved,
    approvalRate,
    adverseImpactRatio,
    belowFourFifths: judged && adverseImpactRatio !== null ? adverseImpactRatio < FOUR_FIFTHS : null,
    meanRecommendedLimit: lent.length === 0 ? null : lent.reduce((sum, item) => sum + side(item).recommendedLimit, 0) / lent.length,
  };
}

function modelFigures(cases: readonly FairnessCase[], minGroupSize: number): GroupModelFigures {
  const observed = cases.filter((item) => item.defaulted !== null);
  const defaulted = observed.filter((item) => item.defaulted).length;
  const tooFewOutcomes = observed.length < minGroupSize || defaulted === 0 || defaulted === observed.length;
  return {
    withOutcome: observed.length,
    defaulted,
    auc: tooFewOutcomes ? null : rocAuc(observed.map((item) => (item.defaulted ? 1 : 0)), observed.map((item) => item.probabilityOfDefault)),
    meanProbabilityOfDefault: observed.length === 0 ? null : observed.reduce((sum, item) => sum + item.probabilityOfDefault, 0) / observed.length,
    observedDefaultRate: observed.length === 0 ? null : defaulted / observed.length,
    tooFewOutcomes,
  };
}

/**
 * Fairness by group of a protected attribute, for the active policy and optionally a draft: each group's
 * approval rate, its adverse-impact ratio against the most-approved group large enough to judge (the
 * four-fifths rule flags a ratio under 0.8), its mean recommended limit, and the model's AUC (rocAuc: PD
 * against default) and calibration-in-the-large (mean PD vs observed default rate) on loans with an
 * outcome. Groups under `minGroupSize` applications are reported with the size they need, never flagged.
 * Outcomes exist only for loans that were made, so the model figures describe approved borrowers only.
 * @throws ScoringError INVALID_ARGUMENT when minGroupSize is not a whole number ≥ 1.
 */
export function computeFairnessReport(cases: readonly FairnessCase[], minGroupSize = DEFAULT_MIN_GROUP_SIZE): FairnessReport {
  requireArgument(Number.isInteger(minGroupSize) && minGroupSize >= 1, "computeFairnessReport: minGroupSize", `a whole number ≥ 1, got ${minGroupSize}`);
  const byGroup = new Map<string, FairnessCase[]>();
  for (const item of cases) {
    const members = byGroup.get(item.group);
    if (members) members.push(item);
    else byGroup.set(item.group, [item]);
  }
  const names = [...byGroup.keys()].sort();
  const hasDraft = cases.some((item) => item.draft !== null);
  const rates = (side: (item: FairnessCase) => CaseDecision | null) =>
    names.map((group) => {
      const members = byGroup.get(group) as FairnessCase[];
      return { group, size: members.length, rate: members.filter((item) => side(item)?.recommendation === "APPROVE").length / members.length };
    });
  const activeReference = referenceRate(rates((item) => item.active), minGroupSize);
  const draftReference = hasDraft ? referenceRate(rates((item) => item.draft), minGroupSize) : { group: null, rate: 0 };
  return {
    minGroupSize,
    referenceGroup: { active: activeReference.group, draft: draftReference.group },
    groups: names.map((group) => {
      const members = byGroup.get(group) as FairnessCase[];
      const judged = members.length >= minGroupSize;
      return {
        group,
        applications: members.length,
        tooSmall: !judged,
        sizeNeeded: Math.max(0, minGroupSize - members.length),
        active: policyFigures(members, (item) => item.active, activeReference.rate, judged),
        draft: hasDraft ? policyFigures(members, (item) => item.draft as CaseDecision, draftReference.rate, judged) : null,
        model: modelFigures(members, minGroupSize),
      };
    }),
  };
}
