/**
 * MicroTrust scoring engine: the public API. Pure (no clock, I/O, environment or global randomness).
 *
 *   const config = resolveEnsembleConfig({ components, reasonCatalog });
 *   const model = trainEnsemble(config, x, y, { seed: 7 });
 *   const result = scoreRow(model, { age: 41, MonthlyIncome: 5400 });   // PD, 300–850 score, reasons
 *   const artifact = model.toJSON();                                    // versioned, content-hashed
 *   const same = loadArtifact(artifact);                                 // scores byte-identically
 */
export { ScoringError, type ScoringErrorCode } from "./core/errors";
export { Random, deriveSeed } from "./core/random";
export { createMatrix, matrixFromRecords, selectRows, getRow, type FeatureSpec, type Matrix } from "./data/matrix";
export { parseCsv, DEFAULT_MISSING_TOKENS, type CsvParseOptions, type ParsedCsv } from "./data/csv";
export type { Attribution, FitOptions, FittedBinaryClassifier } from "./models/model";

export { DEFAULT_ENSEMBLE_CONFIG, resolveEnsembleConfig, validateEnsembleConfig, type CalibrationMethod, type EnsembleConfig, type EnsembleConfigInput, type WeightsPolicy } from "./ensemble/ensemble-config";
export { DEFAULT_MEMBER_PARAMS, MEMBER_NAMES, type MemberName, type MemberParams } from "./ensemble/members";
export { trainEnsemble, planEnsembleTraining, fitPlannedMember, completeEnsembleTraining, type EnsembleTrainingPlan, type MemberFitJob, type TrainEnsembleOptions } from "./ensemble/train-ensemble";
export { FittedEnsemble, ARTIFACT_FORMAT_VERSION, type EnsembleMember, type EnsembleRowExplanation, type TrainingMetadata } from "./ensemble/fitted-ensemble";

export { scoreRow, type ApplicantInput, type ScoreContribution, type ScoreResult } from "./explain/score-row";
export { fallbackReasonCode, selectReasons, MAX_PRINCIPAL_REASONS, type ReasonCatalog, type ReasonCodeEntry, type ScoreReason } from "./explain/reason-codes";
export { attributionInProbabilitySpace, distributeProportionally } from "./explain/probability-attribution";

export { DEFAULT_SCALING_PARAMS, scoreFromProbability, probabilityFromScore, type ScalingParams, type ScaledScore } from "./scale/points-to-double-odds";
export { DEFAULT_RISK_BUCKETS, riskBucketForScore, type RiskBucket } from "./scale/risk-buckets";
export { subScoreFromPoints, NEUTRAL_SUB_SCORE } from "./scale/sub-scores";
export { computeModelConfidence, type ModelConfidence } from "./scale/model-confidence";

export { loadArtifact } from "./artifact/load-artifact";
export { canonicalJson, contentHash } from "./artifact/canonical-json";
export { digestTrainingData } from "./artifact/data-digest";
