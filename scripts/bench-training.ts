/**
 * Benchmark: training a tenant model on 50,000 synthetic loans as a MODEL_TRAINING job, with its report.
 *
 *   npx tsx --conditions=react-server scripts/bench-training.ts [--loans 50000] [--book /tmp/bench-training-book]
 *
 * A fresh embedded database holds a book of `--loans` historical loans: synthetic borrowers
 * (scoring/synthetic, seed 20261122) disbursed one a day over two years, each with its features as of its
 * disbursement (computeFeatures on the generator's bundle, as the import computes them from stored
 * signals) and its outcome (the generator's 12-month default). The book is written in bulk, not through the
 * import job (importing 50,000 full signal histories is a separate, slower matter: docs/benchmarks.md).
 * Then the training job runs in this process's worker, as the app runs it with the embedded database, and is
 * timed from start to its DRAFT version; its members are fitted in worker threads, one per core, as
 * `npm run worker` fits them. Printed: the book, the job's wall and CPU time (process.cpuUsage, which counts
 * every thread of the process), the load average around it (the machine may be shared), the report's figures
 * and the process's peak resident memory (process.resourceUsage().maxRSS, which includes building the book).
 * With --book the database is kept in that directory and a book already built there is reused, so the
 * training can be re-measured without building the book again (minutes).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { Actor, UseCaseScope } from "@/core/actor";
import { JobQueue, defaultQueueTuning } from "@/core/jobs/job-queue";
import { startWorker } from "@/core/jobs/job-worker";
import { getJob } from "@/core/jobs/manage-jobs";
import { readModelTrainingResult, startModelTraining } from "@/core/model-training/train-model";
import { featuresAsJson } from "@/core/model-training/training-set";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { openDatabase, type Database } from "@/prisma/store/database";
import { countHistoricalLoans, insertBorrowersUnchecked, insertHistoricalLoansUnchecked, type NewHistoricalLoan } from "@/prisma/store/historical-loan";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser, findUserByEmail } from "@/prisma/store/user";
import { computeFeatures } from "@/scoring/features/compute-features";
import { generateBorrower } from "@/scoring/synthetic/generate-population";
import type { TenantTrainingReport } from "@/scoring/training/train-tenant-model";
import { option } from "./script-helpers";

const POPULATION_SEED = 20_261_122;
const FIRST_DAY_MS = Date.parse("2023-01-01T09:00:00Z");
const MS_PER_DAY = 86_400_000;
const loanCount = Number(option("loans", "50000"));
const keptBook = option("book", "");
const workDir = keptBook || mkdtempSync(join(tmpdir(), "bench-training-"));
process.env.MICROTRUST_DATA_DIR ??= workDir;
process.env.MICROTRUST_AUDIT_KEY ??= `bench-${Date.now()}`;

async function main(): Promise<void> {
  const database = await openDatabase({ pgliteDirectory: join(workDir, "pglite") });
  const queue = new JobQueue(database, { ...defaultQueueTuning, expireInSeconds: 3600 });
  try {
    await database.withSqlSession((sql) => applyMigrations(sql));
    const tenant = await ensureTenant(database.db, { slug: "bench-training", name: "Training Benchmark MFI" });
    const user = (await findUserByEmail(database.db, "admin@bench.local")) ?? (await createUser(database.db, tenant.id, { email: "admin@bench.local", name: "Bench Admin", role: "ADMIN", passwordHash: "x" }));
    const admin = (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Actor;
    const scope = (): UseCaseScope => ({ db: database.db, actor: admin, now: new Date(), request: { id: "bench-training", ipAddress: null } });

    const existing = await countHistoricalLoans(database.db, tenant.id);
    if (existing !== 0 && existing !== loanCount) throw new Error(`--book ${keptBook} holds a book of ${existing} loans, not ${loanCount}`);
    if (existing === 0) await buildBook(database.db, tenant.id);
    else console.log(`book: ${existing} loans, reused from ${keptBook}`);

    await startWorker(database, queue, { concurrency: 1 });
    const load = loadavg()[0];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();

    const job = await startModelTraining(scope(), { name: `bench-${loanCount}`, useScorings: false }, queue);
    let view = await getJob(scope(), job.id);
    while (view && (view.job.state === "QUEUED" || view.job.state === "RUNNING")) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      view = await getJob(scope(), job.id);
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    if (view?.job.state !== "SUCCEEDED") throw new Error(`training ${view?.job.state}: ${view?.job.error}`);
    const result = readModelTrainingResult(view.job.result);
    const report = result.report as unknown as TenantTrainingReport;
    const f = (x: { auc: number; lower: number; upper: number }) => `${x.auc.toFixed(4)} [${x.lower.toFixed(3)}, ${x.upper.toFixed(3)}]`;
    console.log(`training job: ${wallSeconds.toFixed(1)} s wall from start to DRAFT ${result.name} ${result.version} (fit stage ${result.trainingSeconds.toFixed(1)} s); CPU ${(cpu.user / 1e6).toFixed(1)} s user + ${(cpu.system / 1e6).toFixed(1)} s system, ${availableParallelism()} cores; load average ${load.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end`);
    console.log(`report: ${report.rows} loans, ${report.defaults} defaults; random folds AUC ${f(report.randomFolds.interval)}; out of time ${report.outOfTime ? `${f(report.outOfTime.auc)} on ${report.outOfTime.validationRows} loans from ${report.outOfTime.cutoff}` : "—"}`);
    console.log(`peak memory (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    await queue.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await database.close();
    if (!keptBook) rmSync(workDir, { recursive: true, force: true });
  }
}

/** Writes the synthetic book in bulk (see the header). */
async function buildBook(db: Database["db"], tenantId: string): Promise<void> {
  const built = performance.now();
  const batch = 2000;
  let defaults = 0;
  for (let first = 0; first < loanCount; first += batch) {
    const borrowers = [];
    const loans: NewHistoricalLoan[] = [];
    for (let i = first; i < Math.min(loanCount, first + batch); i++) {
      const disbursedMs = FIRST_DAY_MS + Math.floor((i * 730) / loanCount) * MS_PER_DAY;
      const asOf = new Date(disbursedMs).toISOString();
      const synthetic = generateBorrower({ seed: POPULATION_SEED, asOf }, i);
      const id = `bench-${i}`;
      borrowers.push({ id, externalId: id, nationalIdHash: createHash("sha256").update(id).digest("hex"), dateOfBirth: new Date("1990-01-01T00:00:00Z"), phone: `+2547${String(10_000_000 + i)}` });
      const observedAt = new Date(disbursedMs + 365 * MS_PER_DAY);
      defaults += synthetic.defaulted ? 1 : 0;
      loans.push({
        borrowerId: id,
        externalId: `L-${i}`,
        disbursedAt: new Date(disbursedMs),
        amount: "20000",
        tenorDays: 90,
        status: synthetic.defaulted ? "DEFAULT" : "PAID_OFF",
        maxDaysLate: synthetic.defaulted ? 90 : 0,
        defaultedAt: synthetic.defaulted ? new Date(disbursedMs + 180 * MS_PER_DAY) : null,
        observedAt,
        features: featuresAsJson(computeFeatures(synthetic.bundle, undefined, asOf)),
        featuresSha256: "0".repeat(64),
      });
    }
    await insertBorrowersUnchecked(db, tenantId, borrowers);
    await insertHistoricalLoansUnchecked(db, tenantId, loans, new Date());
    process.stderr.write(`  book: ${Math.min(loanCount, first + batch)}/${loanCount} loans\n`);
  }
  console.log(`book: ${loanCount} loans, ${defaults} defaults (${((100 * defaults) / loanCount).toFixed(1)} %), built in ${((performance.now() - built) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
