// Issue 11: the app runs as a database role that does not own the tables. On PostgreSQL (a role split means
// nothing on the embedded database): migrated by the owner, then granted (prisma/migrate/app-role.ts), the app
// role scores and keeps a valid chain, runs the job queue, and cannot disable the append-only triggers,
// rewrite or delete an audit record, truncate a table or change the schema.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore } from "./calculate-score";
import { JobQueue } from "./jobs/job-queue";
import { resolveSessionCaller } from "./resolve-session-caller";
import { verifyAuditChain } from "./verify-audit-chain";
import { openDatabase, type Database } from "@/prisma/store/database";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, type TestDatabase } from "@/prisma/testing/test-database";
import { appRoleGrants, grantAppRole, quoteIdentifier, roleOfUrl } from "@/prisma/migrate/app-role";

describe("appRoleGrants", () => {
  it("quotes the role and keeps the append-only tables to SELECT and INSERT", () => {
    expect(quoteIdentifier('odd"role')).toBe('"odd""role"');
    expect(() => quoteIdentifier("")).toThrow();
    const script = appRoleGrants("microtrust_app");
    expect(script).toContain('REVOKE UPDATE, DELETE ON "AuditEvent", "AuditCheckpoint", "CreditScore", "CreditScoreNarrative" FROM "microtrust_app";');
    expect(script).not.toMatch(/TRUNCATE|TRIGGER|REFERENCES/);
    expect(roleOfUrl("postgresql://microtrust_app:secret@db:5432/microtrust")).toBe("microtrust_app");
  });
});

describe.runIf(process.env.DATABASE_URL)("the app as a role that does not own the tables (PostgreSQL)", () => {
  let owner: TestDatabase;
  let app: Database;
  let appUrl: string;
  const role = `mt_app_${randomBytes(5).toString("hex")}`;
  const now = new Date("2026-06-01T12:00:00.000Z");

  async function asApp(statement: string): Promise<string> {
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    try {
      await client.query(statement);
      return "done";
    } catch (error) {
      return (error as Error).message;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    owner = await createTestDatabase("postgresql");
    await owner.withSqlSession((sql) => sql.executeScript(`CREATE ROLE ${quoteIdentifier(role)} LOGIN`));
    // As prisma/cli/prepare-database.ts does: the owner installs the queue's schema, then grants.
    const ownerQueue = new JobQueue(owner, undefined, { supervise: false });
    await ownerQueue.start();
    await ownerQueue.stop({ graceful: true });
    expect(await owner.withSqlSession((sql) => grantAppRole(sql, role))).toEqual({ granted: true });
    const url = new URL(owner.connectionString as string);
    url.username = role;
    url.password = "";
    appUrl = url.toString();
    app = await openDatabase({ databaseUrl: appUrl });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await owner?.destroy();
    const server = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await server.connect();
    await server.query(`DROP ROLE IF EXISTS ${quoteIdentifier(role)}`);
    await server.end();
  });

  it("scores, keeps a valid chain and runs the job queue as the app role", async () => {
    const { tenantId } = await createScoringTenant(app.db, "app-role");
    const analyst = (await resolveSessionCaller(app.db, { userId: await createFixtureUser(app.db, tenantId, "ANALYST", "analyst@app-role.test"), tenantId })) as Actor;
    const scope: UseCaseScope = { db: app.db, actor: analyst, now, request: { id: "app-role", ipAddress: null } };
    const borrower = await createBareBorrower(app.db, tenantId, "app-role");
    await grantFixtureConsent(app.db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z") });
    const score = await calculateScore(scope, { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 30, asOf: now });
    expect(score.score).toBeGreaterThanOrEqual(300);
    expect((await verifyAuditChain(scope, { full: true })).valid).toBe(true);
    const queue = new JobQueue(app, undefined, { supervise: false });
    await queue.start();
    await queue.stop({ graceful: true });
  }, 120_000);

  it("cannot disable the append-only triggers, rewrite or delete audit records, truncate or change the schema", async () => {
    expect(await asApp('ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL')).toMatch(/must be owner/);
    expect(await asApp('ALTER TABLE "CreditScore" DISABLE TRIGGER "CreditScore_append_only"')).toMatch(/must be owner/);
    expect(await asApp('UPDATE "CreditScore" SET score = 845')).toMatch(/permission denied/);
    expect(await asApp('DELETE FROM "AuditEvent"')).toMatch(/permission denied/);
    expect(await asApp('UPDATE "AuditCheckpoint" SET signature = signature')).toMatch(/permission denied/);
    expect(await asApp('TRUNCATE "Consent"')).toMatch(/permission denied/);
    expect(await asApp("SET session_replication_role = replica")).toMatch(/permission denied/);
    expect(await asApp("CREATE TABLE public.shadow_copy (id int)")).toMatch(/permission denied/);
    expect(await asApp('DROP TABLE "AuditEvent"')).toMatch(/must be owner/);
    const [{ count }] = await owner.withSqlSession((sql) => sql.query<{ count: string }>('SELECT count(*)::text AS count FROM "AuditEvent"'));
    expect(Number(count)).toBeGreaterThan(0);
  });
});
