import { requireCaller, scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { recordCommitteeDecision } from "@/core/record-committee-decision";
import { recordOutcome } from "@/core/record-outcome";
import { findCurrentCommitteeDecision, listCommitteeDecisions } from "@/prisma/store/committee-decision";
import { listOutcomeHistory } from "@/prisma/store/outcome";

export const decisionResolvers: Resolvers = {
  Mutation: {
    recordCommitteeDecision: (_parent, args, context) => recordCommitteeDecision(scopeOf(context), args.input),
    recordOutcome: (_parent, args, context) => recordOutcome(scopeOf(context), args.input),
  },
  CreditScore: {
    currentDecision: (score, _args, context) => findCurrentCommitteeDecision(context.db, requireCaller(context).tenantId, score.id),
    decisionHistory: (score, _args, context) => listCommitteeDecisions(context.db, requireCaller(context).tenantId, score.id),
    outcomeHistory: (score, _args, context) => listOutcomeHistory(context.db, requireCaller(context).tenantId, score.id),
  },
  CommitteeDecision: {
    amount: (decision) => decision.amount?.toString() ?? null,
    decidedBy: (decision) => ({ id: decision.decidedById, name: decision.decidedByName }),
  },
  Outcome: {
    recoveredAmount: (outcome) => outcome.recoveredAmount?.toString() ?? null,
    recordedAt: (outcome) => outcome.createdAt,
  },
};
