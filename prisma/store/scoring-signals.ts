// What one scoring reads: only the categories it is given a window for, each row dated inside its window.
import type { DataCategory, TransactionCategory, TransactionDirection } from "../generated/client";
import type { Db } from "./database";

/** Rows dated in (after, before) are read: `after` is where the consent's data life ends, `before` the as-of instant. */
export interface SignalWindow {
  after: Date;
  before: Date;
}

export type SignalWindows = Partial<Record<DataCategory, SignalWindow>>;

const identityFields = { phone: true, deviceId: true, nationalIdType: true, idVerified: true, dateOfBirth: true, simRegisteredAt: true, nameMatchesAccounts: true } as const;
const accountFields = { id: true, type: true, provider: true, openedAt: true, verified: true } as const;
const billFields = { externalId: true, accountId: true, biller: true, billType: true, dueDate: true, amountDue: true, paidAt: true, amountPaid: true } as const;
const instalmentFields = { externalId: true, loanExternalId: true, lender: true, lenderType: true, principal: true, disbursedAt: true, dueDate: true, amountDue: true, paidAt: true, amountPaid: true, writtenOffAt: true } as const;
const eventFields = { externalId: true, type: true, occurredAt: true, deviceId: true } as const;
const bureauFields = { hasFile: true, activeLoans: true, worstStatus: true, inquiriesLast6Months: true, reportedAt: true } as const;

const inWindow = (window: SignalWindow) => ({ gt: window.after, lt: window.before });

export interface ScoringTransaction {
  externalId: string;
  accountId: string;
  occurredAt: Date;
  /** Major units as a double: what the engine computes with (an exact decimal is kept in the store). */
  amount: number;
  currency: string;
  direction: TransactionDirection;
  category: TransactionCategory;
  counterparty: string | null;
}

/**
 * The transactions of the window. Raw SQL because this is the largest read of a scoring (~1,000 rows):
 * casting amounts to float8 in the database halves the time Prisma spends building Decimal objects.
 */
function readTransactions(db: Db, tenantId: string, borrowerId: string, window: SignalWindow): Promise<ScoringTransaction[]> {
  return db.$queryRaw<ScoringTransaction[]>`
    SELECT "externalId", "accountId", "occurredAt", amount::float8 AS amount, currency, direction::text AS direction, category::text AS category, counterparty
    FROM "Transaction"
    WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "occurredAt" > ${window.after} AND "occurredAt" < ${window.before}
    ORDER BY "occurredAt", "externalId"`;
}

/**
 * Reads a borrower's signals for scoring, category by category (a category without a window is not read
 * at all). Accounts are read with transactions or bills (they are those rows' metadata), opened before the
 * latest of their windows. With IDENTITY, also the lender's cross-borrower counts for the fraud features.
 */
export async function readScoringSignals(db: Db, tenantId: string, borrowerId: string, windows: SignalWindows, applicationsSince: Date) {
  const scope = { tenantId, borrowerId };
  const accountWindow = windows.TRANSACTIONS ?? windows.BILLS;
  const [identity, accounts, transactions, bills, instalments, events, bureau] = await Promise.all([
    windows.IDENTITY ? db.borrower.findFirst({ where: { tenantId, id: borrowerId }, select: identityFields }) : null,
    accountWindow ? db.linkedAccount.findMany({ where: { ...scope, openedAt: { lt: accountWindow.before } }, select: accountFields, orderBy: [{ openedAt: "asc" }, { id: "asc" }] }) : [],
    windows.TRANSACTIONS ? readTransactions(db, tenantId, borrowerId, windows.TRANSACTIONS) : [],
    windows.BILLS ? db.bill.findMany({ where: { ...scope, dueDate: inWindow(windows.BILLS) }, select: billFields, orderBy: [{ dueDate: "asc" }, { externalId: "asc" }] }) : [],
    windows.LOAN_REPAYMENTS ? db.loanRepayment.findMany({ where: { ...scope, dueDate: inWindow(windows.LOAN_REPAYMENTS) }, select: instalmentFields, orderBy: [{ loanExternalId: "asc" }, { dueDate: "asc" }, { externalId: "asc" }] }) : [],
    windows.BEHAVIOURAL_EVENTS ? db.behaviouralEvent.findMany({ where: { ...scope, occurredAt: inWindow(windows.BEHAVIOURAL_EVENTS) }, select: eventFields, orderBy: [{ occurredAt: "asc" }, { externalId: "asc" }] }) : [],
    windows.BUREAU ? db.bureauRecord.findFirst({ where: { ...scope, reportedAt: inWindow(windows.BUREAU) }, select: bureauFields, orderBy: [{ reportedAt: "desc" }, { id: "asc" }] }) : null,
  ]);
  const context =
    identity && windows.IDENTITY
      ? await Promise.all([
          db.borrower.count({ where: { tenantId, phone: identity.phone, id: { not: borrowerId } } }),
          identity.deviceId ? db.borrower.count({ where: { tenantId, deviceId: identity.deviceId, id: { not: borrowerId } } }) : 0,
          db.creditScore.count({ where: { tenantId, borrowerId, asOf: { gte: applicationsSince, lt: windows.IDENTITY.before } } }),
        ]).then(([borrowersSharingPhone, borrowersSharingDevice, applicationsLast30Days]) => ({ borrowersSharingPhone, borrowersSharingDevice, applicationsLast30Days }))
      : null;
  return { identity, accounts, transactions, bills, instalments, events, bureau, context };
}

export type ScoringSignals = Awaited<ReturnType<typeof readScoringSignals>>;
