import "server-only";
import { listLinkedAccounts } from "@/prisma/store/linked-account";
import { readSignalSummaryRows } from "@/prisma/store/signal-summary";
import type { UseCaseScope } from "./actor";

const MS_PER_DAY = 86_400_000;
const money = (value: number): string => value.toFixed(2);
const toNumber = (value: { toString(): string }): number => Number(value.toString());

/** The months YYYY-MM from the one 11 months before `asOf`'s month to `asOf`'s month, oldest first. */
function lastTwelveMonths(asOf: Date): string[] {
  return Array.from({ length: 12 }, (_, k) => new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 11 + k, 1)).toISOString().slice(0, 7));
}

/**
 * What the lender holds about a borrower, for people: counts, accounts, monthly cash flow (loan
 * disbursements excluded from inflow) and the bills and instalments due in the 12 months before asOf.
 */
export async function getSignalSummary(scope: UseCaseScope, borrowerId: string, asOf: Date) {
  const caller = scope.actor;
  const months = lastTwelveMonths(asOf);
  const since = new Date(`${months[0]}-01T00:00:00.000Z`);
  const [accounts, rows] = await Promise.all([listLinkedAccounts(scope.db, caller.tenantId, borrowerId), readSignalSummaryRows(scope.db, caller.tenantId, borrowerId, since, asOf)]);
  const flow = new Map(months.map((month) => [month, { inflow: 0, outflow: 0 }]));
  for (const transaction of rows.transactions) {
    const month = flow.get(transaction.occurredAt.toISOString().slice(0, 7));
    if (!month) continue;
    if (transaction.direction === "CREDIT" && transaction.category !== "LOAN_DISBURSEMENT") month.inflow += toNumber(transaction.amount);
    if (transaction.direction === "DEBIT") month.outflow += toNumber(transaction.amount);
  }
  const daysLate = (due: Date, paidAt: Date | null): number | null => (paidAt ? Math.max(0, Math.floor((paidAt.getTime() - due.getTime()) / MS_PER_DAY)) : null);
  const payments = [
    ...rows.bills.map((bill) => ({ kind: "BILL", counterparty: bill.biller, dueDate: bill.dueDate, amountDue: money(toNumber(bill.amountDue)), paidAt: bill.paidAt, amountPaid: bill.amountPaid ? money(toNumber(bill.amountPaid)) : null, daysLate: daysLate(bill.dueDate, bill.paidAt) })),
    ...rows.instalments.map((row) => ({ kind: "LOAN_INSTALMENT", counterparty: row.lender, dueDate: row.dueDate, amountDue: money(toNumber(row.amountDue)), paidAt: row.paidAt, amountPaid: row.amountPaid ? money(toNumber(row.amountPaid)) : null, daysLate: daysLate(row.dueDate, row.paidAt) })),
  ].sort((a, b) => b.dueDate.getTime() - a.dueDate.getTime() || a.counterparty.localeCompare(b.counterparty));
  return {
    currency: rows.transactions[0]?.currency ?? null,
    accounts,
    transactionCount: rows.transactionCount,
    billCount: rows.billCount,
    loanInstalmentCount: rows.loanInstalmentCount,
    eventCount: rows.eventCount,
    firstSignalAt: rows.firstSignalAt,
    lastSignalAt: rows.lastSignalAt,
    monthlyCashFlow: months.map((month) => {
      const { inflow, outflow } = flow.get(month) ?? { inflow: 0, outflow: 0 };
      return { month, inflow: money(inflow), outflow: money(outflow), net: money(inflow - outflow) };
    }),
    payments,
    events: rows.events,
  };
}
