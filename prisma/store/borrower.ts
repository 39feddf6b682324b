import type { Borrower, NationalIdType } from "../generated/client";
import type { DbClient } from "./database";

export type BorrowerRecord = Borrower;

export interface NewBorrower {
  externalId: string;
  nationalIdType: NationalIdType;
  nationalIdHash: string;
  nationalIdLast4: string;
  givenName: string;
  familyName: string;
  phone: string;
  dateOfBirth: Date;
  simRegisteredAt?: Date | null;
  idVerified?: boolean;
  nameMatchesAccounts?: boolean | null;
  deviceId?: string | null;
}

export interface BorrowerPage {
  borrowers: BorrowerRecord[];
  hasNextPage: boolean;
}

export function createBorrower(db: DbClient, tenantId: string, input: NewBorrower): Promise<BorrowerRecord> {
  return db.borrower.create({ data: { ...input, tenantId } });
}

/** Creates the borrower unless the tenant already has one with that external id (idempotent ingest). */
export function ensureBorrower(db: DbClient, tenantId: string, input: NewBorrower): Promise<BorrowerRecord> {
  return db.borrower.upsert({
    where: { tenantId_externalId: { tenantId, externalId: input.externalId } },
    create: { ...input, tenantId },
    update: {},
  });
}

export function findBorrowerById(db: DbClient, tenantId: string, borrowerId: string): Promise<BorrowerRecord | null> {
  return db.borrower.findFirst({ where: { id: borrowerId, tenantId } });
}

export function findBorrowerByExternalId(db: DbClient, tenantId: string, externalId: string): Promise<BorrowerRecord | null> {
  return db.borrower.findUnique({ where: { tenantId_externalId: { tenantId, externalId } } });
}

export function findBorrowerByNationalId(
  db: DbClient,
  tenantId: string,
  nationalIdType: NationalIdType,
  nationalIdHash: string,
): Promise<BorrowerRecord | null> {
  return db.borrower.findUnique({ where: { tenantId_nationalIdType_nationalIdHash: { tenantId, nationalIdType, nationalIdHash } } });
}

/**
 * One page of the tenant's borrowers in id order, after the borrower `afterId` (keyset pagination), optionally
 * filtered by a search: every word of it (split on white space) must match, case-insensitively, a part of the
 * given name, family name, phone or external id — so "Esther Wanjiru" finds Esther Wanjiru, as a full name typed
 * into the picker should.
 */
export async function listBorrowers(db: DbClient,
  tenantId: string,
  options: { first: number; afterId?: string | null; search?: string | null },
): Promise<BorrowerPage> {
  const words = options.search?.trim().split(/\s+/).filter((word) => word !== "") ?? [];
  const rows = await db.borrower.findMany({
    where: {
      tenantId,
      ...(options.afterId ? { id: { gt: options.afterId } } : {}),
      ...(words.length > 0
        ? {
            AND: words.map((word) => ({
              OR: [
                { givenName: { contains: word, mode: "insensitive" as const } },
                { familyName: { contains: word, mode: "insensitive" as const } },
                { phone: { contains: word } },
                { externalId: { contains: word, mode: "insensitive" as const } },
              ],
            })),
          }
        : {}),
    },
    orderBy: { id: "asc" },
    take: options.first + 1,
  });
  return { borrowers: rows.slice(0, options.first), hasNextPage: rows.length > options.first };
}

export function countBorrowers(db: DbClient, tenantId: string): Promise<number> {
  return db.borrower.count({ where: { tenantId } });
}
