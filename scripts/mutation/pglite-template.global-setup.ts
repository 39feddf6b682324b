import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { openDatabase } from "@/prisma/store/database";

// Measured before mutation testing the core (docs/benchmarks.md, "Mutation testing"): of a core integration
// test file's ~8 s of CPU before its first test, PGlite's initdb takes ~6 s, the migrations ~0.8 s; opening a
// copy of an already migrated data directory takes ~1.3 s. So one migrated PGlite is made here, once per
// vitest run, and every createTestDatabase("pglite") of the run starts from a copy of it
// (prisma/testing/test-database.ts). Each test file still has its own database: nothing is shared.
export default async function makePgliteTemplate(): Promise<() => void> {
  const directory = mkdtempSync(path.join(tmpdir(), "microtrust-pglite-template-"));
  const dataDirectory = path.join(directory, "pglite");
  const database = await openDatabase({ pgliteDirectory: dataDirectory });
  await database.withSqlSession((sql) => applyMigrations(sql));
  await database.close();
  process.env.MICROTRUST_TEST_PGLITE_TEMPLATE = dataDirectory;
  return () => rmSync(directory, { recursive: true, force: true });
}
