import "server-only";
import { listBorrowerAuditEvents, nameActors, type AuditEventWithActor } from "@/prisma/store/audit-event";
import { requireCaller, type GraphQLContext } from "../context";
import { badUserInput } from "../errors";

const MAX_RANGE_DAYS = 3660;

/** What happened for a borrower of the caller's tenant between two instants (inclusive), in chain order, with who did it. */
export async function listAuditTrail(context: GraphQLContext, args: { borrowerId: string; from: Date; to: Date }): Promise<AuditEventWithActor[]> {
  const caller = requireCaller(context);
  if (args.to.getTime() < args.from.getTime()) throw badUserInput("to", "to: must not be before from.");
  if (args.to.getTime() - args.from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw badUserInput("to", `to: at most ${MAX_RANGE_DAYS} days after from.`);
  return nameActors(context.db, caller.tenantId, await listBorrowerAuditEvents(context.db, caller.tenantId, args.borrowerId, args.from, args.to));
}
