import "server-only";
import { z } from "zod";
import { createBorrower as insertBorrower, findBorrowerByExternalId, findBorrowerByNationalId, type BorrowerRecord, type NewBorrower } from "@/prisma/store/borrower";
import type { UseCaseScope } from "./actor";
import { badUserInput, conflict } from "./errors";
import type { CreateBorrowerInput } from "./inputs";
import { hashNationalId, lastFourOfNationalId, normaliseNationalId } from "./security/national-id";
import { resolveSecret } from "./security/secrets";
import { runAudited } from "./audited-change";

const borrowerInputSchema = z.object({
  externalId: z.string().trim().min(1).max(100),
  nationalIdType: z.enum(["FAYDA", "NIN", "HUDUMA", "AADHAAR", "OTHER"]),
  nationalId: z
    .string()
    .transform(normaliseNationalId)
    .pipe(z.string().regex(/^[A-Z0-9]{4,32}$/, "4 to 32 letters or digits")),
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  phone: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, "E.164, e.g. +254712345678"),
  dateOfBirth: z.date().min(new Date("1900-01-01T00:00:00Z"), "after 1900"),
});

/**
 * Validates a borrower's details and replaces the national id number by its keyed hash and last 4 characters.
 * @throws DomainError BAD_USER_INPUT naming the first invalid field.
 */
export function prepareBorrower(input: CreateBorrowerInput, idHashKey: string, now: Date): NewBorrower {
  const parsed = borrowerInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "input");
    throw badUserInput(field, `${field}: ${issue.message}`);
  }
  const { nationalId, ...details } = parsed.data;
  if (details.dateOfBirth > now) throw badUserInput("dateOfBirth", "dateOfBirth: is in the future");
  return {
    ...details,
    nationalIdHash: hashNationalId(idHashKey, details.nationalIdType, nationalId),
    nationalIdLast4: lastFourOfNationalId(nationalId),
  };
}

/** Creates a borrower in the caller's tenant. @throws CONFLICT when the external id or the national id is already there. */
export async function createBorrower(scope: UseCaseScope, input: CreateBorrowerInput): Promise<BorrowerRecord> {
  const caller = scope.actor;
  const borrower = prepareBorrower(input, resolveSecret("idHashKey"), scope.now);
  return runAudited(scope, async (tx) => {
    if (await findBorrowerByNationalId(tx, caller.tenantId, borrower.nationalIdType, borrower.nationalIdHash)) {
      throw conflict("nationalId", "A borrower with this national id already exists.");
    }
    if (await findBorrowerByExternalId(tx, caller.tenantId, borrower.externalId)) throw conflict("externalId", "A borrower with this external id already exists.");
    const created = await insertBorrower(tx, caller.tenantId, borrower);
    return { result: created, event: { action: "borrower.created", entityType: "Borrower", entityId: created.id, borrowerId: created.id } };
  });
}
