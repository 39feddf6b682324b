import type { NewBehaviouralEvent } from "./behavioural-event";
import type { NewBill } from "./bill";
import type { DbClient, DbTransaction } from "./database";
import type { NewLoanRepayment } from "./loan-repayment";
import type { NewTransaction } from "./transaction";

export interface SignalBatch {
  transactions: NewTransaction[];
  bills: NewBill[];
  loanInstalments: NewLoanRepayment[];
  events: NewBehaviouralEvent[];
}

/** One item of a batch that another borrower of the tenant already holds under the same externalId. */
export interface ForeignExternalId {
  kind: keyof SignalBatch;
  externalId: string;
}

const tables: Record<keyof SignalBatch, string> = { transactions: "Transaction", bills: "Bill", loanInstalments: "LoanRepayment", events: "BehaviouralEvent" };

/**
 * The batch's externalIds that the tenant already stores for another borrower: a re-sent batch of the same
 * borrower is a duplicate, the same id under someone else is a clash the caller must hear about. One
 * statement per kind, the ids passed as one array parameter (a batch may hold 20,000).
 */
export async function findForeignExternalIds(db: DbClient, tenantId: string, borrowerId: string, batch: SignalBatch): Promise<ForeignExternalId[]> {
  const found: ForeignExternalId[] = [];
  for (const kind of Object.keys(tables) as (keyof SignalBatch)[]) {
    const ids = batch[kind].map((row) => row.externalId);
    if (ids.length === 0) continue;
    const rows = await db.$queryRawUnsafe<{ externalId: string }[]>(
      `SELECT "externalId" FROM "${tables[kind]}" WHERE "tenantId" = $1 AND "borrowerId" <> $2 AND "externalId" = ANY($3::text[])`,
      tenantId,
      borrowerId,
      ids,
    );
    found.push(...rows.map((row) => ({ kind, externalId: row.externalId })));
  }
  return found;
}

/**
 * Stores a batch inside the caller's transaction (all or nothing), skipping rows whose externalId the
 * tenant already has; returns how many rows of each kind were new.
 */
export async function insertSignalBatch(tx: DbTransaction, tenantId: string, batch: SignalBatch): Promise<Record<keyof SignalBatch, number>> {
  const withTenant = <T extends object>(rows: readonly T[]) => rows.map((row) => ({ ...row, tenantId }));
  return {
    transactions: (await tx.transaction.createMany({ data: withTenant(batch.transactions), skipDuplicates: true })).count,
    bills: (await tx.bill.createMany({ data: withTenant(batch.bills), skipDuplicates: true })).count,
    loanInstalments: (await tx.loanRepayment.createMany({ data: withTenant(batch.loanInstalments), skipDuplicates: true })).count,
    events: (await tx.behaviouralEvent.createMany({ data: withTenant(batch.events), skipDuplicates: true })).count,
  };
}
