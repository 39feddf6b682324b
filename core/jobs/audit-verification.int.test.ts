// Full verification as a job, and the cap on what one request verifies: the job finds a forgery the
// incremental check cannot (a scoring edited below the newest checkpoint), a request never reads more than
// MAX_EVENTS_PER_REQUEST events and signs only what it read, and a cancelled verification signs nothing.
// On PGlite and (with DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEventsInTransaction, lockAuditChain, type NewAuditEvent } from "@/prisma/store/audit-event";
import { createFixtureUser, createScoringTenant } from "@/prisma/testing/scoring-fixtures";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "../actor";
import { calculateScore } from "../calculate-score";
import { resolveSessionCaller } from "../resolve-session-caller";
import { MAX_EVENTS_PER_REQUEST, VerificationStopped, verifyAuditChain } from "../verify-audit-chain";
import { cancelAuditVerification, getAuditVerification, runAuditVerification, startAuditVerification } from "./audit-verification";
import { JobQueue } from "./job-queue";
import { startWorker } from "./job-worker";

const asOf = new Date("2026-11-01T00:00:00.000Z");

describe.each(testDatabaseKinds())("audit verification job and the per-request cap on %s", (kind) => {
  let database: TestDatabase;
  let tenants = 0;
  const sent: string[] = [];
  const queue = { send: async (_queue: string, _data: unknown, id: string) => void sent.push(id) };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  }, 120_000);
  afterAll(async () => database.destroy());

  /** A tenant with an auditor and `scorings` scorings, its head signed by one verification. */
  async function tenantWithScorings(scorings: number): Promise<{ tenantId: string; scope: () => UseCaseScope; scoreIds: string[] }> {
    tenants += 1;
    const { tenantId } = await createScoringTenant(database.db, `verify-job-${kind}-${tenants}`);
    const auditor = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "AUDITOR", `auditor-${kind}-${tenants}@verify.test`), tenantId })) as Actor;
    const analyst = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}-${tenants}@verify.test`), tenantId })) as Actor;
    const scopeOf = (actor: Actor) => (): UseCaseScope => ({ db: database.db, actor, now: new Date(), request: { id: "verify-job", ipAddress: null } });
    const [borrower] = await seedScoringPopulation(database.db, tenantId, `verify-job-${tenants}`, { borrowers: 1, signalsPerBorrower: 100, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date("2030-01-01T00:00:00Z") });
    const scoreIds: string[] = [];
    for (let i = 0; i < scorings; i += 1) scoreIds.push((await calculateScore(scopeOf(analyst)(), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: String(10_000 + i), requestedTenorDays: 90, asOf })).id);
    expect((await verifyAuditChain(scopeOf(auditor)())).valid).toBe(true);
    return { tenantId, scope: scopeOf(auditor), scoreIds };
  }

  /** Appends `count` small events to the tenant's chain in one transaction. */
  async function appendEvents(tenantId: string, count: number): Promise<void> {
    const events: NewAuditEvent[] = Array.from({ length: count }, (_, k) => ({ actorType: "SYSTEM", actorId: "test", action: "test.event", entityType: "Test", entityId: String(k), payload: { k }, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, k)) }));
    await database.db.$transaction(async (tx) => {
      await lockAuditChain(tx, tenantId);
      await appendAuditEventsInTransaction(tx, tenantId, events);
    });
  }

  it("finds a scoring edited below the newest checkpoint, which the incremental verification cannot see", async () => {
    const { tenantId, scope, scoreIds } = await tenantWithScorings(2);
    await database.withSqlSession(async (sql) => {
      await sql.query("SET session_replication_role = replica");
      await sql.query(`UPDATE "CreditScore" SET score = 845, "recommendedLimit" = 250000 WHERE id = $1`, [scoreIds[0]]);
      await sql.query("SET session_replication_role = origin");
    });
    expect((await verifyAuditChain(scope())).valid).toBe(true);

    const started = await startAuditVerification(scope(), {}, queue);
    expect(started.job).toMatchObject({ kind: "AUDIT_VERIFICATION", state: "QUEUED" });
    expect(sent).toContain(started.job.id);
    // Idempotent: while one is queued, starting again returns it.
    expect((await startAuditVerification(scope(), {}, queue)).job.id).toBe(started.job.id);
    await runAuditVerification(database, { tenantId, jobId: started.job.id }, new Date());
    const finished = await getAuditVerification(scope(), started.job.id);
    const events = await database.db.auditEvent.count({ where: { tenantId } });
    expect(finished?.job.state).toBe("SUCCEEDED");
    expect(finished?.job.total).toBe(events - 1); // its own end event came after it counted
    expect(finished?.done).toBe(finished?.job.total);
    expect(finished?.result).toMatchObject({ valid: false, full: true });
    expect(finished?.result?.reason).toContain(`credit score ${scoreIds[0]} no longer matches`);
    expect((await getAuditVerification(scope(), null))?.job.id).toBe(started.job.id);
  }, 120_000);

  it("succeeds on an intact chain, through a worker on the real queue", async () => {
    const { tenantId, scope } = await tenantWithScorings(1);
    const jobQueue = new JobQueue(database, { retryLimit: 2, retryDelay: 1, expireInSeconds: 30, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 5 });
    try {
      await startWorker(database, jobQueue, { concurrency: 1 });
      const started = await startAuditVerification(scope(), { idempotencyKey: `intact-${kind}` }, jobQueue);
      let view = started;
      for (let waited = 0; view.job.state !== "SUCCEEDED" && waited < 60; waited += 1) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        view = (await getAuditVerification(scope(), started.job.id)) as typeof view;
      }
      expect(view.result).toMatchObject({ valid: true, firstInvalidSeq: null, full: true });
      expect(view.result?.checkedEvents).toBe(view.job.total);
      expect((await startAuditVerification(scope(), { idempotencyKey: `intact-${kind}` }, jobQueue)).job.id).toBe(started.job.id);
      expect(await database.db.auditEvent.count({ where: { tenantId, action: "job.finished", entityId: started.job.id } })).toBe(1);
    } finally {
      await jobQueue.stop({ graceful: true });
    }
  }, 120_000);

  it(`verifies at most ${MAX_EVENTS_PER_REQUEST} events per request, signs only what it verified, and says how many remain`, async () => {
    const { tenantId, scope } = await tenantWithScorings(1);
    const before = await database.db.auditEvent.count({ where: { tenantId } });
    await appendEvents(tenantId, MAX_EVENTS_PER_REQUEST + 40);
    const first = await verifyAuditChain(scope());
    expect(first).toMatchObject({ valid: true, checkedEvents: MAX_EVENTS_PER_REQUEST, remainingEvents: 40, headSeq: before + MAX_EVENTS_PER_REQUEST });
    expect(first.checkpoint?.seq).toBe(before + MAX_EVENTS_PER_REQUEST);
    const second = await verifyAuditChain(scope());
    expect(second).toMatchObject({ valid: true, checkedEvents: 40, remainingEvents: 0, headSeq: before + MAX_EVENTS_PER_REQUEST + 40 });
    // An edit inside what the first request left for later is found by the next request that reaches it.
    await appendEvents(tenantId, MAX_EVENTS_PER_REQUEST + 5);
    const target = await database.db.auditEvent.findFirstOrThrow({ where: { tenantId }, orderBy: { seq: "desc" } });
    await database.withSqlSession(async (sql) => {
      await sql.query("SET session_replication_role = replica");
      await sql.query(`UPDATE "AuditEvent" SET payload = '{"k": -1}' WHERE id = $1`, [target.id]);
      await sql.query("SET session_replication_role = origin");
    });
    expect(await verifyAuditChain(scope())).toMatchObject({ valid: true, remainingEvents: 5 });
    expect(await verifyAuditChain(scope())).toMatchObject({ valid: false, firstInvalidSeq: target.seq });
  }, 120_000);

  it("signs nothing when a verification is stopped, and a cancelled job never runs", async () => {
    const { tenantId, scope } = await tenantWithScorings(1);
    await appendEvents(tenantId, 30);
    const checkpoints = await database.db.auditCheckpoint.count({ where: { tenantId } });
    await expect(verifyAuditChain(scope(), { full: true, progress: async () => false })).rejects.toBeInstanceOf(VerificationStopped);
    expect(await database.db.auditCheckpoint.count({ where: { tenantId } })).toBe(checkpoints);

    const started = await startAuditVerification(scope(), {}, queue);
    const cancelled = await cancelAuditVerification(scope(), started.job.id);
    expect(cancelled.job).toMatchObject({ state: "CANCELLED" });
    expect(cancelled.job.cancelRequestedAt).not.toBeNull();
    await runAuditVerification(database, { tenantId, jobId: started.job.id }, new Date());
    const after = await getAuditVerification(scope(), started.job.id);
    expect(after).toMatchObject({ done: 0, result: null });
    expect(after?.job.state).toBe("CANCELLED");
    expect(await database.db.auditCheckpoint.count({ where: { tenantId } })).toBe(checkpoints);
    // A new one may start once the last has finished.
    expect((await startAuditVerification(scope(), {}, queue)).job.id).not.toBe(started.job.id);
  }, 120_000);

  it("refuses roles that may not verify", async () => {
    const { tenantId } = await createScoringTenant(database.db, `verify-job-roles-${kind}`);
    const analyst = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-roles-${kind}@verify.test`), tenantId })) as Actor;
    const scope: UseCaseScope = { db: database.db, actor: analyst, now: new Date(), request: { id: "verify-job", ipAddress: null } };
    await expect(startAuditVerification(scope, {}, queue)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getAuditVerification(scope, null)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
