// Reads a signals file chosen in the portal into ingestSignals' input, and maps the server's per-item
// issues (`transactions[3].amount`) back to the file's rows, so the validation report names the row to fix.
import { parse } from "csv-parse/browser/esm/sync";
import type { BehaviouralEventInput, BillInput, LoanInput, TransactionInput } from "@/graphql/generated/client/graphql";

export type CsvSignalKind = "transactions" | "bills" | "events" | "loanInstalments";

export interface SignalBatch {
  transactions: TransactionInput[];
  bills: BillInput[];
  loans: LoanInput[];
  events: BehaviouralEventInput[];
}

export interface FileIssue {
  field: string;
  message: string;
}

export type SignalFileResult =
  | { ok: true; batch: SignalBatch; describeField: (field: string) => string; itemCount: number }
  | { ok: false; issues: FileIssue[] };

/** The CSV columns of each kind; a loan's columns repeat on each of its instalment rows. */
export const csvColumns: Record<CsvSignalKind, { required: string[]; optional: string[] }> = {
  transactions: { required: ["externalId", "accountId", "occurredAt", "amount", "currency", "direction", "category"], optional: ["counterparty"] },
  bills: { required: ["externalId", "biller", "billType", "dueDate", "amountDue"], optional: ["accountId", "paidAt", "amountPaid"] },
  events: { required: ["externalId", "type", "occurredAt"], optional: ["deviceId"] },
  loanInstalments: { required: ["loanExternalId", "lender", "lenderType", "principal", "disbursedAt", "dueDate", "amountDue"], optional: ["writtenOffAt", "paidAt", "amountPaid"] },
};

const batchKeys = ["transactions", "bills", "loans", "events"] as const;

function pickCells(row: Record<string, string>, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) if (row[name] !== undefined && row[name] !== "") picked[name] = row[name];
  return picked;
}

function readCsv(text: string, kind: CsvSignalKind): SignalFileResult {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  } catch (error) {
    return { ok: false, issues: [{ field: "file", message: `not readable as CSV: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (rows.length === 0) return { ok: false, issues: [{ field: "file", message: "has a header but no rows" }] };
  const { required, optional } = csvColumns[kind];
  const header = Object.keys(rows[0]);
  const issues: FileIssue[] = [
    ...required.filter((column) => !header.includes(column)).map((column) => ({ field: `column ${column}`, message: "is required and missing from the header" })),
    ...header.filter((column) => !required.includes(column) && !optional.includes(column)).map((column) => ({ field: `column ${column}`, message: `is not a ${kind} column (expected ${[...required, ...optional].join(", ")})` })),
  ];
  if (issues.length > 0) return { ok: false, issues };
  const columns = [...required, ...optional];
  // CSV row numbers count the header as row 1.
  const csvRow = (index: number) => index + 2;
  const batch: SignalBatch = { transactions: [], bills: [], loans: [], events: [] };
  if (kind === "loanInstalments") {
    const loanIndex = new Map<string, number>();
    const instalmentRows: number[][] = [];
    rows.forEach((row, index) => {
      const cells = pickCells(row, columns);
      const key = cells.loanExternalId ?? "";
      let position = loanIndex.get(key);
      if (position === undefined) {
        position = batch.loans.length;
        loanIndex.set(key, position);
        batch.loans.push({ externalId: key, lender: cells.lender ?? "", lenderType: cells.lenderType as LoanInput["lenderType"], principal: cells.principal ?? "", disbursedAt: cells.disbursedAt ?? "", writtenOffAt: cells.writtenOffAt ?? null, instalments: [] });
        instalmentRows.push([]);
      }
      batch.loans[position].instalments.push({ dueDate: cells.dueDate ?? "", amountDue: cells.amountDue ?? "", paidAt: cells.paidAt ?? null, amountPaid: cells.amountPaid ?? null });
      instalmentRows[position].push(csvRow(index));
    });
    const describeField = (field: string) => {
      const match = /^(?:input\.)?loans\[(\d+)\](?:\.instalments\[(\d+)\])?/.exec(field);
      if (!match) return field;
      const rowsOfLoan = instalmentRows[Number(match[1])] ?? [];
      const row = match[2] !== undefined ? rowsOfLoan[Number(match[2])] : rowsOfLoan[0];
      return row ? `row ${row} (${field})` : field;
    };
    return { ok: true, batch, describeField, itemCount: rows.length };
  }
  const items = rows.map((row) => pickCells(row, columns));
  if (kind === "transactions") batch.transactions = items as unknown as TransactionInput[];
  if (kind === "bills") batch.bills = items as unknown as BillInput[];
  if (kind === "events") batch.events = items as unknown as BehaviouralEventInput[];
  const describeField = (field: string) => {
    const match = /^(?:input\.)?(transactions|bills|events)\[(\d+)\]/.exec(field);
    return match ? `row ${csvRow(Number(match[2]))} (${field})` : field;
  };
  return { ok: true, batch, describeField, itemCount: rows.length };
}

function readJson(text: string): SignalFileResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ field: "file", message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, issues: [{ field: "file", message: "must be a JSON object with transactions, bills, loans and/or events arrays" }] };
  const record = value as Record<string, unknown>;
  const issues: FileIssue[] = [];
  for (const key of Object.keys(record)) {
    if (key === "borrowerId") continue;
    if (!(batchKeys as readonly string[]).includes(key)) issues.push({ field: key, message: `is not part of a signal batch (expected ${batchKeys.join(", ")}); accounts are linked with the form on this page` });
    else if (!Array.isArray(record[key])) issues.push({ field: key, message: "must be an array" });
  }
  if (issues.length > 0) return { ok: false, issues };
  const batch: SignalBatch = {
    transactions: (record.transactions as TransactionInput[] | undefined) ?? [],
    bills: (record.bills as BillInput[] | undefined) ?? [],
    loans: (record.loans as LoanInput[] | undefined) ?? [],
    events: (record.events as BehaviouralEventInput[] | undefined) ?? [],
  };
  const itemCount = batch.transactions.length + batch.bills.length + batch.loans.length + batch.events.length;
  if (itemCount === 0) return { ok: false, issues: [{ field: "file", message: "holds no transactions, bills, loans or events" }] };
  return { ok: true, batch, describeField: (field) => field.replace(/^input\./, ""), itemCount };
}

/**
 * A signals file as ingestSignals' batch: JSON ({ transactions, bills, loans, events } in the signal schema,
 * docs/signals.md) or CSV with one row per item of `csvKind` (loan instalments grouped into loans by
 * loanExternalId). Values are passed as written: the server validates them and reports every invalid item.
 */
export function readSignalFile(fileName: string, text: string, csvKind: CsvSignalKind): SignalFileResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, issues: [{ field: "file", message: "is empty" }] };
  const looksJson = fileName.toLowerCase().endsWith(".json") || trimmed.startsWith("{");
  return looksJson ? readJson(trimmed) : readCsv(text, csvKind);
}
