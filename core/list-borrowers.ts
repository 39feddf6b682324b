import "server-only";
import { listBorrowers as listBorrowerPage, type BorrowerRecord } from "@/prisma/store/borrower";
import type { UseCaseScope } from "./actor";
import { badUserInput } from "./errors";

export interface BorrowerConnectionResult {
  edges: { cursor: string; node: BorrowerRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const maxBorrowersPerPage = 100;

// Cursors are opaque to clients: base64url of the last borrower id of the previous page.
const encodeCursor = (borrowerId: string): string => Buffer.from(borrowerId, "utf8").toString("base64url");
const decodeCursor = (cursor: string): string => Buffer.from(cursor, "base64url").toString("utf8");

/** A page of the caller's tenant's borrowers (Relay connection shape, forward pagination). */
export async function listBorrowers(
  scope: UseCaseScope,
  args: { first: number; after?: string | null; search?: string | null },
): Promise<BorrowerConnectionResult> {
  const caller = scope.actor;
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > maxBorrowersPerPage) {
    throw badUserInput("first", `first must be between 1 and ${maxBorrowersPerPage}.`);
  }
  if (args.search && args.search.length > 100) throw badUserInput("search", "search is at most 100 characters.");
  const page = await listBorrowerPage(scope.db, caller.tenantId, {
    first: args.first,
    afterId: args.after ? decodeCursor(args.after) : null,
    search: args.search,
  });
  const edges = page.borrowers.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
