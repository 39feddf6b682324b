import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
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
  /**
   * Where a working process LISTENs for wake-ups (PostgreSQL): the database's own URL when absent, null for
   * none (polling only). Behind a pooler in transaction mode, which does not pass notifications, give a direct
   * or session-mode URL.
   */
  listenUrl?: string | null;
}

export const defaultQueueTuning: QueueTuning = { retryLimit: 5, retryDelay: 2, expireInSeconds: 120, pollingIntervalSeconds: 1, maintenanceIntervalSeconds: 15 };

/**
 * The tuning of this deployment: MICROTRUST_JOB_CLAIM_SECONDS (default 120) is how long a worker may hold a
 * unit before another takes it over — longer than the slowest chunk, shorter than you are willing to wait
 * after a worker dies. Queues take it when they are first created, so every process should agree on it.
 * MICROTRUST_JOB_LISTEN_URL is where workers listen for wake-ups (default DATABASE_URL; `off` for none).
 */
export function queueTuningFromEnv(): QueueTuning {
  const claim = Number(process.env.MICROTRUST_JOB_CLAIM_SECONDS ?? defaultQueueTuning.expireInSeconds);
  if (!Number.isInteger(claim) || claim < 5 || claim > 86_400) throw new Error("MICROTRUST_JOB_CLAIM_SECONDS must be a whole number of seconds from 5 to 86400");
  const listen = process.env.MICROTRUST_JOB_LISTEN_URL?.trim();
  if (listen && listen !== "off" && !/^postgres(ql)?:\/\//.test(listen)) throw new Error("MICROTRUST_JOB_LISTEN_URL must be a postgresql:// URL or off");
  return {
    ...defaultQueueTuning,
    expireInSeconds: claim,
    maintenanceIntervalSeconds: Math.max(1, Math.min(defaultQueueTuning.maintenanceIntervalSeconds, Math.floor(claim / 4))),
    ...(listen ? { listenUrl: listen === "off" ? null : listen } : {}),
  };
}

/** The job data every MicroTrust unit carries: which tenant's job it belongs to. */
export interface UnitData {
  tenantId: string;
  jobId: string;
  /** Chunk units: the borrowers to score, in id order. */
  borrowerIds?: string[];
}

export type UnitHandler = (data: UnitData, unit: { id: string; queue: QueueName; retryCount: number }) => Promise<void>;

/** The PostgreSQL channel on which a process that queues units tells the workers of every process which queue has work. */
export const wakeChannel = "microtrust_jobs";

/** The queues of this process, by the database they work on: queuing a unit wakes the workers of each. */
const queuesOfDatabase = new WeakMap<object, Set<JobQueue>>();

/**
 * The durable queue on the application's PostgreSQL (pg-boss, in its own `pgboss` schema): any number of
 * processes on any number of machines share it; each unit is claimed by one worker at a time (SKIP LOCKED),
 * retried with exponential backoff when its handler throws, and released for another worker when the one
 * holding it dies (its claim expires). Every process that starts jobs holds one; workers also `work()`.
 *
 * An idle worker looks for units every `pollingIntervalSeconds`; queuing a unit also wakes the workers at
 * once: this process's directly, other processes' through a NOTIFY on `wakeChannel` that each working process
 * LISTENs to on a connection of its own (PostgreSQL only; with the embedded database every worker is in the
 * app's process). A notification is only a hint: one lost (a LISTEN connection down, a pooler in transaction
 * mode that does not pass them) costs at most the polling interval, never a unit.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;
  private readonly workerIds = new Map<QueueName, string[]>();
  private listener: pg.Client | undefined;
  private stopping = false;

  constructor(
    private readonly database: Pick<Database, "jobQueueConnection" | "kind">,
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
    await this.wake(queue);
  }

  /** Queues many units at once (ids deterministic, so planning twice queues nothing twice). */
  async sendMany(queue: QueueName, units: readonly { id: string; data: UnitData }[]): Promise<void> {
    await this.start();
    if (units.length === 0) return;
    await this.boss.insert(units.map((unit) => ({ id: unit.id, name: queue, data: unit.data as unknown as object })));
    await this.wake(queue);
  }

  /** Wakes the idle workers of `queue` in this process, and (PostgreSQL) in every other through NOTIFY. */
  private async wake(queue: QueueName): Promise<void> {
    for (const local of queuesOfDatabase.get(this.database.jobQueueConnection) ?? []) local.wakeHere(queue);
    if (!("connectionString" in this.database.jobQueueConnection)) return;
    try {
      await this.boss.getDb().executeSql("SELECT pg_notify($1, $2)", [wakeChannel, queue]);
    } catch (error) {
      // The units are queued; other processes find them at their next poll.
      console.error("[jobs] could not notify the workers:", error instanceof Error ? error.message : error);
    }
  }

  private wakeHere(queue: string): void {
    for (const id of this.workerIds.get(queue as QueueName) ?? []) this.boss.notifyWorker(id);
  }

  /** Listens for other processes' wake-ups on a connection of its own; when it drops, listens again after a while. */
  private async listen(connectionString: string): Promise<void> {
    if (this.listener || this.stopping) return;
    const client = new pg.Client({ connectionString, application_name: "microtrust-jobs-listen" });
    this.listener = client;
    const retry = (error: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => {});
      if (this.stopping) return;
      console.error(`[jobs] lost the wake-up connection (${error.message}); polling until it is back`);
      setTimeout(() => void this.listen(connectionString), 5_000).unref();
    };
    client.on("error", retry);
    client.on("end", () => retry(new Error("connection ended")));
    client.on("notification", (message) => {
      if (message.channel === wakeChannel && message.payload) this.wakeHere(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${wakeChannel}`);
    } catch (error) {
      retry(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Runs `handler` for units of `queue`, `concurrency` at a time in this process. */
  async work(queue: QueueName, concurrency: number, handler: UnitHandler): Promise<void> {
    await this.start();
    const connection = this.database.jobQueueConnection;
    if ("connectionString" in connection) {
      const listenUrl = this.tuning.listenUrl === undefined ? connection.connectionString : this.tuning.listenUrl;
      if (listenUrl) await this.listen(listenUrl);
    }
    for (let index = 0; index < concurrency; index += 1) {
      // Known once work() returns; the first unit may already be in hand by then.
      const worker: { id?: string } = {};
      worker.id = await this.boss.work<UnitData>(queue, { batchSize: 1, pollingIntervalSeconds: this.tuning.pollingIntervalSeconds, includeMetadata: true }, async ([unit]) => {
        try {
          await handler(unit.data, { id: unit.id, queue, retryCount: unit.retryCount });
        } finally {
          // pg-boss 10 waits out the rest of the polling interval after a unit that took less, even with more
          // units queued (a portfolio's chunks): look again at once; only a look that finds nothing waits.
          if (worker.id) this.boss.notifyWorker(worker.id);
        }
      });
      this.workerIds.set(queue, [...(this.workerIds.get(queue) ?? []), worker.id]);
    }
    const local = queuesOfDatabase.get(connection) ?? new Set<JobQueue>();
    queuesOfDatabase.set(connection, local.add(this));
  }

  /**
   * Stops this process's workers. `graceful` waits for units in hand; otherwise they are abandoned like a
   * killed worker's, and another worker takes them over once their claim expires.
   */
  async stop(options: { graceful: boolean; timeoutMs?: number } = { graceful: true }): Promise<void> {
    this.stopping = true;
    queuesOfDatabase.get(this.database.jobQueueConnection)?.delete(this);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => {});
    if (!this.started) return;
    await this.boss.stop({ graceful: options.graceful, wait: true, close: true, timeout: options.timeoutMs ?? 30_000 });
  }
}

/** A unit id that is the same every time it is derived: a UUID from sha256(parts). */
export function deterministicUnitId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
