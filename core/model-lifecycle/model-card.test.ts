import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildModelCard, FEW_DEFAULTS, modelCardMarkdown, type ModelCardSource } from "./model-card";

const artifact = JSON.parse(readFileSync("scoring/artifacts/default-model.json", "utf8")) as Record<string, unknown>;
const report = JSON.parse(readFileSync("scoring/artifacts/default-model.report.json", "utf8")) as Record<string, number>;
const source: ModelCardSource = { id: "m1", name: "default", version: "1", kind: "microtrust-ensemble", status: "ACTIVE", artifactSha256: "e".repeat(64), createdAt: new Date("2026-11-01T00:00:00Z"), isChallenger: false, artifact, report };

describe("model card", () => {
  it("states the data, every feature the artifact reads, and the holdout AUC with its interval", () => {
    const card = buildModelCard(source);
    const training = artifact.training as { rows: number; positives: number };
    expect(card.data).toMatchObject({ rows: training.rows, defaults: training.positives, defaultRate: training.positives / training.rows });
    expect(card.features.map((feature) => feature.name)).toEqual((artifact.features as { name: string }[]).map((feature) => feature.name));
    expect(card.metrics[0]).toEqual({ name: "AUC", value: report.auc, lower: report.aucLower, upper: report.aucUpper, on: `${report.holdoutRows} held-out rows` });
    expect(card.knownLimits.join(" ")).toMatch(/reject inference/);
    expect(card.knownLimits.join(" ")).not.toMatch(/fewer than/);
  });

  it("names the limits of a model trained on few defaults and without a report", () => {
    const few = { ...artifact, training: { ...(artifact.training as object), rows: 2000, positives: FEW_DEFAULTS - 1 } };
    const card = buildModelCard({ ...source, artifact: few, report: null, status: "DRAFT", isChallenger: true });
    expect(card.metrics.map((metric) => metric.name)).toEqual(["AUC (out of fold)"]);
    expect(card.knownLimits.join(" ")).toMatch(new RegExp(`Trained on ${FEW_DEFAULTS - 1} defaults`));
    expect(card.knownLimits.join(" ")).toMatch(/No validation report/);
    expect(modelCardMarkdown(card)).toMatch(/Status: DRAFT \(challenger, scored in shadow\)/);
  });

  it("writes Markdown with one table row per feature and metric, and the same bytes every time", () => {
    const card = buildModelCard(source);
    const markdown = modelCardMarkdown(card);
    expect(markdown).toBe(modelCardMarkdown(buildModelCard(source)));
    for (const feature of card.features) expect(markdown).toContain(`| ${feature.name} |`);
    expect(markdown).toContain(`| AUC | ${report.auc.toFixed(4)} | ${report.aucLower.toFixed(4)} – ${report.aucUpper.toFixed(4)} |`);
    expect(markdown).toMatch(/^# Model card: default 1\n/);
    expect(markdown).toContain("## Intended use");
  });
});
