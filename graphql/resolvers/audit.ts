import { scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { listAuditTimeline, listAuditTrail } from "@/core/list-audit-trail";
import { verifyAuditChain } from "@/core/verify-audit-chain";

export const auditResolvers: Resolvers = {
  Query: {
    auditTrail: (_parent, args, context) => listAuditTrail(scopeOf(context), args),
    auditTimeline: (_parent, args, context) => listAuditTimeline(scopeOf(context), { ...args.filter, first: args.first, after: args.after }),
    verifyAuditChain: (_parent, args, context) => verifyAuditChain(scopeOf(context), { full: args.full }),
  },
};
