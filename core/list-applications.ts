import "server-only";
import { listCreditScoresPage, type CreditScoreRecord } from "@/prisma/store/credit-score";
import type { UseCaseScope } from "./actor";
import { badUserInput } from "./errors";
import type { ApplicationFilter } from "./inputs";

const MAX_PAGE = 100;

// Opaque cursor: base64url of "<scoredAt ISO>|<id>" of the last score of the previous page.
const encodeCursor = (score: CreditScoreRecord): string => Buffer.from(`${score.scoredAt.toISOString()}|${score.id}`, "utf8").toString("base64url");
function decodeCursor(cursor: string): { scoredAt: Date; id: string } {
  const [instant, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const scoredAt = new Date(instant ?? "");
  if (!id || Number.isNaN(scoredAt.getTime())) throw badUserInput("after", "after: not a cursor of this list.");
  return { scoredAt, id };
}

/** The committee queue: the tenant's scorings, newest first, filtered; forward cursor pagination. */
export async function listApplications(scope: UseCaseScope, args: { filter?: ApplicationFilter | null; first: number; after?: string | null }) {
  const caller = scope.actor;
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE) throw badUserInput("first", `first must be between 1 and ${MAX_PAGE}.`);
  const filter = args.filter ?? {};
  const page = await listCreditScoresPage(
    scope.db,
    caller.tenantId,
    {
      awaitingDecision: filter.status === "AWAITING_DECISION" ? true : filter.status === "DECIDED" ? false : undefined,
      recommendation: filter.recommendation ?? undefined,
      riskLevel: filter.riskLevel ?? undefined,
      flagged: filter.flagged ?? undefined,
      from: filter.from ?? undefined,
      to: filter.to ?? undefined,
      borrowerId: filter.borrowerId ?? undefined,
    },
    { first: args.first, after: args.after ? decodeCursor(args.after) : undefined },
  );
  const edges = page.scores.map((node) => ({ cursor: encodeCursor(node), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
}
