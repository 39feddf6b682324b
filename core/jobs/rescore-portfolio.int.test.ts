// Portfolio re-scoring as a durable job, called through the core with no transport in sight, on PGlite and
// (when DATABASE_URL is set) PostgreSQL: progress and summary, retry after a failure, a worker that dies
// holding a unit, cancellation — and every scoring replayable with its audit row, the chain valid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { findJobById } from "@/prisma/store/job";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { seedScoringPopulation, type SeededBorrower } from "@/prisma/testing/seed-scoring-population";
import type { Actor, UseCaseScope } from "../actor";
import { calculateScore } from "../calculate-score";
import { replayScore } from "../replay-score";
import { resolveSessionCaller } from "../resolve-session-caller";
import { verifyAuditChain } from "../verify-audit-chain";
import { JobQueue, queueNames, type QueueTuning, type UnitData } from "./job-queue";
import { cancelJob, exportRescoreItems, getJob } from "./manage-jobs";
import { planPortfolioRescore, scorePortfolioChunk, startPortfolioRescore } from "./rescore-portfolio";
import { startWorker } from "./job-worker";

const asOf = "2026-11-01T00:00:00.000Z";
// Claims expire after 2 s and are swept every second, so a dead worker's unit is retried within seconds.
const tuning: QueueTuning = { retryLimit: 3, retryDelay: 1, expireInSeconds: 2, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 };
const BORROWERS = 7;
// Borrowers 5 and 6 consent to underwriting only: a MONITORING re-scoring must skip them.
const purposesOf = (index: number) => (index < 5 ? (["LOAN_UNDERWRITING", "MONITORING"] as const) : (["LOAN_UNDERWRITING"] as const));

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.each(testDatabaseKinds())("portfolio re-scoring jobs on %s", (kind) => {
  let database: TestDatabase;
  let analyst: Actor;
  let borrowers: SeededBorrower[];
  const queues: JobQueue[] = [];
  const scope = (): UseCaseScope => ({ db: database.db, actor: analyst, now: new Date(), request: { id: "test", ipAddress: null } });
  const newQueue = () => {
    const queue = new JobQueue(database, tuning);
    queues.push(queue);
    return queue;
  };
  const start = (queue: JobQueue, key: string) =>
    startPortfolioRescore(scope(), { purpose: "MONITORING", asOf: new Date(asOf), defaultRequestedAmount: "15000", defaultRequestedTenorDays: 60, idempotencyKey: key }, queue);
  const scoresOfJob = (jobId: string) => database.db.creditScore.findMany({ where: { requestId: `job:${jobId}` } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const tenant = await ensureTenant(database.db, { slug: "jobs", name: "Jobs MFI" });
    await registerDefaultScoring(database.db, tenant.id);
    const user = await createUser(database.db, tenant.id, { email: `analyst-${kind}@jobs.test`, name: "Job Analyst", role: "ANALYST", passwordHash: "x" });
    analyst = (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Actor;
    borrowers = await seedScoringPopulation(database.db, tenant.id, `jobs-${kind}`, { borrowers: BORROWERS, signalsPerBorrower: 200, asOf, purposesOf, consentsUntil: new Date() });
    // Three borrowers were scored before: the re-scoring compares against these.
    for (const borrower of borrowers.slice(0, 3)) await calculateScore(scope(), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf: new Date(asOf) });
  }, 180_000);

  afterAll(async () => {
    for (const queue of queues) await queue.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await database.destroy();
  });

  it("scores every consenting borrower once, skips the others with the reason, reports progress and a summary, and keeps the chain valid", async () => {
    const queue = newQueue();
    await startWorker(database, queue, { concurrency: 2, chunkSize: 3 });
    const job = await start(queue, "whole-book");
    expect(job.state).toBe("QUEUED");
    expect((await start(queue, "whole-book")).id).toBe(job.id);
    const finished = await waitFor(() => getJob(scope(), job.id), (view) => view?.job.state === "SUCCEEDED", "the job to succeed");
    expect(finished?.job.total).toBe(BORROWERS);
    expect(finished?.progress).toEqual({ scored: 5, skipped: 2, failed: 0, done: 7 });
    const summary = finished?.summary;
    expect(summary?.byRecommendation.reduce((n, entry) => n + entry.count, 0)).toBe(5);
    expect(summary?.limits.firstScoring).toBe(2);
    expect(summary!.limits.increased + summary!.limits.decreased + summary!.limits.unchanged).toBe(3);
    expect(summary?.bandMigration.filter((cell) => cell.from === "NONE").reduce((n, cell) => n + cell.count, 0)).toBe(2);
    expect(summary?.skippedReasons).toEqual([{ key: "No MONITORING consent in force", count: 2 }]);

    const scores = await scoresOfJob(job.id);
    expect(scores.map((score) => score.borrowerId).sort()).toEqual(borrowers.slice(0, 5).map((b) => b.id).sort());
    for (const score of scores) {
      expect(score.purpose).toBe("MONITORING");
      expect(await database.db.auditEvent.count({ where: { entityId: score.id, action: "creditScore.calculated" } })).toBe(1);
      expect((await replayScore(scope(), score.id)).identical).toBe(true);
    }
    expect(await database.db.auditEvent.count({ where: { action: "creditScore.refused", requestId: `job:${job.id}` } })).toBe(2);
    expect(await database.db.auditEvent.count({ where: { entityId: job.id, action: { in: ["job.started", "job.finished"] } } })).toBe(2);
    expect((await verifyAuditChain(scope())).valid).toBe(true);

    const csv = await exportRescoreItems(scope(), job.id);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("borrower_id,external_id,status,reason,previous_score,previous_band,previous_recommendation,previous_limit,credit_score_id,score,band,recommendation,recommended_limit");
    expect(lines).toHaveLength(1 + BORROWERS);
    await queue.stop({ graceful: true });
  }, 120_000);

  it("retries a unit whose handler failed and finishes without scoring anyone twice", async () => {
    const queue = newQueue();
    let failures = 0;
    const attempted = new Set<string>();
    await queue.work(queueNames.rescorePlan, 1, (data) => planPortfolioRescore(database, queue, data, new Date(), 2));
    await queue.work(queueNames.rescoreChunk, 1, async (data: UnitData) => {
      // Every chunk's first attempt fails before it does anything (the database went away, say): the job
      // can only finish through the queue's retries.
      const key = (data.borrowerIds ?? []).join(",");
      if (!attempted.has(key)) {
        attempted.add(key);
        failures += 1;
        throw new Error("injected failure before the chunk's work");
      }
      await scorePortfolioChunk(database, data, new Date());
    });
    const job = await start(queue, "retry");
    await waitFor(() => findJobById(database.db, job.tenantId, job.id), (row) => row?.state === "SUCCEEDED", "the job to succeed after retries");
    expect(failures).toBe(4);
    const scores = await scoresOfJob(job.id);
    expect(new Set(scores.map((score) => score.borrowerId)).size).toBe(scores.length);
    expect(scores).toHaveLength(5);
    await queue.stop({ graceful: true });
  }, 120_000);

  it("resumes a unit whose worker died holding it, on another worker, without double-scoring", async () => {
    const dying = newQueue();
    let dead = false;
    let units = 0;
    // A dead process does nothing: whatever unit its queue still claims (of this job or a later test's) hangs.
    await dying.work(queueNames.rescorePlan, 1, (data) => (dead ? new Promise<void>(() => undefined) : planPortfolioRescore(database, dying, data, new Date(), 3)));
    // The dying worker commits its first chunk, then takes its second and dies before doing it (it is stopped
    // without grace, like a killed process, and never answers): the job can only finish when the queue
    // releases that unit's expired claim to another worker.
    await dying.work(queueNames.rescoreChunk, 1, async (data: UnitData) => {
      if (dead) return new Promise<void>(() => undefined);
      units += 1;
      if (units === 1) return scorePortfolioChunk(database, data, new Date());
      dead = true;
      return new Promise<void>(() => undefined);
    });
    const job = await start(dying, "killed");
    await waitFor(async () => units, (n) => n >= 2, "the dying worker to take a second unit");
    await waitFor(async () => dead, (isDead) => isDead, "the dying worker to take its second unit and die");
    void dying.stop({ graceful: false, timeoutMs: 500 }).catch(() => undefined);

    const rescuer = newQueue();
    await startWorker(database, rescuer, { concurrency: 1, chunkSize: 3 });
    await waitFor(() => findJobById(database.db, job.tenantId, job.id), (row) => row?.state === "SUCCEEDED", "another worker to finish the job");
    const scores = await scoresOfJob(job.id);
    expect(scores).toHaveLength(5);
    expect(new Set(scores.map((score) => score.borrowerId)).size).toBe(5);
    expect((await getJob(scope(), job.id))?.progress.done).toBe(BORROWERS);
    expect((await verifyAuditChain(scope())).valid).toBe(true);
    await rescuer.stop({ graceful: true });
  }, 120_000);

  it("cancels: the job stops taking work, what was done stays with its audit rows", async () => {
    const queue = newQueue();
    // The first chunk to run (the queue picks any of them) is done, then the job is cancelled.
    let firstChunk: number | null = null;
    await queue.work(queueNames.rescorePlan, 1, (data) => planPortfolioRescore(database, queue, data, new Date(), 2));
    await queue.work(queueNames.rescoreChunk, 1, async (data: UnitData) => {
      await scorePortfolioChunk(database, data, new Date());
      if (firstChunk === null) {
        firstChunk = data.borrowerIds?.length ?? 0;
        await cancelJob(scope(), data.jobId);
      }
    });
    const job = await start(queue, "cancel");
    const view = await waitFor(() => getJob(scope(), job.id), (v) => v?.job.state === "CANCELLED", "the job to be cancelled");
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const after = await getJob(scope(), job.id);
    expect(after?.job.state).toBe("CANCELLED");
    expect(firstChunk).toBeGreaterThan(0);
    expect(after?.progress.done).toBe(firstChunk);
    expect(after?.job.total).toBe(BORROWERS);
    expect(view?.job.cancelRequestedAt).not.toBeNull();
    expect(await database.db.auditEvent.count({ where: { entityId: job.id, action: "job.cancelled" } })).toBe(1);
    expect(await cancelJob(scope(), job.id).then((v) => v.job.state)).toBe("CANCELLED");
    await queue.stop({ graceful: true });
  }, 120_000);
});
