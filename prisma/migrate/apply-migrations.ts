// Applies the committed migrations exactly as `prisma migrate deploy` does, so a database set up by the app
// and one set up with the official CLI are interchangeable: same `_prisma_migrations` table and columns,
// sha256 checksum of each migration.sql, one row per migration, the same advisory lock, and a refusal to go
// on past a migration that failed earlier (Prisma's P3009).
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SqlExecutor } from "../store/database";

export const defaultMigrationsDirectory = path.join(process.cwd(), "prisma", "migrations");

// The key Prisma's schema engine takes with pg_advisory_lock during migrate commands.
const prismaAdvisoryLockKey = 72707369;

const createMigrationsTableSql = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** Applied earlier with different contents: Prisma warns and goes on; so do we. */
  modifiedAfterApply: string[];
}

/** sha256 of the script's bytes, lowercase hex: the `checksum` column Prisma writes. */
export function checksumMigration(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/** The migrations of a directory in the order Prisma applies them (directory names sort by timestamp). */
export function readMigrations(directory: string = defaultMigrationsDirectory): MigrationFile[] {
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(directory, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const script = readFileSync(path.join(directory, name, "migration.sql"), "utf8");
      return { name, script, checksum: checksumMigration(script) };
    });
}

interface MigrationRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

/**
 * Applies every migration of `directory` not yet recorded as finished, in order, each as one script.
 * @throws Error when an earlier attempt of a migration failed and was not marked rolled back (fix the
 *   database, then `prisma migrate resolve`), or when a migration's SQL fails (its row keeps the error in
 *   `logs`, as Prisma does).
 */
export async function applyMigrations(sql: SqlExecutor, directory: string = defaultMigrationsDirectory): Promise<MigrationReport> {
  const migrations = readMigrations(directory);
  await sql.query("SELECT pg_advisory_lock($1)", [prismaAdvisoryLockKey]);
  try {
    await sql.executeScript(createMigrationsTableSql);
    const rows = await sql.query<MigrationRow>(
      `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "logs" FROM "_prisma_migrations" ORDER BY "started_at"`,
    );
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) {
      throw new Error(
        `Migration ${failed.migration_name} failed earlier and was not rolled back; resolve it before applying more (prisma migrate resolve). Logs: ${failed.logs ?? "none"}`,
      );
    }
    const finished = new Map(rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => [row.migration_name, row]));
    const report: MigrationReport = { applied: [], alreadyApplied: [], modifiedAfterApply: [] };
    for (const migration of migrations) {
      const previous = finished.get(migration.name);
      if (previous) {
        report.alreadyApplied.push(migration.name);
        if (previous.checksum !== migration.checksum) report.modifiedAfterApply.push(migration.name);
        continue;
      }
      const id = randomUUID();
      await sql.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES ($1, $2, $3, now(), 0)`,
        [id, migration.checksum, migration.name],
      );
      try {
        await sql.executeScript(migration.script);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await sql.query(`UPDATE "_prisma_migrations" SET "logs" = $2 WHERE "id" = $1`, [id, message]);
        throw new Error(`Migration ${migration.name} failed: ${message}`);
      }
      await sql.query(`UPDATE "_prisma_migrations" SET "finished_at" = now(), "applied_steps_count" = 1 WHERE "id" = $1`, [id]);
      report.applied.push(migration.name);
    }
    return report;
  } finally {
    await sql.query("SELECT pg_advisory_unlock($1)", [prismaAdvisoryLockKey]);
  }
}
