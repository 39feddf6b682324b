// The audit trail against someone who can write the tables (the database's owner, triggers off): a
// recomputed-hash forgery, a cut tail, a deleted record whose event remains, an edited record — each
// detected, incrementally from the newest signed checkpoint and in a full verification, on PGlite and
// (when DATABASE_URL is set) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { hashAuditEvent, type AuditPayload } from "@/prisma/store/audit-event";
import { hashCreditScore } from "@/prisma/store/credit-score";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore } from "./calculate-score";
import { resolveSessionCaller } from "./resolve-session-caller";
import { verifyAuditChain } from "./verify-audit-chain";

const asOf = new Date("2026-11-01T00:00:00.000Z");

describe.each(testDatabaseKinds())("audit chain verification on %s", (kind) => {
  let database: TestDatabase;
  let tenantCount = 0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  }, 120_000);
  afterAll(async () => database.destroy());

  /** A tenant with three scorings, verified once (so its head is signed), and its scope. */
  async function scoredTenant(): Promise<{ scope: () => UseCaseScope; tenantId: string; scoreIds: string[] }> {
    tenantCount += 1;
    const tenant = await ensureTenant(database.db, { slug: `chain-${tenantCount}`, name: `Chain ${tenantCount}` });
    await registerDefaultScoring(database.db, tenant.id);
    const user = await createUser(database.db, tenant.id, { email: `auditor-${kind}-${tenantCount}@chain.test`, name: "Analyst", role: "ANALYST", passwordHash: "x" });
    const actor = (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Actor;
    const scope = (): UseCaseScope => ({ db: database.db, actor, now: new Date(), request: { id: "chain-test", ipAddress: null } });
    const [borrower] = await seedScoringPopulation(database.db, tenant.id, `chain-${tenantCount}`, { borrowers: 1, signalsPerBorrower: 150, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date() });
    const scoreIds: string[] = [];
    for (const amount of ["10000", "20000", "30000"]) scoreIds.push((await calculateScore(scope(), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: amount, requestedTenorDays: 90, asOf })).id);
    const first = await verifyAuditChain(scope());
    expect(first).toMatchObject({ valid: true, full: false });
    expect(first.checkpoint?.seq).toBe(await database.db.auditEvent.count({ where: { tenantId: tenant.id } }));
    return { scope, tenantId: tenant.id, scoreIds };
  }

  /** Runs statements with triggers off, as the tables' owner could. */
  async function asOwner(statements: { sql: string; params?: unknown[] }[]): Promise<void> {
    await database.withSqlSession(async (sql) => {
      await sql.query("SET session_replication_role = replica");
      try {
        for (const statement of statements) await sql.query(statement.sql, statement.params ?? []);
      } finally {
        await sql.query("SET session_replication_role = origin");
      }
    });
  }

  it("keeps verifying incrementally from its newest checkpoint as the chain grows, signing each new head", async () => {
    const { scope } = await scoredTenant();
    const again = await verifyAuditChain(scope());
    expect(again).toMatchObject({ valid: true, checkedEvents: 0 });
    const full = await verifyAuditChain(scope(), { full: true });
    expect(full.valid).toBe(true);
    expect(full.checkedEvents).toBe(full.checkpoint?.seq);
  });

  it("detects a scoring changed to 845 with every hash recomputed (no secret needed for those)", async () => {
    const { scope, tenantId, scoreIds } = await scoredTenant();
    const target = (await database.db.creditScore.findFirstOrThrow({ where: { id: scoreIds[0] } }));
    const recordHash = hashCreditScore({ ...target, score: 845 });
    const events = await database.db.auditEvent.findMany({ where: { tenantId }, orderBy: { seq: "asc" } });
    let prevHash: string | null = null;
    const updates: { sql: string; params: unknown[] }[] = [{ sql: `UPDATE "CreditScore" SET score = 845, "recordHash" = $1 WHERE id = $2`, params: [recordHash, target.id] }];
    for (const event of events) {
      const payload = (event.entityId === target.id ? { ...(event.payload as object), recordHash, score: 845 } : event.payload) as AuditPayload;
      const rowHash = hashAuditEvent(prevHash, { ...event, payload });
      updates.push({ sql: `UPDATE "AuditEvent" SET payload = $1::jsonb, "prevHash" = $2, "rowHash" = $3 WHERE id = $4`, params: [JSON.stringify(payload), prevHash, rowHash, event.id] });
      prevHash = rowHash;
    }
    await asOwner(updates);
    for (const full of [false, true]) {
      const result = await verifyAuditChain(scope(), { full });
      expect(result.valid).toBe(false);
      expect(result.reason).toMatch(/no longer carries the hash its checkpoint signed/);
    }
  });

  it("detects the tail of the chain cut below its checkpoint", async () => {
    const { scope, tenantId } = await scoredTenant();
    const head = await database.db.auditEvent.findFirstOrThrow({ where: { tenantId }, orderBy: { seq: "desc" } });
    await asOwner([{ sql: `DELETE FROM "AuditEvent" WHERE id = $1`, params: [head.id] }]);
    const result = await verifyAuditChain(scope());
    expect(result.valid).toBe(false);
    expect(result.reason).toMatch(/no longer carries the hash its checkpoint signed|no longer reaches seq/);
  });

  it("detects a deleted scoring whose audit event remains", async () => {
    const { scope, scoreIds } = await scoredTenant();
    await asOwner([{ sql: `DELETE FROM "CreditScore" WHERE id = $1`, params: [scoreIds[1]] }]);
    const result = await verifyAuditChain(scope());
    expect(result).toMatchObject({ valid: false });
    expect(result.reason).toContain(`${scoreIds[1]}, which no longer exists`);
  });

  it("detects a scoring edited behind the chain in a full verification (an incremental one re-reads only records newer than its checkpoint)", async () => {
    const { scope, scoreIds } = await scoredTenant();
    await asOwner([{ sql: `UPDATE "CreditScore" SET "recommendedLimit" = 250000 WHERE id = $1`, params: [scoreIds[2]] }]);
    // Incremental verification re-reads only the records written after the newest checkpoint.
    expect((await verifyAuditChain(scope())).valid).toBe(true);
    const full = await verifyAuditChain(scope(), { full: true });
    expect(full.valid).toBe(false);
    expect(full.reason).toContain(`credit score ${scoreIds[2]} no longer matches`);
  });

  it("detects a checkpoint forged without the key", async () => {
    const { scope, tenantId } = await scoredTenant();
    await asOwner([{ sql: `UPDATE "AuditCheckpoint" SET signature = repeat('0', 64) WHERE "tenantId" = $1`, params: [tenantId] }]);
    const result = await verifyAuditChain(scope());
    expect(result.valid).toBe(false);
    expect(result.reason).toMatch(/not signed by this deployment's audit key/);
  });
});
