import "server-only";
import { findBorrowerById } from "@/prisma/store/borrower";
import { createConsent, type ConsentRecord } from "@/prisma/store/consent";
import { canSeeBorrower, type UseCaseScope } from "./actor";
import { badUserInput, notFound } from "./errors";
import type { GrantConsentInput } from "./inputs";
import { runAudited } from "./audited-change";

const MAX_DATA_LIFE_DAYS = 3650;

/**
 * Records a borrower's consent (a BORROWER only for themselves), audited.
 * @throws DomainError BAD_USER_INPUT naming the field (no categories, an empty statement, expiry not after
 * validFrom, data life outside 1–3650 days), NOT_FOUND when the borrower is not the tenant's (or not the caller's own).
 */
export async function grantConsent(scope: UseCaseScope, input: GrantConsentInput): Promise<ConsentRecord> {
  const caller = scope.actor;
  const categories = [...new Set(input.dataCategories)].sort();
  if (categories.length === 0) throw badUserInput("dataCategories", "dataCategories: at least one category.");
  const statement = input.statement.trim();
  if (statement.length === 0 || statement.length > 5000) throw badUserInput("statement", "statement: the wording agreed to, 1 to 5000 characters.");
  if (input.expiresAt.getTime() <= input.validFrom.getTime()) throw badUserInput("expiresAt", "expiresAt: must be after validFrom.");
  if (!Number.isInteger(input.dataLifeDays) || input.dataLifeDays < 1 || input.dataLifeDays > MAX_DATA_LIFE_DAYS) {
    throw badUserInput("dataLifeDays", `dataLifeDays: a whole number of days from 1 to ${MAX_DATA_LIFE_DAYS}.`);
  }
  if (!canSeeBorrower(caller, input.borrowerId)) throw notFound("No borrower with this id.");
  return runAudited(scope, async (tx) => {
    const borrower = await findBorrowerById(tx, caller.tenantId, input.borrowerId);
    if (!borrower) throw notFound("No borrower with this id.");
    const consent = await createConsent(tx, caller.tenantId, {
      borrowerId: borrower.id,
      purpose: input.purpose,
      dataCategories: categories,
      statement,
      validFrom: input.validFrom,
      expiresAt: input.expiresAt,
      dataLifeDays: input.dataLifeDays,
      grantedAt: scope.now,
    });
    const payload = { purpose: consent.purpose, dataCategories: categories, validFrom: consent.validFrom.toISOString(), expiresAt: consent.expiresAt.toISOString(), dataLifeDays: consent.dataLifeDays, statement };
    return { result: consent, event: { action: "consent.granted", entityType: "Consent", entityId: consent.id, borrowerId: borrower.id, payload } };
  });
}
