import { directModeFeatures } from "./direct-mode";
import { componentNames, DAYS_LATE_CAP, DAYS_PER_MONTH, DECAY_HALF_LIFE_DAYS, featureCatalog, type FeatureDefinition } from "./feature-catalog";

const formatBound = (value: number): string => (value === Infinity ? "∞" : Number.isInteger(value) ? String(value) : value.toFixed(3));

function improvementCell(feature: FeatureDefinition): string {
  return feature.improvementTarget === undefined || feature.improvementAction === undefined ? "" : `${feature.improvementAction} (→ ${formatBound(feature.improvementTarget)})`;
}

/**
 * docs/features.md, generated from the feature catalog (regenerate with
 * `npx tsx scoring/eval/write-docs.ts`; a test fails when the committed file is stale).
 */
export function renderFeaturesMarkdown(): string {
  const lines: string[] = [
    "# Features",
    "",
    "<!-- Generated from scoring/features/feature-catalog.ts by `npx tsx scoring/eval/write-docs.ts`. Do not edit by hand. -->",
    "",
    "`computeFeatures(bundle, context, asOf)` turns one borrower's signals (docs/signals.md) into these",
    `${featureCatalog.length} numbers; \`featuresFromIndicators(indicators)\` (direct mode, the quick-score form) fills the`,
    "features marked *direct* and leaves every other one NaN. Both feed the same model.",
    "",
    "Rules shared by every feature:",
    "- **As of a date, no leakage**: only signals dated strictly before `asOf` are read. A payment or write-off",
    "  at or after `asOf` is not yet known (the bill or instalment counts as unpaid); a bill or instalment counts",
    "  once its due day has ended. A property test checks that adding or changing any signal dated at or after",
    "  `asOf` changes no feature.",
    `- **Windows** of 30/90/180/365 days and ${DAYS_PER_MONTH}-day "months" are counted back from \`asOf\`.`,
    `- **Time decay**: weight = 0.5^(age in days ÷ ${DECAY_HALF_LIFE_DAYS}), a half-life of ${DECAY_HALF_LIFE_DAYS} days (about four months).`,
    `- **Lateness** is whole days from the due day to full payment (0 = paid on or before the due day); an unpaid item is late by the days since its due day; means cap each item at ${DAYS_LATE_CAP} days.`,
    "- **Missing, never invented**: a feature the signals cannot support is NaN (no history in the window, no",
    "  identity record, no context from the lender's store). Counts of events are 0 when none is reported.",
    "- **Amounts** are in major units of the bundle's single currency; amount features are only comparable",
    "  within one currency (a model is trained per currency).",
    "",
    "Direction: ↑ risk = a higher value means riskier, ↑ safe = a higher value means safer. *Actionable*: the",
    "borrower can change it by their own behaviour; `suggestImprovements` sets it, alone, to the *improvement*",
    "target and re-scores, and offers the action when that raises the score. *Missing text* is the reason given",
    "instead of the adverse or positive text when the value is missing: it states the absence, never conduct.",
    "",
  ];
  for (const component of componentNames) {
    lines.push(`## ${component}`, "", "| feature | meaning | unit | range | direction | actionable | direct | reason code | adverse text | positive text | missing text | improvement |", "|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (const feature of featureCatalog.filter((f) => f.component === component)) {
      const direction = feature.direction === "higher-is-riskier" ? "↑ risk" : "↑ safe";
      const direct = (directModeFeatures as readonly string[]).includes(feature.name) ? "yes" : "";
      lines.push(
        `| \`${feature.name}\` | ${feature.meaning} | ${feature.unit} | [${formatBound(feature.range[0])}, ${formatBound(feature.range[1])}] | ${direction} | ${feature.actionable ? "yes" : "no"} | ${direct} | ${feature.reasonCode} | ${feature.adverseText} | ${feature.positiveText} | ${feature.missingText} | ${improvementCell(feature)} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n");
}
