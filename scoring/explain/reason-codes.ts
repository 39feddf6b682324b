import { requireArgument } from "../core/errors";
import { isAdverseValue, type ReasonRule } from "./reason-rule";

/**
 * One feature's reason code: a stable code and plain-language texts. The adverse text states a
 * specific principal reason for a lower score, as Regulation B asks (12 CFR 1002.9(b)(2) and its
 * Official Interpretation: specific reasons, usually no more than four; "score too low" or "insufficient
 * score" is not a reason); the positive text states what helped. The missing text is given instead of
 * either when the applicant's value is missing, so a reason never claims conduct the data does not show
 * (Regulation B's "insufficient credit file" / "no credit file" reasons are of that kind); when absent,
 * fallbackMissingText is used.
 */
export interface ReasonCodeEntry {
  readonly code: string;
  readonly adverse: string;
  readonly positive: string;
  readonly missing?: string;
}

/** feature name → reason code entry. Features not listed get `fallbackReasonCode`. */
export type ReasonCatalog = Readonly<Record<string, ReasonCodeEntry>>;

/** Regulation B's "usually no more than four" principal reasons. */
export const MAX_PRINCIPAL_REASONS = 4;

/** A reason given for one applicant. */
export interface ScoreReason {
  readonly code: string;
  readonly text: string;
  readonly feature: string;
  readonly component: string;
  /** The feature's contribution in score points (negative for adverse reasons). */
  readonly points: number;
}

/**
 * The generic reason for a feature the catalog does not list: code = the feature name in upper snake
 * case (stable while the feature's name is), texts naming the feature in words. It never says
 * "score too low": it names the factor.
 */
export function fallbackReasonCode(feature: string): ReasonCodeEntry {
  const words = featureInWords(feature);
  const code = words.toUpperCase().replace(/ +/g, "_") || "FEATURE";
  const phrase = words.toLowerCase() || feature;
  return { code, adverse: `Your ${phrase} increased the estimated risk`, positive: `Your ${phrase} lowered the estimated risk`, missing: fallbackMissingText(feature) };
}

/** The text for a missing value when the catalog gives none: "No record of your <the feature in words>". */
export function fallbackMissingText(feature: string): string {
  return `No record of your ${featureInWords(feature).toLowerCase() || feature}`;
}

/** "NumberOfTime30-59Days" → "Number Of Time 30 59 Days": camel case and digits split, punctuation to spaces. */
function featureInWords(feature: string): string {
  return feature
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Za-z])([0-9])/g, "$1 $2")
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim();
}

/** The catalog entry for `feature`, or its generic fallback. */
export function reasonCodeFor(catalog: ReasonCatalog, feature: string): ReasonCodeEntry {
  return Object.hasOwn(catalog, feature) ? catalog[feature] : fallbackReasonCode(feature);
}

/** Throws INVALID_ARGUMENT unless every entry has a non-empty code and texts (missing text optional), and codes are unique. */
export function validateReasonCatalog(where: string, catalog: ReasonCatalog): void {
  const seen = new Map<string, string>();
  for (const [feature, entry] of Object.entries(catalog)) {
    requireArgument(typeof entry.code === "string" && entry.code.length > 0, `${where}: reasonCatalog`, `a non-empty code for "${feature}"`);
    requireArgument(typeof entry.adverse === "string" && entry.adverse.length > 0 && typeof entry.positive === "string" && entry.positive.length > 0, `${where}: reasonCatalog`, `adverse and positive texts for "${feature}"`);
    requireArgument(entry.missing === undefined || (typeof entry.missing === "string" && entry.missing.length > 0), `${where}: reasonCatalog`, `a non-empty missing text (or none) for "${feature}"`);
    requireArgument(!seen.has(entry.code), `${where}: reasonCatalog`, `unique codes, "${entry.code}" is used by "${seen.get(entry.code)}" and "${feature}"`);
    seen.set(entry.code, feature);
  }
}

/** A feature's contribution as the reason selection reads it. */
export interface PointContribution {
  readonly feature: string;
  readonly component: string;
  /** The applicant's value; null when missing (the reason then uses the missing text). */
  readonly value: number | string | null;
  readonly points: number;
}

/**
 * The principal adverse reasons (most negative points first, only points < 0) and the top positive
 * factors (most positive first, only points > 0), at most `maxAdverse` / `maxPositive` of each.
 * Ties keep feature order, so the selection is deterministic. The text is the entry's adverse or
 * positive text, or its missing text (fallbackMissingText when it has none) when the value is null.
 * Without `rule` this is reason rule 1 (any attribution is a reason); with a ReasonRule (rule 2) only
 * attributions whose value agrees with them are candidates (see ReasonRule), so a stated reason never
 * contradicts the value it rests on.
 * @throws ScoringError INVALID_ARGUMENT when maxAdverse is not an integer in [0, 4] or maxPositive < 0.
 */
export function selectReasons(
  contributions: readonly PointContribution[],
  catalog: ReasonCatalog,
  maxAdverse: number = MAX_PRINCIPAL_REASONS,
  maxPositive: number = MAX_PRINCIPAL_REASONS,
  rule?: ReasonRule,
): { adverseReasons: ScoreReason[]; positiveFactors: ScoreReason[] } {
  requireArgument(Number.isInteger(maxAdverse) && maxAdverse >= 0 && maxAdverse <= MAX_PRINCIPAL_REASONS, "selectReasons: maxAdverse", `an integer in [0, ${MAX_PRINCIPAL_REASONS}], got ${maxAdverse}`);
  requireArgument(Number.isInteger(maxPositive) && maxPositive >= 0, "selectReasons: maxPositive", `an integer ≥ 0, got ${maxPositive}`);
  const entryFor = (feature: string): ReasonCodeEntry => (rule && Object.hasOwn(rule.catalog, feature) ? rule.catalog[feature] : reasonCodeFor(catalog, feature));
  const missingText = (feature: string): string => entryFor(feature).missing ?? fallbackMissingText(feature);
  const toReason = (c: PointContribution, adverse: boolean): ScoreReason => {
    const entry = entryFor(c.feature);
    const text = c.value === null ? missingText(c.feature) : adverse ? entry.adverse : entry.positive;
    return { code: entry.code, text, feature: c.feature, component: c.component, points: c.points };
  };
  const recordsShown = new Set(rule ? contributions.filter((c) => c.value !== null).map((c) => missingText(c.feature)) : []);
  const agrees = (c: PointContribution, adverse: boolean): boolean => {
    if (!rule) return true;
    if (c.value === null) return rule.statedValuesOnly !== true && !recordsShown.has(missingText(c.feature));
    const reference = Object.hasOwn(rule.references, c.feature) ? rule.references[c.feature] : undefined;
    if (reference === undefined || typeof c.value !== "number") return true;
    if (reference.value === null) return false;
    return isAdverseValue(reference, c.value) === adverse;
  };
  const adverseReasons = contributions
    .filter((c) => c.points < 0 && agrees(c, true))
    .sort((a, b) => a.points - b.points)
    .slice(0, maxAdverse)
    .map((c) => toReason(c, true));
  const positiveFactors = contributions
    .filter((c) => c.points > 0 && agrees(c, false))
    .sort((a, b) => b.points - a.points)
    .slice(0, maxPositive)
    .map((c) => toReason(c, false));
  return { adverseReasons, positiveFactors };
}
