// The audit chain's outbox (prisma/store/audit-outbox.ts): a scoring commits its row and its event as pending
// in one statement, without the tenant's chain lock, and returns only once the event is linked into the chain.
// On PostgreSQL a paused holder of the chain lock shows that scorings write in parallel and wait only for the
// link; on both databases an orphaned pending event (its writer died before linking) is linked by the next
// writer or verification, and a pending event removed behind the application's back is caught.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { chainLockSql } from "@/prisma/store/audit-event";
import { drainAuditOutbox, insertPendingAuditEventSql } from "@/prisma/store/audit-outbox";
import { writeCreditScoreWithPendingAudit } from "@/prisma/store/credit-score";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore, prepareScoring } from "./calculate-score";
import { resolveSessionCaller } from "./resolve-session-caller";
import { verifyAuditChain } from "./verify-audit-chain";

const now = new Date("2026-06-01T12:00:00.000Z");
const request = { purpose: "LOAN_UNDERWRITING" as const, requestedAmount: "10000", requestedTenorDays: 30, asOf: now };

describe.each(testDatabaseKinds())("the audit chain's outbox on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let analyst: Actor;
  const scope = (): UseCaseScope => ({ db: database.db, actor: analyst, now, request: { id: "outbox", ipAddress: null } });

  async function consentedBorrower(label: string): Promise<string> {
    const borrower = await createBareBorrower(database.db, tenantId, label);
    await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z") });
    return borrower.id;
  }

  /** A scoring committed with its pending event by a writer that died before linking it. */
  async function orphanedScoring(label: string): Promise<{ scoreId: string; eventId: string }> {
    const prepared = await prepareScoring(scope(), { ...request, borrowerId: await consentedBorrower(label) });
    if (prepared.kind !== "scored") throw new Error("the fixture borrower was refused");
    const { score, eventId } = await writeCreditScoreWithPendingAudit(database.db, tenantId, prepared.scoring.record, prepared.scoring.event);
    return { scoreId: score.id, eventId };
  }

  const pendingCount = () => database.db.pendingAuditEvent.count({ where: { tenantId } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `outbox-${kind}`));
    analyst = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@outbox.test`), tenantId })) as Actor;
  }, 120_000);
  afterAll(async () => database.destroy());

  it("returns a scoring only with its event in the chain, the outbox empty", async () => {
    const score = await calculateScore(scope(), { ...request, borrowerId: await consentedBorrower("linked") });
    const events = await database.db.auditEvent.findMany({ where: { tenantId, entityId: score.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "creditScore.calculated", payload: expect.objectContaining({ recordHash: score.recordHash }) });
    expect(await pendingCount()).toBe(0);
  });

  it("links an orphaned event with the next scoring, in the order they were written, keeping its id", async () => {
    const orphan = await orphanedScoring("orphan-next");
    expect(await pendingCount()).toBe(1);
    expect(await database.db.auditEvent.count({ where: { tenantId, entityId: orphan.scoreId } })).toBe(0);
    const next = await calculateScore(scope(), { ...request, borrowerId: await consentedBorrower("after-orphan") });
    const [orphanEvent, nextEvent] = await Promise.all([
      database.db.auditEvent.findUniqueOrThrow({ where: { id: orphan.eventId } }),
      database.db.auditEvent.findFirstOrThrow({ where: { tenantId, entityId: next.id } }),
    ]);
    expect(orphanEvent.entityId).toBe(orphan.scoreId);
    expect(nextEvent.seq).toBe(orphanEvent.seq + 1);
    expect(await pendingCount()).toBe(0);
    expect(await verifyAuditChain(scope(), { full: true })).toMatchObject({ valid: true });
  });

  it("links only its own tenant's pending events: another tenant's stay in the outbox for that tenant's chain", async () => {
    const { tenantId: otherTenantId } = await createScoringTenant(database.db, `outbox-other-${kind}`);
    const foreign = { id: randomUUID(), actorType: "SYSTEM" as const, actorId: "test", action: "test.pending", entityType: "Test", payload: {}, occurredAt: now };
    await database.db.$executeRaw(insertPendingAuditEventSql(otherTenantId, foreign));
    await calculateScore(scope(), { ...request, borrowerId: await consentedBorrower("beside-foreign") });
    expect(await verifyAuditChain(scope())).toMatchObject({ valid: true });
    expect(await database.db.pendingAuditEvent.findMany({ where: { id: foreign.id }, select: { tenantId: true } })).toEqual([{ tenantId: otherTenantId }]);
    expect(await database.db.auditEvent.count({ where: { id: foreign.id } })).toBe(0);
    const otherEvents = await database.db.auditEvent.count({ where: { tenantId: otherTenantId } });
    await drainAuditOutbox(database.db, otherTenantId);
    expect(await database.db.auditEvent.findUniqueOrThrow({ where: { id: foreign.id } })).toMatchObject({ tenantId: otherTenantId, seq: otherEvents + 1 });
  });

  it("links an orphaned event when the chain is verified, and the chain verifies", async () => {
    const orphan = await orphanedScoring("orphan-verify");
    const verification = await verifyAuditChain(scope());
    expect(verification).toMatchObject({ valid: true, remainingEvents: 0 });
    const linked = await database.db.auditEvent.findUniqueOrThrow({ where: { id: orphan.eventId } });
    expect(verification.headSeq).toBe(linked.seq);
    expect(await pendingCount()).toBe(0);
  });

  it("refuses to change a pending event, and catches one removed before it was linked", async () => {
    const orphan = await orphanedScoring("orphan-removed");
    await expect(database.db.$executeRaw`UPDATE "PendingAuditEvent" SET action = 'edited' WHERE id = ${orphan.eventId}`).rejects.toThrow(/UPDATE refused/);
    await database.db.$executeRaw`DELETE FROM "PendingAuditEvent" WHERE id = ${orphan.eventId}`;
    const incremental = await verifyAuditChain(scope());
    expect(incremental).toMatchObject({ valid: false, reason: expect.stringMatching(/^1 credit score\(s\) have no audit event/) });
    const full = await verifyAuditChain(scope(), { full: true });
    expect(full).toMatchObject({ valid: false, reason: `credit score ${orphan.scoreId} has no audit event` });
  });
});

describe.runIf(testDatabaseKinds().includes("postgresql"))("scorings while another transaction holds the chain lock (PostgreSQL)", () => {
  const SCORINGS = 6;
  let database: TestDatabase;
  let tenantId: string;
  let analyst: Actor;
  const scope = (): UseCaseScope => ({ db: database.db, actor: analyst, now, request: { id: "outbox-paused", ipAddress: null } });

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    ({ tenantId } = await createScoringTenant(database.db, "outbox-paused"));
    analyst = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "ANALYST", "analyst@outbox-paused.test"), tenantId })) as Actor;
  }, 120_000);
  afterAll(async () => database.destroy());

  it(`commits ${SCORINGS} scorings in parallel, returns none before the holder lets go, then links them all`, async () => {
    const borrowers: string[] = [];
    for (let i = 0; i < SCORINGS; i += 1) {
      const borrower = await createBareBorrower(database.db, tenantId, `paused-${i}`);
      await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z") });
      borrowers.push(borrower.id);
    }
    const eventsBefore = await database.db.auditEvent.count({ where: { tenantId } });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = database.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT ${chainLockSql(tenantId)}::text AS locked`;
        holding();
        await released;
      },
      { timeout: 120_000 },
    );
    await held;
    let returned = 0;
    const scorings = borrowers.map((borrowerId) => calculateScore(scope(), { ...request, borrowerId }).then((score) => ((returned += 1), score)));

    // Every scoring row and its pending event commit while the lock is held: the writes do not wait for it.
    for (let polls = 0; (await database.db.creditScore.count({ where: { tenantId } })) < SCORINGS; polls += 1) {
      if (polls > 600) throw new Error("the scorings did not commit while the chain lock was held");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await database.db.pendingAuditEvent.count({ where: { tenantId } })).toBe(SCORINGS);
    expect(await database.db.auditEvent.count({ where: { tenantId } })).toBe(eventsBefore);
    expect(returned).toBe(0);

    release();
    await holder;
    const scores = await Promise.all(scorings);
    const events = await database.db.auditEvent.findMany({ where: { tenantId, action: "creditScore.calculated" }, orderBy: { seq: "asc" } });
    expect(new Set(events.map((event) => event.entityId))).toEqual(new Set(scores.map((score) => score.id)));
    expect(await database.db.pendingAuditEvent.count({ where: { tenantId } })).toBe(0);
    expect(await verifyAuditChain(scope(), { full: true })).toMatchObject({ valid: true, checkedEvents: eventsBefore + SCORINGS });
  });
});
