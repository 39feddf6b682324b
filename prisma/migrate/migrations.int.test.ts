import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "../engine/schema-engine";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../testing/test-database";
import { applyMigrations, checksumMigration, defaultMigrationsDirectory, readMigrations } from "./apply-migrations";

describe("schema.prisma and the committed migrations", () => {
  it("describe the same database: replaying the migrations leaves nothing for the schema engine to change", async () => {
    const schema = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
    expect(await diffMigrationsToSchema(defaultMigrationsDirectory, schema)).toBe("");
  });

  it("are detected as drifting when the schema gains a column the migrations lack", async () => {
    const schema = readFileSync(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8").replace(
      "model Tenant {\n",
      "model Tenant {\n  motto String?\n",
    );
    expect(await diffMigrationsToSchema(defaultMigrationsDirectory, schema)).toContain('ALTER TABLE "Tenant" ADD COLUMN     "motto" TEXT');
  });
});

describe.each(testDatabaseKinds())("applyMigrations on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind, { migrate: false });
  });
  afterAll(() => database.destroy());

  it("records each migration as prisma migrate deploy does, then has nothing left to apply", async () => {
    const migrations = readMigrations();
    const first = await database.withSqlSession((sql) => applyMigrations(sql));
    expect(first.applied).toEqual(migrations.map((migration) => migration.name));
    const rows = await database.withSqlSession((sql) =>
      sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>(
        `SELECT "migration_name", "checksum", "finished_at", "applied_steps_count", "rolled_back_at" FROM "_prisma_migrations" ORDER BY "migration_name"`,
      ),
    );
    expect(rows.map((row) => row.migration_name)).toEqual(first.applied);
    for (const [index, row] of rows.entries()) {
      expect(row.checksum).toBe(checksumMigration(readFileSync(path.join(defaultMigrationsDirectory, migrations[index].name, "migration.sql"), "utf8")));
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const second = await database.withSqlSession((sql) => applyMigrations(sql));
    expect(second).toEqual({ applied: [], alreadyApplied: first.applied, modifiedAfterApply: [] });
  });

  it("refuses UPDATE, DELETE and TRUNCATE of audit events (append-only trigger)", async () => {
    await database.withSqlSession(async (sql) => {
      await sql.query(`INSERT INTO "Tenant" ("id", "slug", "name") VALUES ('t-trigger', 't-trigger', 'T')`);
      await sql.query(
        `INSERT INTO "AuditEvent" ("id", "tenantId", "seq", "actorType", "actorId", "action", "entityType", "payload", "occurredAt", "rowHash")
         VALUES ('e1', 't-trigger', 1, 'SYSTEM', 'test', 'test.done', 'Test', '{}', now(), repeat('0', 64))`,
      );
      await expect(sql.query(`UPDATE "AuditEvent" SET "action" = 'rewritten' WHERE "id" = 'e1'`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`DELETE FROM "AuditEvent" WHERE "id" = 'e1'`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
      await expect(sql.query(`DELETE FROM "CreditScore"`)).resolves.toEqual([]);
    });
  });
});

describe("applyMigrations after a failed migration", () => {
  it("keeps the error in the migration's row and refuses to go on until it is resolved (Prisma's P3009)", async () => {
    const database = await createTestDatabase("pglite", { migrate: false });
    try {
      const directory = mkdtempSync(path.join(tmpdir(), "microtrust-migrations-"));
      cpSync(defaultMigrationsDirectory, directory, { recursive: true });
      mkdirSync(path.join(directory, "99990101000000_broken"));
      writeFileSync(path.join(directory, "99990101000000_broken", "migration.sql"), 'ALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n');
      await expect(database.withSqlSession((sql) => applyMigrations(sql, directory))).rejects.toThrow(/99990101000000_broken failed/);
      const [row] = await database.withSqlSession((sql) =>
        sql.query<{ finished_at: Date | null; logs: string | null }>(`SELECT "finished_at", "logs" FROM "_prisma_migrations" WHERE "migration_name" = '99990101000000_broken'`),
      );
      expect(row.finished_at).toBeNull();
      expect(row.logs).toMatch(/NoSuchTable/);
      await expect(database.withSqlSession((sql) => applyMigrations(sql, directory))).rejects.toThrow(/failed earlier/);
    } finally {
      await database.destroy();
    }
  });
});
