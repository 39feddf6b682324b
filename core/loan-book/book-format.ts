// The loan-book file format (docs/loan-book-import.md): files per category, JSON Lines (each line one row) or,
// for the flat categories, CSV with a header row.
// Parsing checks each row's shape and vocabularies and turns it into the core's inputs; the checks that need
// the database (an account linked to the borrower, a national id already held) happen at import.
import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import { LinkedAccountType, NationalIdType, OutcomeStatus } from "@/prisma/store/loan-book-upload";
import {
  amountTextPattern,
  batchCategories,
  fieldsInForm,
  signalCategories,
  signalLimits,
  signalVocabularies,
  type BatchCategory,
  type IngestRecord,
  type SignalCategory,
  type SignalCategoryName,
  type SignalField,
} from "@/scoring/signals/signal-contract";
import { kindPatterns } from "@/scoring/signals/signal-schema";
import type { CreateBorrowerInput } from "../inputs";

export const bookCategories = ["borrowers", "accounts", "signals", "loans"] as const;
export type BookCategory = (typeof bookCategories)[number];

/** Where a refused row is and why, in plain words. */
export interface RowRefusal {
  file: string;
  line: number;
  field: string;
  reason: string;
}

const values = <T extends Record<string, string>>(vocabulary: T) => Object.values(vocabulary) as [T[keyof T], ...T[keyof T][]];
const externalId = z.string().trim().min(1).max(200);
const startOfDay = (text: string) => new Date(`${text}T00:00:00Z`);
const instant = z.iso.datetime({ offset: true }).transform((text) => new Date(text));
const day = z.iso.date().transform(startOfDay);
const decimal = z.union([z.string(), z.number()]).transform((value) => String(value));

const borrowerRow = z.strictObject({
  externalId,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: day,
  nationalIdType: z.enum(values(NationalIdType)),
  nationalId: z.string(),
  phone: z.string(),
});

const accountRow = z.strictObject({
  borrowerExternalId: externalId,
  type: z.enum(values(LinkedAccountType)),
  provider: z.string().trim().min(1).max(200),
  externalReference: z.string().trim().min(1).max(200),
  openedAt: instant,
  verified: z.boolean().optional(),
});

// ---- Signal rows: derived from the signal contract (scoring/signals/signal-contract.ts), never restated ----

/**
 * Where the book's signal items differ from the contract's ingest form, stated once. A field of the
 * contract's `reference` kind holds the id of one of MicroTrust's records, which the lender does not know when
 * it writes the book: the file names the record by the lender's own reference instead — a transaction's or
 * bill's `accountId` is written `accountReference`, holding the `externalReference` of an account of the
 * accounts file (or already linked), in that field's form; the import turns it into the account's id. A
 * reference field of the contract without an entry here is an error when the schema is built.
 */
export const fileReferences = {
  accountId: { fileName: "accountReference", form: signalCategories.account.fields.externalReference },
} as const satisfies Record<string, { fileName: string; form: SignalField }>;

/** The signal categories a book carries, with their batch keys: an ingest batch's but bureau records, which come through ingestSignals. */
export const bookSignalCategories = batchCategories.filter((category): category is Exclude<BatchCategory, "bureau"> => category !== "bureau");
type BookSignalCategory = (typeof bookSignalCategories)[number];

type FileName<K> = K extends keyof typeof fileReferences ? (typeof fileReferences)[K]["fileName"] : K;
/** One signal item as a book writes it: the contract's ingest record, its references renamed (fileReferences). */
export type BookSignalRecord<C extends SignalCategoryName> = { [K in keyof IngestRecord<C> as FileName<K>]: IngestRecord<C>[K] };

/** A decimal amount (text, or a JSON number) kept as its text, in the contract's form (amountTextPattern). */
const amountText = (positive: boolean) =>
  decimal.refine((text) => amountTextPattern.test(text.trim()) && (!positive || Number(text) > 0), {
    message: positive ? 'a positive amount with at most 4 decimals, e.g. "1250.50"' : "an amount of 0 or more with at most 4 decimals",
  });

const identifierLength = `1 to ${signalLimits.maxIdentifierLength} characters`;
/** Free text: at most the contract's length; a required one is not blank (an optional one may be empty, as at ingest). */
const text = z.string().max(signalLimits.maxTextLength, `at most ${signalLimits.maxTextLength} characters`);

/**
 * The file form of each kind of contract field, total over the kinds but `reference` (fileReferences): values
 * as the file format documents them — days `YYYY-MM-DD` read as 00:00 UTC, instants ISO 8601 with an offset,
 * a field that may be either takes both; amounts text or numbers, kept as decimal text; identifiers and text
 * within signalLimits.
 */
const fileKindSchemas = {
  externalId: z.string().min(1, identifierLength).max(signalLimits.maxIdentifierLength, identifierLength),
  text,
  currency: z.string().regex(kindPatterns.currency, "an ISO 4217 code of 3 capital letters"),
  phone: z.string().regex(kindPatterns.phone, "a phone number in E.164 form, e.g. +254700000001"),
  positiveAmount: amountText(true),
  nonNegativeAmount: amountText(false),
  day,
  instant,
  dayOrInstant: z
    .string()
    .refine((value) => kindPatterns.day.test(value) || kindPatterns.instant.test(value), { message: "a day YYYY-MM-DD (read as 00:00 UTC) or an instant with an offset, e.g. 2024-03-01T09:00:00Z" })
    .transform((value) => (kindPatterns.day.test(value) ? startOfDay(value) : new Date(value))),
  count: z.number().int().min(0, "a whole number of 0 or more"),
  boolean: z.boolean(),
} satisfies Record<Exclude<SignalField["kind"], "enum" | "list" | "reference">, z.ZodType>;

type ContractTable = Readonly<Record<string, SignalCategory>>;

/** One field's file name and schema: optional fields may be absent or null. */
function fileField(table: ContractTable, category: string, name: string, field: SignalField): [string, z.ZodType] {
  if (field.kind === "reference") {
    const reference = (fileReferences as Record<string, { fileName: string; form: SignalField }>)[name];
    if (!reference) throw new Error(`book-format: the contract's reference field ${category}.${name} has no form in the file; add it to fileReferences`);
    return [reference.fileName, fileField(table, category, name, { ...reference.form, optional: field.optional })[1]];
  }
  const schema =
    field.kind === "enum"
      ? z.enum(signalVocabularies[field.vocabulary].values)
      : field.kind === "list"
        ? z.array(fileRecordSchema(table, field.of)).min(field.min, `at least ${field.min} ${field.of}`)
        : field.kind === "text" && !field.optional
          ? text.regex(/\S/, "not blank")
          : fileKindSchemas[field.kind];
  return [name, field.optional ? schema.nullish() : schema];
}

/** The strict schema of one category's items in the file: the contract's ingest fields, in order (an unknown field is refused by name). */
function fileRecordSchema(table: ContractTable, category: string): z.ZodType {
  const entry = table[category];
  if (!entry) throw new Error(`book-format: no category ${category} in the signal contract`);
  return z.strictObject(Object.fromEntries(fieldsInForm(entry, "ingest").map(([name, field]) => fileField(table, category, name, field))));
}

/** A signals row: the borrower's external id and, under each book category's batch key, a list of its items (absent is empty). */
export type SignalsRow = { borrowerExternalId: string } & { [C in BookSignalCategory as (typeof signalCategories)[C]["batchKey"]]: BookSignalRecord<C>[] };

/**
 * The schema of a signals row, built from a contract table (the real one unless a test passes a changed copy):
 * each book category's items are its ingest fields mapped kind by kind (fileKindSchemas), optional ones nullish.
 */
export function buildSignalsRowSchema(table: ContractTable = signalCategories): z.ZodType<SignalsRow> {
  const lists = bookSignalCategories.map((category) => {
    const entry = table[category];
    if (!entry?.batchKey) throw new Error(`book-format: the signal contract's ${category} has no batch key`);
    return [entry.batchKey, z.array(fileRecordSchema(table, category)).default([])];
  });
  return z.strictObject({ borrowerExternalId: externalId, ...Object.fromEntries(lists) }) as unknown as z.ZodType<SignalsRow>;
}

const signalsRow = buildSignalsRowSchema();

const historicalLoanRow = z.strictObject({
  borrowerExternalId: externalId,
  externalId,
  disbursedAt: instant,
  amount: decimal,
  tenorDays: z.number().int().min(1).max(3650),
  status: z.enum(values(OutcomeStatus)),
  maxDaysLate: z.number().int().min(0).max(3650),
  defaultedAt: instant.nullish(),
  observedAt: instant,
});

export type BorrowerRow = CreateBorrowerInput;
export type AccountRow = z.infer<typeof accountRow>;
export type HistoricalLoanRow = z.infer<typeof historicalLoanRow>;

const schemas = { borrowers: borrowerRow, accounts: accountRow, signals: signalsRow, loans: historicalLoanRow } as const;

/** A parsed row with where it came from. */
export interface Located<T> {
  file: string;
  line: number;
  row: T;
}

export interface ParsedBook {
  borrowers: Located<BorrowerRow>[];
  accounts: Located<AccountRow>[];
  signals: Located<SignalsRow>[];
  loans: Located<HistoricalLoanRow>[];
  refusals: RowRefusal[];
  /** Non-empty lines read, per category. */
  rowsRead: Record<BookCategory, number>;
}

const amountPattern = /^\d{1,15}(\.\d{1,4})?$/;
const MS_PER_DAY = 86_400_000;

/** Checks a historical loan's own consistency (as record-outcome checks an outcome); null when it holds. */
export function findLoanRowIssue(row: HistoricalLoanRow, now: Date): { field: string; reason: string } | null {
  if (!amountPattern.test(row.amount.trim()) || Number(row.amount) <= 0) return { field: "amount", reason: 'a positive amount with at most 4 decimals, e.g. "25000.00"' };
  const defaulted = row.status === "DEFAULT" || row.status === "WRITTEN_OFF";
  if (defaulted && !row.defaultedAt) return { field: "defaultedAt", reason: `required when the status is ${row.status}` };
  if (!defaulted && row.defaultedAt) return { field: "defaultedAt", reason: "only with DEFAULT or WRITTEN_OFF" };
  if (row.disbursedAt.getTime() > now.getTime()) return { field: "disbursedAt", reason: "cannot be in the future" };
  if (row.observedAt.getTime() > now.getTime()) return { field: "observedAt", reason: "cannot be in the future" };
  if (row.observedAt.getTime() < row.disbursedAt.getTime()) return { field: "observedAt", reason: "cannot be before disbursedAt" };
  if (row.defaultedAt && (row.defaultedAt.getTime() < row.disbursedAt.getTime() || row.defaultedAt.getTime() > row.observedAt.getTime())) return { field: "defaultedAt", reason: "must lie between disbursedAt and observedAt" };
  const daysObserved = Math.floor((row.observedAt.getTime() - row.disbursedAt.getTime()) / MS_PER_DAY);
  if (row.maxDaysLate > daysObserved) return { field: "maxDaysLate", reason: `at most ${daysObserved} days for a loan observed ${daysObserved} days after it was disbursed` };
  return null;
}

/** The first issue of a zod failure in plain words, with the field path; a field left out is "required" whatever its kind. */
function describeIssue(error: z.ZodError, value: unknown): { field: string; reason: string } {
  const issue = error.issues[0];
  // Item positions in brackets, as the API and the import's own checks name them: transactions[0].amount.
  const field = issue.path.map((key, index) => (typeof key === "number" ? `[${key}]` : `${index > 0 ? "." : ""}${String(key)}`)).join("") || "line";
  if (issue.code === "unrecognized_keys") return { field: issue.keys.join(", "), reason: "not a field of this file (see docs/loan-book-import.md)" };
  const given = issue.path.reduce<unknown>((at, key) => (typeof at === "object" && at !== null ? (at as Record<PropertyKey, unknown>)[key] : undefined), value);
  if (issue.path.length > 0 && given === undefined) return { field, reason: "required" };
  if (issue.code === "invalid_value") return { field, reason: `one of ${issue.values.join(", ")}` };
  return { field, reason: issue.message };
}

/**
 * Parses the book's files: each non-empty line one JSON object of its file's category. A line that is not
 * JSON, lacks a field, has an unknown one or a value outside its vocabulary is refused with its file, line
 * number (1-based), field and reason; the other lines are returned for import.
 */
export function parseBook(files: readonly { category: string; fileName: string; content: string }[]): ParsedBook {
  const book: ParsedBook = { borrowers: [], accounts: [], signals: [], loans: [], refusals: [], rowsRead: { borrowers: 0, accounts: 0, signals: 0, loans: 0 } };
  for (const file of files) {
    const category = file.category as BookCategory;
    if (!bookCategories.includes(category)) {
      book.refusals.push({ file: file.fileName, line: 0, field: "category", reason: `not a loan-book category (${bookCategories.join(", ")})` });
      continue;
    }
    const rows = isCsvFile(file.fileName) ? csvRecords(file.fileName, category, file.content, book.refusals) : jsonLines(file.fileName, file.content, book.refusals);
    for (const { line, value } of rows) {
      book.rowsRead[category] += 1;
      if (value === undefined) continue;
      const parsed = schemas[category].safeParse(value);
      if (!parsed.success) {
        book.refusals.push({ file: file.fileName, line, ...describeIssue(parsed.error, value) });
        continue;
      }
      (book[category] as Located<unknown>[]).push({ file: file.fileName, line, row: parsed.data });
    }
  }
  return book;
}

/** A file is read as CSV when its name ends in .csv (any case); otherwise as JSON Lines. */
const isCsvFile = (fileName: string): boolean => /\.csv$/i.test(fileName.trim());

/** Categories a CSV file may hold: one value per cell. A signals row nests lists (instalments of a loan), so signals come as JSON Lines. */
const csvCategories: readonly BookCategory[] = ["borrowers", "accounts", "loans"];
/** CSV columns read as numbers and as true/false (every other cell is text, as in JSON Lines). */
const numericColumns = new Set(["tenorDays", "maxDaysLate"]);
const booleanColumns = new Set(["verified"]);

/** Each non-empty line's JSON value with its 1-based line number (undefined, refused, when it is not JSON). */
function jsonLines(fileName: string, content: string, refusals: RowRefusal[]): { line: number; value: unknown }[] {
  const rows: { line: number; value: unknown }[] = [];
  content.split(/\r?\n/).forEach((text, index) => {
    if (text.trim() === "") return;
    const line = index + 1;
    try {
      rows.push({ line, value: JSON.parse(text) });
    } catch {
      refusals.push({ file: fileName, line, field: "line", reason: "not a JSON object (one object per line)" });
      rows.push({ line, value: undefined });
    }
  });
  return rows;
}

/**
 * A CSV file's records as the same objects a JSON Lines file holds: the header row names the fields; an empty
 * cell is an absent field; tenorDays and maxDaysLate are numbers and verified is true or false when they read
 * as such (otherwise left as text, so the row's check names the field). Line numbers are the file's (a quoted
 * cell may span lines: a record's number is its first line). A file that is not CSV is one refusal.
 */
function csvRecords(fileName: string, category: BookCategory, content: string, refusals: RowRefusal[]): { line: number; value: unknown }[] {
  if (!csvCategories.includes(category)) {
    refusals.push({ file: fileName, line: 0, field: "category", reason: `${category} files are JSON Lines (a row nests lists); CSV is read for ${csvCategories.join(", ")}` });
    return [];
  }
  let records: { record: Record<string, string>; info: { lines: number; raw?: string } }[];
  try {
    records = parseCsv(content, { columns: true, bom: true, skip_empty_lines: true, trim: true, info: true, raw: true });
  } catch (error) {
    const at = (error as { lines?: number }).lines;
    refusals.push({ file: fileName, line: typeof at === "number" ? at : 0, field: "line", reason: `not CSV with a header row: ${error instanceof Error ? error.message : String(error)}` });
    return [];
  }
  return records.map(({ record, info }) => {
    const value: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(record)) {
      if (cell === "") continue;
      if (numericColumns.has(column) && /^-?\d+(\.\d+)?$/.test(cell)) value[column] = Number(cell);
      else if (booleanColumns.has(column) && /^(true|false)$/i.test(cell)) value[column] = cell.toLowerCase() === "true";
      else value[column] = cell;
    }
    // info.lines is the line the record ends on; its first line is that minus the newlines inside it (its raw
    // text also carries the empty lines before it and its own line end, which are not inside it).
    const inside = (info.raw ?? "").replace(/^[\r\n]+/, "").replace(/[\r\n]+$/, "");
    const line = info.lines - (inside.match(/\n/g)?.length ?? 0);
    return { line, value };
  });
}

/** The rows of one borrower, in file order. */
export interface BorrowerRows {
  externalId: string;
  borrower?: Located<BorrowerRow>;
  accounts: Located<AccountRow>[];
  signals: Located<SignalsRow>[];
  loans: Located<HistoricalLoanRow>[];
}

/** Groups a parsed book by borrower external id (sorted, so a retried import walks them in the same order). */
export function groupByBorrower(book: ParsedBook): BorrowerRows[] {
  const groups = new Map<string, BorrowerRows>();
  const group = (externalIdOf: string): BorrowerRows => {
    let rows = groups.get(externalIdOf);
    if (!rows) groups.set(externalIdOf, (rows = { externalId: externalIdOf, accounts: [], signals: [], loans: [] }));
    return rows;
  };
  const duplicates: RowRefusal[] = [];
  for (const located of book.borrowers) {
    const rows = group(located.row.externalId);
    if (rows.borrower) duplicates.push({ file: located.file, line: located.line, field: "externalId", reason: `the same borrower appears twice (first on line ${rows.borrower.line})` });
    else rows.borrower = located;
  }
  for (const located of book.accounts) group(located.row.borrowerExternalId).accounts.push(located);
  for (const located of book.signals) group(located.row.borrowerExternalId).signals.push(located);
  for (const located of book.loans) group(located.row.borrowerExternalId).loans.push(located);
  book.refusals.push(...duplicates);
  return [...groups.values()].sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
}
