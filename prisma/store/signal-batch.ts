import type { NewBehaviouralEvent } from "./behavioural-event";
import type { NewBill } from "./bill";
import type { Db } from "./database";
import type { NewLoanRepayment } from "./loan-repayment";
import type { NewTransaction } from "./transaction";

export interface SignalBatch {
  transactions: NewTransaction[];
  bills: NewBill[];
  loanInstalments: NewLoanRepayment[];
  events: NewBehaviouralEvent[];
}

/**
 * Stores a batch in one transaction (all or nothing), skipping rows whose externalId the tenant already
 * has; returns how many rows of each kind were new.
 */
export function ingestSignalBatch(db: Db, tenantId: string, batch: SignalBatch): Promise<Record<keyof SignalBatch, number>> {
  const withTenant = <T extends object>(rows: readonly T[]) => rows.map((row) => ({ ...row, tenantId }));
  return db.$transaction(async (tx) => ({
    transactions: (await tx.transaction.createMany({ data: withTenant(batch.transactions), skipDuplicates: true })).count,
    bills: (await tx.bill.createMany({ data: withTenant(batch.bills), skipDuplicates: true })).count,
    loanInstalments: (await tx.loanRepayment.createMany({ data: withTenant(batch.loanInstalments), skipDuplicates: true })).count,
    events: (await tx.behaviouralEvent.createMany({ data: withTenant(batch.events), skipDuplicates: true })).count,
  }));
}
