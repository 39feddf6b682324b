// Loan-book import as a durable job, through the core with the real queue, on PGlite (and PostgreSQL when
// DATABASE_URL is set): the example book imports with its features as of each disbursement, a re-import
// changes nothing, refused rows are reported by file, line, field and reason; then a tenant model trains
// from it as a job into a DRAFT version with a report, and a book below the evidence minimum is refused.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTrainingLoans } from "@/prisma/store/historical-loan";
import { findJobById } from "@/prisma/store/job";
import { findModelVersionById } from "@/prisma/store/model-version";
import { readScoringSignals } from "@/prisma/store/scoring-signals";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { computeFeatures } from "@/scoring/features/compute-features";
import type { ModelReport } from "@/scoring/report/build-model-report";
import type { TenantTrainingReport } from "@/scoring/training/train-tenant-model";
import type { Actor, UseCaseScope } from "../actor";
import { isDomainError } from "../errors";
import { JobQueue, type QueueTuning } from "../jobs/job-queue";
import { startWorker } from "../jobs/job-worker";
import { getJob } from "../jobs/manage-jobs";
import { readModelTrainingResult, startModelTraining } from "../model-training/train-model";
import { resolveSessionCaller } from "../resolve-session-caller";
import { buildSignalBundle } from "../scoring/build-signal-bundle";
import { verifyAuditChain } from "../verify-audit-chain";
import { featuresAsJson } from "../model-training/training-set";
import { readLoanBookImportReport, startLoanBookImport, uploadLoanBookFile } from "./import-loan-book";

process.env.MICROTRUST_ID_HASH_KEY ??= "loan-book-test-id-hash-key";
const tuning: QueueTuning = { retryLimit: 2, retryDelay: 1, expireInSeconds: 30, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 5 };
const exampleDir = "docs/examples/loan-book";
const readExample = (name: string) => readFileSync(`${exampleDir}/${name}.jsonl`, "utf8");

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe.each(testDatabaseKinds())("loan-book import and training jobs on %s", (kind) => {
  let database: TestDatabase;
  let admin: Actor;
  let analyst: Actor;
  let queue: JobQueue;
  const scope = (actor: Actor = admin): UseCaseScope => ({ db: database.db, actor, now: new Date(), request: { id: "test", ipAddress: null } });

  /** Uploads files and runs an import to its end; returns the job and its report. */
  async function importFiles(files: { category: string; fileName: string; content: string }[]) {
    const uploads = [];
    for (const file of files) uploads.push(await uploadLoanBookFile(scope(), file));
    const job = await startLoanBookImport(scope(), { uploadIds: uploads.map((u) => u.id) }, queue);
    const view = await waitFor(() => getJob(scope(), job.id), (v) => v?.job.state === "SUCCEEDED" || v?.job.state === "FAILED", "the import to finish");
    expect(view?.job.state).toBe("SUCCEEDED");
    return { view, report: readLoanBookImportReport(view?.job.result) };
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const tenant = await ensureTenant(database.db, { slug: "book", name: "Book MFI" });
    const adminUser = await createUser(database.db, tenant.id, { email: `admin-${kind}@book.test`, name: "Book Admin", role: "ADMIN", passwordHash: "x" });
    const analystUser = await createUser(database.db, tenant.id, { email: `analyst-${kind}@book.test`, name: "Book Analyst", role: "ANALYST", passwordHash: "x" });
    admin = (await resolveSessionCaller(database.db, { userId: adminUser.id, tenantId: tenant.id })) as Actor;
    analyst = (await resolveSessionCaller(database.db, { userId: analystUser.id, tenantId: tenant.id })) as Actor;
    queue = new JobQueue(database, tuning);
    await startWorker(database, queue, { concurrency: 1 });
  }, 120_000);

  afterAll(async () => {
    await queue?.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await database?.destroy();
  });

  it("refuses to train below the evidence minimum with a typed error naming the field", async () => {
    const error = await startModelTraining(scope(), { name: "too-early" }, queue).catch((e: unknown) => e);
    expect(isDomainError(error) && error.code === "BAD_USER_INPUT" && error.field === "input.trainingData").toBe(true);
    expect(String((error as Error).message)).toMatch(/0 defaults .* at least 50/);
  });

  it("imports the example book as a job: every row accepted, features as of each disbursement from earlier signals only", async () => {
    const { view, report } = await importFiles([
      { category: "borrowers", fileName: "borrowers.jsonl", content: readExample("borrowers") },
      { category: "signals", fileName: "signals.jsonl", content: readExample("signals") },
      { category: "loans", fileName: "loans.jsonl", content: readExample("loans") },
    ]);
    expect(view?.job.total).toBe(480);
    expect(view?.progress.done).toBe(480);
    expect(report.rowsRead).toEqual({ borrowers: 480, accounts: 0, signals: 480, loans: 480 });
    expect(report.rowsRefused).toEqual({ borrowers: 0, accounts: 0, signals: 0, loans: 0 });
    expect(report.refusals).toEqual([]);
    expect(report.loansCreated).toBe(480);
    expect(report.borrowersCreated).toBe(480);

    const loans = await listTrainingLoans(database.db, admin.tenantId);
    expect(loans).toHaveLength(480);
    // One loan recomputed by hand: only signals strictly before its disbursement count.
    const loan = loans[17];
    const signals = await readScoringSignals(database.db, admin.tenantId, loan.borrowerId, Object.fromEntries(["TRANSACTIONS", "BILLS", "LOAN_REPAYMENTS", "BEHAVIOURAL_EVENTS"].map((c) => [c, { after: new Date(0), before: loan.disbursedAt }])), loan.disbursedAt);
    expect(loan.features).toEqual(featuresAsJson(computeFeatures(buildSignalBundle(signals).bundle, undefined, loan.disbursedAt.toISOString())));
    expect((await verifyAuditChain(scope())).valid).toBe(true);
  }, 300_000);

  it("re-importing the same book changes nothing, and refused rows name their file, line, field and reason", async () => {
    const auditBefore = await database.db.auditEvent.count({ where: { tenantId: admin.tenantId } });
    const loansBefore = await listTrainingLoans(database.db, admin.tenantId);
    const firstLoans = readExample("loans").split("\n").slice(0, 3).join("\n");
    const badLoans = [
      firstLoans,
      JSON.stringify({ borrowerExternalId: "EX-00003", externalId: "L-new-1", disbursedAt: "2025-02-01T00:00:00Z", amount: "-5", tenorDays: 30, status: "PAID_OFF", maxDaysLate: 0, observedAt: "2025-04-01T00:00:00Z" }),
      JSON.stringify({ borrowerExternalId: "EX-00004", externalId: "L-new-2", disbursedAt: "2025-02-01T00:00:00Z", amount: "100", tenorDays: 30, status: "DEFAULT", maxDaysLate: 95, observedAt: "2025-09-01T00:00:00Z" }),
      "not json",
      JSON.stringify({ borrowerExternalId: "NOBODY", externalId: "L-new-3", disbursedAt: "2025-02-01T00:00:00Z", amount: "100", tenorDays: 30, status: "LATE", maxDaysLate: 3, observedAt: "2025-04-01T00:00:00Z" }),
      JSON.stringify({ borrowerExternalId: "EX-00005", externalId: "L-new-4", disbursedAt: "2025-02-01T00:00:00Z", amount: "100", tenorDays: 30, status: "PAID", maxDaysLate: 0, observedAt: "2025-04-01T00:00:00Z" }),
    ].join("\n");
    const { report } = await importFiles([
      { category: "borrowers", fileName: "borrowers.jsonl", content: readExample("borrowers") },
      { category: "signals", fileName: "signals.jsonl", content: readExample("signals") },
      { category: "loans", fileName: "more-loans.jsonl", content: badLoans },
    ]);
    expect(report.loansCreated).toBe(0);
    expect(report.loansUpdated).toBe(0);
    expect(report.loansUnchanged).toBe(3);
    expect(report.borrowersCreated).toBe(0);
    expect(report.signalItemsStored).toBe(0);
    expect(report.rowsAccepted.loans).toBe(3);
    expect(report.rowsRefused.loans).toBe(5);
    const where = (line: number) => report.refusals.find((r) => r.file === "more-loans.jsonl" && r.line === line);
    expect(where(4)).toMatchObject({ field: "amount" });
    expect(where(5)).toMatchObject({ field: "defaultedAt", reason: "required when the status is DEFAULT" });
    expect(where(6)).toMatchObject({ field: "line", reason: "not a JSON object (one object per line)" });
    expect(where(7)).toMatchObject({ field: "borrowerExternalId" });
    expect(where(8)).toMatchObject({ field: "status", reason: expect.stringContaining("PAID_OFF") });
    expect(await listTrainingLoans(database.db, admin.tenantId)).toEqual(loansBefore);
    // Only the upload and job events: the book itself changed nothing.
    const newEvents = await database.db.auditEvent.findMany({ where: { tenantId: admin.tenantId }, orderBy: { seq: "asc" }, skip: auditBefore });
    expect(new Set(newEvents.map((e) => e.action))).toEqual(new Set(["loanBook.fileUploaded", "job.started", "job.finished"]));
  }, 300_000);

  it("only an ADMIN imports or trains", async () => {
    await expect(uploadLoanBookFile(scope(analyst), { category: "loans", fileName: "x.jsonl", content: "{}" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startModelTraining(scope(analyst), { name: "x" }, queue)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("trains a tenant model from the imported book as a job: a DRAFT version with its validation report", async () => {
    const job = await startModelTraining(scope(), { name: "book-model", useScorings: false }, queue);
    const view = await waitFor(() => getJob(scope(analyst), job.id), (v) => v?.job.state === "SUCCEEDED" || v?.job.state === "FAILED", "the training to finish", 600_000);
    expect(view?.job.error ?? null).toBeNull();
    expect(view?.job.state).toBe("SUCCEEDED");
    expect(view?.progress.done).toBe(3);
    const result = readModelTrainingResult((await findJobById(database.db, admin.tenantId, job.id))?.result);
    const version = await findModelVersionById(database.db, admin.tenantId, result.modelVersionId);
    expect(version?.status).toBe("DRAFT");
    expect(version?.name).toBe("book-model");
    expect(version?.artifactSha256).toBe(result.artifactSha256);
    // The version's report: the engine's model report of the out-of-time check, the training report beside it.
    const stored = version?.report as unknown as ModelReport & { tenantTraining: TenantTrainingReport };
    expect(stored.format).toBe("microtrust.model-report");
    expect(stored.holdoutRows).toBe(96);
    expect(stored.calibration.length).toBeGreaterThan(0);
    const report = stored.tenantTraining;
    expect(report.outOfTime?.validationRows).toBe(96);
    expect(report.outOfTime?.auc.auc).toBeCloseTo(stored.auc, 10);
    expect(result.report).toEqual(JSON.parse(JSON.stringify(report)));
    expect(report.rows).toBe(480);
    expect(report.defaults).toBe(72);
    expect(report.evidence.verdict).toBe("warned");
    expect(report.randomFolds.interval.lower).toBeLessThan(report.randomFolds.auc);
    expect(report.randomFolds.interval.upper).toBeGreaterThan(report.randomFolds.auc);
    expect(report.randomFolds.auc).toBeGreaterThan(0.55);
    expect(result.sources).toEqual({ loanBook: 480, scorings: 0 });
  }, 600_000);
});
