import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import { ensureBorrower, findBorrowerByExternalId, findBorrowerByNationalId, type BorrowerRecord } from "@/prisma/store/borrower";
import type { Database, DbTransaction } from "@/prisma/store/database";
import { findHistoricalLoanOwners, upsertHistoricalLoans, type NewHistoricalLoan } from "@/prisma/store/historical-loan";
import { countJobItems, findJobById, findJobByIdempotencyKey, finishJob, insertJob, insertJobItems, listDoneBorrowerIds, markJobPlanned, type JobRecord } from "@/prisma/store/job";
import { ensureLinkedAccount, listLinkedAccounts } from "@/prisma/store/linked-account";
import { attachUploadsToJob, findUnattachedUploads, insertLoanBookUpload, listJobItemReasons, listJobUploads, type LoanBookUploadSummary } from "@/prisma/store/loan-book-upload";
import { findForeignExternalIds, insertSignalBatch } from "@/prisma/store/signal-batch";
import { readScoringSignals } from "@/prisma/store/scoring-signals";
import { findBorrowerCurrency } from "@/prisma/store/transaction";
import { computeFeatures } from "@/scoring/features/compute-features";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited, type AuditedEvent } from "../audited-change";
import { prepareBorrower } from "../create-borrower";
import { badUserInput, isDomainError } from "../errors";
import { batchRows, findBatchIssues, findCurrencyIssues, type SignalBatchInput } from "../ingest-signals";
import { queueNames, type JobQueue, type UnitData } from "../jobs/job-queue";
import { featuresAsJson } from "../model-training/training-set";
import { buildSignalBundle } from "../scoring/build-signal-bundle";
import { resolveSecret } from "../security/secrets";
import { bookCategories, findLoanRowIssue, groupByBorrower, parseBook, type BookCategory, type BorrowerRows, type RowRefusal } from "./book-format";
import { jobScope, storedJobActor, storeJobActor } from "../jobs/job-actor";

/** Largest file accepted (bytes of UTF-8 text): a book larger than this is split into several files. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const MAX_FILES_PER_IMPORT = 50;
/** Refusals kept in the job's report; the counts cover them all. */
const MAX_REPORTED_REFUSALS = 1000;
/** Borrowers imported per pair of transactions; a cancellation is honoured between chunks. */
const IMPORT_CHUNK_SIZE = 25;
const importRoles = ["ADMIN"] as const;


// The job's input as stored on the Job row (format 1).
const storedInputV1 = z.object({ format: z.literal(1), uploadIds: z.array(z.string()), actor: storedJobActor });

const countsSchema = z.object({ borrowers: z.number(), accounts: z.number(), signals: z.number(), loans: z.number() });
const refusalSchema = z.object({ file: z.string(), line: z.number(), field: z.string(), reason: z.string() });

// The job's result (format 1): rows read, accepted and refused per category, what changed, the refusals.
const resultV1 = z.object({
  format: z.literal(1),
  rowsRead: countsSchema,
  rowsAccepted: countsSchema,
  rowsRefused: countsSchema,
  borrowersCreated: z.number(),
  signalItemsStored: z.number(),
  loansCreated: z.number(),
  loansUpdated: z.number(),
  loansUnchanged: z.number(),
  refusalCount: z.number(),
  refusals: z.array(refusalSchema),
});
export type LoanBookImportReport = z.infer<typeof resultV1>;

export function readLoanBookImportReport(stored: unknown): LoanBookImportReport {
  return resultV1.parse(stored);
}

// What one borrower's import did, kept on its job item so a retried job rebuilds the report without redoing it.
const itemReportSchema = z.object({
  accepted: countsSchema,
  borrowerCreated: z.boolean(),
  signalItemsStored: z.number(),
  loansCreated: z.number(),
  loansUpdated: z.number(),
  loansUnchanged: z.number(),
  refusals: z.array(refusalSchema),
});
type ItemReport = z.infer<typeof itemReportSchema>;

/**
 * Stores one file of a loan book for a later import (ADMIN): the text is kept in the database, so whichever
 * worker runs the import reads it. Nothing in it is checked yet; the import reports every refused row.
 * @throws DomainError FORBIDDEN; BAD_USER_INPUT naming category, fileName or content.
 */
export async function uploadLoanBookFile(scope: UseCaseScope, input: { category: string; fileName: string; content: string }): Promise<LoanBookUploadSummary> {
  requireRole(scope.actor, importRoles);
  if (!(bookCategories as readonly string[]).includes(input.category)) throw badUserInput("category", `category: one of ${bookCategories.join(", ")}.`);
  const fileName = input.fileName.trim();
  if (fileName.length === 0 || fileName.length > 200) throw badUserInput("fileName", "fileName: 1 to 200 characters.");
  const sizeBytes = Buffer.byteLength(input.content, "utf8");
  if (sizeBytes === 0) throw badUserInput("content", "content: the file is empty.");
  if (sizeBytes > MAX_UPLOAD_BYTES) throw badUserInput("content", `content: at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB per file; split the book into several files.`);
  const sha256 = createHash("sha256").update(input.content, "utf8").digest("hex");
  return runAudited(scope, async (tx) => {
    const upload = await insertLoanBookUpload(tx, scope.actor.tenantId, { category: input.category, fileName, content: input.content, sha256, sizeBytes, uploadedBy: scope.actor.id, createdAt: scope.now });
    return { result: upload, event: { action: "loanBook.fileUploaded", entityType: "LoanBookUpload", entityId: upload.id, payload: { category: input.category, fileName, sha256, sizeBytes } } };
  });
}

/**
 * Starts importing uploaded files (ADMIN): the Job row, the files' attachment to it and its audit event commit
 * together, then the unit is queued. Starting twice with the same idempotency key returns the first job.
 * @throws DomainError FORBIDDEN; BAD_USER_INPUT naming uploadIds (none, too many, unknown or already imported).
 */
export async function startLoanBookImport(scope: UseCaseScope, input: { uploadIds: readonly string[]; idempotencyKey?: string | null }, queue: Pick<JobQueue, "send">): Promise<JobRecord> {
  requireRole(scope.actor, importRoles);
  const { tenantId } = scope.actor;
  const uploadIds = [...new Set(input.uploadIds)];
  if (uploadIds.length === 0 || uploadIds.length > MAX_FILES_PER_IMPORT) throw badUserInput("uploadIds", `uploadIds: 1 to ${MAX_FILES_PER_IMPORT} uploaded files.`);
  const key = input.idempotencyKey?.trim() || randomUUID();
  const existing = await findJobByIdempotencyKey(scope.db, tenantId, key);
  if (existing) return existing;
  const uploads = await findUnattachedUploads(scope.db, tenantId, uploadIds);
  if (uploads.length !== uploadIds.length) throw badUserInput("uploadIds", "uploadIds: every id must be a file uploaded by this tenant and not yet imported.");
  const actor = scope.actor;
  const stored: z.infer<typeof storedInputV1> = {
    format: 1,
    uploadIds,
    actor: storeJobActor({ ...actor, tenantId }),
  };
  const id = randomUUID();
  const job = await runAudited(scope, async (tx) => {
    const created = await insertJob(tx, tenantId, { id, kind: "LOAN_BOOK_IMPORT", idempotencyKey: key, input: stored, startedByKind: actor.kind, startedById: actor.id, startedByName: actor.name, createdAt: scope.now });
    if ((await attachUploadsToJob(tx, tenantId, uploadIds, id)) !== uploadIds.length) throw badUserInput("uploadIds", "uploadIds: a file was attached to another import meanwhile.");
    return { result: created, event: { action: "job.started", entityType: "Job", entityId: id, payload: { kind: "LOAN_BOOK_IMPORT", files: uploads.map((u) => ({ id: u.id, category: u.category, fileName: u.fileName, sha256: u.sha256 })) } } };
  });
  await queue.send(queueNames.loanBookImport, { tenantId, jobId: job.id }, job.id);
  return job;
}

/**
 * Runs an import (the queue's handler): parses the files, then imports borrower by borrower in external-id
 * order — the borrower, its accounts, its signal batches (checked as ingestSignals checks them), then its
 * historical loans with their features as of each disbursement, computed from the borrower's stored signals
 * dated strictly before it. Borrowers commit by chunks, each borrower with its job item and audit events; a
 * borrower already done by this job is skipped, so a retried unit resumes. A cancelled job stops between chunks of borrowers.
 */
export async function runLoanBookImport(database: Pick<Database, "db">, data: UnitData, now: Date): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job || (job.state !== "QUEUED" && job.state !== "RUNNING") || job.cancelRequestedAt) return;
  const input = storedInputV1.parse(job.input);
  const scope = jobScope(database, job, input.actor, now);
  const book = parseBook(await listJobUploads(database.db, job.tenantId, job.id));
  const groups = groupByBorrower(book);
  if (!(await markJobPlanned(database.db, job.tenantId, job.id, groups.length, job.startedAt ?? now))) return;
  const idHashKey = resolveSecret("idHashKey");
  const done = await listDoneBorrowerIds(database.db, job.tenantId, job.id, groups.map((g) => g.externalId));
  const todo = groups.filter((group) => !done.has(group.externalId));
  for (let first = 0; first < todo.length; first += IMPORT_CHUNK_SIZE) {
    const current = await findJobById(database.db, job.tenantId, job.id);
    if (!current || current.state !== "RUNNING" || current.cancelRequestedAt) return;
    await importChunk(scope, job.id, todo.slice(first, first + IMPORT_CHUNK_SIZE), idHashKey);
  }
  await finishImport(scope, job, book.rowsRead, book.refusals);
}

const zeroCounts = (): Record<BookCategory, number> => ({ borrowers: 0, accounts: 0, signals: 0, loans: 0 });

interface BorrowerWork {
  group: BorrowerRows;
  report: ItemReport;
  borrower: BorrowerRecord | null;
}

/**
 * Imports a chunk of borrowers in two transactions: (1) borrowers, accounts and signal batches with one audit
 * event per borrower changed; (2) after their signals are stored, the historical loans with their features,
 * and one job item per borrower. What a row breaks is reported as a refusal, never thrown.
 */
async function importChunk(scope: UseCaseScope, jobId: string, groups: readonly BorrowerRows[], idHashKey: string): Promise<void> {
  const { tenantId } = scope.actor;
  const work: BorrowerWork[] = groups.map((group) => ({ group, borrower: null, report: { accepted: zeroCounts(), borrowerCreated: false, signalItemsStored: 0, loansCreated: 0, loansUpdated: 0, loansUnchanged: 0, refusals: [] } }));
  const storedCurrency = new Map<string, string | null>();
  for (const item of work) {
    const known = await findBorrowerByExternalId(scope.db, tenantId, item.group.externalId);
    if (known) storedCurrency.set(known.id, await findBorrowerCurrency(scope.db, tenantId, known.id));
  }
  await runAudited(scope, async (tx) => {
    const events: AuditedEvent[] = [];
    for (const item of work) {
      const event = await importBorrowerSignals(tx, scope, jobId, item, idHashKey, storedCurrency);
      if (event) events.push(event);
    }
    return { result: null, event: events };
  }, { timeoutMs: 120_000 });
  const loanRows: NewHistoricalLoan[][] = [];
  for (const item of work) loanRows.push(await prepareLoans(scope, item));
  await runAudited(scope, async (tx) => {
    const events: AuditedEvent[] = [];
    for (const [k, item] of work.entries()) {
      const changes = await upsertHistoricalLoans(tx, tenantId, loanRows[k], scope.now);
      const { report, borrower } = item;
      report.loansCreated = changes.filter((c) => c === "created").length;
      report.loansUpdated = changes.filter((c) => c === "updated").length;
      report.loansUnchanged = changes.filter((c) => c === "unchanged").length;
      report.accepted.loans = loanRows[k].length;
      if (borrower && report.loansCreated + report.loansUpdated > 0) events.push({ action: "loanBook.loansImported", entityType: "Borrower", entityId: borrower.id, borrowerId: borrower.id, payload: { jobId, created: report.loansCreated, updated: report.loansUpdated } });
    }
    await insertJobItems(tx, tenantId, jobId, work.map(({ group, report }) => ({ borrowerId: group.externalId, status: report.refusals.length === 0 ? "SCORED" : "FAILED", reason: JSON.stringify(report) })), scope.now);
    return { result: null, event: events };
  }, { timeoutMs: 120_000 });
}

/** The borrower, its accounts and signal batches, inside the chunk's transaction; returns its audit event when something changed. */
async function importBorrowerSignals(tx: DbTransaction, scope: UseCaseScope, jobId: string, item: BorrowerWork, idHashKey: string, storedCurrency: ReadonlyMap<string, string | null>): Promise<AuditedEvent | null> {
  const { tenantId } = scope.actor;
  const { group, report } = item;
  const refuse = (located: { file: string; line: number }, field: string, reason: string) => report.refusals.push({ file: located.file, line: located.line, field, reason });
  const refuseRest = (reason: string) => {
    for (const row of [...group.accounts, ...group.signals, ...group.loans]) refuse(row, "borrowerExternalId", reason);
  };
  let record = await findBorrowerByExternalId(tx, tenantId, group.externalId);
  if (!record && group.borrower) {
    let prepared: ReturnType<typeof prepareBorrower>;
    try {
      prepared = prepareBorrower(group.borrower.row, idHashKey, scope.now);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      refuse(group.borrower, error.field ?? "line", error.message.replace(/^\w+: /, ""));
      refuseRest("the borrower was refused");
      return null;
    }
    if (await findBorrowerByNationalId(tx, tenantId, prepared.nationalIdType, prepared.nationalIdHash)) {
      refuse(group.borrower, "nationalId", "another borrower of the tenant holds this national id");
      refuseRest("the borrower was refused");
      return null;
    }
    record = await ensureBorrower(tx, tenantId, prepared);
    report.borrowerCreated = true;
  }
  if (!record) {
    refuseRest("no borrower with this externalId in the borrowers file or already stored");
    return null;
  }
  item.borrower = record;
  if (group.borrower) report.accepted.borrowers = 1;
  const before = new Set((await listLinkedAccounts(tx, tenantId, record.id)).map((account) => account.id));
  let accountsCreated = 0;
  for (const located of group.accounts) {
    const { borrowerExternalId: _, ...account } = located.row;
    if (account.openedAt.getTime() > scope.now.getTime()) {
      refuse(located, "openedAt", "cannot be in the future");
      continue;
    }
    const linked = await ensureLinkedAccount(tx, tenantId, { ...account, borrowerId: record.id });
    if (linked.borrowerId !== record.id) refuse(located, "externalReference", "already linked to another borrower of the tenant");
    else {
      report.accepted.accounts += 1;
      if (!before.has(linked.id)) accountsCreated += 1;
    }
  }
  const accounts = group.accounts.length > 0 ? await listLinkedAccounts(tx, tenantId, record.id) : [];
  const accountIdOf = new Map(accounts.map((account) => [account.externalReference, account.id]));
  const accountIds = new Set(accounts.map((account) => account.id));
  let currency = storedCurrency.get(record.id) ?? null;
  for (const located of group.signals) {
    const { row } = located;
    const batch: SignalBatchInput = {
      transactions: row.transactions.map(({ accountReference, ...signal }) => ({ ...signal, accountId: accountIdOf.get(accountReference) ?? `unknown:${accountReference}` })),
      bills: row.bills.map(({ accountReference, ...signal }) => ({ ...signal, accountId: accountReference ? (accountIdOf.get(accountReference) ?? `unknown:${accountReference}`) : null })),
      loans: row.loans,
      events: row.events,
      // Loan books carry no bureau records (docs/loan-book-import.md): bureau data comes through ingestSignals.
      bureauRecords: [],
    };
    const issues = findBatchIssues(batch, accountIds, scope.now);
    if (issues.length === 0) issues.push(...findCurrencyIssues(batch.transactions, currency));
    const rows = batchRows(batch, record.id);
    if (issues.length === 0) {
      for (const clash of await findForeignExternalIds(tx, tenantId, record.id, rows)) issues.push({ field: `${clash.kind}.externalId`, message: `${clash.externalId} is already stored for another borrower of the tenant` });
    }
    if (issues.length > 0) {
      for (const issue of issues.slice(0, 5)) refuse(located, issue.field.replace(/accountId$/, "accountReference"), issue.message);
      continue;
    }
    const stored = await insertSignalBatch(tx, tenantId, rows);
    report.signalItemsStored += stored.transactions + stored.bills + stored.loanInstalments + stored.events;
    report.accepted.signals += 1;
    currency ??= batch.transactions[0]?.currency ?? null;
  }
  const changed = report.borrowerCreated || accountsCreated > 0 || report.signalItemsStored > 0;
  return changed ? { action: "loanBook.borrowerImported", entityType: "Borrower", entityId: record.id, borrowerId: record.id, payload: { jobId, borrowerCreated: report.borrowerCreated, accountsCreated, signalItemsStored: report.signalItemsStored } } : null;
}

/** The borrower's valid historical loans with their features as of disbursement (from its stored signals strictly before it). */
async function prepareLoans(scope: UseCaseScope, item: BorrowerWork): Promise<NewHistoricalLoan[]> {
  const { tenantId } = scope.actor;
  const { group, report, borrower } = item;
  if (!borrower) return [];
  const valid = group.loans.filter((located) => {
    const issue = findLoanRowIssue(located.row, scope.now);
    if (issue) report.refusals.push({ file: located.file, line: located.line, ...issue });
    return issue === null;
  });
  const owners = await findHistoricalLoanOwners(scope.db, tenantId, valid.map((located) => located.row.externalId));
  const seen = new Map<string, number>();
  const loans = valid.filter((located) => {
    const owner = owners.get(located.row.externalId);
    const first = seen.get(located.row.externalId);
    if (owner && owner !== borrower.id) report.refusals.push({ file: located.file, line: located.line, field: "externalId", reason: "already stored for another borrower of the tenant" });
    else if (first !== undefined) report.refusals.push({ file: located.file, line: located.line, field: "externalId", reason: `the same loan appears twice (first on line ${first})` });
    else {
      seen.set(located.row.externalId, located.line);
      return true;
    }
    return false;
  });
  if (loans.length === 0) return [];
  const latest = Math.max(...loans.map((located) => located.row.disbursedAt.getTime()));
  const window = { after: new Date(0), before: new Date(latest + 1) };
  const signals = await readScoringSignals(scope.db, tenantId, borrower.id, { TRANSACTIONS: window, BILLS: window, LOAN_REPAYMENTS: window, BEHAVIOURAL_EVENTS: window }, window.before);
  const { bundle, bundleSha256 } = buildSignalBundle(signals);
  return loans.map(({ row }) => ({
    borrowerId: borrower.id,
    externalId: row.externalId,
    disbursedAt: row.disbursedAt,
    amount: row.amount.trim(),
    tenorDays: row.tenorDays,
    status: row.status,
    maxDaysLate: row.maxDaysLate,
    defaultedAt: row.defaultedAt ?? null,
    observedAt: row.observedAt,
    features: featuresAsJson(computeFeatures(bundle, undefined, row.disbursedAt.toISOString())),
    featuresSha256: bundleSha256,
  }));
}

async function finishImport(scope: UseCaseScope, job: JobRecord, rowsRead: Record<BookCategory, number>, parseRefusals: readonly RowRefusal[]): Promise<void> {
  const { tenantId } = scope.actor;
  const progress = await countJobItems(scope.db, tenantId, job.id);
  if (job.total !== null && progress.scored + progress.failed + progress.skipped < (await findJobById(scope.db, tenantId, job.id))!.total!) return;
  const reports = (await listJobItemReasons(scope.db, tenantId, job.id)).map((reason) => itemReportSchema.parse(JSON.parse(reason ?? "{}")));
  const accepted = zeroCounts();
  for (const r of reports) for (const c of bookCategories) accepted[c] += r.accepted[c];
  const refusals = [...parseRefusals, ...reports.flatMap((r) => r.refusals)];
  const result: LoanBookImportReport = {
    format: 1,
    rowsRead,
    rowsAccepted: accepted,
    rowsRefused: Object.fromEntries(bookCategories.map((c) => [c, rowsRead[c] - accepted[c]])) as Record<BookCategory, number>,
    borrowersCreated: reports.filter((r) => r.borrowerCreated).length,
    signalItemsStored: reports.reduce((s, r) => s + r.signalItemsStored, 0),
    loansCreated: reports.reduce((s, r) => s + r.loansCreated, 0),
    loansUpdated: reports.reduce((s, r) => s + r.loansUpdated, 0),
    loansUnchanged: reports.reduce((s, r) => s + r.loansUnchanged, 0),
    refusalCount: refusals.length,
    refusals: refusals.slice(0, MAX_REPORTED_REFUSALS),
  };
  await runAudited(scope, async (tx) => ({
    result: null,
    event: (await finishJob(tx, tenantId, job.id, { state: "SUCCEEDED", result: result, finishedAt: scope.now }))
      ? { action: "job.finished", entityType: "Job", entityId: job.id, payload: { state: "SUCCEEDED", rowsAccepted: result.rowsAccepted, rowsRefused: result.rowsRefused, loansCreated: result.loansCreated, loansUpdated: result.loansUpdated } }
      : null,
  }));
}

/** Marks an import FAILED after an unexpected error (the queue's handler catches it and calls this). */
export async function failLoanBookImport(database: Pick<Database, "db">, data: UnitData, now: Date, reason: string): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job) return;
  const scope = jobScope(database, job, storedInputV1.parse(job.input).actor, now);
  await runAudited(scope, async (tx) => ({
    result: null,
    event: (await finishJob(tx, job.tenantId, job.id, { state: "FAILED", error: reason, finishedAt: now })) ? { action: "job.finished", entityType: "Job", entityId: job.id, payload: { state: "FAILED", error: reason } } : null,
  }));
}
