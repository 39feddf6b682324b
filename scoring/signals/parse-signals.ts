import type { z } from "zod";
import { borrowerContextSchema, signalBundleSchema, type BorrowerContext, type SignalBundle } from "./signal-schema";

/** One problem in the input: where (`transactions[3].amount`) and what (`must be > 0`). */
export interface SignalIssue {
  readonly path: string;
  readonly message: string;
}

/** The typed validation error of `parseSignals`: every issue names the item and field. */
export class SignalValidationError extends Error {
  readonly code = "INVALID_SIGNALS" as const;
  readonly issues: readonly SignalIssue[];

  constructor(where: string, issues: readonly SignalIssue[]) {
    super(`${where}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`);
    this.name = "SignalValidationError";
    this.issues = issues;
  }
}

export type ParseResult<T> = { readonly success: true; readonly data: T } | { readonly success: false; readonly error: SignalValidationError };

/**
 * Validates one borrower's signal bundle (schema in ./signal-schema.ts, JSON Schema in
 * docs/signal-schema.json) and the cross-record rules a JSON Schema cannot state: one currency per
 * bundle, every `accountId` names an account of the bundle, identifiers are unique within their list,
 * `amountPaid` only with `paidAt`.
 *
 * Never throws on bad input: returns `{ success: false, error }` whose `error.issues` each name the item
 * and field, e.g. `{ path: "transactions[3].amount", message: "must be > 0" }`.
 */
export function parseSignals(input: unknown): ParseResult<SignalBundle> {
  const parsed = signalBundleSchema.safeParse(input);
  if (!parsed.success) return { success: false, error: new SignalValidationError("parseSignals", parsed.error.issues.map(describeIssue)) };
  const issues = findCrossRecordIssues(parsed.data);
  if (issues.length > 0) return { success: false, error: new SignalValidationError("parseSignals", issues) };
  return { success: true, data: parsed.data };
}

/** Validates the cross-borrower context passed beside a bundle; same result shape as `parseSignals`. */
export function parseBorrowerContext(input: unknown): ParseResult<BorrowerContext> {
  const parsed = borrowerContextSchema.safeParse(input);
  if (!parsed.success) return { success: false, error: new SignalValidationError("parseBorrowerContext", parsed.error.issues.map(describeIssue)) };
  return { success: true, data: parsed.data };
}

/** `["transactions", 3, "amount"]` → `transactions[3].amount`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(bundle)" : out;
}

function describeIssue(issue: z.core.$ZodIssue): SignalIssue {
  const path = formatIssuePath(issue.path);
  switch (issue.code) {
    case "too_small":
      return { path, message: issue.origin === "array" ? `must have at least ${issue.minimum} item(s)` : `must be ${issue.inclusive ? ">=" : ">"} ${issue.minimum}` };
    case "too_big":
      return { path, message: issue.origin === "string" ? `must be at most ${issue.maximum} characters` : `must be ${issue.inclusive ? "<=" : "<"} ${issue.maximum}` };
    case "invalid_type":
      return { path, message: issue.input === undefined ? `is required (${issue.expected})` : `must be ${issue.expected === "int" ? "an integer" : `a ${issue.expected}`}` };
    case "invalid_value":
      return { path, message: `must be one of ${issue.values.map(String).join(" | ")}` };
    case "invalid_format":
      return { path, message: formatMessage(issue.format, issue.message) };
    case "invalid_union":
      return { path, message: "must be a date YYYY-MM-DD or an ISO 8601 date-time with offset" };
    case "unrecognized_keys":
      return { path, message: `has unknown field(s) ${issue.keys.join(", ")}` };
    case "not_multiple_of":
      return { path, message: "must be an integer" };
    default:
      return { path, message: issue.message };
  }
}

function formatMessage(format: string, fallback: string): string {
  switch (format) {
    case "date":
      return "must be a date YYYY-MM-DD";
    case "datetime":
      return "must be an ISO 8601 date-time with offset (Z or ±hh:mm)";
    case "e164":
      return "must be an E.164 phone number (+ and 7–15 digits)";
    case "regex":
      return fallback;
    default:
      return `must be a valid ${format}`;
  }
}

/** The rules between records (one currency, account references, unique ids, amountPaid with paidAt) of a bundle whose records are each valid. */
export function findCrossRecordIssues(bundle: SignalBundle): SignalIssue[] {
  const issues: SignalIssue[] = [];
  const accountIds = new Set<string>();
  bundle.accounts.forEach((account, i) => {
    if (accountIds.has(account.id)) issues.push({ path: `accounts[${i}].id`, message: `duplicates account id "${account.id}"` });
    accountIds.add(account.id);
  });
  const currency = bundle.transactions.length > 0 ? bundle.transactions[0].currency : undefined;
  const requireUnique = (list: string, items: readonly { externalId: string }[]): void => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.externalId)) issues.push({ path: `${list}[${i}].externalId`, message: `duplicates externalId "${item.externalId}"` });
      seen.add(item.externalId);
    });
  };
  requireUnique("transactions", bundle.transactions);
  requireUnique("bills", bundle.bills);
  requireUnique("loans", bundle.loans);
  requireUnique("events", bundle.events);
  bundle.transactions.forEach((transaction, i) => {
    if (!accountIds.has(transaction.accountId)) issues.push({ path: `transactions[${i}].accountId`, message: `must name an account of the bundle, "${transaction.accountId}" is not one` });
    if (transaction.currency !== currency) issues.push({ path: `transactions[${i}].currency`, message: `must be ${currency} like transactions[0]: one currency per bundle` });
  });
  bundle.bills.forEach((bill, i) => {
    if (bill.accountId !== undefined && !accountIds.has(bill.accountId)) issues.push({ path: `bills[${i}].accountId`, message: `must name an account of the bundle, "${bill.accountId}" is not one` });
    if (bill.amountPaid !== undefined && bill.paidAt === undefined) issues.push({ path: `bills[${i}].amountPaid`, message: "must come with paidAt" });
  });
  bundle.loans.forEach((loan, i) => {
    loan.instalments.forEach((instalment, k) => {
      if (instalment.amountPaid !== undefined && instalment.paidAt === undefined) issues.push({ path: `loans[${i}].instalments[${k}].amountPaid`, message: "must come with paidAt" });
    });
  });
  return issues;
}
