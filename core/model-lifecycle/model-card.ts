// A model card per version (Mitchell et al. 2019, "Model Cards for Model Reporting"): what the model was
// trained on and when, what it reads, how well it did on held-out rows (with intervals), what it cannot be
// trusted for, and what it is for. Pure: built from the stored version, its artifact and its report.
import { labelOf } from "../scoring/present-score";

/** What the card is built from: the stored version with its artifact and report, parsed loosely (older artifacts lack some members). */
export interface ModelCardSource {
  id: string;
  name: string;
  version: string;
  kind: string;
  status: string;
  artifactSha256: string;
  createdAt: Date;
  isChallenger: boolean;
  artifact: unknown;
  report: unknown;
}

export interface ModelCardMetric {
  name: string;
  value: number;
  lower: number | null;
  upper: number | null;
  /** Where it was measured. */
  on: string;
}

export interface ModelCard {
  id: string;
  title: string;
  status: string;
  isChallenger: boolean;
  artifactSha256: string;
  registeredAt: string;
  data: { rows: number | null; defaults: number | null; defaultRate: number | null; period: string; source: string; dataDigest: string | null };
  features: { name: string; label: string; component: string }[];
  members: { name: string; weight: number }[];
  calibration: string;
  metrics: ModelCardMetric[];
  knownLimits: string[];
  intendedUse: string;
}

const record = (value: unknown): Record<string, unknown> => (value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {});
const numberOr = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const stringOr = (value: unknown, fallback: string): string => (typeof value === "string" && value.length > 0 ? value : fallback);

/** Below this many defaults in training, the card says the ranking is measured on too few bads to trust closely. */
export const FEW_DEFAULTS = 500;

export const intendedUse =
  "Ranks applicants of this lender by their probability of default so that the decision policy can recommend approve, review or reject and a limit; " +
  "a credit committee decides. Not for pricing, collections, employment or any decision about people who did not apply for credit.";

/** The card of one model version. */
export function buildModelCard(source: ModelCardSource): ModelCard {
  const artifact = record(source.artifact);
  const training = record(artifact.training);
  const report = record(source.report);
  const config = record(artifact.config);
  const components = record(config.components);
  const rows = numberOr(training.rows);
  const defaults = numberOr(training.positives);
  const period = record(training.period);
  const metrics: ModelCardMetric[] = [];
  const holdout = numberOr(report.holdoutRows);
  const on = holdout === null ? "held-out rows" : `${holdout} held-out rows`;
  if (numberOr(report.auc) !== null) metrics.push({ name: "AUC", value: report.auc as number, lower: numberOr(report.aucLower), upper: numberOr(report.aucUpper), on });
  for (const name of ["gini", "ks", "brier"] as const) {
    if (numberOr(report[name]) !== null) metrics.push({ name: name === "ks" ? "KS" : name === "gini" ? "Gini" : "Brier score", value: report[name] as number, lower: null, upper: null, on });
  }
  const outOfFold = numberOr(record(record(training.outOfFoldMetrics).ensemble).auc);
  if (outOfFold !== null) metrics.push({ name: "AUC (out of fold)", value: outOfFold, lower: null, upper: null, on: `${numberOr(training.crossFitFolds) ?? "k"}-fold cross-fitting on the training rows` });
  const knownLimits = [
    "Outcomes exist only for applicants who were approved and disbursed (reject inference): the model learned from, and is measured on, the approved population.",
    "Scores are comparable only on this model's own scale: a score made by another model version is not read on this one's bands.",
  ];
  if (defaults !== null && defaults < FEW_DEFAULTS) knownLimits.push(`Trained on ${defaults} defaults (fewer than ${FEW_DEFAULTS}): its ranking and calibration are uncertain; read the intervals.`);
  if (metrics.every((metric) => metric.lower === null)) knownLimits.push("No confidence interval is recorded for this model's metrics.");
  if (!source.report) knownLimits.push("No validation report on held-out rows is stored with this version.");
  return {
    id: source.id,
    title: `${source.name} ${source.version}`,
    status: source.status,
    isChallenger: source.isChallenger,
    artifactSha256: source.artifactSha256,
    registeredAt: source.createdAt.toISOString(),
    data: {
      rows,
      defaults,
      defaultRate: rows !== null && defaults !== null && rows > 0 ? defaults / rows : null,
      period: typeof period.from === "string" && typeof period.to === "string" ? `${period.from} to ${period.to}` : "not recorded in the artifact",
      source: stringOr(training.dataSource, "not recorded in the artifact"),
      dataDigest: typeof training.dataDigest === "string" ? training.dataDigest : null,
    },
    features: (Array.isArray(artifact.features) ? artifact.features : []).map((feature) => {
      const name = String(record(feature).name);
      return { name, label: labelOf(name), component: stringOr(components[name], "—") };
    }),
    members: (Array.isArray(artifact.members) ? artifact.members : []).map((member) => ({ name: String(record(member).name), weight: numberOr(record(member).weight) ?? 0 })),
    calibration: stringOr(config.calibration, stringOr(record(artifact.calibration).kind, "none")),
    metrics,
    knownLimits,
    intendedUse,
  };
}

const cell = (text: string): string => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const figure = (value: number | null, digits = 4): string => (value === null ? "—" : value.toFixed(digits));

/** The card as Markdown (a document a lender can file with its model inventory). */
export function modelCardMarkdown(card: ModelCard): string {
  const lines = [
    `# Model card: ${cell(card.title)}`,
    "",
    `- Status: ${card.status}${card.isChallenger ? " (challenger, scored in shadow)" : ""}`,
    `- Registered: ${card.registeredAt}`,
    `- Artifact sha256: \`${card.artifactSha256}\``,
    "",
    "## Data and period",
    "",
    `- Source: ${cell(card.data.source)}`,
    `- Period: ${cell(card.data.period)}`,
    `- Rows: ${card.data.rows ?? "not recorded"}; defaults: ${card.data.defaults ?? "not recorded"}; default rate: ${card.data.defaultRate === null ? "—" : `${(card.data.defaultRate * 100).toFixed(2)} %`}`,
    ...(card.data.dataDigest ? [`- Training data digest: \`${card.data.dataDigest}\``] : []),
    "",
    "## Features",
    "",
    "| Feature | Label | Component |",
    "| --- | --- | --- |",
    ...card.features.map((feature) => `| ${cell(feature.name)} | ${cell(feature.label)} | ${cell(feature.component)} |`),
    "",
    `Members: ${card.members.map((member) => `${member.name} (${member.weight})`).join(", ") || "—"}; calibration: ${card.calibration}.`,
    "",
    "## Metrics",
    "",
    "| Metric | Value | 95 % interval | Measured on |",
    "| --- | --- | --- | --- |",
    ...card.metrics.map((metric) => `| ${metric.name} | ${figure(metric.value)} | ${metric.lower === null || metric.upper === null ? "—" : `${figure(metric.lower)} – ${figure(metric.upper)}`} | ${cell(metric.on)} |`),
    "",
    "## Known limits",
    "",
    ...card.knownLimits.map((limit) => `- ${limit}`),
    "",
    "## Intended use",
    "",
    card.intendedUse,
    "",
  ];
  return lines.join("\n");
}
