// Store rows → the engine's SignalBundle. The store keeps one row per loan instalment; the engine wants
// loans with their schedules, so instalments are grouped by loanExternalId.
import type { BorrowerContext, Loan, SignalBundle } from "@/scoring/signals/signal-schema";
import type { ScoringSignals } from "@/prisma/store/scoring-signals";

const instant = (value: Date): string => value.toISOString();
const calendarDay = (value: Date): string => value.toISOString().slice(0, 10);
const amount = (value: { toString(): string }): number => Number(value.toString());
const optional = <T, R>(value: T | null | undefined, map: (present: T) => R): R | undefined => (value === null || value === undefined ? undefined : map(value));

/** The bundle of the signals read, and the lender's cross-borrower counts when identity was read. */
export function buildSignalBundle(signals: ScoringSignals): { bundle: SignalBundle; context: BorrowerContext | undefined } {
  const { identity } = signals;
  const loans = new Map<string, Loan & { instalments: Loan["instalments"][number][] }>();
  for (const row of signals.instalments) {
    let loan = loans.get(row.loanExternalId);
    if (!loan) {
      loan = {
        externalId: row.loanExternalId,
        lender: row.lender,
        lenderType: row.lenderType,
        principal: amount(row.principal),
        disbursedAt: instant(row.disbursedAt),
        instalments: [],
        ...(row.writtenOffAt ? { writtenOffAt: instant(row.writtenOffAt) } : {}),
      };
      loans.set(row.loanExternalId, loan);
    }
    loan.instalments.push({
      dueDate: calendarDay(row.dueDate),
      amountDue: amount(row.amountDue),
      ...(row.paidAt ? { paidAt: instant(row.paidAt) } : {}),
      ...(row.amountPaid ? { amountPaid: amount(row.amountPaid) } : {}),
    });
  }
  const bundle: SignalBundle = {
    ...(identity
      ? {
          identity: {
            nationalIdType: identity.nationalIdType,
            idVerified: identity.idVerified,
            dateOfBirth: calendarDay(identity.dateOfBirth),
            phone: identity.phone,
            ...(identity.simRegisteredAt ? { simRegisteredAt: instant(identity.simRegisteredAt) } : {}),
            ...(identity.nameMatchesAccounts === null ? {} : { nameMatchesAccounts: identity.nameMatchesAccounts }),
          },
        }
      : {}),
    accounts: signals.accounts.map((row) => ({ id: row.id, type: row.type, provider: row.provider, openedAt: instant(row.openedAt), verified: row.verified })),
    transactions: signals.transactions.map((row) => ({
      externalId: row.externalId,
      accountId: row.accountId,
      occurredAt: instant(row.occurredAt),
      amount: row.amount,
      currency: row.currency,
      direction: row.direction,
      category: row.category,
      ...(row.counterparty ? { counterparty: row.counterparty } : {}),
    })),
    bills: signals.bills.map((row) => ({
      externalId: row.externalId,
      ...(row.accountId ? { accountId: row.accountId } : {}),
      biller: row.biller,
      billType: row.billType,
      dueDate: calendarDay(row.dueDate),
      amountDue: amount(row.amountDue),
      ...(row.paidAt ? { paidAt: instant(row.paidAt) } : {}),
      ...(optional(row.amountPaid, (paid) => ({ amountPaid: amount(paid) })) ?? {}),
    })),
    loans: [...loans.values()],
    events: signals.events.map((row) => ({ externalId: row.externalId, type: row.type, occurredAt: instant(row.occurredAt), ...(row.deviceId ? { deviceId: row.deviceId } : {}) })),
    ...(signals.bureau
      ? { bureau: { hasFile: signals.bureau.hasFile, activeLoans: signals.bureau.activeLoans, worstStatus: signals.bureau.worstStatus, inquiriesLast6Months: signals.bureau.inquiriesLast6Months, reportedAt: instant(signals.bureau.reportedAt) } }
      : {}),
  };
  return { bundle, context: signals.context ?? undefined };
}
