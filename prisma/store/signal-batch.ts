import { randomUUID } from "node:crypto";
import { fieldsOf, loanInstalmentRowFields, type SignalField } from "@/scoring/signals/signal-contract";
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

type Column = [name: string, sqlType: string];

/** The column type each kind of contract field is stored as (prisma/schema.prisma declares the same). */
const sqlTypes: Record<Exclude<SignalField["kind"], "enum" | "list">, string> = {
  externalId: "text",
  reference: "text",
  text: "text",
  currency: "text",
  phone: "text",
  positiveAmount: "numeric",
  nonNegativeAmount: "numeric",
  day: "date",
  instant: "timestamptz",
  dayOrInstant: "timestamptz",
  count: "int4",
  boolean: "boolean",
};

function columnsOf(fields: readonly [string, SignalField][]): Column[] {
  return [
    ["borrowerId", "text"],
    ...fields.map(([name, field]): Column => {
      if (field.kind === "list") throw new Error(`signal-batch: ${name} is a list, not a column`);
      return [name, field.kind === "enum" ? `"${field.vocabulary}"` : sqlTypes[field.kind]];
    }),
  ];
}

// Each kind's columns after id and tenantId, from the signal contract, with the array type its values are sent as.
const columns: Record<keyof SignalBatch, Column[]> = {
  transactions: columnsOf(fieldsOf("transaction", "ingest")),
  bills: columnsOf(fieldsOf("bill", "ingest")),
  loanInstalments: columnsOf([["externalId", { kind: "externalId" }], ...loanInstalmentRowFields()]),
  events: columnsOf(fieldsOf("event", "ingest")),
};

/** A value as the text PostgreSQL reads for its column type (instants in ISO 8601, calendar dates as YYYY-MM-DD). */
function asText(value: unknown, sqlType: string): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return sqlType === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
  return String(value);
}

/**
 * Inserts one kind's rows in one statement, each column sent as one array (unnest), skipping rows whose
 * (tenantId, externalId) exists; returns how many were new. Prisma's createMany sends a 20,000-row batch
 * as chunks of bound parameters and took ~30 s for it on PostgreSQL; this takes well under one.
 */
async function insertRows(tx: DbTransaction, tenantId: string, kind: keyof SignalBatch, rows: readonly object[]): Promise<number> {
  if (rows.length === 0) return 0;
  const kindColumns = columns[kind];
  const names = ["id", "tenantId", ...kindColumns.map(([name]) => name)].map((name) => `"${name}"`).join(", ");
  const arrays = kindColumns.map(([name, sqlType]) => rows.map((row) => asText((row as Record<string, unknown>)[name], sqlType)));
  const unnest = kindColumns.map(([, sqlType], i) => `$${i + 3}::text[]::${sqlType}[]`).join(", ");
  const aliases = kindColumns.map((_, i) => `c${i}`).join(", ");
  const [result] = await tx.$queryRawUnsafe<{ count: number }[]>(
    `WITH inserted AS (
       INSERT INTO "${tables[kind]}" (${names})
       SELECT u.row_id, $2::text, ${kindColumns.map((_, i) => `u.c${i}`).join(", ")} FROM unnest($1::text[], ${unnest}) AS u(row_id, ${aliases})
       ON CONFLICT ("tenantId", "externalId") DO NOTHING RETURNING 1)
     SELECT count(*)::int AS count FROM inserted`,
    rows.map(() => randomUUID()),
    tenantId,
    ...arrays,
  );
  return result.count;
}

/**
 * Stores a batch inside the caller's transaction (all or nothing), skipping rows whose externalId the
 * tenant already has; returns how many rows of each kind were new.
 */
export async function insertSignalBatch(tx: DbTransaction, tenantId: string, batch: SignalBatch): Promise<Record<keyof SignalBatch, number>> {
  return {
    transactions: await insertRows(tx, tenantId, "transactions", batch.transactions),
    bills: await insertRows(tx, tenantId, "bills", batch.bills),
    loanInstalments: await insertRows(tx, tenantId, "loanInstalments", batch.loanInstalments),
    events: await insertRows(tx, tenantId, "events", batch.events),
  };
}
