// The lender's historical loans with their outcomes (core/loan-book): the imported book a tenant's own model
// is trained from. Idempotent on (tenant, externalId).
import type { HistoricalLoan, OutcomeStatus, Prisma } from "../generated/client";
import type { Db, DbClient } from "./database";

export type HistoricalLoanRecord = HistoricalLoan;

export interface NewHistoricalLoan {
  borrowerId: string;
  externalId: string;
  disbursedAt: Date;
  amount: string;
  tenorDays: number;
  status: OutcomeStatus;
  maxDaysLate: number;
  defaultedAt: Date | null;
  observedAt: Date;
  /** The feature vector as of disbursedAt (missing values as null). */
  features: Prisma.InputJsonObject;
  featuresSha256: string;
}

/** What an upsert did to one loan: created, changed (its outcome or features differ) or left as it was. */
export type HistoricalLoanChange = "created" | "updated" | "unchanged";

const sameLoan = (stored: HistoricalLoanRecord, next: NewHistoricalLoan): boolean =>
  stored.borrowerId === next.borrowerId &&
  stored.disbursedAt.getTime() === next.disbursedAt.getTime() &&
  stored.amount.toString() === Number(next.amount).toString() &&
  stored.tenorDays === next.tenorDays &&
  stored.status === next.status &&
  stored.maxDaysLate === next.maxDaysLate &&
  (stored.defaultedAt?.getTime() ?? null) === (next.defaultedAt?.getTime() ?? null) &&
  stored.observedAt.getTime() === next.observedAt.getTime() &&
  stored.featuresSha256 === next.featuresSha256 &&
  sameFeatures(stored.features, next.features);

/** Equal feature vectors whatever their key order (JSONB keeps its own). */
function sameFeatures(stored: Prisma.JsonValue, next: Prisma.InputJsonObject): boolean {
  const a = (stored ?? {}) as Record<string, unknown>;
  const keys = Object.keys(next);
  return Object.keys(a).length === keys.length && keys.every((key) => a[key] === next[key]);
}

/**
 * Stores each loan unless the tenant holds it already exactly so (a re-import changes nothing); a loan whose
 * outcome or features differ is updated. Returns what happened to each, in input order.
 */
export async function upsertHistoricalLoans(tx: DbClient, tenantId: string, loans: readonly NewHistoricalLoan[], now: Date): Promise<HistoricalLoanChange[]> {
  if (loans.length === 0) return [];
  const stored = new Map((await tx.historicalLoan.findMany({ where: { tenantId, externalId: { in: loans.map((loan) => loan.externalId) } } })).map((row) => [row.externalId, row]));
  const changes: HistoricalLoanChange[] = [];
  for (const loan of loans) {
    const existing = stored.get(loan.externalId);
    if (!existing) {
      await tx.historicalLoan.create({ data: { ...loan, tenantId, createdAt: now, updatedAt: now } });
      changes.push("created");
    } else if (sameLoan(existing, loan)) {
      changes.push("unchanged");
    } else {
      await tx.historicalLoan.update({ where: { id: existing.id }, data: { ...loan, updatedAt: now } });
      changes.push("updated");
    }
  }
  return changes;
}

/** The external ids of loans the tenant holds for another borrower than the one given (a clash to report). */
export async function findHistoricalLoanOwners(db: DbClient, tenantId: string, externalIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.historicalLoan.findMany({ where: { tenantId, externalId: { in: [...externalIds] } }, select: { externalId: true, borrowerId: true } });
  return new Map(rows.map((row) => [row.externalId, row.borrowerId]));
}

/** A loan as training reads it. */
export type TrainingLoan = Pick<HistoricalLoanRecord, "id" | "externalId" | "borrowerId" | "disbursedAt" | "status" | "maxDaysLate" | "features">;

/** The tenant's historical loans disbursed in [from, to), oldest first (ties by id). */
export function listTrainingLoans(db: Db, tenantId: string, range: { from?: Date | null; to?: Date | null } = {}): Promise<TrainingLoan[]> {
  return db.historicalLoan.findMany({
    where: { tenantId, ...(range.from || range.to ? { disbursedAt: { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lt: range.to } : {}) } } : {}) },
    select: { id: true, externalId: true, borrowerId: true, disbursedAt: true, status: true, maxDaysLate: true, features: true },
    orderBy: [{ disbursedAt: "asc" }, { id: "asc" }],
  });
}

export function countHistoricalLoans(db: Db, tenantId: string): Promise<number> {
  return db.historicalLoan.count({ where: { tenantId } });
}

/** Bulk insert without checks, for benchmarks that build a large book directly (scripts/bench-training.ts). */
export async function insertHistoricalLoansUnchecked(db: Db, tenantId: string, loans: readonly NewHistoricalLoan[], now: Date): Promise<void> {
  await db.historicalLoan.createMany({ data: loans.map((loan) => ({ ...loan, tenantId, createdAt: now, updatedAt: now })) });
}

/** A scoring with the latest observation of its loan's outcome (by observedAt), as training reads it. */
export interface ScoredLoanForTraining {
  creditScoreId: string;
  asOf: Date;
  /** The feature vector frozen at scoring time (missing values as null). */
  features: Prisma.JsonValue;
  status: OutcomeStatus;
}

/** The tenant's scorings that have at least one outcome, each with its latest observation, in asOf order. */
export async function listScoredLoansForTraining(db: Db, tenantId: string): Promise<ScoredLoanForTraining[]> {
  const scores = await db.creditScore.findMany({
    where: { tenantId, outcomes: { some: {} } },
    select: { id: true, asOf: true, features: true, outcomes: { orderBy: [{ observedAt: "desc" }, { id: "asc" }], take: 1, select: { status: true } } },
    orderBy: [{ asOf: "asc" }, { id: "asc" }],
  });
  return scores.map((score) => ({ creditScoreId: score.id, asOf: score.asOf, features: score.features, status: score.outcomes[0].status }));
}

/** Borrowers created in bulk without checks, for benchmarks that build a large book directly (scripts/bench-training.ts). */
export async function insertBorrowersUnchecked(db: Db, tenantId: string, borrowers: readonly { id: string; externalId: string; nationalIdHash: string; dateOfBirth: Date; phone: string }[]): Promise<void> {
  await db.borrower.createMany({
    data: borrowers.map((b) => ({ ...b, tenantId, nationalIdType: "OTHER" as const, nationalIdLast4: b.nationalIdHash.slice(-4).toUpperCase(), givenName: "Bench", familyName: b.externalId })),
  });
}

/** The tenant's scorings recommended REJECT that have no outcome (rejected applicants), in asOf order. */
export async function listRejectedScoringsForTraining(db: Db, tenantId: string): Promise<{ creditScoreId: string; asOf: Date; features: Prisma.JsonValue }[]> {
  const scores = await db.creditScore.findMany({ where: { tenantId, recommendation: "REJECT", outcomes: { none: {} } }, select: { id: true, asOf: true, features: true }, orderBy: [{ asOf: "asc" }, { id: "asc" }] });
  return scores.map((score) => ({ creditScoreId: score.id, asOf: score.asOf, features: score.features }));
}
