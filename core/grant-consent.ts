import "server-only";
import { findBorrowerById } from "@/prisma/store/borrower";
import { createConsent, type ConsentRecord } from "@/prisma/store/consent";
import { canSeeBorrower, type UseCaseScope } from "./actor";
import { badUserInput, notFound } from "./errors";
import type { GrantConsentInput } from "./inputs";
import { runAudited } from "./audited-change";

const MAX_DATA_LIFE_DAYS = 3650;
const DAY_MS = 86_400_000;
/** A consent starts within a year of when it is recorded, and lasts at most 10 years: 1900–9999 is not a consent. */
const MAX_START_OFFSET_DAYS = 366;
const MAX_PERIOD_DAYS = 3650;

/**
 * Records a borrower's consent (a BORROWER only for themselves), audited.
 * @throws DomainError BAD_USER_INPUT naming the field (no categories, an empty statement, validFrom more than
 * a year from today, expiry not after validFrom or more than 10 years after it, data life outside 1–3650 days), NOT_FOUND when the borrower is not the tenant's (or not the caller's own).
 */
export async function grantConsent(scope: UseCaseScope, input: GrantConsentInput): Promise<ConsentRecord> {
  const caller = scope.actor;
  const categories = [...new Set(input.dataCategories)].sort();
  if (categories.length === 0) throw badUserInput("dataCategories", "dataCategories: at least one category.");
  const statement = input.statement.trim();
  if (statement.length === 0 || statement.length > 5000) throw badUserInput("statement", "statement: the wording agreed to, 1 to 5000 characters.");
  if (Math.abs(input.validFrom.getTime() - scope.now.getTime()) > MAX_START_OFFSET_DAYS * DAY_MS) {
    throw badUserInput("validFrom", `validFrom: within ${MAX_START_OFFSET_DAYS} days of today.`);
  }
  if (input.expiresAt.getTime() <= input.validFrom.getTime()) throw badUserInput("expiresAt", "expiresAt: must be after validFrom.");
  if (input.expiresAt.getTime() - input.validFrom.getTime() > MAX_PERIOD_DAYS * DAY_MS) throw badUserInput("expiresAt", `expiresAt: at most ${MAX_PERIOD_DAYS} days after validFrom.`);
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
