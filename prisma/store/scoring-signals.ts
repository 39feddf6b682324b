// What one scoring reads: only the categories it is given a window for, each row dated inside its window.
import { Prisma, type DataCategory } from "../generated/client";
import { queryRows, type Db } from "./database";
import { isoDate, isoInstant } from "./iso-instant";

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
  /** The transactions' canonical JSON as read (JSON.stringify(transactions), byte for byte): what the bundle hash reads. */
  transactionsJson: string;
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
  transactions: string | null;
  bills: string | null;
  instalments: string | null;
  events: string | null;
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

// The many-row categories come back as one JSON text per category. Transactions, ~95 % of a scoring's rows,
// are each the engine's canonical JSON of the row, rendered once when the row is written ("engineJson",
// filled by a trigger with the database function transaction_engine_json, which the read falls back to for a
// row without it; migration 20261202063000_transaction_engine_json says why its bytes are JSON.stringify's):
// they are parsed as they are, and their text is what the bundle hash reads (ScoringSignals.transactionsJson).
// Rendering them on every read was ~2.4 ms of PostgreSQL's ~3 ms per scoring. They are aggregated from a
// subquery ordered by (occurredAt, externalId), which the index of that order returns without a sort (a
// subquery with ORDER BY is never merged into the query above it, so string_agg takes its rows in that
// order; an ORDER BY inside string_agg sorted the ~200 kB again, ~0.5 ms on PostgreSQL 15). The other
// categories, a few rows each, are arrays of values in a fixed order (strings JSON-escaped by PostgreSQL,
// amounts as the exact decimal's text, instants as epoch milliseconds, dates as days since 1970-01-01) turned
// into objects here.
const epochMs = (column: string): Prisma.Sql => Prisma.raw(`round(date_part('epoch', "${column}") * 1000)::int8`);
const epochDay = (column: string): Prisma.Sql => Prisma.raw(`("${column}" - DATE '1970-01-01')`);

type BillTuple = [accountId: string | null, amountDue: number, amountPaid: number | null, billType: string, biller: string, dueDate: number, externalId: string, paidAt: number | null];
type InstalmentTuple = [amountDue: number, amountPaid: number | null, disbursedAt: number, dueDate: number, lender: string, lenderType: string, loanExternalId: string, paidAt: number | null, principal: number, writtenOffAt: number | null];
type EventTuple = [deviceId: string | null, externalId: string, occurredAt: number, type: string];

const tuples = <T>(text: string | null): T[] => (text === null ? [] : (JSON.parse(text) as T[]));

// Each row becomes an object with its keys in canonical order and absent optional fields left out.
function toBill([accountId, amountDue, amountPaid, billType, biller, dueDate, externalId, paidAt]: BillTuple): ScoringSignals["bills"][number] {
  return {
    ...(accountId === null ? {} : { accountId }),
    amountDue,
    ...(amountPaid === null ? {} : { amountPaid }),
    billType,
    biller,
    dueDate: isoDate(dueDate),
    externalId,
    ...(paidAt === null ? {} : { paidAt: isoInstant(paidAt) }),
  };
}

function toInstalment([amountDue, amountPaid, disbursedAt, dueDate, lender, lenderType, loanExternalId, paidAt, principal, writtenOffAt]: InstalmentTuple): ScoringInstalment {
  return {
    amountDue,
    ...(amountPaid === null ? {} : { amountPaid }),
    disbursedAt: isoInstant(disbursedAt),
    dueDate: isoDate(dueDate),
    lender,
    lenderType,
    loanExternalId,
    ...(paidAt === null ? {} : { paidAt: isoInstant(paidAt) }),
    principal,
    ...(writtenOffAt === null ? {} : { writtenOffAt: isoInstant(writtenOffAt) }),
  };
}

function toEvent([deviceId, externalId, occurredAt, type]: EventTuple): ScoringSignals["events"][number] {
  return deviceId === null ? { externalId, occurredAt: isoInstant(occurredAt), type } : { deviceId, externalId, occurredAt: isoInstant(occurredAt), type };
}

/** A window no row can fall in (after = before): how a category without consent is "read". */
const NOTHING: SignalWindow = { after: new Date(0), before: new Date(0) };

/**
 * Reads a borrower's signals for scoring in one statement, category by category: a category without a
 * window gets an empty window (no row satisfies after < t < before when after = before), so consent and
 * data life are enforced in SQL. Accounts are read with transactions or bills (they are those rows'
 * metadata), opened before the latest of their windows. With IDENTITY, also the lender's cross-borrower
 * counts for the fraud features. Each category comes back as one JSON text (see the tuples above), so the
 * client parses one string per category, not ~1,000 rows; amounts are the exact decimal's text, which
 * JSON.parse reads as Number(decimal) does, and every row object is built with its keys in canonical JSON
 * order so the bundle can be hashed without re-sorting.
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
  const [row] = await queryRows<SignalRow>(db, Prisma.sql`
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
      (SELECT '[' || string_agg(rendered, ',') || ']' FROM (
          SELECT coalesce("engineJson", transaction_engine_json("accountId", amount, category, counterparty, currency, direction, "externalId", "occurredAt")) AS rendered
          FROM "Transaction" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "occurredAt" > ${transactions.after}::timestamptz AND "occurredAt" < ${transactions.before}::timestamptz
          ORDER BY "occurredAt", "externalId") ordered) AS transactions,
      (SELECT '[' || string_agg(concat('[', coalesce(to_json(nullif("accountId", '')), 'null'), ',', "amountDue", ',', coalesce("amountPaid"::text, 'null'), ',"', "billType", '",', to_json(biller), ',', ${epochDay("dueDate")}, ',', to_json("externalId"), ',', coalesce(${epochMs("paidAt")}::text, 'null'), ']'), ','
          ORDER BY "dueDate", "externalId") || ']'
        FROM "Bill" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "dueDate" > ${utcDay(bills.after)}::date AND "dueDate" < ${utcDay(bills.before)}::date) AS bills,
      (SELECT '[' || string_agg(concat('[', "amountDue", ',', coalesce("amountPaid"::text, 'null'), ',', ${epochMs("disbursedAt")}, ',', ${epochDay("dueDate")}, ',', to_json(lender), ',"', "lenderType", '",', to_json("loanExternalId"), ',', coalesce(${epochMs("paidAt")}::text, 'null'), ',', principal, ',', coalesce(${epochMs("writtenOffAt")}::text, 'null'), ']'), ','
          ORDER BY "loanExternalId", "dueDate", "externalId") || ']'
        FROM "LoanRepayment" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "dueDate" > ${utcDay(loans.after)}::date AND "dueDate" < ${utcDay(loans.before)}::date) AS instalments,
      (SELECT '[' || string_agg(concat('[', coalesce(to_json(nullif("deviceId", '')), 'null'), ',', to_json("externalId"), ',', ${epochMs("occurredAt")}, ',"', type, '"]'), ','
          ORDER BY "occurredAt", "externalId") || ']'
        FROM "BehaviouralEvent" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "occurredAt" > ${events.after}::timestamptz AND "occurredAt" < ${events.before}::timestamptz) AS events,
      (SELECT json_build_object('activeLoans', "activeLoans", 'hasFile', "hasFile", 'inquiriesLast6Months', "inquiriesLast6Months", 'reportedAt', to_char("reportedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'worstStatus', "worstStatus")::text
        FROM "BureauRecord" WHERE "tenantId" = ${tenantId} AND "borrowerId" = ${borrowerId} AND "reportedAt" > ${bureau.after}::timestamptz AND "reportedAt" < ${bureau.before}::timestamptz
        ORDER BY "reportedAt" DESC, id LIMIT 1) AS bureau`);
  const identity = row.identity === null ? null : (JSON.parse(row.identity) as ScoringSignals["identity"]);
  const transactionsJson = row.transactions ?? "[]";
  return {
    identity,
    accounts: JSON.parse(row.accounts) as ScoringSignals["accounts"],
    transactions: JSON.parse(transactionsJson) as ScoringSignals["transactions"],
    transactionsJson,
    bills: tuples<BillTuple>(row.bills).map(toBill),
    instalments: tuples<InstalmentTuple>(row.instalments).map(toInstalment),
    events: tuples<EventTuple>(row.events).map(toEvent),
    bureau: row.bureau === null ? null : (JSON.parse(row.bureau) as ScoringSignals["bureau"]),
    context: identity
      ? { borrowersSharingPhone: row.borrowersSharingPhone ?? 0, borrowersSharingDevice: row.borrowersSharingDevice ?? 0, applicationsLast30Days: row.applicationsLast30Days ?? 0 }
      : null,
  };
}
