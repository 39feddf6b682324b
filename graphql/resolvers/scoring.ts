import { suggestImprovements } from "@/scoring/explain/suggest-improvements";
import { findBorrowerById } from "@/prisma/store/borrower";
import { listCommitteeDecisions } from "@/prisma/store/committee-decision";
import { findCreditScoreNarrative } from "@/prisma/store/credit-score-narrative";
import { findModelVersionSummary } from "@/prisma/store/model-version";
import { findLatestOutcome } from "@/prisma/store/outcome";
import { findPolicyVersionById } from "@/prisma/store/policy-version";
import { requireCaller, type GraphQLContext, scopeOf } from "../context";
import type { DataCategory, Resolvers } from "../generated/resolvers-types";
import { presentContributions, presentSubScores } from "@/core/scoring/present-score";
import { loadModelVersion, loadPolicyVersion } from "@/core/scoring/scoring-versions";
import { readStoredResult, thawFeatures } from "@/core/scoring/stored-assessment";
import { calculateScore } from "@/core/calculate-score";
import { explainScore } from "@/core/explain-score";
import { getCreditScore, listBorrowerCreditScores } from "@/core/get-credit-score";
import { listApplications } from "@/core/list-applications";
import { quickScore } from "@/core/quick-score";
import { replayScore } from "@/core/replay-score";

function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} is missing: the foreign key should have prevented this`);
  return value;
}

const tenantOf = (context: GraphQLContext): string => requireCaller(context).tenantId;

async function policyOf(context: GraphQLContext, policyVersionId: string) {
  return required(await findPolicyVersionById(context.db, tenantOf(context), policyVersionId), "policy version");
}

export const scoringResolvers: Resolvers = {
  Query: {
    creditScore: (_parent, args, context) => getCreditScore(scopeOf(context), args.id),
    applications: (_parent, args, context) => listApplications(scopeOf(context), args),
  },
  Mutation: {
    calculateScore: (_parent, args, context) => calculateScore(scopeOf(context), args.input),
    quickScore: async (_parent, args, context) => {
      const { id, result, modelVersion } = await quickScore(scopeOf(context), args.indicators);
      return {
        id,
        score: Math.round(result.score),
        probabilityOfDefault: result.probabilityOfDefault,
        riskBucket: result.riskBucket.name,
        confidence: result.confidence,
        subScores: presentSubScores(result),
        adverseReasons: [...result.adverseReasons],
        positiveFactors: [...result.positiveFactors],
        modelVersion,
      };
    },
    replayScore: (_parent, args, context) => replayScore(scopeOf(context), args.scoreId),
    explainScore: (_parent, args, context) => explainScore(scopeOf(context), args.scoreId),
  },
  Borrower: {
    creditScores: (borrower, _args, context) => listBorrowerCreditScores(scopeOf(context), borrower.id),
  },
  CreditScore: {
    borrower: async (score, _args, context) => required(await findBorrowerById(context.db, tenantOf(context), score.borrowerId), "borrower"),
    requestedAmount: (score) => score.requestedAmount.toString(),
    baseScore: (score) => readStoredResult(score.result).score.baseScore,
    subScores: (score) => presentSubScores(readStoredResult(score.result).score),
    contributions: (score) => presentContributions(readStoredResult(score.result).score),
    adverseReasons: (score) => readStoredResult(score.result).score.adverseReasons,
    positiveFactors: (score) => readStoredResult(score.result).score.positiveFactors,
    decision: async (score, _args, context) => {
      const { decision } = readStoredResult(score.result);
      const { policy } = await loadPolicyVersion(context.db, tenantOf(context), score.policyVersionId);
      return {
        ...decision,
        scoreMode: policy.scoreMode,
        recommendedLimit: score.recommendedLimit.toString(),
        currency: policy.currency,
        requiresHumanReview: decision.recommendation === "REVIEW" || decision.humanReviewFlags.length > 0,
      };
    },
    modelVersion: async (score, _args, context) => required(await findModelVersionSummary(context.db, tenantOf(context), score.modelVersionId), "model version"),
    policyVersion: (score, _args, context) => policyOf(context, score.policyVersionId),
    dataCategoriesRead: (score) => ((score.inputs as { categories?: DataCategory[] }).categories ?? []),
    improvementSteps: async (score, _args, context) => {
      const model = await loadModelVersion(context.db, tenantOf(context), score.modelVersionId);
      return suggestImprovements(model, thawFeatures(score.features) as unknown as Record<string, number>).map((step) => ({ ...step }));
    },
    narrative: (score, _args, context) => findCreditScoreNarrative(context.db, tenantOf(context), score.id),
    committeeDecisions: (score, _args, context) => listCommitteeDecisions(context.db, tenantOf(context), score.id),
    outcome: (score, _args, context) => findLatestOutcome(context.db, tenantOf(context), score.id),
  },
};
