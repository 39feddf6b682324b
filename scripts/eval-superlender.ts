/**
 * SuperLender through the product: the book converted (scripts/convert-superlender.ts), uploaded and imported
 * by the LOAN_BOOK_IMPORT job on a fresh embedded database, a tenant model trained by the MODEL_TRAINING job
 * from what was imported with the TEST loans held out, and TEST scored once with the DRAFT model's artifact.
 *
 *   npm run eval:superlender -- --data ../shared/datasets/superlender_ng --out /tmp/sl/preds.csv [--skip-direct]
 *
 * Split protocol (../shared/datasets/MANIFEST.md): trainperf row i is TEST when i % 5 == 4. Printed, on TEST:
 * 1. the direct path (scoring/eval/superlender.ts, run as before: repayment-history features plus loan terms
 *    and demographics, member sizes chosen by 4-fold CV on TRAIN) — skipped with --skip-direct;
 * 2. the same history features computed in memory from the CSVs and trained by the tenant trainer
 *    (scoring/training) — what the product path must reproduce;
 * 3. the product path (import job → training job → DRAFT model version); this process runs the jobs' units
 *    (their queue handlers) itself, as the app does with the embedded database.
 * Writes the product path's TEST predictions to --out.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Actor, UseCaseScope } from "@/core/actor";
import { JobQueue, defaultQueueTuning } from "@/core/jobs/job-queue";
import { getJob } from "@/core/jobs/manage-jobs";
import { readLoanBookImportReport, runLoanBookImport, startLoanBookImport, uploadLoanBookFile } from "@/core/loan-book/import-loan-book";
import { readModelTrainingResult, runModelTraining, startModelTraining, TRAINING_SEED } from "@/core/model-training/train-model";
import { rowsFromBook } from "@/core/model-training/training-set";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { openDatabase } from "@/prisma/store/database";
import { listTrainingLoans } from "@/prisma/store/historical-loan";
import { findModelVersionById } from "@/prisma/store/model-version";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { computeFeatures } from "@/scoring/features/compute-features";
import { bootstrapAucInterval, rocAuc } from "@/scoring/metrics/index";
import { loanFromPreviousLoan, previousLoanColumns, toLagosInstant, type PreviousLoanRow } from "@/scoring/eval/superlender-mapping";
import type { Loan } from "@/scoring/signals/signal-schema";
import { trainingMatrix, trainTenantModel, type TrainingRow } from "@/scoring/training/train-tenant-model";
import { convertSuperLender } from "./convert-superlender";
import { option } from "./script-helpers";

const dataDir = option("data", "../shared/datasets/superlender_ng");
const outPath = option("out", "/tmp/superlender/preds.csv");
const workDir = mkdtempSync(join(tmpdir(), "superlender-"));
process.env.MICROTRUST_DATA_DIR ??= workDir;
process.env.MICROTRUST_AUDIT_KEY ??= `eval-${Date.now()}`;
process.env.MICROTRUST_ID_HASH_KEY ??= `eval-${Date.now()}`;

function testAuc(label: string, y: Float64Array, pd: Float64Array): number {
  const auc = rocAuc(y, pd);
  const ci = bootstrapAucInterval(y, pd, { seed: 1, resamples: 1000, level: 0.95 });
  console.log(`${label}: TEST AUC ${auc.toFixed(4)} [95% CI ${ci.lower.toFixed(3)}, ${ci.upper.toFixed(3)}] on ${y.length} loans`);
  return auc;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, progress: (value: T) => string): Promise<T> {
  let last = "";
  for (;;) {
    const value = await read();
    const line = progress(value);
    if (line !== last) process.stderr.write(`  ${line}\n`);
    last = line;
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** The repayment-history features as scoring/eval/superlender.ts computes them, with the loan outcomes. */
function directRows(): { rows: TrainingRow[]; isTest: boolean[] } {
  const read = (file: string) => parse(readFileSync(join(dataDir, file), "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const perf = read("trainperf.csv");
  const loansByCustomer = new Map<string, Loan[]>();
  for (const row of read("trainprevloans.csv") as (Record<string, string> & PreviousLoanRow)[]) {
    if (!previousLoanColumns.every((c) => c in row)) throw new Error("trainprevloans.csv lacks a column");
    loansByCustomer.set(row.customerid, [...(loansByCustomer.get(row.customerid) ?? []), loanFromPreviousLoan(row)]);
  }
  const rows = perf.map((row) => {
    const asOf = toLagosInstant(row.approveddate);
    return { features: computeFeatures({ accounts: [], transactions: [], bills: [], loans: loansByCustomer.get(row.customerid) ?? [], events: [] }, undefined, asOf), defaulted: row.good_bad_flag === "Bad", decidedAtMs: Date.parse(asOf) };
  });
  return { rows, isTest: perf.map((_, i) => i % 5 === 4) };
}

async function main(): Promise<void> {
  const started = performance.now();
  if (!process.argv.includes("--skip-direct")) {
    console.log("1. direct path (scoring/eval/superlender.ts, as before):");
    const run = spawnSync(process.execPath, ["--import", "tsx", "scoring/eval/superlender.ts", "--data", dataDir, "--out", join(workDir, "direct-preds.csv")], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
    for (const line of run.stdout.split("\n")) if (/TEST AUC|lift/.test(line)) console.log(`   ${line}`);
  }

  console.log("2. the same history features computed in memory, tenant trainer (scoring/training):");
  const direct = directRows();
  const trainRows = direct.rows.filter((_, i) => !direct.isTest[i]);
  const testRows = direct.rows.filter((_, i) => direct.isTest[i]);
  const inMemory = trainTenantModel(trainRows, { seed: TRAINING_SEED });
  const yTest = Float64Array.from(testRows, (row) => (row.defaulted ? 1 : 0));
  const inMemoryAuc = testAuc("   history features, in memory", yTest, inMemory.model.predictProba(trainingMatrix(testRows)));

  console.log("3. product path (import job → training job → DRAFT model):");
  const book = convertSuperLender(dataDir);
  const database = await openDatabase({ pgliteDirectory: join(workDir, "pglite") });
  // Queues only (the units are run below by this process, in place of a separate worker).
  const queue = new JobQueue(database, { ...defaultQueueTuning, expireInSeconds: 3600 }, { supervise: false });
  try {
    await database.withSqlSession((sql) => applyMigrations(sql));
    const tenant = await ensureTenant(database.db, { slug: "superlender", name: "SuperLender" });
    const user = await createUser(database.db, tenant.id, { email: "admin@superlender.local", name: "SuperLender Admin", role: "ADMIN", passwordHash: "x" });
    const admin = (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Actor;
    const scope = (): UseCaseScope => ({ db: database.db, actor: admin, now: new Date(), request: { id: "eval-superlender", ipAddress: null } });
    const uploads = [];
    for (const category of ["borrowers", "signals", "loans"] as const) uploads.push(await uploadLoanBookFile(scope(), { category, fileName: `${category}.jsonl`, content: book[category] }));
    const importStarted = performance.now();
    const importJob = await startLoanBookImport(scope(), { uploadIds: uploads.map((u) => u.id) }, queue);
    // This process is the worker: the queue's handler runs here, as the app runs it with the embedded database.
    const importRun = runLoanBookImport(database, { tenantId: tenant.id, jobId: importJob.id }, new Date());
    const imported = await waitFor(() => getJob(scope(), importJob.id), (v) => v?.job.state !== "QUEUED" && v?.job.state !== "RUNNING", (v) => `import ${v?.job.state} ${v?.progress.done}/${v?.job.total ?? "?"} borrowers`);
    await importRun;
    if (imported?.job.state !== "SUCCEEDED") throw new Error(`import ${imported?.job.state}: ${imported?.job.error}`);
    const report = readLoanBookImportReport(imported.job.result);
    console.log(`   import: ${((performance.now() - importStarted) / 1000).toFixed(0)} s; rows accepted ${JSON.stringify(report.rowsAccepted)}, refused ${JSON.stringify(report.rowsRefused)}${report.refusals.length > 0 ? ` (first: ${JSON.stringify(report.refusals[0])})` : ""}`);
    const trainStarted = performance.now();
    const trainJob = await startModelTraining(scope(), { name: "superlender", useScorings: false, holdOutLoanIds: book.testLoanIds }, queue);
    await runModelTraining(database, { tenantId: tenant.id, jobId: trainJob.id }, new Date());
    const trained = await waitFor(() => getJob(scope(), trainJob.id), (v) => v?.job.state !== "QUEUED" && v?.job.state !== "RUNNING", (v) => `training ${v?.job.state} ${v?.progress.done}/${v?.job.total ?? "?"} stages`);
    if (trained?.job.state !== "SUCCEEDED") throw new Error(`training ${trained?.job.state}: ${trained?.job.error}`);
    const result = readModelTrainingResult(trained.job.result);
    console.log(`   training job: ${((performance.now() - trainStarted) / 1000).toFixed(0)} s on ${result.sources.loanBook} imported loans; DRAFT ${result.name} ${result.version}`);
    const version = await findModelVersionById(database.db, tenant.id, result.modelVersionId);
    const model = loadArtifact(version?.artifact);
    const testIds = new Set(book.testLoanIds);
    const byId = new Map((await listTrainingLoans(database.db, tenant.id)).filter((loan) => testIds.has(loan.externalId)).map((loan) => [loan.externalId, loan]));
    const productTest = rowsFromBook(book.testLoanIds.map((id) => byId.get(id) as NonNullable<ReturnType<typeof byId.get>>));
    const y = Float64Array.from(productTest, (row) => (row.defaulted ? 1 : 0));
    const pd = model.predictProba(trainingMatrix(productTest));
    const productAuc = testAuc("   product path", y, pd);
    console.log(`product path − in-memory (same features): ${(productAuc - inMemoryAuc >= 0 ? "+" : "") + (productAuc - inMemoryAuc).toFixed(4)} AUC`);
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, ["systemloanid,pd", ...book.testLoanIds.map((id, k) => `${id},${pd[k]}`)].join("\n") + "\n");
    console.log(`wrote ${book.testLoanIds.length} predictions to ${outPath}; ${((performance.now() - started) / 1000).toFixed(0)} s in all`);
  } finally {
    await queue.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await database.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
