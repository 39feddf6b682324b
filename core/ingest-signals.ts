import "server-only";
import { findBorrowerById } from "@/prisma/store/borrower";
import { findForeignBureauExternalIds, ingestBureauRecords, type NewBureauRecord } from "@/prisma/store/bureau-record";
import { listLinkedAccounts } from "@/prisma/store/linked-account";
import { findForeignExternalIds, insertSignalBatch, type ForeignExternalId, type SignalBatch } from "@/prisma/store/signal-batch";
import { findBorrowerCurrency } from "@/prisma/store/transaction";
import { amountTextPattern, signalLimits } from "@/scoring/signals/signal-contract";
import type { UseCaseScope } from "./actor";
import { badUserInputIssues, DomainError, notFound, type InputIssue } from "./errors";
import type { IngestSignalsInput, IngestSignalsResult } from "./inputs";
import { runAudited } from "./audited-change";

const MAX_ITEMS_PER_BATCH = 20_000;
// A full batch (20,000 items) stores in a few seconds; the bound keeps a stuck one from holding its locks.
const BATCH_TRANSACTION_TIMEOUT_MS = 60_000;
const currencyPattern = /^[A-Z]{3}$/;
const externalIdPattern = new RegExp(`^\\S{1,${signalLimits.maxIdentifierLength}}$`);
const MAX_TEXT_LENGTH = signalLimits.maxTextLength;
/** A partner's clock may run a little ahead of ours; anything later than this is a future-dated signal. */
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_BUREAU_COUNT = signalLimits.maxBureauCount;

/** The batch with its lists present (GraphQL defaults them to [], other callers may omit them). */
export type SignalBatchInput = Required<Omit<IngestSignalsInput, "borrowerId">>;

export function withBatchDefaults(input: IngestSignalsInput): SignalBatchInput {
  return { transactions: input.transactions ?? [], bills: input.bills ?? [], loans: input.loans ?? [], events: input.events ?? [], bureauRecords: input.bureauRecords ?? [] };
}

/**
 * Checks every item of a batch as of `now`; returns one issue per invalid field, named like
 * `transactions[3].amount`. The batch may hold MAX_ITEMS_PER_BATCH rows in all, each loan instalment
 * and bureau record counting as one; nothing may have happened after `now`; free-text ids and names are 1 to 200 characters.
 */
export function findBatchIssues(input: SignalBatchInput, accountIds: ReadonlySet<string>, now: Date): InputIssue[] {
  const issues: InputIssue[] = [];
  const check = (ok: boolean, field: string, message: string): void => {
    if (!ok) issues.push({ field, message });
  };
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const past = (value: Date | null | undefined, field: string): void => {
    if (value) check(value.getTime() <= latest, field, "cannot be in the future");
  };
  const text = (value: string | null | undefined, field: string, required: boolean): void => {
    if (value === null || value === undefined) return check(!required, field, "required");
    check(value.trim().length >= (required ? 1 : 0) && value.length <= MAX_TEXT_LENGTH, field, `${required ? 1 : 0} to ${MAX_TEXT_LENGTH} characters`);
  };
  const positive = (value: string, field: string): void => check(amountTextPattern.test(value.trim()) && Number(value) > 0, field, "a positive amount with at most 4 decimals, e.g. \"1250.50\"");
  const nonNegative = (value: string | null | undefined, field: string): void => {
    if (value !== null && value !== undefined) check(amountTextPattern.test(value.trim()), field, "an amount of 0 or more with at most 4 decimals");
  };
  const uniqueIds = (items: readonly { externalId: string }[], list: string): void => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      check(externalIdPattern.test(item.externalId), `${list}[${i}].externalId`, `1 to ${signalLimits.maxIdentifierLength} characters without spaces`);
      check(!seen.has(item.externalId), `${list}[${i}].externalId`, "appears twice in the batch");
      seen.add(item.externalId);
    });
  };
  const instalments = input.loans.reduce((sum, loan) => sum + loan.instalments.length, 0);
  const total = input.transactions.length + input.bills.length + instalments + input.events.length + input.bureauRecords.length;
  check(total <= MAX_ITEMS_PER_BATCH, "input", `at most ${MAX_ITEMS_PER_BATCH} rows per batch (transactions, bills, loan instalments, events and bureau records together); this one has ${total}`);
  if (total > MAX_ITEMS_PER_BATCH) return issues;
  uniqueIds(input.transactions, "transactions");
  input.transactions.forEach((item, i) => {
    positive(item.amount, `transactions[${i}].amount`);
    check(currencyPattern.test(item.currency), `transactions[${i}].currency`, "an ISO 4217 code of 3 capital letters");
    check(accountIds.has(item.accountId), `transactions[${i}].accountId`, "not an account linked to this borrower");
    text(item.counterparty, `transactions[${i}].counterparty`, false);
    past(item.occurredAt, `transactions[${i}].occurredAt`);
  });
  uniqueIds(input.bills, "bills");
  input.bills.forEach((item, i) => {
    positive(item.amountDue, `bills[${i}].amountDue`);
    nonNegative(item.amountPaid, `bills[${i}].amountPaid`);
    check(!item.amountPaid || Boolean(item.paidAt), `bills[${i}].amountPaid`, "only with paidAt");
    check(!item.accountId || accountIds.has(item.accountId), `bills[${i}].accountId`, "not an account linked to this borrower");
    text(item.biller, `bills[${i}].biller`, true);
    past(item.paidAt, `bills[${i}].paidAt`);
  });
  uniqueIds(input.loans, "loans");
  input.loans.forEach((loan, i) => {
    positive(loan.principal, `loans[${i}].principal`);
    text(loan.lender, `loans[${i}].lender`, true);
    past(loan.disbursedAt, `loans[${i}].disbursedAt`);
    past(loan.writtenOffAt, `loans[${i}].writtenOffAt`);
    check(loan.instalments.length > 0, `loans[${i}].instalments`, "at least one instalment");
    loan.instalments.forEach((instalment, k) => {
      positive(instalment.amountDue, `loans[${i}].instalments[${k}].amountDue`);
      nonNegative(instalment.amountPaid, `loans[${i}].instalments[${k}].amountPaid`);
      check(!instalment.amountPaid || Boolean(instalment.paidAt), `loans[${i}].instalments[${k}].amountPaid`, "only with paidAt");
      past(instalment.paidAt, `loans[${i}].instalments[${k}].paidAt`);
    });
  });
  uniqueIds(input.events, "events");
  input.events.forEach((item, i) => {
    text(item.deviceId, `events[${i}].deviceId`, false);
    past(item.occurredAt, `events[${i}].occurredAt`);
  });
  uniqueIds(input.bureauRecords, "bureauRecords");
  input.bureauRecords.forEach((item, i) => {
    text(item.bureau, `bureauRecords[${i}].bureau`, true);
    past(item.reportedAt, `bureauRecords[${i}].reportedAt`);
    const count = (value: number, field: string) => check(Number.isInteger(value) && value >= 0 && value <= MAX_BUREAU_COUNT, `bureauRecords[${i}].${field}`, `a whole number from 0 to ${MAX_BUREAU_COUNT}`);
    count(item.activeLoans, "activeLoans");
    count(item.inquiriesLast6Months, "inquiriesLast6Months");
    check(item.hasFile || (item.activeLoans === 0 && item.worstStatus === "CURRENT"), `bureauRecords[${i}].hasFile`, "false, yet the record lists loans or arrears: with no file, activeLoans is 0 and worstStatus CURRENT");
  });
  return issues;
}

/**
 * One currency per borrower (docs/signals.md): amount features are only comparable within one currency.
 * Every transaction of the batch must be in `established` (the currency of the borrower's stored
 * transactions), or, for a borrower with none yet, in the batch's first transaction's currency.
 */
export function findCurrencyIssues(transactions: readonly { currency: string }[], established: string | null): InputIssue[] {
  const currency = established ?? transactions[0]?.currency;
  const like = established ? "the borrower's stored transactions" : "transactions[0]";
  return transactions.flatMap((item, i) => (item.currency === currency ? [] : [{ field: `transactions[${i}].currency`, message: `must be ${currency} like ${like}: one currency per borrower` }]));
}

/** The batch's bureau records as store rows. */
export function bureauRows(input: SignalBatchInput, borrowerId: string): NewBureauRecord[] {
  return input.bureauRecords.map((item) => ({ ...item, bureau: item.bureau.trim(), borrowerId }));
}

/** The batch as store rows (instalment external ids are `<loan externalId>#<1-based index>`). */
export function batchRows(input: SignalBatchInput, borrowerId: string): SignalBatch {
  return {
    transactions: input.transactions.map((item) => ({ ...item, amount: item.amount.trim(), counterparty: item.counterparty ?? null, borrowerId })),
    bills: input.bills.map((item) => ({ ...item, accountId: item.accountId ?? null, paidAt: item.paidAt ?? null, amountPaid: item.amountPaid ?? null, borrowerId })),
    loanInstalments: input.loans.flatMap((loan) =>
      loan.instalments.map((instalment, k) => ({
        borrowerId,
        externalId: `${loan.externalId}#${k + 1}`,
        loanExternalId: loan.externalId,
        lender: loan.lender,
        lenderType: loan.lenderType,
        principal: loan.principal,
        disbursedAt: loan.disbursedAt,
        dueDate: instalment.dueDate,
        amountDue: instalment.amountDue,
        paidAt: instalment.paidAt ?? null,
        amountPaid: instalment.amountPaid ?? null,
        writtenOffAt: loan.writtenOffAt ?? null,
      })),
    ),
    events: input.events.map((item) => ({ ...item, deviceId: item.deviceId ?? null, borrowerId })),
  };
}

/**
 * Stores a batch of one borrower's signals: all or nothing, idempotent by externalId, audited.
 * @throws DomainError BAD_USER_INPUT with `extensions.issues` listing every invalid item (nothing is
 * stored); NOT_FOUND when the borrower is not the tenant's.
 */
export async function ingestSignals(scope: UseCaseScope, input: IngestSignalsInput): Promise<IngestSignalsResult> {
  const caller = scope.actor;
  const borrower = await findBorrowerById(scope.db, caller.tenantId, input.borrowerId);
  if (!borrower) throw notFound("No borrower with this id.");
  const accountIds = new Set((await listLinkedAccounts(scope.db, caller.tenantId, borrower.id)).map((account) => account.id));
  const batch = withBatchDefaults(input);
  const issues = findBatchIssues(batch, accountIds, scope.now);
  if (issues.length === 0) issues.push(...findCurrencyIssues(batch.transactions, await findBorrowerCurrency(scope.db, caller.tenantId, borrower.id)));
  if (issues.length > 0) throw badUserInputIssues(issues);
  const rows = batchRows(batch, borrower.id);
  const bureau = bureauRows(batch, borrower.id);
  return runAudited(
    scope,
    async (tx) => {
      const stored = await insertSignalBatch(tx, caller.tenantId, rows);
      const storedBureau = bureau.length > 0 ? await ingestBureauRecords(tx, caller.tenantId, bureau) : 0;
      // Checked after the insert, so a concurrent batch of another borrower that committed the same id
      // first is seen too (the insert waited for it, then skipped the row).
      const clashes = await findForeignExternalIds(tx, caller.tenantId, borrower.id, rows);
      const bureauClashes = bureau.length > 0 ? await findForeignBureauExternalIds(tx, caller.tenantId, borrower.id, bureau.map((row) => row.externalId)) : [];
      if (clashes.length > 0 || bureauClashes.length > 0) throw externalIdConflict(batch, clashes, new Set(bureauClashes));
      const count = (received: number, storedNow: number) => ({ received, stored: storedNow, duplicates: received - storedNow });
      const result = {
        transactions: count(rows.transactions.length, stored.transactions),
        bills: count(rows.bills.length, stored.bills),
        loanInstalments: count(rows.loanInstalments.length, stored.loanInstalments),
        events: count(rows.events.length, stored.events),
        bureauRecords: count(bureau.length, storedBureau),
      };
      return { result, event: { action: "signals.ingested", entityType: "Borrower", entityId: borrower.id, borrowerId: borrower.id, payload: result } };
    },
    { timeoutMs: BATCH_TRANSACTION_TIMEOUT_MS },
  );
}

/** CONFLICT naming each item whose externalId the tenant holds for another borrower (a duplicate only counts for the same borrower). */
function externalIdConflict(batch: SignalBatchInput, clashes: readonly ForeignExternalId[], bureauClashes: ReadonlySet<string>): DomainError {
  const taken = new Map<keyof SignalBatch, Set<string>>();
  for (const clash of clashes) taken.set(clash.kind, (taken.get(clash.kind) ?? new Set()).add(clash.externalId));
  const has = (kind: keyof SignalBatch, externalId: string) => taken.get(kind)?.has(externalId) ?? false;
  const message = "already stored for another borrower of the tenant";
  const issues: InputIssue[] = [
    ...batch.transactions.flatMap((item, i) => (has("transactions", item.externalId) ? [{ field: `transactions[${i}].externalId`, message }] : [])),
    ...batch.bills.flatMap((item, i) => (has("bills", item.externalId) ? [{ field: `bills[${i}].externalId`, message }] : [])),
    ...batch.loans.flatMap((loan, i) => (loan.instalments.some((_, k) => has("loanInstalments", `${loan.externalId}#${k + 1}`)) ? [{ field: `loans[${i}].externalId`, message }] : [])),
    ...batch.events.flatMap((item, i) => (has("events", item.externalId) ? [{ field: `events[${i}].externalId`, message }] : [])),
    ...batch.bureauRecords.flatMap((item, i) => (bureauClashes.has(item.externalId) ? [{ field: `bureauRecords[${i}].externalId`, message }] : [])),
  ];
  return new DomainError("CONFLICT", `${issues.length} item(s) clash: ${issues.slice(0, 5).map((issue) => `${issue.field}: ${issue.message}`).join("; ")}`, issues[0]?.field, issues);
}
