import "server-only";
import { findBorrowerById } from "@/prisma/store/borrower";
import { ensureLinkedAccount, type LinkedAccountRecord } from "@/prisma/store/linked-account";
import type { UseCaseScope } from "./actor";
import { badUserInput, conflict, notFound } from "./errors";
import type { LinkAccountInput } from "./inputs";
import { runAudited } from "./audited-change";

/**
 * Links an account (idempotent on provider + external reference), audited.
 * @throws DomainError BAD_USER_INPUT naming provider/externalReference/openedAt; NOT_FOUND for an unknown
 * borrower; CONFLICT when the reference is already linked to another borrower of the tenant.
 */
export async function linkAccount(scope: UseCaseScope, input: LinkAccountInput): Promise<LinkedAccountRecord> {
  const caller = scope.actor;
  const provider = input.provider.trim();
  const externalReference = input.externalReference.trim();
  if (provider.length === 0 || provider.length > 200) throw badUserInput("provider", "provider: 1 to 200 characters.");
  if (externalReference.length === 0 || externalReference.length > 200) throw badUserInput("externalReference", "externalReference: 1 to 200 characters.");
  if (input.openedAt.getTime() > scope.now.getTime()) throw badUserInput("openedAt", "openedAt: cannot be in the future.");
  return runAudited(scope, async (tx) => {
    const borrower = await findBorrowerById(tx, caller.tenantId, input.borrowerId);
    if (!borrower) throw notFound("No borrower with this id.");
    const account = await ensureLinkedAccount(tx, caller.tenantId, { borrowerId: borrower.id, type: input.type, provider, externalReference, openedAt: input.openedAt, verified: input.verified });
    if (account.borrowerId !== borrower.id) throw conflict("externalReference", "This account is already linked to another borrower.");
    return { result: account, event: { action: "account.linked", entityType: "LinkedAccount", entityId: account.id, borrowerId: borrower.id, payload: { type: account.type, provider } } };
  });
}
