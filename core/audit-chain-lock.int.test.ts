// The audit chain's lock (prisma/store/audit-event.ts chainLockSql/lockAuditChain, which the outbox's link takes too) serialises appends per
// tenant so two writers never read the same chain head. Only PostgreSQL can show that it is needed: the
// embedded PGlite is one connection, and its Prisma adapter runs one interactive transaction at a time, so
// two scorings can never interleave there and the chain stays valid even with the lock removed (issue 14
// found exactly that: the concurrency test fails without the lock on PostgreSQL only). That is inherent to
// PGlite, not a gap in the test; the second test below pins it, so if PGlite ever interleaved transactions
// the first test would start guarding the lock on PGlite too. Run with DATABASE_URL to cover the lock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore } from "./calculate-score";
import { resolveSessionCaller } from "./resolve-session-caller";
import { verifyAuditChain } from "./verify-audit-chain";

const CONCURRENT_SCORINGS = 24;
const now = new Date("2026-06-01T12:00:00.000Z");

describe.each(testDatabaseKinds())("the audit chain under concurrent writers on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let analyst: Actor;
  const scope = (): UseCaseScope => ({ db: database.db, actor: analyst, now, request: { id: "chain-lock", ipAddress: null } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `chain-lock-${kind}`));
    analyst = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@chain.test`), tenantId })) as Actor;
  }, 120_000);
  afterAll(async () => database.destroy());

  it(`stays one unbroken chain after ${CONCURRENT_SCORINGS} scorings written at once`, async () => {
    const borrowers = [];
    for (let i = 0; i < CONCURRENT_SCORINGS; i += 1) {
      const borrower = await createBareBorrower(database.db, tenantId, `chain-${kind}`);
      await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z") });
      borrowers.push(borrower);
    }
    const before = await database.db.auditEvent.count({ where: { tenantId } });
    await Promise.all(borrowers.map((borrower) => calculateScore(scope(), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 30, asOf: now })));
    const events = await database.db.auditEvent.findMany({ where: { tenantId }, orderBy: { seq: "asc" }, select: { seq: true, prevHash: true, rowHash: true } });
    expect(events).toHaveLength(before + CONCURRENT_SCORINGS);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => events[0].seq + index));
    for (let i = 1; i < events.length; i += 1) expect(events[i].prevHash).toBe(events[i - 1].rowHash);
    expect(await verifyAuditChain(scope(), { full: true })).toMatchObject({ valid: true, checkedEvents: events.length });
  });

  it(kind === "pglite" ? "never overlaps two transactions (one connection): the chain lock cannot be observed here" : "overlaps two transactions, which is why the chain lock is needed", async () => {
    let releaseFirst: () => void = () => undefined;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstIsOpen: () => void = () => undefined;
    const firstOpened = new Promise<void>((resolve) => (firstIsOpen = resolve));
    let firstCommitted = false;
    let secondRanWhileFirstOpen = false;
    const first = database.db
      .$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1 AS one`;
        firstIsOpen();
        await firstMayCommit;
      }, { timeout: 30_000 })
      .then(() => (firstCommitted = true));
    await firstOpened;
    const second = database.db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 2 AS two`;
        secondRanWhileFirstOpen = !firstCommitted;
        releaseFirst();
      },
      { maxWait: 30_000, timeout: 30_000 },
    );
    // PGlite cannot start the second before the first ends, so the first is let go after a while; on
    // PostgreSQL the second (on another connection) lets it go itself. No assertion rests on the delay.
    const fallback = setTimeout(releaseFirst, 1000);
    await Promise.all([first, second]);
    clearTimeout(fallback);
    expect(secondRanWhileFirstOpen).toBe(kind === "postgresql");
  });
});
