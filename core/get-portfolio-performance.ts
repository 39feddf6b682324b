import "server-only";
import { bootstrapAucInterval, ksStatistic, rocAuc } from "@/scoring/metrics/roc";
import { MIN_STABILITY_SAMPLE, populationStabilityIndexFromShares, populationStabilityVerdict } from "@/scoring/metrics/stability";
import type { ModelReport } from "@/scoring/report/build-model-report";
import { findActiveModelVersion } from "@/prisma/store/model-version";
import { listScoresWithOutcomes } from "@/prisma/store/outcome";
import type { UseCaseScope } from "./actor";
import { badUserInput } from "./errors";
import { readModelScale } from "./scoring/model-scale";

const BOOTSTRAP = { seed: 20261122, resamples: 500, level: 0.95 } as const;
const isBad = (status: string | null): boolean => status === "DEFAULT" || status === "WRITTEN_OFF";

interface Labelled {
  probabilityOfDefault: number;
  bad: boolean;
}

/** AUC and KS of PD against realised defaults (null below 2 defaults and 2 non-defaults, where they are undefined or meaningless). */
function ranking(rows: readonly Labelled[]): { auc: number | null; ks: number | null; aucLower: number | null; aucUpper: number | null } {
  const bads = rows.filter((row) => row.bad).length;
  if (bads < 2 || rows.length - bads < 2) return { auc: null, ks: null, aucLower: null, aucUpper: null };
  const labels = rows.map((row) => (row.bad ? 1 : 0));
  const scores = rows.map((row) => row.probabilityOfDefault);
  const interval = bootstrapAucInterval(labels, scores, BOOTSTRAP);
  return { auc: rocAuc(labels, scores), ks: ksStatistic(labels, scores), aucLower: interval.lower, aucUpper: interval.upper };
}

/**
 * Scorings of the tenant joined to their loan's current status (the latest outcome by observedAt, docs/outcomes.md): counts and default rates by risk bucket (the active
 * model's bands in its order, from its artifact, then bands only earlier models used) and by
 * month, realised AUC/KS of the PD with a stratified bootstrap 95 % interval of the AUC (scoring/metrics).
 * PSI compares the period's scores made by the active model with that model's holdout score deciles (its
 * stored report); null when it made fewer than MIN_STABILITY_SAMPLE scorings in the period (no verdict on
 * sampling noise: populationStabilityVerdict) or has no report.
 * Reject inference: outcomes exist only for approved loans, which the note says.
 */
export async function getPortfolioPerformance(scope: UseCaseScope, range: { from?: Date | null; to?: Date | null }) {
  const caller = scope.actor;
  if (range.from && range.to && range.to.getTime() < range.from.getTime()) throw badUserInput("to", "to: must not be before from.");
  const [scores, activeModel] = await Promise.all([
    listScoresWithOutcomes(scope.db, caller.tenantId, { from: range.from ?? undefined, to: range.to ?? undefined }),
    findActiveModelVersion(scope.db, caller.tenantId),
  ]);
  const holdoutScores = (activeModel?.report as ModelReport | null | undefined)?.scoreDistribution;
  const activeModelScores = scores.filter((score) => score.modelVersionId === activeModel?.id).map((score) => score.scoreExact);
  const measured = holdoutScores && activeModelScores.length > 0 ? populationStabilityIndexFromShares(holdoutScores, activeModelScores) : null;
  const psi = measured !== null && populationStabilityVerdict(measured, activeModelScores.length) !== "INSUFFICIENT_SAMPLE" ? measured : null;
  const withOutcome = scores.filter((score) => score.outcome !== null).map((score) => ({ ...score, bad: isBad(score.outcome) }));
  const summarise = <T extends { outcome: string | null }>(group: readonly T[]) => {
    const observed = group.filter((score) => score.outcome !== null);
    const defaults = observed.filter((score) => isBad(score.outcome)).length;
    return { scored: group.length, withOutcome: observed.length, defaults, defaultRate: observed.length > 0 ? defaults / observed.length : null };
  };
  // Bands in the active model's order (its own scale), then any band only an earlier model used.
  const activeBands = activeModel ? (await readModelScale(scope.db, caller.tenantId, activeModel.id)).bands.map((band) => band.name) : [];
  const bandNames = [...new Set([...activeBands, ...[...new Set(scores.map((score) => score.riskBucket))].sort()])];
  const byBand = bandNames.map((band) => ({ band, ...summarise(scores.filter((score) => score.riskBucket === band)) }));
  const months = [...new Set(scores.map((score) => score.scoredAt.toISOString().slice(0, 7)))].sort();
  const byMonth = months.map((month) => {
    const group = scores.filter((score) => score.scoredAt.toISOString().slice(0, 7) === month);
    const { auc, ks } = ranking(group.filter((score) => score.outcome !== null).map((score) => ({ probabilityOfDefault: score.probabilityOfDefault, bad: isBad(score.outcome) })));
    return { month, ...summarise(group), auc, ks };
  });
  const overall = summarise(scores);
  return {
    scored: overall.scored,
    withOutcome: overall.withOutcome,
    defaults: overall.defaults,
    ...ranking(withOutcome),
    byBand,
    byMonth,
    psi,
    note: `Outcomes exist only for approved, disbursed loans (reject inference): these figures describe the approved population, not every applicant. Defaults are DEFAULT and WRITTEN_OFF outcomes. PSI compares this period's scores by the active model with that model's holdout scores, from ${MIN_STABILITY_SAMPLE} of them on (fewer give a PSI that is mostly sampling noise: no drift verdict).`,
  };
}
