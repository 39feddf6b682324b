/**
 * MicroTrust scoring engine: the public API. Pure (no clock, I/O, environment or global randomness).
 *
 *   const config = resolveEnsembleConfig({ components, reasonCatalog });
 *   const model = trainEnsemble(config, x, y, { seed: 7 });
 *   const result = scoreRow(model, { age: 41, MonthlyIncome: 5400 });   // PD, 300–850 score, reasons
 *   const artifact = model.toJSON();                                    // versioned, content-hashed
 *   const same = loadArtifact(artifact);                                 // scores byte-identically
 *
 * From signals to a decision:
 *   const parsed = parseSignals(json);                                   // validated signal bundle
 *   const features = computeFeatures(parsed.data, context, asOf);         // or featuresFromIndicators(form)
 *   const assessment = assessApplication(model, DEFAULT_DECISION_POLICY, features, request);
 *   const advice = suggestImprovements(model, features);                 // how to improve, ≤ 5 actions
 */
export { ScoringError, type ScoringErrorCode } from "./core/errors";
export { Random, deriveSeed } from "./core/random";
export { createMatrix, matrixFromRecords, selectRows, getRow, type FeatureSpec, type Matrix } from "./data/matrix";
export { parseCsv, DEFAULT_MISSING_TOKENS, type CsvParseOptions, type ParsedCsv } from "./data/csv";
export type { Attribution, FitOptions, FittedBinaryClassifier } from "./models/model";

export { DEFAULT_ENSEMBLE_CONFIG, resolveEnsembleConfig, validateEnsembleConfig, type CalibrationMethod, type EnsembleConfig, type EnsembleConfigInput, type WeightsPolicy } from "./ensemble/ensemble-config";
export { DEFAULT_MEMBER_PARAMS, MEMBER_NAMES, type MemberName, type MemberParams } from "./ensemble/members";
export { trainEnsemble, planEnsembleTraining, fitPlannedMember, finalBoostingIterations, completeEnsembleTraining, type EnsembleTrainingPlan, type FitPlannedMemberOptions, type MemberFitJob, type TrainEnsembleOptions } from "./ensemble/train-ensemble";
export { FittedEnsemble, ARTIFACT_FORMAT_VERSION, type EnsembleMember, type EnsembleRowExplanation, type TrainingMetadata } from "./ensemble/fitted-ensemble";

export { scoreRow, applicantRow, type ApplicantInput, type ScoreContribution, type ScoreResult } from "./explain/score-row";
export { fallbackMissingText, fallbackReasonCode, selectReasons, MAX_PRINCIPAL_REASONS, type ReasonCatalog, type ReasonCodeEntry, type ScoreReason } from "./explain/reason-codes";
export { suggestImprovements, MAX_IMPROVEMENT_SUGGESTIONS, type ImprovementCatalog, type ImprovementDefinition, type ImprovementSuggestion, type SuggestImprovementsOptions } from "./explain/suggest-improvements";
export { attributionInProbabilitySpace, distributeProportionally } from "./explain/probability-attribution";

export { DEFAULT_SCALING_PARAMS, scoreFromProbability, probabilityFromScore, type ScalingParams, type ScaledScore } from "./scale/points-to-double-odds";
export { DEFAULT_RISK_BUCKETS, riskBucketForScore, type RiskBucket } from "./scale/risk-buckets";
export { subScoreFromPoints, NEUTRAL_SUB_SCORE } from "./scale/sub-scores";
export { computeModelConfidence, type ModelConfidence } from "./scale/model-confidence";

export { loadArtifact } from "./artifact/load-artifact";
export { canonicalJson, contentHash } from "./artifact/canonical-json";
export { digestTrainingData } from "./artifact/data-digest";

export { parseSignals, parseBorrowerContext, SignalValidationError, type ParseResult, type SignalIssue } from "./signals/parse-signals";
export type { Account, BehaviouralEvent, Bill, BorrowerContext, BureauRecord, Identity, Instalment, Loan, SignalBundle, Transaction, TransactionCategory } from "./signals/signal-schema";
export { computeFeatures } from "./features/compute-features";
export { featureCatalog, featureNames, componentNames, type ComponentName, type FeatureDefinition, type FeatureDirection, type FeatureName, type FeatureVector } from "./features/feature-catalog";
export { featuresFromIndicators, parseBehaviouralIndicators, directModeFeatures, type BehaviouralIndicators } from "./features/direct-mode";
export { buildFeatureComponents, buildFeatureImprovements, buildFeatureMatrix, buildFeatureReasonCatalog, buildFeatureSpecs } from "./features/engine-config";
export { generatePopulation, generateBorrower, type PopulationOptions, type SyntheticBorrower } from "./synthetic/generate-population";
export { evaluateDecision, type Decision, type DecisionFlag, type DecisionInput, type Recommendation } from "./decision/evaluate-decision";
export { parseDecisionPolicy, DEFAULT_DECISION_POLICY, type DecisionPolicy, type PolicyIssue, type RiskLevel } from "./decision/policy";
export { assessApplication, type ApplicationAssessment, type LoanRequest } from "./pipeline/assess-application";
