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
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { approveChange, proposeChange } from "./approvals/change-proposals";
import { createApiKey } from "./create-api-key";
import { createBorrower } from "./create-borrower";
import { draftPolicy } from "./draft-policy";
import { grantConsent } from "./grant-consent";
import { createUser as createUser2, setUserRole } from "./manage-users";
import { recordCommitteeDecision } from "./record-committee-decision";
import { recordOutcome } from "./record-outcome";
import { revokeConsent } from "./revoke-consent";
import { JobQueue } from "./jobs/job-queue";
import { runPolicySimulation } from "./policy-simulation/run-policy-simulation";
import { startPolicySimulation } from "./policy-simulation/start-policy-simulation";

process.env.MICROTRUST_ID_HASH_KEY ??= "vouched-test-id-hash-key";
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
    // Incrementally the counts of scorings and scoring events no longer agree; a full verification names the scoring.
    const incremental = await verifyAuditChain(scope());
    expect(incremental).toMatchObject({ valid: false });
    expect(incremental.reason).toMatch(/1 scoring event\(s\) name credit scores that no longer exist/);
    const full = await verifyAuditChain(scope(), { full: true });
    expect(full).toMatchObject({ valid: false });
    expect(full.reason).toContain(`${scoreIds[1]}, which no longer exists`);
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

describe.each(testDatabaseKinds())("rows the chain vouches for on %s", (kind) => {
  let database: TestDatabase;
  let scope: (actor?: Actor) => UseCaseScope;
  let admin: Actor;
  let tenantId: string;
  let queue: JobQueue;
  const ids: Record<string, string> = {};

  /** Runs one statement with triggers off, as the tables' owner could. */
  const asOwner = (statement: string, params: unknown[]) =>
    database.withSqlSession(async (sql) => {
      await sql.query("SET session_replication_role = replica");
      try {
        await sql.query(statement, params);
      } finally {
        await sql.query("SET session_replication_role = origin");
      }
    });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const tenant = await ensureTenant(database.db, { slug: `vouched-${kind}`, name: "Vouched" });
    tenantId = tenant.id;
    await registerDefaultScoring(database.db, tenantId);
    const adminUser = await createUser(database.db, tenantId, { email: `admin-${kind}@vouched.test`, name: "Admin", role: "ADMIN", passwordHash: "x" });
    admin = (await resolveSessionCaller(database.db, { userId: adminUser.id, tenantId })) as Actor;
    let tick = 0;
    scope = (actor = admin) => ({ db: database.db, actor, now: new Date(Date.UTC(2026, 11, 1, 10, 0, tick++)), request: { id: "vouched", ipAddress: null } });
    const borrower = await createBorrower(scope(), { externalId: "V-1", nationalIdType: "NIN", nationalId: "NIN00000001", givenName: "Ama", familyName: "Mensah", phone: "+233201234567", dateOfBirth: new Date("1988-05-05T00:00:00Z") });
    const consentTerms = { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING" as const, dataCategories: ["IDENTITY" as const], dataLifeDays: 365, validFrom: new Date("2026-01-01T00:00:00Z"), expiresAt: new Date("2027-01-01T00:00:00Z"), statement: "I agree." };
    ids.Consent = (await grantConsent(scope(), consentTerms)).id;
    await revokeConsent(scope(), ids.Consent);
    ids.User = (await createUser2(scope(), { email: `officer-${kind}@vouched.test`, name: "Officer", role: "ANALYST", password: "a long enough password" })).id;
    await setUserRole(scope(), ids.User, "COMMITTEE");
    ids.ApiKey = (await createApiKey(scope(), { name: "partner", role: "ANALYST", scopes: ["READ"] })).apiKey.id;
    ids.PolicyVersion = (await draftPolicy(scope(), { name: "Vouched", document: DEFAULT_DECISION_POLICY })).id;
    // Publishing cites the simulation that was reviewed: run one (the worker's part, in-line) first.
    queue = new JobQueue(database, undefined, { supervise: false });
    const simulation = await startPolicySimulation(scope(), { policyVersionId: ids.PolicyVersion, from: new Date("2026-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") }, queue);
    await runPolicySimulation(database, { tenantId, jobId: simulation.id }, new Date());
    ids.ChangeProposal = (await proposeChange(scope(), { kind: "PUBLISH_POLICY", subjectId: ids.PolicyVersion, note: "Publish it.", evidenceJobId: simulation.id })).id;
    const second = (await resolveSessionCaller(database.db, { userId: ids.User, tenantId, sessionVersion: 1 })) as Actor;
    await approveChange(scope(second), { proposalId: ids.ChangeProposal });
    const [applicant] = await seedScoringPopulation(database.db, tenantId, `vouched-${kind}`, { borrowers: 1, signalsPerBorrower: 150, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date("2027-01-01T00:00:00Z") });
    const score = await calculateScore(scope(), { borrowerId: applicant.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 90, asOf });
    ids.CommitteeDecision = (await recordCommitteeDecision(scope(), { scoreId: score.id, verdict: "REFERRED", note: "Visit the shop first." })).id;
    const observing = scope();
    ids.Outcome = (await recordOutcome(observing, { scoreId: score.id, status: "LATE", maxDaysLate: 12, observedAt: observing.now })).id;
  }, 180_000);
  afterAll(async () => {
    await queue?.stop({ graceful: true });
    await database.destroy();
  });

  it("stays valid through every audited change, including state changes made by the application", async () => {
    const result = await verifyAuditChain(scope(), { full: true });
    expect(result).toMatchObject({ valid: true, reason: null });
    const events = await database.db.auditEvent.findMany({ where: { tenantId, action: { in: ["consent.revoked", "user.roleChanged", "change.approved"] } } });
    expect(events.map((event) => (event.payload as { records?: { type: string }[] }).records?.map((record) => record.type))).toEqual([["Consent"], ["User"], ["ChangeProposal"]]);
  });

  it.each([
    ["Consent", "revokedAt", null],
    ["User", "role", "ADMIN"],
    ["ApiKey", "scopes", ["READ", "WRITE"]],
    ["PolicyVersion", "name", "Forged"],
    ["ChangeProposal", "decidedByName", "Someone else"],
    ["CommitteeDecision", "verdict", "APPROVED"],
    ["Outcome", "maxDaysLate", 0],
  ] as const)("detects a %s whose %s was edited outside the application, and only while it differs", async (type, column, forged) => {
    const id = ids[type];
    const [original] = await database.withSqlSession((sql) => sql.query<Record<string, unknown>>(`SELECT "${column}" AS value FROM "${type}" WHERE id = $1`, [id]));
    const cast = type === "User" ? '::"Role"' : type === "CommitteeDecision" ? '::"CommitteeVerdict"' : "";
    await asOwner(`UPDATE "${type}" SET "${column}" = $2${cast} WHERE id = $1`, [id, forged]);
    const result = await verifyAuditChain(scope(), { full: true });
    expect(result.valid).toBe(false);
    expect(result.reason).toContain(`${type} ${id} no longer matches`);
    await asOwner(`UPDATE "${type}" SET "${column}" = $2${cast} WHERE id = $1`, [id, original.value]);
    expect((await verifyAuditChain(scope(), { full: true })).valid).toBe(true);
  });

  it("detects a vouched row deleted outside the application", async () => {
    const key = await createApiKey(scope(), { name: "doomed", role: "ANALYST", scopes: ["READ"] });
    await asOwner('DELETE FROM "ApiKey" WHERE id = $1', [key.apiKey.id]);
    const result = await verifyAuditChain(scope(), { full: true });
    expect(result.valid).toBe(false);
    expect(result.reason).toContain(`ApiKey ${key.apiKey.id}, recorded by the event at seq`);
  });
});
