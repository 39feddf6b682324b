import { cancelAuditVerification, getAuditVerification, startAuditVerification } from "@/core/jobs/audit-verification";
import { badUserInput } from "@/core/errors";
import { scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { listAuditTimeline, listAuditTrail } from "@/core/list-audit-trail";
import { verifyAuditChain } from "@/core/verify-audit-chain";
import { jobQueueOf } from "./job-queue-of";
import { jobRunFieldResolvers } from "./job-run";

export const auditResolvers: Resolvers = {
  Query: {
    auditTrail: (_parent, args, context) => listAuditTrail(scopeOf(context), args),
    auditTimeline: (_parent, args, context) => listAuditTimeline(scopeOf(context), { ...args.filter, first: args.first, after: args.after }),
    verifyAuditChain: (_parent, args, context) => {
      // A full verification costs ~3 ms CPU per scoring of the tenant: far more than one request may cost.
      if (args.full) throw badUserInput("full", "full: a full verification reads every row of the chain; start it as a job with startAuditVerification and read its result with auditVerification.");
      return verifyAuditChain(scopeOf(context));
    },
    auditVerification: (_parent, args, context) => getAuditVerification(scopeOf(context), args.id ?? null),
  },
  Mutation: {
    startAuditVerification: (_parent, args, context) => {
      const queue = jobQueueOf(context);
      return startAuditVerification(scopeOf(context), { idempotencyKey: args.idempotencyKey }, queue);
    },
    cancelAuditVerification: (_parent, args, context) => cancelAuditVerification(scopeOf(context), args.id),
  },
  AuditVerification: {
    ...jobRunFieldResolvers,
    result: (view) => view.result,
  },
};
