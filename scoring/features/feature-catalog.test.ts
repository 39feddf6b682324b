import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { computeFeatures } from "./compute-features";
import { buildFeatureComponents, buildFeatureImprovements, buildFeatureMatrix, buildFeatureReasonCatalog } from "./engine-config";
import { componentNames, featureCatalog, featureNames } from "./feature-catalog";
import { renderFeaturesMarkdown } from "./render-feature-docs";

describe("feature catalog", () => {
  it("has unique names and reason codes, valid ranges and a feature in every component", () => {
    expect(new Set(featureNames).size).toBe(featureCatalog.length);
    expect(new Set(featureCatalog.map((f) => f.reasonCode)).size).toBe(featureCatalog.length);
    for (const f of featureCatalog) expect(f.range[0] < f.range[1], f.name).toBe(true);
    for (const component of componentNames) expect(featureCatalog.some((f) => f.component === component), component).toBe(true);
  });

  it("gives every feature a missing-data text that states an absence, never conduct", () => {
    for (const f of featureCatalog) {
      expect(f.missingText, f.name).toMatch(/^(No |Not enough |Your date of birth was not given)/);
      expect(f.missingText, f.name).not.toMatch(/\blate\b|overdue|default|unstable|irregular/i);
    }
  });

  it("gives every actionable feature, and only those, an improvement target inside its range and an action", () => {
    const improvements = buildFeatureImprovements();
    for (const f of featureCatalog) {
      if (!f.actionable) {
        expect("improvementTarget" in f || "improvementAction" in f, f.name).toBe(false);
        expect(improvements[f.name], f.name).toBeUndefined();
        continue;
      }
      const { improvementTarget: target, improvementAction: action } = f as { improvementTarget?: number; improvementAction?: string };
      expect(target !== undefined && target >= f.range[0] && target <= f.range[1], f.name).toBe(true);
      expect(action?.length ?? 0, f.name).toBeGreaterThan(0);
      expect(improvements[f.name]).toEqual({ target, action, direction: f.direction });
    }
  });

  it("lists exactly the features computeFeatures returns, in the same order", () => {
    const computed = computeFeatures({ accounts: [], transactions: [], bills: [], loans: [], events: [] }, undefined, "2026-01-01");
    expect(Object.keys(computed)).toEqual([...featureNames]);
  });

  it("builds the engine's components map, reason catalog and matrix from the catalog", () => {
    const components = buildFeatureComponents();
    const reasons = buildFeatureReasonCatalog();
    for (const f of featureCatalog) {
      expect(components[f.name]).toBe(f.component);
      expect(reasons[f.name]).toEqual({ code: f.reasonCode, adverse: f.adverseText, positive: f.positiveText, missing: f.missingText });
    }
    const vector = computeFeatures({ accounts: [], transactions: [], bills: [], loans: [], events: [] }, undefined, "2026-01-01");
    const matrix = buildFeatureMatrix([vector, vector]);
    expect(matrix.rows).toBe(2);
    expect(matrix.features.map((f) => f.name)).toEqual([...featureNames]);
    expect(Number.isNaN(matrix.columns[0][1])).toBe(true);
  });

  it("docs/features.md is generated from it (run `npx tsx scoring/eval/write-docs.ts` when this fails)", () => {
    const committed = readFileSync(fileURLToPath(new URL("../../docs/features.md", import.meta.url)), "utf8");
    expect(committed).toBe(renderFeaturesMarkdown());
  });
});
