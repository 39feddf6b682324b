import { requireArgument } from "../core/errors";
import { getRow, type Matrix } from "../data/matrix";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import { scoreRow } from "../explain/score-row";
import { bootstrapAucInterval, brierScore, calibrationByQuantile, gini, ksStatistic, rocAuc, rocCurve } from "../metrics/index";
import { binnedDistribution, type BinnedDistribution } from "../metrics/stability";
import { scoreFromProbability } from "../scale/points-to-double-odds";

/**
 * A model's validation report, measured on rows held out from its training: what the portal's model page
 * shows and what monitoring compares production against (PSI of scores vs `scoreDistribution`).
 * Field names follow the GraphQL `ModelReport` type.
 */
export interface ModelReport {
  readonly format: "microtrust.model-report";
  readonly formatVersion: 1;
  /** The content hash of the artifact this report describes. */
  readonly artifactSha256: string;
  readonly holdoutRows: number;
  readonly auc: number;
  readonly aucLower: number;
  readonly aucUpper: number;
  readonly ks: number;
  readonly gini: number;
  readonly brier: number;
  readonly roc: readonly { readonly falsePositiveRate: number; readonly truePositiveRate: number }[];
  readonly calibration: readonly { readonly meanPredicted: number; readonly observedRate: number; readonly count: number }[];
  /** Mean |score points| per feature over the explained holdout rows, largest first. */
  readonly featureImportance: readonly { readonly feature: string; readonly component: string; readonly meanAbsolutePoints: number }[];
  readonly componentImportance: readonly { readonly component: string; readonly meanAbsolutePoints: number }[];
  readonly memberWeights: Readonly<Record<string, number>>;
  /** Deciles of the holdout's 300–850 scores. */
  readonly scoreDistribution: BinnedDistribution;
}

export interface ModelReportOptions {
  /** Seed of the bootstrap interval of the AUC. */
  readonly seed: number;
  /** Rows explained for importance (the first ones; explanations cost ~0.5 ms each). Default 2,000. */
  readonly explainedRows?: number;
  /** Largest number of ROC points kept (evenly spaced along the curve, ends included). Default 101. */
  readonly rocPoints?: number;
}

/**
 * Measures a fitted ensemble on held-out rows: AUC with a stratified bootstrap 95 % interval (500 resamples),
 * KS, Gini, Brier, the ROC curve thinned to at most `rocPoints` points, calibration by PD decile,
 * importance as mean |points| of the exact score explanation (scoreRow) per feature and per component,
 * the members' weights and the decile distribution of the scores. Pure and deterministic.
 * @throws ScoringError SHAPE_MISMATCH for other features or label count; INVALID_DATA for one-class labels.
 */
export function buildModelReport(model: FittedEnsemble, holdout: Matrix, labels: Float64Array, options: ModelReportOptions): ModelReport {
  const explainedRows = Math.min(options.explainedRows ?? 2000, holdout.rows);
  const rocPoints = options.rocPoints ?? 101;
  requireArgument(Number.isInteger(rocPoints) && rocPoints >= 2, "buildModelReport: rocPoints", `an integer ≥ 2, got ${rocPoints}`);
  const probabilities = model.predictProba(holdout);
  const interval = bootstrapAucInterval(labels, probabilities, { seed: options.seed, resamples: 500, level: 0.95 });

  const curve = rocCurve(labels, probabilities);
  const last = curve.falsePositiveRate.length - 1;
  const kept = new Set<number>();
  for (let k = 0; k < rocPoints; k++) kept.add(Math.round((k * last) / (rocPoints - 1)));
  const roc = [...kept].sort((a, b) => a - b).map((i) => ({ falsePositiveRate: curve.falsePositiveRate[i], truePositiveRate: curve.truePositiveRate[i] }));

  const byFeature = new Map<string, { component: string; total: number }>();
  const byComponent = new Map<string, number>();
  for (let i = 0; i < explainedRows; i++) {
    const result = scoreRow(model, getRow(holdout, i));
    for (const c of result.contributions) {
      const entry = byFeature.get(c.feature) ?? { component: c.component, total: 0 };
      entry.total += Math.abs(c.points);
      byFeature.set(c.feature, entry);
    }
    for (const [component, points] of Object.entries(result.componentPoints)) byComponent.set(component, (byComponent.get(component) ?? 0) + Math.abs(points));
  }
  const mean = (total: number): number => (explainedRows > 0 ? total / explainedRows : 0);
  const scores = Float64Array.from(probabilities, (p) => scoreFromProbability(p, model.config.scaling).score);

  return {
    format: "microtrust.model-report",
    formatVersion: 1,
    artifactSha256: model.versionId(),
    holdoutRows: holdout.rows,
    auc: rocAuc(labels, probabilities),
    aucLower: interval.lower,
    aucUpper: interval.upper,
    ks: ksStatistic(labels, probabilities),
    gini: gini(labels, probabilities),
    brier: brierScore(labels, probabilities),
    roc,
    calibration: calibrationByQuantile(labels, probabilities, 10).map((bin) => ({ meanPredicted: bin.meanPredicted, observedRate: bin.observedRate, count: bin.count })),
    featureImportance: [...byFeature.entries()]
      .map(([feature, { component, total }]) => ({ feature, component, meanAbsolutePoints: mean(total) }))
      .sort((a, b) => b.meanAbsolutePoints - a.meanAbsolutePoints || a.feature.localeCompare(b.feature)),
    componentImportance: [...byComponent.entries()]
      .map(([component, total]) => ({ component, meanAbsolutePoints: mean(total) }))
      .sort((a, b) => b.meanAbsolutePoints - a.meanAbsolutePoints || a.component.localeCompare(b.component)),
    memberWeights: Object.fromEntries(model.members.map((member) => [member.name, member.weight])),
    scoreDistribution: binnedDistribution(scores, 10),
  };
}
