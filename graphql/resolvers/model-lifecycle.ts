import { getModelCard } from "@/core/model-lifecycle/get-model-card";
import { clearChallenger, getChallenger, readChallengerScore, setChallenger } from "@/core/model-lifecycle/manage-challenger";
import type { ModelCard } from "@/core/model-lifecycle/model-card";
import { registerModelVersion } from "@/core/model-lifecycle/register-model-version";
import { listModelComparisons } from "@/core/model-comparison/list-model-comparisons";
import { getModelComparison, startModelComparison } from "@/core/model-comparison/start-model-comparison";
import { findModelChallenger, findModelVersionSummary, type ModelVersionSummary } from "@/prisma/store/model-version";
import { requireCaller, scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { jobQueueOf } from "./job-queue-of";

/** A model card as the API returns it: the card's data and its Markdown. */
export type ModelCardView = { card: ModelCard; markdown: string };

const required = <T>(value: T | null, what: string): T => {
  if (value === null) throw new Error(`model-lifecycle resolvers: the ${what} is missing`);
  return value;
};

export const modelLifecycleResolvers: Resolvers = {
  Query: {
    modelVersion: (_parent, args, context) => findModelVersionSummary(context.db, requireCaller(context).tenantId, args.id),
    modelChallenger: (_parent, _args, context) => getChallenger(scopeOf(context)),
    modelComparison: async (_parent, args, context) => {
      const view = await getModelComparison(scopeOf(context), args.id).catch((error: unknown) => {
        if ((error as { code?: string }).code === "NOT_FOUND") return null;
        throw error;
      });
      return view;
    },
    modelComparisons: (_parent, args, context) => listModelComparisons(scopeOf(context), { modelVersionId: args.modelVersionId }),
    modelCard: (_parent, args, context) => getModelCard(scopeOf(context), args.id),
  },
  Mutation: {
    registerModelVersion: (_parent, args, context) => registerModelVersion(scopeOf(context), args.input),
    setChallenger: (_parent, args, context) => setChallenger(scopeOf(context), args.modelVersionId),
    clearChallenger: async (_parent, _args, context) => (await clearChallenger(scopeOf(context))) !== null,
    startModelComparison: async (_parent, args, context) => {
      const scope = scopeOf(context);
      // The process-wide queue is reached only once the input has passed the core's checks.
      const queue = jobQueueOf(context);
      const job = await startModelComparison(scope, args.input, queue);
      return getModelComparison(scope, job.id);
    },
  },
  CreditScore: {
    challenger: (score, _args, context) => readChallengerScore(scopeOf(context), score),
  },
  ModelVersion: {
    isChallenger: async (version, _args, context) => (await findModelChallenger(context.db, requireCaller(context).tenantId))?.modelVersionId === version.id,
  },
  ModelChallenger: {
    modelVersion: (view) => view.modelVersion,
    setBy: (view) => view.challenger.setByName,
    setAt: (view) => view.challenger.setAt,
  },
  ModelComparison: {
    id: (view) => view.job.id,
    state: (view) => view.job.state,
    error: (view) => view.job.error,
    startedBy: (view) => view.job.startedByName,
    createdAt: (view) => view.job.createdAt,
    finishedAt: (view) => view.job.finishedAt,
    champion: async (view, _args, context) => required(await findModelVersionSummary(context.db, view.job.tenantId, view.input.championModelVersionId), "champion") as ModelVersionSummary,
    challenger: async (view, _args, context) => required(await findModelVersionSummary(context.db, view.job.tenantId, view.input.challengerModelVersionId), "challenger") as ModelVersionSummary,
    report: (view) =>
      view.report && {
        ...view.report.comparison,
        champion: { ...view.report.comparison.champion, calibration: [...view.report.comparison.champion.calibration] },
        challenger: { ...view.report.comparison.challenger, calibration: [...view.report.comparison.challenger.calibration] },
        approveToReject: { ...view.report.comparison.approveToReject, creditScoreIds: [...view.report.comparison.approveToReject.ids] },
        rejectToApprove: { ...view.report.comparison.rejectToApprove, creditScoreIds: [...view.report.comparison.rejectToApprove.ids] },
        recommendationMatrix: [...view.report.comparison.recommendationMatrix],
        skipped: view.report.skipped,
        policySha256: view.report.policySha256,
        note: view.report.note,
      },
  },
  ModelCard: {
    id: (view) => view.card.id,
    title: (view) => view.card.title,
    status: (view) => view.card.status as "DRAFT" | "ACTIVE" | "RETIRED",
    isChallenger: (view) => view.card.isChallenger,
    artifactSha256: (view) => view.card.artifactSha256,
    registeredAt: (view) => new Date(view.card.registeredAt),
    data: (view) => view.card.data,
    features: (view) => view.card.features,
    members: (view) => view.card.members,
    calibration: (view) => view.card.calibration,
    metrics: (view) => view.card.metrics,
    knownLimits: (view) => view.card.knownLimits,
    intendedUse: (view) => view.card.intendedUse,
    markdown: (view) => view.markdown,
  },
};
