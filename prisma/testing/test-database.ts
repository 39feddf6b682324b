// Fresh, migrated databases for integration tests: an embedded PGlite in a temporary directory always, and a
// new database on the PostgreSQL server of DATABASE_URL when it is set (created here, dropped afterwards).
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../migrate/apply-migrations";
import { openDatabase, type Database } from "../store/database";

export type TestDatabaseKind = "pglite" | "postgresql";

export interface TestDatabase extends Database {
  /** The postgresql:// URL of the test database (PostgreSQL only): a second connection may act on it (fault tests). */
  connectionString?: string;
  /** Closes the connection and removes the database. */
  destroy(): Promise<void>;
}

/** The kinds to run integration tests against: PGlite, plus PostgreSQL when DATABASE_URL is set. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.DATABASE_URL ? ["pglite", "postgresql"] : ["pglite"];
}

async function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Opens a new empty database of `kind`, with `migrate` (default true) applying every committed migration.
 * PGlite: when MICROTRUST_TEST_PGLITE_TEMPLATE names a migrated PGlite data directory (made once per run by
 * scripts/mutation/pglite-template.global-setup.ts), a migrated database starts as a copy of it, which skips
 * PGlite's initdb (seconds of CPU per database); the migrations are still applied, so a stale template is
 * brought up to date.
 */
export async function createTestDatabase(kind: TestDatabaseKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let database: Database;
  let cleanUp: () => Promise<void>;
  let connectionString: string | undefined;
  if (kind === "pglite") {
    const directory = mkdtempSync(path.join(tmpdir(), "microtrust-test-"));
    const template = options.migrate !== false ? process.env.MICROTRUST_TEST_PGLITE_TEMPLATE : undefined;
    if (template) cpSync(template, path.join(directory, "pglite"), { recursive: true });
    database = await openDatabase({ pgliteDirectory: path.join(directory, "pglite") });
    cleanUp = async () => rmSync(directory, { recursive: true, force: true });
  } else {
    const serverUrl = process.env.DATABASE_URL;
    if (!serverUrl) throw new Error("createTestDatabase: postgresql needs DATABASE_URL");
    const name = `microtrust_test_${randomBytes(6).toString("hex")}`;
    await withServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    connectionString = url.toString();
    database = await openDatabase({ databaseUrl: connectionString });
    cleanUp = () => withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  }
  if (options.migrate !== false) await database.withSqlSession((sql) => applyMigrations(sql));
  return {
    ...database,
    connectionString,
    async destroy() {
      await database.close();
      await cleanUp();
    },
  };
}
