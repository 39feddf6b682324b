import "server-only";
import { readMigrations } from "@/prisma/migrate/apply-migrations";
import type { Database } from "@/prisma/store/database";

export interface Readiness {
  ready: boolean;
  /** Whether a statement reached the database. */
  database: "ok" | "unreachable";
  /** Committed migrations the database has not finished applying (0 when ready). */
  pendingMigrations: number;
}

/**
 * Whether this instance can serve: the database answers and every committed migration has been applied
 * (`npm start` applies them before serving; an instance started against a database another release migrated
 * halfway is not ready). For a load balancer's or supervisor's readiness probe.
 */
export async function checkReadiness(database: Pick<Database, "withSqlSession">): Promise<Readiness> {
  const committed = readMigrations().map((migration) => migration.name);
  try {
    const applied = await database.withSqlSession(async (sql) => {
      const [table] = await sql.query<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
      if (!table?.present) return new Set<string>();
      const rows = await sql.query<{ migration_name: string }>(`SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`);
      return new Set(rows.map((row) => row.migration_name));
    });
    const pendingMigrations = committed.filter((name) => !applied.has(name)).length;
    return { ready: pendingMigrations === 0, database: "ok", pendingMigrations };
  } catch (error) {
    console.error("[ready] database check failed:", error instanceof Error ? error.message : error);
    return { ready: false, database: "unreachable", pendingMigrations: committed.length };
  }
}
