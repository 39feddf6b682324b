import { GraphQLScalarType, Kind } from "graphql";
import { listLinkedAccounts } from "@/prisma/store/linked-account";
import { requireCaller, scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { getSignalSummary } from "@/core/get-signal-summary";
import { ingestSignals } from "@/core/ingest-signals";
import { linkAccount } from "@/core/link-account";
import { DateScalar, DateTime } from "./scalars";

const plainDay = /^\d{4}-\d{2}-\d{2}$/;

// A plain day is the start of that day in UTC (docs/signals.md); anything else must be a full instant.
function parseDayOrInstant(value: unknown): Date {
  try {
    return typeof value === "string" && plainDay.test(value) ? DateScalar.parseValue(value) : DateTime.parseValue(value);
  } catch {
    // A plain error, as the other scalars throw, so graphql-js names the value's path.
    throw new TypeError("DateOrDateTime: expected a real calendar day YYYY-MM-DD (read as 00:00 UTC) or an ISO-8601 instant with time zone, e.g. 2026-03-01 or 2026-03-01T09:30:00Z.");
  }
}

/** The signal fields a source may give as a day or an instant (openedAt, disbursedAt, writtenOffAt, paidAt, reportedAt). */
export const DateOrDateTime = new GraphQLScalarType<Date, string>({
  name: "DateOrDateTime",
  serialize: (value) => DateTime.serialize(value),
  parseValue: parseDayOrInstant,
  parseLiteral: (ast) => parseDayOrInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const signalResolvers: Resolvers = {
  DateOrDateTime,
  Mutation: {
    linkAccount: (_parent, args, context) => linkAccount(scopeOf(context), args.input),
    ingestSignals: (_parent, args, context) => ingestSignals(scopeOf(context), args.input),
  },
  Borrower: {
    accounts: (borrower, _args, context) => listLinkedAccounts(context.db, requireCaller(context).tenantId, borrower.id),
    signalSummary: (borrower, args, context) => getSignalSummary(scopeOf(context), borrower.id, args.asOf ?? context.now),
  },
};
