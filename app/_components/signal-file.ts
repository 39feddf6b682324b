// Reads a signals file chosen in the portal into ingestSignals' input, checks the form of every value (the
// checks GraphQL would otherwise answer one at a time in its own words), and maps the server's per-item
// issues (`transactions[3].amount`) back to the file's rows, so the validation report names the row to fix.
import { parse } from "csv-parse/browser/esm/sync";
import type { BehaviouralEventInput, BillInput, BureauRecordInput, LoanInput, TransactionInput } from "@/graphql/generated/client/graphql";
import {
  amountTextPattern,
  batchCategories,
  batchKeys,
  fieldsOf,
  loanInstalmentRowFields,
  signalCategories,
  signalVocabularies,
  type BatchKey,
  type SignalCategoryName,
  type SignalField,
} from "@/scoring/signals/signal-contract";

export type CsvSignalKind = "transactions" | "bills" | "events" | "loanInstalments" | "bureauRecords";

export interface SignalBatch {
  transactions: TransactionInput[];
  bills: BillInput[];
  loans: LoanInput[];
  events: BehaviouralEventInput[];
  bureauRecords: BureauRecordInput[];
}

export interface FileIssue {
  field: string;
  message: string;
}

export type SignalFileResult =
  | { ok: true; batch: SignalBatch; describeField: (field: string) => string; itemCount: number }
  | { ok: false; issues: FileIssue[] };

type ValueForm =
  | { kind: "text" | "amount" | "day" | "instant" | "dayOrInstant" | "count" | "yesNo" }
  | { kind: "oneOf"; values: readonly string[] }
  | { kind: "list"; item: ItemForm };
interface FieldForm {
  form: ValueForm;
  optional?: boolean;
}
type ItemForm = Record<string, FieldForm>;

/** The upload form of each kind of contract field (what a file's cell must look like). */
const kindForms: Record<Exclude<SignalField["kind"], "enum" | "list">, ValueForm["kind"]> = {
  externalId: "text",
  reference: "text",
  text: "text",
  currency: "text",
  phone: "text",
  positiveAmount: "amount",
  nonNegativeAmount: "amount",
  day: "day",
  instant: "instant",
  dayOrInstant: "dayOrInstant",
  count: "count",
  boolean: "yesNo",
};

function fieldForm(field: SignalField): FieldForm {
  const form: ValueForm =
    field.kind === "enum"
      ? { kind: "oneOf", values: signalVocabularies[field.vocabulary].values }
      : field.kind === "list"
        ? { kind: "list", item: itemForm(field.of as SignalCategoryName) }
        : ({ kind: kindForms[field.kind] } as ValueForm);
  return field.optional ? { form, optional: true } : { form };
}

function itemForm(category: SignalCategoryName): ItemForm {
  return Object.fromEntries(fieldsOf(category, "ingest").map(([name, field]) => [name, fieldForm(field)]));
}

/** The form of each item of a batch: the signal contract's ingest fields (scoring/signals/signal-contract.ts), as the GraphQL inputs generated from it declare them. */
export const itemForms = Object.fromEntries(batchCategories.map((category) => [signalCategories[category].batchKey, itemForm(category)])) as Record<BatchKey, ItemForm>;

const columnsOf = (fields: readonly [string, SignalField][]) => ({
  required: fields.filter(([, field]) => !field.optional).map(([name]) => name),
  optional: fields.filter(([, field]) => field.optional).map(([name]) => name),
});

/** The CSV columns of each kind, from the contract; a loan's columns repeat on each of its instalment rows. */
export const csvColumns: Record<CsvSignalKind, { required: string[]; optional: string[] }> = {
  transactions: columnsOf(fieldsOf("transaction", "ingest")),
  bills: columnsOf(fieldsOf("bill", "ingest")),
  events: columnsOf(fieldsOf("event", "ingest")),
  loanInstalments: columnsOf(loanInstalmentRowFields()),
  bureauRecords: columnsOf(fieldsOf("bureau", "ingest")),
};

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const instantPattern = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
const MAX_COUNT = 2_147_483_647;

function isRealDay(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  return year >= 1900 && year <= 2100 && date.getUTCMonth() === month - 1 && date.getUTCDate() === dayOfMonth;
}

const quoted = (value: unknown) => (typeof value === "string" ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : JSON.stringify(value));

/** What is wrong with one value, in plain words, or null when its form is right. */
function valueProblem(value: unknown, form: ValueForm): string | null {
  switch (form.kind) {
    case "text":
      return typeof value === "string" ? null : `${quoted(value)} is not text: put it in quotes`;
    case "amount":
      return (typeof value === "number" && amountTextPattern.test(String(value))) || (typeof value === "string" && amountTextPattern.test(value.trim()))
        ? null
        : `${quoted(value)} is not an amount: write it in major units with a dot and at most 4 decimals, e.g. 1250.50 (no currency, no thousands separator, not negative)`;
    case "day":
      return typeof value === "string" && isRealDay(dayPattern.exec(value)) ? null : `${quoted(value)} is not a day: write YYYY-MM-DD, e.g. 2026-03-01`;
    case "instant":
      return typeof value === "string" && isRealDay(instantPattern.exec(value)) ? null : `${quoted(value)} is not a date and time with a time zone: write e.g. 2026-03-01T09:30:00Z or 2026-03-01T12:30:00+03:00`;
    case "dayOrInstant":
      return typeof value === "string" && (isRealDay(dayPattern.exec(value)) || isRealDay(instantPattern.exec(value)))
        ? null
        : `${quoted(value)} is not a day or a date and time: write 2026-03-01 (the start of that day, UTC) or 2026-03-01T09:30:00Z`;
    case "count":
      return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT ? null : `${quoted(value)} is not a whole number of 0 or more`;
    case "yesNo":
      return typeof value === "boolean" ? null : `${quoted(value)} is not true or false`;
    case "oneOf":
      return typeof value === "string" && form.values.includes(value) ? null : `${quoted(value)} is not one of ${form.values.join(", ")}`;
    case "list":
      return Array.isArray(value) ? null : "must be a list";
  }
}

/**
 * Every value of the batch whose form is wrong (missing, misspelt field, not an amount, not a day, a value
 * outside its list), each named by its path like `transactions[3].amount` and said in plain words. The
 * server then checks what only it can (linked accounts, dates in the future, one currency, duplicates).
 */
export function findFormIssues(batch: SignalBatch): FileIssue[] {
  const issues: FileIssue[] = [];
  const checkItem = (item: unknown, form: ItemForm, path: string) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      issues.push({ field: path, message: "must be an object with fields" });
      return;
    }
    const record = item as Record<string, unknown>;
    for (const [name, field] of Object.entries(form)) {
      const value = record[name];
      if (value === undefined || value === null || value === "") {
        if (!field.optional) issues.push({ field: `${path}.${name}`, message: "is missing" });
        continue;
      }
      const problem = valueProblem(value, field.form);
      if (problem) issues.push({ field: `${path}.${name}`, message: problem });
      else if (field.form.kind === "list") (value as unknown[]).forEach((element, index) => checkItem(element, (field.form as { item: ItemForm }).item, `${path}.${name}[${index}]`));
    }
    for (const name of Object.keys(record)) {
      if (!Object.hasOwn(form, name)) issues.push({ field: `${path}.${name}`, message: `is not a field of this item (expected ${Object.keys(form).join(", ")})` });
    }
  };
  for (const key of batchKeys) batch[key].forEach((item, index) => checkItem(item, itemForms[key], `${key}[${index}]`));
  return issues;
}

/** A CSV cell as the value its form takes (CSV has only text): counts as numbers, yes/no as booleans, when they read as such. */
function fromCell(cell: string, field: FieldForm | undefined): unknown {
  if (field?.form.kind === "count" && /^\d+$/.test(cell)) return Number(cell);
  if (field?.form.kind === "yesNo" && /^(true|false)$/i.test(cell)) return cell.toLowerCase() === "true";
  return cell;
}

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
  if (kind === "bureauRecords") rows = rows.map((row) => Object.fromEntries(Object.entries(row).map(([column, cell]) => [column, fromCell(cell, itemForms.bureauRecords[column]) as string])));
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
  const batch: SignalBatch = { transactions: [], bills: [], loans: [], events: [], bureauRecords: [] };
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
    return checked({ ok: true, batch, describeField, itemCount: rows.length });
  }
  const items = rows.map((row) => pickCells(row, columns));
  if (kind === "transactions") batch.transactions = items as unknown as TransactionInput[];
  if (kind === "bills") batch.bills = items as unknown as BillInput[];
  if (kind === "events") batch.events = items as unknown as BehaviouralEventInput[];
  if (kind === "bureauRecords") batch.bureauRecords = items as unknown as BureauRecordInput[];
  const describeField = (field: string) => {
    const match = /^(?:input\.)?(transactions|bills|events|bureauRecords)\[(\d+)\]/.exec(field);
    return match ? `row ${csvRow(Number(match[2]))} (${field})` : field;
  };
  return checked({ ok: true, batch, describeField, itemCount: rows.length });
}

/** The file read, or every value whose form is wrong, named by the file's row. */
function checked(read: Extract<SignalFileResult, { ok: true }>): SignalFileResult {
  const issues = findFormIssues(read.batch);
  return issues.length === 0 ? read : { ok: false, issues: issues.map((issue) => ({ field: read.describeField(issue.field), message: issue.message })) };
}

function readJson(text: string): SignalFileResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ field: "file", message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, issues: [{ field: "file", message: "must be a JSON object with transactions, bills, loans, events and/or bureauRecords arrays" }] };
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
    bureauRecords: (record.bureauRecords as BureauRecordInput[] | undefined) ?? [],
  };
  const itemCount = batch.transactions.length + batch.bills.length + batch.loans.length + batch.events.length + batch.bureauRecords.length;
  if (itemCount === 0) return { ok: false, issues: [{ field: "file", message: "holds no transactions, bills, loans, events or bureau records" }] };
  return checked({ ok: true, batch, describeField: (field) => field.replace(/^input\./, ""), itemCount });
}

/**
 * A signals file as ingestSignals' batch: JSON ({ transactions, bills, loans, events, bureauRecords } in the
 * signal schema, docs/signals.md) or CSV with one row per item of `csvKind` (loan instalments grouped into
 * loans by loanExternalId). Every value of the wrong form is reported at once, by row; the server then
 * checks the rest and reports every invalid item.
 */
export function readSignalFile(fileName: string, text: string, csvKind: CsvSignalKind): SignalFileResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, issues: [{ field: "file", message: "is empty" }] };
  const looksJson = fileName.toLowerCase().endsWith(".json") || trimmed.startsWith("{");
  return looksJson ? readJson(trimmed) : readCsv(text, csvKind);
}
