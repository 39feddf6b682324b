/** Model-quality metrics for binary credit scores: labels 0/1 with 1 = default, scores higher = riskier. */
export { rocAuc, rocCurve, ksStatistic, gini, bootstrapAucInterval } from "./roc";
export type { RocCurve, AucInterval } from "./roc";
export { f1AtThreshold, brierScore, logLoss, calibrationByQuantile, LOG_LOSS_EPSILON } from "./probability";
export type { CalibrationBin } from "./probability";
export { populationStabilityIndex, populationStabilityIndexFromShares, binnedDistribution } from "./stability";
export type { PopulationStabilityOptions, BinnedDistribution } from "./stability";
