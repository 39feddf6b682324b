import type { Resolvers } from "../generated/resolvers-types";
import { listAuditTrail } from "../services/list-audit-trail";
import { verifyAuditChain } from "../services/verify-audit-chain";

export const auditResolvers: Resolvers = {
  Query: {
    auditTrail: (_parent, args, context) => listAuditTrail(context, args),
    verifyAuditChain: (_parent, _args, context) => verifyAuditChain(context),
  },
};
