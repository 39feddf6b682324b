import "server-only";
import { listBorrowerAuditEvents, nameActors, type AuditEventWithActor } from "@/prisma/store/audit-event";
import type { UseCaseScope } from "./actor";
import { badUserInput } from "./errors";

const MAX_RANGE_DAYS = 3660;

/** What happened for a borrower of the caller's tenant between two instants (inclusive), in chain order, with who did it. */
export async function listAuditTrail(scope: UseCaseScope, args: { borrowerId: string; from: Date; to: Date }): Promise<AuditEventWithActor[]> {
  const caller = scope.actor;
  if (args.to.getTime() < args.from.getTime()) throw badUserInput("to", "to: must not be before from.");
  if (args.to.getTime() - args.from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw badUserInput("to", `to: at most ${MAX_RANGE_DAYS} days after from.`);
  return nameActors(scope.db, caller.tenantId, await listBorrowerAuditEvents(scope.db, caller.tenantId, args.borrowerId, args.from, args.to));
}
