import "server-only";
import { getDatabase, type Database } from "@/prisma/store/database";
import { listQueuedJobs } from "@/prisma/store/job";
import { JobQueue, queueNames, queueTuningFromEnv, type UnitData, type UnitHandler } from "./job-queue";
import { failPortfolioRescore, planPortfolioRescore, scorePortfolioChunk } from "./rescore-portfolio";
import { failPolicySimulation, runPolicySimulation } from "../policy-simulation/run-policy-simulation";
import { failModelComparison, runModelComparison } from "../model-comparison/run-model-comparison";
import type { JobRecord } from "@/prisma/store/job";

/** The queue each kind of job starts on (a QUEUED job found by a starting worker is sent there again). */
const firstQueueOf: Record<JobRecord["kind"], (typeof queueNames)[keyof typeof queueNames]> = {
  PORTFOLIO_RESCORE: queueNames.rescorePlan,
  POLICY_SIMULATION: queueNames.simulationRun,
  MODEL_COMPARISON: queueNames.modelComparison,
  LOAN_BOOK_IMPORT: queueNames.loanBookImport,
  MODEL_TRAINING: queueNames.modelTraining,
  AUDIT_VERIFICATION: queueNames.auditVerification,
};
import { failLoanBookImport, runLoanBookImport } from "../loan-book/import-loan-book";
import { failModelTraining, runModelTraining } from "../model-training/train-model";
import { failAuditVerification, runAuditVerification } from "./audit-verification";

/** Retries of a one-unit job before its handler marks it FAILED (the queue's retryLimit for those queues). */
const LAST_RETRY = 2;

/** Runs a one-unit job's handler; on its last retry an error marks the job FAILED instead of being thrown again. */
function oneUnitHandler(run: (data: UnitData) => Promise<void>, fail: (data: UnitData, reason: string) => Promise<void>): UnitHandler {
  return async (data, unit) => {
    try {
      await run(data);
    } catch (error) {
      if (unit.retryCount < LAST_RETRY) throw error;
      console.error("[jobs] a job failed after every retry", { jobId: data.jobId, error });
      await fail(data, `Failed after every retry: ${error instanceof Error ? error.message.split("\n", 1)[0] : String(error)}`);
    }
  };
}

export interface WorkerOptions {
  /** Units this process works on at once, per queue of scoring work. */
  concurrency: number;
  /** Borrowers per chunk of a re-scoring (default RESCORE_CHUNK_SIZE). */
  chunkSize?: number;
  /** The clock units run at (tests pass their own); default: the wall clock at each unit. */
  clock?: () => Date;
}

/**
 * Makes this process a worker: registers one handler per queue (each a function of the unit's data) and
 * queues again any job still QUEUED (a start whose first send was lost). Handlers are idempotent: every
 * unit records what it did in the transaction that did it, so a unit run twice does nothing twice.
 */
export async function startWorker(database: Database, queue: JobQueue, options: WorkerOptions): Promise<void> {
  const clock = options.clock ?? (() => new Date());
  await queue.work(queueNames.rescorePlan, 1, (data) => planPortfolioRescore(database, queue, data, clock(), options.chunkSize));
  await queue.work(queueNames.rescoreChunk, options.concurrency, (data) => scorePortfolioChunk(database, data, clock()));
  await queue.work(queueNames.rescoreDeadLetter, 1, (data, unit) => failPortfolioRescore(database, data, clock(), `A unit of work failed after every retry (${unit.id}); see the worker's log.`));
  await queue.work(queueNames.simulationRun, options.concurrency, (data) => runPolicySimulation(database, data, clock()));
  await queue.work(queueNames.simulationDeadLetter, 1, (data, unit) => failPolicySimulation(database, data, clock(), `The simulation failed after every retry (${unit.id}); see the worker's log.`));
  await queue.work(queueNames.modelComparison, 1, (data) => runModelComparison(database, data, clock()));
  await queue.work(queueNames.modelComparisonDeadLetter, 1, (data, unit) => failModelComparison(database, data, clock(), `The comparison failed after every retry (${unit.id}); see the worker's log.`));
  await queue.work(queueNames.loanBookImport, 1, oneUnitHandler((data) => runLoanBookImport(database, data, clock()), (data, reason) => failLoanBookImport(database, data, clock(), reason)));
  await queue.work(queueNames.modelTraining, 1, oneUnitHandler((data) => runModelTraining(database, data, clock()), (data, reason) => failModelTraining(database, data, clock(), reason)));
  await queue.work(queueNames.auditVerification, 1, oneUnitHandler((data) => runAuditVerification(database, data, clock()), (data, reason) => failAuditVerification(database, data, clock(), reason)));
  for (const job of await listQueuedJobs(database.db)) await queue.send(firstQueueOf[job.kind], { tenantId: job.tenantId, jobId: job.id }, job.id);
}

const globalKey = Symbol.for("microtrust.jobQueue");
type GlobalWithQueue = typeof globalThis & { [globalKey]?: Promise<JobQueue> };

/**
 * The process-wide job queue of the running app (on globalThis: Next.js may load this module more than
 * once). With the embedded database — one process, no separate worker — the app is its own worker; with
 * DATABASE_URL it only queues, and `npm run worker` processes (any number) do the work, unless
 * MICROTRUST_RUN_JOBS=true asks the app to work too.
 */
export function getJobQueue(): Promise<JobQueue> {
  const holder = globalThis as GlobalWithQueue;
  holder[globalKey] ??= (async () => {
    const database = await getDatabase();
    const inProcess = database.kind === "pglite" || process.env.MICROTRUST_RUN_JOBS === "true";
    const queue = new JobQueue(database, queueTuningFromEnv(), { supervise: inProcess });
    await queue.start();
    if (inProcess) await startWorker(database, queue, { concurrency: 1 });
    return queue;
  })().catch((error: unknown) => {
    delete holder[globalKey];
    throw error;
  });
  return holder[globalKey];
}
