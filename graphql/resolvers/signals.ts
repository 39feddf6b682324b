import { listLinkedAccounts } from "@/prisma/store/linked-account";
import { requireCaller } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { getSignalSummary } from "../services/get-signal-summary";
import { ingestSignals } from "../services/ingest-signals";
import { linkAccount } from "../services/link-account";

export const signalResolvers: Resolvers = {
  Mutation: {
    linkAccount: (_parent, args, context) => linkAccount(context, args.input),
    ingestSignals: (_parent, args, context) => ingestSignals(context, args.input),
  },
  Borrower: {
    accounts: (borrower, _args, context) => listLinkedAccounts(context.db, requireCaller(context).tenantId, borrower.id),
    signalSummary: (borrower, args, context) => getSignalSummary(context, borrower.id, args.asOf ?? context.now),
  },
};
