import { listLinkedAccounts } from "@/prisma/store/linked-account";
import { requireCaller, scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { getSignalSummary } from "@/core/get-signal-summary";
import { ingestSignals } from "@/core/ingest-signals";
import { linkAccount } from "@/core/link-account";

export const signalResolvers: Resolvers = {
  Mutation: {
    linkAccount: (_parent, args, context) => linkAccount(scopeOf(context), args.input),
    ingestSignals: (_parent, args, context) => ingestSignals(scopeOf(context), args.input),
  },
  Borrower: {
    accounts: (borrower, _args, context) => listLinkedAccounts(context.db, requireCaller(context).tenantId, borrower.id),
    signalSummary: (borrower, args, context) => getSignalSummary(scopeOf(context), borrower.id, args.asOf ?? context.now),
  },
};
