import { directModeFeatures } from "./direct-mode";
import { reasonReferences } from "./reason-references";
import { componentNames, DAYS_LATE_CAP, DAYS_PER_MONTH, DECAY_HALF_LIFE_DAYS, featureCatalog, type FeatureDefinition } from "./feature-catalog";

const formatBound = (value: number): string => (value === Infinity ? "∞" : Number.isInteger(value) ? String(value) : value.toFixed(3));

function adverseWhenCell(feature: FeatureDefinition): string {
  const reference = reasonReferences[feature.name as keyof typeof reasonReferences];
  if (reference.value === null) return `never (${reference.basis})`;
  return `${feature.direction === "higher-is-riskier" ? ">" : "<"} ${formatBound(reference.value)} (${reference.basis})`;
}

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
    "*Adverse when* is the feature's stated reference (reason rule 2, scoring/features/reason-references.ts): an",
    "adverse reason is stated only when the applicant's value is strictly past it in the risky direction, and a",
    "factor in favour only when it is not. An attribution can be negative through interactions while the value",
    "itself is good (income exactly the same every month has a coefficient of variation of 0): that gives no",
    "reason, and the next most adverse feature whose value is adverse is stated instead (Regulation B's specific",
    "reasons, 12 CFR 1002.9(b)(2); CFPB Circular 2022-03). A missing text is not stated when a feature with the",
    "same missing text has a value (the record exists). The references are fixed thresholds, not population",
    "statistics, so they do not move when a model is retrained. Each result records `explanationRule: 2`; results",
    "without it were made under rule 1 (any negative attribution is a reason) and replay re-runs the rule a",
    "result records. Features sharing an improvement action are improved together and the action is offered once.",
    "",
  ];
  for (const component of componentNames) {
    lines.push(`## ${component}`, "", "| feature | meaning | unit | range | direction | actionable | direct | reason code | adverse when | adverse text | positive text | missing text | improvement |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (const feature of (featureCatalog as readonly FeatureDefinition[]).filter((f) => f.component === component)) {
      const direction = `${feature.direction === "higher-is-riskier" ? "↑ risk" : "↑ safe"}${feature.monotoneByLaw === true ? ", monotone by law" : ""}`;
      const direct = (directModeFeatures as readonly string[]).includes(feature.name) ? "yes" : "";
      lines.push(
        `| \`${feature.name}\` | ${feature.meaning} | ${feature.unit} | [${formatBound(feature.range[0])}, ${formatBound(feature.range[1])}] | ${direction} | ${feature.actionable ? "yes" : "no"} | ${direct} | ${feature.reasonCode} | ${adverseWhenCell(feature)} | ${feature.adverseText} | ${feature.positiveText} | ${feature.missingText} | ${improvementCell(feature)} |`,
      );
    }
    lines.push("");
  }
  lines.push(...lendingRulesSection(), ...csvReadingSection());
  return lines.join("\n");
}

function lendingRulesSection(): string[] {
  const constrained = (featureCatalog as readonly FeatureDefinition[]).filter((f) => f.monotoneByLaw === true).map((f) => `\`${f.name}\``);
  return [
    "## Features under lending rules",
    "",
    `Marked *monotone by law* above: ${constrained.join(", ")}. Regulation B (12 CFR 1002.6(b)(2)(ii) and its Official`,
    "Interpretation) allows age in an empirically derived, demonstrably and statistically sound credit scoring system",
    "only if applicants aged 62 or over are not scored down for it; the seed markets have similar rules. MicroTrust",
    "keeps age in the default model and makes **every member monotone in it over its whole range, in its direction**",
    "(older is never riskier — stricter than \"from 62 on\"), so the ensemble is too (a weighted average of monotone",
    "PDs, then increasing Platt calibration):",
    "- gradient boosting and the random forest: monotone constraints in tree growth (LightGBM's basic method: a split",
    "  whose children break the direction is rejected and descendants are bounded);",
    "- the scorecard: age's event rate is binned in the fixed direction, its WoE kept monotone, and the feature dropped",
    "  should the regression give it the reversing sign.",
    "`buildMonotoneConstraints()` turns the catalog flag into the members' `monotoneConstraints`. The AUC this costs:",
    "none at three decimals on the default model's TEST rows (0.749 either way, docs/default-model.md) and 0.0001 on",
    "Give Me Some Credit's validation rows (0.8674 → 0.8672 with `age` monotone, docs/benchmarks.md).",
    "`scoring/eval/default-model.test.ts` checks on the committed model that raising age from 62 to 110 never lowers",
    "anyone's score.",
    "",
  ];
}

function csvReadingSection(): string[] {
  return [
    "## Reading a CSV (the engine's CLI and benches)",
    "",
    "`npm run scoring -- train` reads a lender's own book, prints how it read each column and refuses, in one line",
    "naming the column and the value, what it cannot read unambiguously (scoring/data/column-reading.ts).",
    "",
    "| written as | example | read as |",
    "|---|---|---|",
    "| missing | empty, `NA`, `N/A`, `n/a`, `null`, `NaN`, `None`, `#N/A` (pandas' default NA tokens; `--missing` adds more) | missing (NaN), never 0 |",
    "| plain number | `1200`, `-3.5`, `1e3` | the number |",
    "| thousands separators | `1,234`, `12,500.75` (groups of three) | the number |",
    "| percent | `83.70%` | percentage points: 83.7 (every non-missing cell of the column must be a percentage) |",
    "| number with a unit | `36 months`, `3 years` | the number (one unit word per column, plural or not) |",
    "| at least | `10+ years`, `> 5` | the bound: 10, 5 |",
    "| below | `< 1 year` | half the bound: 0.5 (keeps `< 1` below `1`; binned members use only the order) |",
    "| anything else | `860xx`, `RENT`, `Source Verified` | a category |",
    "",
    "A column is numeric when every non-missing cell is a number in one of these forms; categorical otherwise (or",
    "when listed with `--categorical`, e.g. numeric branch codes). Refused: a column whose cells are at least 95 %",
    "numbers but holds up to three distinct other texts (most likely an unlisted missing token such as `unknown`),",
    "a column mixing units (`36 months` and `3 years`) or percentages with plain numbers. A text target needs",
    "`--positive` (the value meaning default, e.g. `--positive \"Charged Off\"`).",
    "",
    "**Categories of any number.** Every member accepts a categorical column of any cardinality (zip codes, branches,",
    "agents, employers). A category seen fewer than 100 times in training (the members' `minCategoryCount`,",
    "LightGBM's `min_data_per_group`) gets no bin of its own: it shares the **\"missing, rare or unseen\" bin** with",
    "the missing values, and a category never seen in training goes to that same bin at prediction time — so it is",
    "scored on the evidence of the rare categories, never on a guess. Trees keep at most 255 categories (the most",
    "frequent), order them once by their default rate smoothed towards the base rate (`categoryOrder: \"target\"`)",
    "and split that order like a number; the scorecard orders the remaining categories by event rate and merges small groups; its points",
    "table calls the bin \"missing, rare or unseen\". Reason codes name such a feature in plain words: the reason",
    "catalog's text when the configuration gives one (`scoring/cli/configs/lending-club.json` does for Lending Club),",
    "else the column name in words (`zip_code` → \"Your zip code increased the estimated risk\").",
    "",
    "**Target statistics (opt-in, off by default).** A tree member configured with `targetStatistics`",
    "(`{ \"minCategories\": 10, \"folds\": 5, \"smoothing\": 20 }` in `memberParams.gradientBoosting` or",
    "`memberParams.randomForest`) also reads, for each categorical column with at least `minCategories` categories,",
    "the category's default rate smoothed towards the base rate (m-estimate with `smoothing` pseudo-rows) as an",
    "extra number, so even the rare categories of the shared bin carry their own evidence. On training rows the",
    "rate is cross-fitted (`folds` seeded folds: a row's value comes from the other folds' loans, never from its",
    "own outcome, as CatBoost's ordered target statistics and scikit-learn's TargetEncoder); at prediction it",
    "comes from all training loans, and a missing or unseen category gets the base rate. The rates are stored",
    "in the model, and the number's share of an explanation is given to its category, so reason codes still name",
    "the category. It is off by default because it did not raise Lending Club's validation AUC",
    "(docs/benchmarks.md, \"Third pass\").",
    "",
  ];
}
