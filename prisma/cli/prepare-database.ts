// Run by `npm start` / `npm run demo` / `npm run dev` before the server starts: applies pending migrations,
// then (unless MICROTRUST_SEED_DEMO=false) seeds the demo tenant and scores its first applications. Safe to
// run any number of times.
import { hashPassword } from "@/core/security/password";
import { hashNationalId, lastFourOfNationalId } from "@/core/security/national-id";
import { resolveSecret } from "@/core/security/secrets";
import { JobQueue } from "@/core/jobs/job-queue";
import { applyMigrations } from "../migrate/apply-migrations";
import { grantAppRole, roleOfUrl } from "../migrate/app-role";
import { seedDemo } from "../seed/seed-demo";
import { importDemoLoanBook } from "./import-demo-loan-book";
import { scoreDemoApplications } from "./score-demo-applications";
import { databaseOptionsFromEnv, openDatabase } from "../store/database";

/**
 * Applies pending migrations. With MICROTRUST_MIGRATION_DATABASE_URL (the tables' owner) they run under that URL,
 * and the role of DATABASE_URL is then granted row access only (prisma/migrate/app-role.ts): the running app
 * cannot alter the schema, disable the append-only triggers or rewrite audit records.
 */
async function migrate(options: ReturnType<typeof databaseOptionsFromEnv>, database: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  const ownerUrl = process.env.MICROTRUST_MIGRATION_DATABASE_URL?.trim();
  const where = options.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PostgreSQL in ${options.pgliteDirectory}`;
  if (ownerUrl && !options.databaseUrl) throw new Error("MICROTRUST_MIGRATION_DATABASE_URL is set but DATABASE_URL is not: the owner/app split is for PostgreSQL.");
  const owner = ownerUrl ? await openDatabase({ databaseUrl: ownerUrl, preparedStatements: false }) : database;
  try {
    const migrations = await owner.withSqlSession((sql) => applyMigrations(sql));
    console.log(`[microtrust] database: ${where}; migrations applied now: ${migrations.applied.length}, already: ${migrations.alreadyApplied.length}${ownerUrl ? " (as the owner, MICROTRUST_MIGRATION_DATABASE_URL)" : ""}`);
    for (const name of migrations.modifiedAfterApply) console.warn(`[microtrust] warning: migration ${name} was edited after it was applied`);
    if (ownerUrl && options.databaseUrl) {
      // The job queue's schema is installed (or upgraded) by the owner too; the app role only uses it.
      const queue = new JobQueue(owner, undefined, { supervise: false });
      await queue.start();
      await queue.stop({ graceful: true });
      const role = roleOfUrl(options.databaseUrl);
      const { granted } = await owner.withSqlSession((sql) => grantAppRole(sql, role));
      console.log(granted ? `[microtrust] app role "${role}": row access only; it does not own the tables` : `[microtrust] warning: DATABASE_URL connects as the owner "${role}"; use a separate role (docs/security.md)`);
    }
  } finally {
    if (owner !== database) await owner.close();
  }
}

async function main(): Promise<void> {
  const options = databaseOptionsFromEnv();
  const database = await openDatabase(options);
  try {
    await migrate(options, database);
    if (process.env.MICROTRUST_SEED_DEMO === "false") return;
    const idHashKey = resolveSecret("idHashKey");
    const report = await seedDemo(database.db, {
      hashPassword,
      protectNationalId: (type, nationalId) => ({
        nationalIdHash: hashNationalId(idHashKey, type, nationalId),
        nationalIdLast4: lastFourOfNationalId(nationalId),
      }),
    });
    const scored = await scoreDemoApplications(database.db, report.tenantId, new Date());
    console.log(`[microtrust] demo tenant: ${report.borrowers} borrowers, ${report.usersCreated} users, ${report.signalRowsCreated} signal rows and ${scored} scored applications created now`);
    const started = performance.now();
    const imported = await importDemoLoanBook(database, report.tenantId, new Date());
    if (imported > 0) console.log(`[microtrust] demo loan book: ${imported} borrowers with their past loans imported in ${((performance.now() - started) / 1000).toFixed(0)} s (Models → Train a model)`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error("[microtrust] preparing the database failed:", error);
  process.exitCode = 1;
});
