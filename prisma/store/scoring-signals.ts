// What one scoring reads: only the categories it is given a window for, each row dated inside its window.
import type { DataCategory } from "../generated/client";
import type { Db } from "./database";

/** Rows dated in (after, before) are read: `after` is where the consent's data life ends, `before` the as-of instant. */
export interface SignalWindow {
  after: Date;
  before: Date;
}

export type SignalWindows = Partial<Record<DataCategory, SignalWindow>>;

/** A stored instalment as the engine's loan grouping needs it (instants ISO 8601 UTC, dates YYYY-MM-DD, amounts in major units). */
export interface ScoringInstalment {
  loanExternalId: string;
  lender: string;
  lenderType: string;
  principal: number;
  disbursedAt: string;
  writtenOffAt?: string;
  dueDate: string;
  amountDue: number;
  paidAt?: string;
  amountPaid?: number;
}

/**
 * A scoring's signals in the engine's SignalBundle shapes (absent optional fields omitted), so rows go from
 * the database to the bundle without an intermediate object per row.
 */
export interface ScoringSignals {
  identity: { nationalIdType: string; idVerified: boolean; dateOfBirth: string; phone: string; simRegisteredAt?: string; nameMatchesAccounts?: boolean } | null;
  accounts: { id: string; type: string; provider: string; openedAt: string; verified: boolean }[];
  transactions: { externalId: string; accountId: string; occurredAt: string; amount: number; currency: string; direction: string; category: string; counterparty?: string }[];
  bills: { externalId: string; accountId?: string; biller: string; billType: string; dueDate: string; amountDue: number; paidAt?: string; amountPaid?: number }[];
  instalments: ScoringInstalment[];
  events: { externalId: string; type: string; occurredAt: string; deviceId?: string }[];
  bureau: { hasFile: boolean; activeLoans: number; worstStatus: string; inquiriesLast6Months: number; reportedAt: string } | null;
  /** The lender's cross-borrower counts for the fraud features: read with IDENTITY only. */
  context: { borrowersSharingPhone: number; borrowersSharingDevice: number; applicationsLast30Days: number } | null;
}

interface SignalRow {
  identity: string | null;
  accounts: string;
  transactions: string;
  bills: string;
  instalments: string;
  events: string;
  bureau: string | null;
  borrowersSharingPhone: number | null;
  borrowersSharingDevice: number | null;
  applicationsLast30Days: number | null;
}

/**
 * Due dates (DATE columns) are compared with the window's UTC calendar days, as Prisma's filters on a
 * DATE column compare them: a bill due on the as-of day is not read, whatever the as-of time.
 */
const utcDay = (instant: Date): string => instant.toISOString().slice(0, 10);

/** A window no row can fall in (after = before): how a category without consent is "read". */
const NOTHING: SignalWindow = { after: new Date(0), before: new Date(0) };

/**
 * Reads a borrower's signals for scoring in one statement, category by category: a category without a
 * window gets an empty window (no row satisfies after < t < before when after = before), so consent and
 * data life are enforced in SQL. Accounts are read with transactions or bills (they are those rows'
 * metadata), opened before the latest of their windows. With IDENTITY, also the lender's cross-borrower
 * counts for the fraud features. Each category comes back as one JSON array built by PostgreSQL in the
 * bundle's shapes (instants formatted as Date#toISOString does, amounts as the exact decimal's text, which
 * JSON.parse reads as Number(decimal) did, absent optional fields omitted, keys in canonical JSON order so
 * the bundle can be hashed without re-sorting), so the client parses one string per category, not ~1,000
 * rows.
 */
export async function readScoringSignals(db: Db, tenantId: string, borrowerId: string, windows: SignalWindows, applicationsSince: Date): Promise<ScoringSignals> {
  const transactions = windows.TRANSACTIONS ?? NOTHING;
  const bills = windows.BILLS ?? NOTHING;
  const loans = windows.LOAN_REPAYMENTS ?? NOTHING;
  const events = windows.BEHAVIOURAL_EVENTS ?? NOTHING;
  const bureau = windows.BUREAU ?? NOTHING;
  const accountsBefore = (windows.TRANSACTIONS ?? windows.BILLS ?? NOTHING).before;
  const readAccounts = Boolean(windows.TRANSACTIONS ?? windows.BILLS);
  const identityBefore = windows.IDENTITY?.before ?? null;
  const [row] = await db.$queryRaw<SignalRow[]>`
    WITH borrower AS (
      SELECT id, phone, "deviceId", "nationalIdType", "idVerified", "dateOfBirth", "simRegisteredAt", "nameMatchesAccounts"
      FROM "Borrower" WHERE "tenantId" = ${tenantId} AND id = ${borrowerId} AND ${identityBefore}::timestamptz IS NOT NULL
    )
    SELECT
      (SELECT json_strip_nulls(json_build_object('dateOfBirth', to_char("dateOfBirth", 'YYYY-MM-DD'), 'idVerified', "idVerified", 'nameMatchesAccounts', "nameMatchesAccounts", 'nationalIdType', "nationalIdType", 'phone', phone, 'simRegisteredAt', to_char("simRegisteredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::text
        FROM borrower) AS identity,
      (SELECT count(*)::int FROM "Borrower" other, borrower WHERE other."tenantId" = ${tenantId} AND other.phone = borrower.phone AND other.id <> ${borrowerId}) AS "borrowersSharingPhone",
      (SELECT count(*)::int FROM "Borrower" other, borrower WHERE other."tenantId" = ${tenantId} AND other."deviceId" = borrower."deviceId" AND other.id <> ${borrowerId}) AS "borrowersSharingDevice",
      (SELECT count(*)::int FROM "CreditScore" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "asOf" >= ${applicationsSince}::timestamptz AND "asOf" < ${identityBefore}::timestamptz) AS "applicationsLast30Days",
      (SELECT coalesce(json_agg(json_build_object('id', id, 'openedAt', to_char("openedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'provider', provider, 'type', type, 'verified', verified)
          ORDER BY "openedAt", id), '[]')::text
        FROM "LinkedAccount" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND ${readAccounts}::boolean AND "openedAt" < ${accountsBefore}::timestamptz) AS accounts,
      (SELECT coalesce(json_agg(json_strip_nulls(json_build_object('accountId', "accountId", 'amount', amount, 'category', category, 'counterparty', nullif(counterparty, ''), 'currency', currency, 'direction', direction, 'externalId', "externalId", 'occurredAt', to_char("occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
          ORDER BY "occurredAt", "externalId"), '[]')::text
        FROM "Transaction" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "occurredAt" > ${transactions.after}::timestamptz AND "occurredAt" < ${transactions.before}::timestamptz) AS transactions,
      (SELECT coalesce(json_agg(json_strip_nulls(json_build_object('accountId', nullif("accountId", ''), 'amountDue', "amountDue", 'amountPaid', "amountPaid", 'billType', "billType", 'biller', biller, 'dueDate', to_char("dueDate", 'YYYY-MM-DD'), 'externalId', "externalId", 'paidAt', to_char("paidAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
          ORDER BY "dueDate", "externalId"), '[]')::text
        FROM "Bill" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "dueDate" > ${utcDay(bills.after)}::date AND "dueDate" < ${utcDay(bills.before)}::date) AS bills,
      (SELECT coalesce(json_agg(json_strip_nulls(json_build_object('amountDue', "amountDue", 'amountPaid', "amountPaid", 'disbursedAt', to_char("disbursedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'dueDate', to_char("dueDate", 'YYYY-MM-DD'), 'lender', lender, 'lenderType', "lenderType", 'loanExternalId', "loanExternalId", 'paidAt', to_char("paidAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'principal', principal, 'writtenOffAt', to_char("writtenOffAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
          ORDER BY "loanExternalId", "dueDate", "externalId"), '[]')::text
        FROM "LoanRepayment" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "dueDate" > ${utcDay(loans.after)}::date AND "dueDate" < ${utcDay(loans.before)}::date) AS instalments,
      (SELECT coalesce(json_agg(json_strip_nulls(json_build_object('deviceId', nullif("deviceId", ''), 'externalId', "externalId", 'occurredAt', to_char("occurredAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'type', type))
          ORDER BY "occurredAt", "externalId"), '[]')::text
        FROM "BehaviouralEvent" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "occurredAt" > ${events.after}::timestamptz AND "occurredAt" < ${events.before}::timestamptz) AS events,
      (SELECT json_build_object('activeLoans', "activeLoans", 'hasFile', "hasFile", 'inquiriesLast6Months', "inquiriesLast6Months", 'reportedAt', to_char("reportedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'worstStatus', "worstStatus")::text
        FROM "BureauRecord" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "reportedAt" > ${bureau.after}::timestamptz AND "reportedAt" < ${bureau.before}::timestamptz
        ORDER BY "reportedAt" DESC, id LIMIT 1) AS bureau`;
  const identity = row.identity === null ? null : (JSON.parse(row.identity) as ScoringSignals["identity"]);
  return {
    identity,
    accounts: JSON.parse(row.accounts) as ScoringSignals["accounts"],
    transactions: JSON.parse(row.transactions) as ScoringSignals["transactions"],
    bills: JSON.parse(row.bills) as ScoringSignals["bills"],
    instalments: JSON.parse(row.instalments) as ScoringInstalment[],
    events: JSON.parse(row.events) as ScoringSignals["events"],
    bureau: row.bureau === null ? null : (JSON.parse(row.bureau) as ScoringSignals["bureau"]),
    context: identity
      ? { borrowersSharingPhone: row.borrowersSharingPhone ?? 0, borrowersSharingDevice: row.borrowersSharingDevice ?? 0, applicationsLast30Days: row.applicationsLast30Days ?? 0 }
      : null,
  };
}
