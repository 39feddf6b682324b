import type { ReasonCatalog } from "./reason-codes";

/**
 * Which rule wrote a scoring's explanation: its reasons, and the decision's wording and arithmetic. Stored
 * with every result (absent = 1) so replay re-runs the rule the result was made with: changing the rule must
 * not make earlier scorings "differ". Decisions themselves (recommendation, limit, tenor) are the same
 * under every rule.
 * - 1: the most negative attributions are adverse reasons, the most positive ones factors in favour,
 *   whatever the feature's value (texts from the model artifact's reason catalog); the limit arithmetic
 *   ends at the affordable limit even when a decline sets the recommended limit to 0; the cut-off
 *   sentences show the compared score rounded to a whole number.
 * - 2: a reason must rest on its value (see ReasonRule); the arithmetic ends with the step that gives the
 *   recommended limit; the cut-off sentences show the compared score with the digits that keep it on its
 *   side of the threshold (evaluateDecision).
 */
export type ExplanationRuleVersion = 1 | 2;

/** The rule new scorings use. */
export const CURRENT_EXPLANATION_RULE_VERSION = 2 as const;

/** The stated reference of one feature: values strictly past it, in the feature's risky direction, are adverse. */
export interface ReasonReference {
  readonly direction: "higher-is-riskier" | "higher-is-safer";
  /**
   * The reference value; null when the feature has no reference valid for every applicant (an amount in
   * a currency the rule does not know): its value then supports neither an adverse reason nor a factor.
   */
  readonly value: number | null;
}

/**
 * Reason rule 2: an attribution is a reason only when the value agrees with it.
 * - An adverse reason (points < 0) with a value is stated only when the value is adverse: strictly above
 *   the reference for a higher-is-riskier feature, strictly below it for a higher-is-safer one. A TreeSHAP
 *   or scorecard attribution can be negative through interactions while the value itself is the best
 *   there is (income exactly 30,000 every month: coefficient of variation 0); Regulation B's "specific
 *   reasons" (12 CFR 1002.9(b)(2)) and CFPB Circular 2022-03 ask for reasons that are true of the
 *   applicant, so such an attribution gives no reason and the next one is considered.
 * - A factor in favour (points > 0) with a value is stated only when the value is not adverse.
 * - A missing value gives its missing text ("No record of …"), unless a feature with the same missing
 *   text has a value: the record exists then, and the text would be false.
 * - Texts come from `catalog` for the features it lists (the current feature catalog), from the model's
 *   own reason catalog otherwise. Features without a reference keep rule 1's treatment.
 */
export interface ReasonRule {
  readonly version: 2;
  readonly references: Readonly<Record<string, ReasonReference>>;
  readonly catalog: ReasonCatalog;
  /**
   * Direct mode (the quick-score form): a missing value is a question not asked, not a record that is
   * absent, so it gives no reason at all ("No record of linked accounts" beside a stated account age
   * would be false). Results made so are not stored, so this needs no version of its own.
   */
  readonly statedValuesOnly?: true;
}

/**
 * Whether `value` is on the adverse side of `reference` (strictly): higher-is-riskier → value > reference,
 * higher-is-safer → value < reference. A null reference makes no value adverse.
 */
export function isAdverseValue(reference: ReasonReference, value: number): boolean {
  if (reference.value === null) return false;
  return reference.direction === "higher-is-riskier" ? value > reference.value : value < reference.value;
}
