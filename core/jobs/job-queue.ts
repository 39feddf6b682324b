import "server-only";
import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import type { Database } from "@/prisma/store/database";

/** The queues of MicroTrust's jobs. A name is a kind of unit of work; each has its handler in core/jobs/job-handlers.ts. */
export const queueNames = {
  /** Lists a re-scoring's borrowers and queues their chunks. */
  rescorePlan: "portfolio-rescore-plan",
  /** Scores one chunk of a re-scoring's borrowers. */
  rescoreChunk: "portfolio-rescore-chunk",
  /** Chunks or plans that failed past their last retry: their job is marked FAILED. */
  rescoreDeadLetter: "portfolio-rescore-dead",
  /** Runs one policy simulation (one unit: it reads page by page and writes only its result). */
  simulationRun: "policy-simulation-run",
  /** Simulations that failed past their last retry: their job is marked FAILED. */
  simulationDeadLetter: "policy-simulation-dead",
  /** Runs one champion-vs-challenger comparison (core/model-comparison). */
  modelComparison: "model-comparison",
  /** Comparisons that failed past their last retry: their job is marked FAILED. */
  modelComparisonDeadLetter: "model-comparison-dead",
  /** Imports one uploaded loan book (core/loan-book). */
  loanBookImport: "loan-book-import",
  /** Trains one tenant model (core/model-training). */
  modelTraining: "model-training",
  /** Verifies one tenant's whole audit chain (core/jobs/audit-verification). */
  auditVerification: "audit-verification",
} as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];

/** Retries and claims, per queue. A claim held past `expireInSeconds` (a killed worker) is released and the unit retried. */
export interface QueueTuning {
  retryLimit: number;
  /** Seconds before the first retry; doubled on each later one (retryBackoff). */
  retryDelay: number;
  expireInSeconds: number;
  /** How often an idle worker looks for work. */
  pollingIntervalSeconds: number;
  /** How often a worker expires dead claims and retries them. */
  maintenanceIntervalSeconds: number;
}

export const defaultQueueTuning: QueueTuning = { retryLimit: 5, retryDelay: 2, expireInSeconds: 120, pollingIntervalSeconds: 1, maintenanceIntervalSeconds: 15 };

/**
 * The tuning of this deployment: MICROTRUST_JOB_CLAIM_SECONDS (default 120) is how long a worker may hold a
 * unit before another takes it over — longer than the slowest chunk, shorter than you are willing to wait
 * after a worker dies. Queues take it when they are first created, so every process should agree on it.
 */
export function queueTuningFromEnv(): QueueTuning {
  const claim = Number(process.env.MICROTRUST_JOB_CLAIM_SECONDS ?? defaultQueueTuning.expireInSeconds);
  if (!Number.isInteger(claim) || claim < 5 || claim > 86_400) throw new Error("MICROTRUST_JOB_CLAIM_SECONDS must be a whole number of seconds from 5 to 86400");
  return { ...defaultQueueTuning, expireInSeconds: claim, maintenanceIntervalSeconds: Math.max(1, Math.min(defaultQueueTuning.maintenanceIntervalSeconds, Math.floor(claim / 4))) };
}

/** The job data every MicroTrust unit carries: which tenant's job it belongs to. */
export interface UnitData {
  tenantId: string;
  jobId: string;
  /** Chunk units: the borrowers to score, in id order. */
  borrowerIds?: string[];
}

export type UnitHandler = (data: UnitData, unit: { id: string; queue: QueueName; retryCount: number }) => Promise<void>;

/**
 * The durable queue on the application's PostgreSQL (pg-boss, in its own `pgboss` schema): any number of
 * processes on any number of machines share it; each unit is claimed by one worker at a time (SKIP LOCKED),
 * retried with exponential backoff when its handler throws, and released for another worker when the one
 * holding it dies (its claim expires). Every process that starts jobs holds one; workers also `work()`.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;

  constructor(
    database: Pick<Database, "jobQueueConnection" | "kind">,
    private readonly tuning: QueueTuning = defaultQueueTuning,
    private readonly options: { supervise: boolean } = { supervise: true },
  ) {
    const connection = database.jobQueueConnection;
    this.boss = new PgBoss({
      ...("connectionString" in connection ? { connectionString: connection.connectionString, max: 4, application_name: "microtrust-jobs" } : { db: connection as PgBoss.Db }),
      supervise: options.supervise,
      schedule: false,
      maintenanceIntervalSeconds: tuning.maintenanceIntervalSeconds,
      // Keep finished units a week for inspection; the product's own record is the Job row.
      deleteAfterDays: 7,
    });
    this.boss.on("error", (error) => console.error("[jobs] queue error:", error.message));
  }

  /** Installs or upgrades the queue's schema (once, under pg-boss's advisory lock) and creates the queues. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      const { retryLimit, retryDelay, expireInSeconds } = this.tuning;
      await this.boss.createQueue(queueNames.rescoreDeadLetter, { name: queueNames.rescoreDeadLetter, retryLimit: 2, retryDelay, retryBackoff: true, expireInSeconds });
      for (const name of [queueNames.rescorePlan, queueNames.rescoreChunk]) {
        await this.boss.createQueue(name, { name, retryLimit, retryDelay, retryBackoff: true, expireInSeconds, deadLetter: queueNames.rescoreDeadLetter });
      }
      await this.boss.createQueue(queueNames.simulationDeadLetter, { name: queueNames.simulationDeadLetter, retryLimit: 2, retryDelay, retryBackoff: true, expireInSeconds });
      await this.boss.createQueue(queueNames.simulationRun, { name: queueNames.simulationRun, retryLimit, retryDelay, retryBackoff: true, expireInSeconds, deadLetter: queueNames.simulationDeadLetter });
      await this.boss.createQueue(queueNames.modelComparisonDeadLetter, { name: queueNames.modelComparisonDeadLetter, retryLimit: 2, retryDelay, retryBackoff: true, expireInSeconds });
      await this.boss.createQueue(queueNames.modelComparison, { name: queueNames.modelComparison, retryLimit, retryDelay, retryBackoff: true, expireInSeconds, deadLetter: queueNames.modelComparisonDeadLetter });
      // One unit per job, retried a few times (each resumes or restarts cleanly); its handler marks the job FAILED itself.
      // A training unit holds its claim through a whole fit (minutes on a large book), hence the longer claim.
      await this.boss.createQueue(queueNames.loanBookImport, { name: queueNames.loanBookImport, retryLimit: 2, retryDelay, retryBackoff: true, expireInSeconds: Math.max(expireInSeconds, 3600) });
      await this.boss.createQueue(queueNames.modelTraining, { name: queueNames.modelTraining, retryLimit: 2, retryDelay, retryBackoff: true, expireInSeconds: Math.max(expireInSeconds, 3600) });
      await this.boss.createQueue(queueNames.auditVerification, { name: queueNames.auditVerification, retryLimit: 2, retryDelay, retryBackoff: true, expireInSeconds: Math.max(expireInSeconds, 3600) });
    })();
    return this.started;
  }

  /** Queues one unit; a unit whose id is already queued is not queued again. */
  async send(queue: QueueName, data: UnitData, id: string): Promise<void> {
    await this.start();
    await this.boss.send(queue, data as unknown as object, { id });
  }

  /** Queues many units at once (ids deterministic, so planning twice queues nothing twice). */
  async sendMany(queue: QueueName, units: readonly { id: string; data: UnitData }[]): Promise<void> {
    await this.start();
    if (units.length > 0) await this.boss.insert(units.map((unit) => ({ id: unit.id, name: queue, data: unit.data as unknown as object })));
  }

  /** Runs `handler` for units of `queue`, `concurrency` at a time in this process. */
  async work(queue: QueueName, concurrency: number, handler: UnitHandler): Promise<void> {
    await this.start();
    for (let index = 0; index < concurrency; index += 1) {
      await this.boss.work<UnitData>(queue, { batchSize: 1, pollingIntervalSeconds: this.tuning.pollingIntervalSeconds, includeMetadata: true }, async ([unit]) => {
        await handler(unit.data, { id: unit.id, queue, retryCount: unit.retryCount });
      });
    }
  }

  /**
   * Stops this process's workers. `graceful` waits for units in hand; otherwise they are abandoned like a
   * killed worker's, and another worker takes them over once their claim expires.
   */
  async stop(options: { graceful: boolean; timeoutMs?: number } = { graceful: true }): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: options.graceful, wait: true, close: true, timeout: options.timeoutMs ?? 30_000 });
  }
}

/** A unit id that is the same every time it is derived: a UUID from sha256(parts). */
export function deterministicUnitId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
