// Issue 11, item 8: onboarding a lender with nothing seeded, and the readiness probe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { authenticateUser } from "./authenticate-user";
import { checkReadiness } from "./check-readiness";
import { createTenant } from "./create-tenant";
import { verifyAuditChain } from "./verify-audit-chain";

const context = { now: new Date("2026-12-01T09:00:00Z"), operator: "cli:tenant:create:test", requestId: "onboarding" };

describe.each(testDatabaseKinds())("createTenant and checkReadiness on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());

  it("creates the tenant with its first administrator, default model and policy, audited as the start of its chain", async () => {
    const created = await createTenant(database.db, { name: "Kilimo SACCO", slug: "kilimo-sacco", adminEmail: " Admin@Kilimo.Example " }, context);
    expect(created.admin).toMatchObject({ email: "admin@kilimo.example", role: "ADMIN", tenantId: created.tenant.id });
    expect(created.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await database.db.user.findUnique({ where: { id: created.admin.id } })).not.toMatchObject({ passwordHash: expect.stringContaining(created.oneTimePassword) });
    const signedIn = await authenticateUser(database.db, "admin@kilimo.example", created.oneTimePassword, { now: new Date(), ipAddress: null });
    expect(signedIn.ok && signedIn.user.tenantId).toBe(created.tenant.id);
    expect(await database.db.modelVersion.count({ where: { tenantId: created.tenant.id, status: "ACTIVE" } })).toBe(1);
    expect(await database.db.policyVersion.count({ where: { tenantId: created.tenant.id, status: "ACTIVE" } })).toBe(1);
    const events = await database.db.auditEvent.findMany({ where: { tenantId: created.tenant.id }, orderBy: { seq: "asc" } });
    expect(events.map((event) => [event.seq, event.action, event.actorType, event.actorId])).toEqual([
      [1, "tenant.created", "SYSTEM", context.operator],
      [2, "model.activated", "SYSTEM", context.operator],
      [3, "policy.published", "SYSTEM", context.operator],
      [4, "user.created", "SYSTEM", context.operator],
    ]);
    const scope = { db: database.db, now: context.now, request: { id: "check", ipAddress: null }, actor: { kind: "USER" as const, id: created.admin.id, tenantId: created.tenant.id, role: "ADMIN" as const, name: "Administrator", email: created.admin.email, borrowerId: null, scopes: [] } };
    expect(await verifyAuditChain(scope)).toMatchObject({ valid: true });
  });

  it("refuses a taken slug or email as CONFLICT and bad input naming the field, creating nothing", async () => {
    const tenants = await database.db.tenant.count();
    await expect(createTenant(database.db, { name: "Again", slug: "kilimo-sacco", adminEmail: "other@kilimo.example" }, context)).rejects.toMatchObject({ code: "CONFLICT", field: "slug" });
    await expect(createTenant(database.db, { name: "Other", slug: "other-sacco", adminEmail: "admin@kilimo.example" }, context)).rejects.toMatchObject({ code: "CONFLICT", field: "adminEmail" });
    await expect(createTenant(database.db, { name: "Bad", slug: "Not A Slug", adminEmail: "x@y.example" }, context)).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "slug" });
    await expect(createTenant(database.db, { name: "Bad", slug: "bad", adminEmail: "not an email" }, context)).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "adminEmail" });
    expect(await database.db.tenant.count()).toBe(tenants);
  });

  it("is ready once migrated, and not before", async () => {
    expect(await checkReadiness(database)).toEqual({ ready: true, database: "ok", pendingMigrations: 0 });
    const fresh = await createTestDatabase(kind, { migrate: false });
    try {
      expect(await checkReadiness(fresh)).toMatchObject({ ready: false, database: "ok", pendingMigrations: expect.any(Number) });
      await fresh.withSqlSession((sql) => sql.query(`CREATE TABLE "_prisma_migrations" ("migration_name" text, "finished_at" timestamptz, "rolled_back_at" timestamptz)`));
      expect((await checkReadiness(fresh)).ready).toBe(false);
    } finally {
      await fresh.destroy();
    }
    expect(await checkReadiness({ withSqlSession: () => Promise.reject(new Error("connection refused")) })).toMatchObject({ ready: false, database: "unreachable" });
  });
});
