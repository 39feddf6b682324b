/**
 * Training a tenant's own model from its loans with outcomes: the minimum-evidence rule, an out-of-time check
 * beside the cross-fitted random folds, and the final fit on every row. Pure: rows, seed and options in,
 * a fitted ensemble and its validation report out (docs/model-training.md).
 */
import { requireArgument, ScoringError } from "../core/errors";
import { createMatrix, type Matrix } from "../data/matrix";
import { resolveEnsembleConfig, type EnsembleConfig } from "../ensemble/ensemble-config";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import { trainEnsemble } from "../ensemble/train-ensemble";
import { buildFeatureComponents, buildFeatureReasonCatalog, buildFeatureSpecs } from "../features/engine-config";
import { buildMonotoneConstraints, featureNames, type FeatureVector } from "../features/feature-catalog";
import { buildModelReport, type ModelReport } from "../report/build-model-report";
import { parcelRejects } from "../reject-inference/parcelling";
import { bootstrapAucInterval, brierScore, calibrationByQuantile, ksStatistic, rocAuc } from "../metrics/index";

/** One loan a model learns from: its features as of the decision, whether it defaulted, and when it was made. */
export interface TrainingRow {
  readonly features: FeatureVector;
  readonly defaulted: boolean;
  /** Epoch milliseconds of the decision (disbursement or scoring asOf): orders the out-of-time check. */
  readonly decidedAtMs: number;
  /** An outcome inferred by reject inference, not observed: fitted on, never validated on. */
  readonly inferred?: boolean;
}

/** A rejected applicant: no outcome, only the features frozen at its decision. */
export type RejectedRow = Omit<TrainingRow, "defaulted" | "inferred">;

/**
 * The minimum-evidence rule. Below REFUSE_BELOW_DEFAULTS defaults training is refused: with fewer than 50
 * positives the cross-fitted folds hold about 10 each, too few for the weights and calibration chosen on them,
 * and an AUC's 95 % interval is about ±0.08 wide. Below WARN_BELOW_DEFAULTS the model is trained with a
 * warning: intervals stay wider than ±0.05 and the out-of-time check may have too few defaults to read.
 */
export const REFUSE_BELOW_DEFAULTS = 50;
export const WARN_BELOW_DEFAULTS = 200;
/** Out-of-time validation: the latest OUT_OF_TIME_SHARE of the loans by decision time. */
export const OUT_OF_TIME_SHARE = 0.2;
/** The out-of-time figures are reported only when the later period holds at least this many defaults (and goods). */
const OUT_OF_TIME_MIN_DEFAULTS = 10;

export interface EvidenceCheck {
  readonly rows: number;
  readonly defaults: number;
  readonly verdict: "refused" | "warned" | "sufficient";
  readonly message: string;
}

/** Applies the minimum-evidence rule to a training set. */
export function checkEvidence(rows: readonly Pick<TrainingRow, "defaulted">[]): EvidenceCheck {
  const defaults = rows.reduce((n, row) => n + (row.defaulted ? 1 : 0), 0);
  const goods = rows.length - defaults;
  if (defaults < REFUSE_BELOW_DEFAULTS || goods < REFUSE_BELOW_DEFAULTS) {
    return { rows: rows.length, defaults, verdict: "refused", message: `${defaults} defaults and ${goods} repaid loans: at least ${REFUSE_BELOW_DEFAULTS} of each are needed to train and validate a model.` };
  }
  if (defaults < WARN_BELOW_DEFAULTS) return { rows: rows.length, defaults, verdict: "warned", message: `Only ${defaults} defaults (fewer than ${WARN_BELOW_DEFAULTS}): the intervals are wide; read the figures with them.` };
  return { rows: rows.length, defaults, verdict: "sufficient", message: `${defaults} defaults.` };
}

export interface TenantTrainingOptions {
  readonly seed: number;
  /** Called with (done, total) while members are fitted; never affects the result. */
  readonly onProgress?: (stage: "outOfTime" | "final", done: number, total: number) => void;
  /** Rejected applicants and the correction for them (reject inference): parcelling with this multiplier. */
  readonly rejectInference?: { readonly rejects: readonly RejectedRow[]; readonly badRateMultiplier: number };
}

export interface AucWithInterval {
  readonly auc: number;
  readonly lower: number;
  readonly upper: number;
}

export interface TenantTrainingReport {
  readonly format: "microtrust.tenant-training-report";
  readonly formatVersion: 1;
  readonly rows: number;
  readonly defaults: number;
  readonly defaultRate: number;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly evidence: EvidenceCheck;
  readonly warnings: readonly string[];
  /** The cross-fitted random folds of the final fit (out-of-fold predictions of the calibrated ensemble). */
  readonly randomFolds: { readonly folds: number; readonly auc: number; readonly brier: number | null; readonly interval: AucWithInterval; readonly intervalMethod: string };
  /** Fit on the older loans, validated on the latest ones. Null when the later period has too few defaults. */
  readonly outOfTime: {
    readonly cutoff: string;
    readonly fitRows: number;
    readonly validationRows: number;
    readonly validationDefaults: number;
    readonly auc: AucWithInterval;
    readonly ks: number;
    readonly brier: number;
    readonly calibrationByDecile: readonly { readonly meanPredicted: number; readonly observedRate: number; readonly count: number }[];
  } | null;
  readonly memberWeights: Readonly<Record<string, number>>;
  readonly settings: string;
  /** Rejected applicants added with parcelled outcomes (they are fitted on, never validated on). */
  readonly rejectInference: { readonly method: "parcelling"; readonly rejects: number; readonly inferredDefaults: number; readonly badRateMultiplier: number } | null;
}

/** The engine configuration tenant models are trained with: the catalog's features, reasons and age monotone by law. */
export function tenantEnsembleConfig(): EnsembleConfig {
  const monotoneConstraints = buildMonotoneConstraints();
  return resolveEnsembleConfig({
    components: buildFeatureComponents(),
    reasonCatalog: buildFeatureReasonCatalog(),
    memberParams: { scorecard: { monotoneConstraints }, randomForest: { monotoneConstraints }, gradientBoosting: { monotoneConstraints } },
  });
}

/** The rows as the engine's column-major matrix of catalog features (missing = NaN). */
export function trainingMatrix(rows: readonly Pick<TrainingRow, "features">[]): Matrix {
  return createMatrix(buildFeatureSpecs(), featureNames.map((name) => Float64Array.from(rows, (row) => row.features[name])));
}

const labelsOf = (rows: readonly TrainingRow[]): Float64Array => Float64Array.from(rows, (row) => (row.defaulted ? 1 : 0));

/**
 * Hanley & McNeil (1982) standard error of an AUC with n₁ positives and n₀ negatives:
 * SE² = [A(1−A) + (n₁−1)(Q₁−A²) + (n₀−1)(Q₂−A²)] / (n₁n₀), Q₁ = A/(2−A), Q₂ = 2A²/(1+A); the 95 % interval
 * is A ± 1.96·SE, clipped to [0, 1]. Used where only the AUC is known (the folds' out-of-fold metric).
 */
export function hanleyMcNeilInterval(auc: number, positives: number, negatives: number): AucWithInterval {
  requireArgument(positives > 0 && negatives > 0, "hanleyMcNeilInterval: counts", "at least one positive and one negative");
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives);
  const half = 1.96 * Math.sqrt(Math.max(0, variance));
  return { auc, lower: Math.max(0, auc - half), upper: Math.min(1, auc + half) };
}

/** One ensemble a tenant training fits: the engine's configuration, its rows as a matrix, their labels and the seed. */
export interface EnsembleToFit {
  readonly config: EnsembleConfig;
  readonly x: Matrix;
  readonly y: Float64Array;
  readonly seed: number;
}

/**
 * A tenant training with its protocol fixed and nothing fitted yet: the out-of-time check's ensemble (fitted on
 * the older rows only) and the final ensemble (on every row). The two fits are independent, so a caller may run
 * them — and their members — in any order or thread (scoring/cli/train-in-workers.ts); completeTenantTraining
 * then builds the report. Both fits are needed: the out-of-time figures must come from a model that never saw
 * the later rows, and the model shipped must learn from them.
 */
export interface TenantTrainingPlan {
  readonly seed: number;
  readonly observedRows: number;
  readonly evidence: EvidenceCheck;
  readonly warnings: readonly string[];
  readonly rejectInference: TenantTrainingReport["rejectInference"];
  /** Every row (inferred rejects included), ordered by decision time. */
  readonly ordered: readonly TrainingRow[];
  readonly outOfTime: { readonly fit: EnsembleToFit; readonly fitRows: number; readonly later: readonly TrainingRow[]; readonly laterDefaults: number } | null;
  readonly final: EnsembleToFit;
}

/**
 * Fixes a tenant training (see trainTenantModel): applies the evidence rule, adds inferred rejects when asked
 * (which fits the approved-only ensemble here), orders the rows by decision time (ties keep their order) and
 * cuts the latest OUT_OF_TIME_SHARE off for the out-of-time check when both periods hold enough defaults.
 * @throws ScoringError INVALID_DATA when the evidence rule refuses the rows (checkEvidence).
 */
export function planTenantTraining(observed: readonly TrainingRow[], options: Pick<TenantTrainingOptions, "seed" | "rejectInference">): TenantTrainingPlan {
  const evidence = checkEvidence(observed);
  if (evidence.verdict === "refused") throw new ScoringError("INVALID_DATA", `trainTenantModel: ${evidence.message}`, "rows");
  const config = tenantEnsembleConfig();
  const { rows, rejectInference } = withInferredRejects(observed, config, options);
  const ordered = rows.map((row, index) => ({ row, index })).sort((a, b) => a.row.decidedAtMs - b.row.decidedAtMs || a.index - b.index).map((entry) => entry.row);
  const warnings: string[] = evidence.verdict === "warned" ? [evidence.message] : [];

  const cut = Math.floor(ordered.length * (1 - OUT_OF_TIME_SHARE));
  const older = ordered.slice(0, cut);
  // Validation is on observed outcomes only: an inferred one is an assumption, not evidence.
  const later = ordered.slice(cut).filter((row) => !row.inferred);
  const laterDefaults = later.reduce((n, row) => n + (row.defaulted ? 1 : 0), 0);
  const olderDefaults = older.reduce((n, row) => n + (row.defaulted ? 1 : 0), 0);
  let outOfTime: TenantTrainingPlan["outOfTime"] = null;
  if (laterDefaults >= OUT_OF_TIME_MIN_DEFAULTS && later.length - laterDefaults >= OUT_OF_TIME_MIN_DEFAULTS && olderDefaults >= OUT_OF_TIME_MIN_DEFAULTS) {
    outOfTime = { fit: { config, x: trainingMatrix(older), y: labelsOf(older), seed: options.seed }, fitRows: older.length, later, laterDefaults };
  } else {
    warnings.push(`No out-of-time check: the latest ${Math.round(OUT_OF_TIME_SHARE * 100)} % of loans (${later.length}) hold ${laterDefaults} defaults; at least ${OUT_OF_TIME_MIN_DEFAULTS} defaults and repaid loans on each side are needed.`);
  }
  return { seed: options.seed, observedRows: observed.length, evidence, warnings, rejectInference, ordered, outOfTime, final: { config, x: trainingMatrix(ordered), y: labelsOf(ordered), seed: options.seed } };
}

/**
 * Builds the report of a planned training from its two fitted ensembles (trainEnsemble's result for each
 * EnsembleToFit, however its members were fitted): the out-of-time model scores the later rows it never saw;
 * the random folds' figures are the final model's cross-fitted out-of-fold predictions.
 */
export function completeTenantTraining(planned: TenantTrainingPlan, fitted: { readonly outOfTime: FittedEnsemble | null; readonly final: FittedEnsemble }): { model: FittedEnsemble; report: TenantTrainingReport; outOfTimeModelReport: ModelReport | null } {
  const { ordered, seed } = planned;
  requireArgument((planned.outOfTime === null) === (fitted.outOfTime === null), "completeTenantTraining: fitted.outOfTime", "a fitted out-of-time ensemble exactly when the plan has an out-of-time check");
  let outOfTime: TenantTrainingReport["outOfTime"] = null;
  let outOfTimeModelReport: ModelReport | null = null;
  if (planned.outOfTime && fitted.outOfTime) {
    const { later, laterDefaults, fitRows } = planned.outOfTime;
    const y = labelsOf(later);
    const laterMatrix = trainingMatrix(later);
    const pd = fitted.outOfTime.predictProba(laterMatrix);
    outOfTimeModelReport = buildModelReport(fitted.outOfTime, laterMatrix, y, { seed, explainedRows: 500 });
    const interval = bootstrapAucInterval(y, pd, { seed, resamples: 500, level: 0.95 });
    outOfTime = {
      cutoff: new Date(later[0].decidedAtMs).toISOString(),
      fitRows,
      validationRows: later.length,
      validationDefaults: laterDefaults,
      auc: { auc: rocAuc(y, pd), lower: interval.lower, upper: interval.upper },
      ks: ksStatistic(y, pd),
      brier: brierScore(y, pd),
      calibrationByDecile: calibrationByQuantile(y, pd, 10).map((bin) => ({ meanPredicted: bin.meanPredicted, observedRate: bin.observedRate, count: bin.count })),
    };
  }
  const model = fitted.final;
  const folds = model.training.outOfFoldMetrics.ensemble;
  const foldDefaults = ordered.reduce((n, row) => n + (row.defaulted ? 1 : 0), 0);
  const report: TenantTrainingReport = {
    format: "microtrust.tenant-training-report",
    formatVersion: 1,
    rows: planned.observedRows,
    defaults: planned.evidence.defaults,
    defaultRate: planned.evidence.defaults / planned.observedRows,
    periodFrom: new Date(ordered[0].decidedAtMs).toISOString(),
    periodTo: new Date(ordered[ordered.length - 1].decidedAtMs).toISOString(),
    evidence: planned.evidence,
    warnings: planned.warnings,
    randomFolds: {
      folds: model.training.crossFitFolds,
      auc: folds.auc,
      brier: folds.brier ?? null,
      interval: hanleyMcNeilInterval(folds.auc, foldDefaults, ordered.length - foldDefaults),
      intervalMethod: "Hanley & McNeil (1982) normal approximation",
    },
    outOfTime,
    memberWeights: Object.fromEntries(model.members.map((member) => [member.name, member.weight])),
    rejectInference: planned.rejectInference,
    settings: "engine defaults with age monotone by law; boosting rounds chosen by early stopping on the folds' validation rows; weights and Platt calibration on out-of-fold predictions",
  };
  return { model, report, outOfTimeModelReport };
}

/**
 * Trains a tenant model in this thread (planTenantTraining, then both fits, then completeTenantTraining). The
 * latest OUT_OF_TIME_SHARE of the rows by decision time are the out-of-time validation set of a model fitted
 * on the older ones with the same configuration and seed (its full model report — ROC, calibration,
 * importance, score deciles — is returned as `outOfTimeModelReport`); the model returned is fitted on every
 * row (its weights and calibration chosen on its own cross-fitted out-of-fold predictions, so no setting is
 * chosen on a row it is measured on). The same rows and seed give the same bytes as fitting the members in
 * worker threads.
 * @throws ScoringError INVALID_DATA when the evidence rule refuses the rows (checkEvidence).
 */
export function trainTenantModel(observed: readonly TrainingRow[], options: TenantTrainingOptions): { model: FittedEnsemble; report: TenantTrainingReport; outOfTimeModelReport: ModelReport | null } {
  const planned = planTenantTraining(observed, options);
  const fit = (ensemble: EnsembleToFit, stage: "outOfTime" | "final") => trainEnsemble(ensemble.config, ensemble.x, ensemble.y, { seed: ensemble.seed, onProgress: options.onProgress && ((d, t) => options.onProgress?.(stage, d, t)) });
  const outOfTime = planned.outOfTime ? fit(planned.outOfTime.fit, "outOfTime") : null;
  return completeTenantTraining(planned, { outOfTime, final: fit(planned.final, "final") });
}

/**
 * Reject inference as a training option: the engine fitted on the observed rows scores the rejects, which
 * parcelling gives inferred outcomes (scoring/reject-inference/parcelling.ts); they join the rows as
 * `inferred`. Without rejects, the rows as they are.
 */
function withInferredRejects(observed: readonly TrainingRow[], config: EnsembleConfig, options: Pick<TenantTrainingOptions, "seed" | "rejectInference">): { rows: readonly TrainingRow[]; rejectInference: TenantTrainingReport["rejectInference"] } {
  const correction = options.rejectInference;
  if (!correction || correction.rejects.length === 0) return { rows: observed, rejectInference: null };
  const y = labelsOf(observed);
  const x = trainingMatrix(observed);
  const approvedOnly = trainEnsemble(config, x, y, { seed: options.seed });
  const inferred = parcelRejects(approvedOnly.predictProba(x), y, approvedOnly.predictProba(trainingMatrix(correction.rejects)), { seed: options.seed, badRateMultiplier: correction.badRateMultiplier });
  const rejects = correction.rejects.map((row, k) => ({ ...row, defaulted: inferred[k] === 1, inferred: true }));
  return {
    rows: [...observed, ...rejects],
    rejectInference: { method: "parcelling", rejects: rejects.length, inferredDefaults: inferred.reduce((a, b) => a + b, 0), badRateMultiplier: correction.badRateMultiplier },
  };
}
