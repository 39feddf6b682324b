import type { Db } from "./database";

/** What a borrower's signal summary is computed from: counts over everything, rows of the window [since, before). */
export async function readSignalSummaryRows(db: Db, tenantId: string, borrowerId: string, since: Date, before: Date) {
  const scope = { tenantId, borrowerId };
  const [transactionCount, billCount, loanInstalmentCount, eventCount, firstTransaction, lastTransaction, transactions, bills, instalments, events] = await Promise.all([
    db.transaction.count({ where: scope }),
    db.bill.count({ where: scope }),
    db.loanRepayment.count({ where: scope }),
    db.behaviouralEvent.count({ where: scope }),
    db.transaction.findFirst({ where: scope, orderBy: { occurredAt: "asc" }, select: { occurredAt: true } }),
    db.transaction.findFirst({ where: scope, orderBy: { occurredAt: "desc" }, select: { occurredAt: true } }),
    db.transaction.findMany({ where: { ...scope, occurredAt: { gte: since, lt: before } }, select: { occurredAt: true, amount: true, direction: true, currency: true, category: true } }),
    db.bill.findMany({ where: { ...scope, dueDate: { gte: since, lt: before } }, select: { biller: true, dueDate: true, amountDue: true, paidAt: true, amountPaid: true }, orderBy: [{ dueDate: "desc" }, { id: "asc" }] }),
    db.loanRepayment.findMany({ where: { ...scope, dueDate: { gte: since, lt: before } }, select: { lender: true, dueDate: true, amountDue: true, paidAt: true, amountPaid: true }, orderBy: [{ dueDate: "desc" }, { id: "asc" }] }),
    db.behaviouralEvent.findMany({ where: { ...scope, occurredAt: { lt: before } }, select: { type: true, occurredAt: true }, orderBy: [{ occurredAt: "desc" }, { id: "asc" }] }),
  ]);
  return { transactionCount, billCount, loanInstalmentCount, eventCount, firstSignalAt: firstTransaction?.occurredAt ?? null, lastSignalAt: lastTransaction?.occurredAt ?? null, transactions, bills, instalments, events };
}
