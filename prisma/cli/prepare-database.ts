// Run by `npm start` / `npm run demo` / `npm run dev` before the server starts: applies pending migrations,
// then (unless MICROTRUST_SEED_DEMO=false) seeds the demo tenant and scores its first applications. Safe to
// run any number of times.
import { hashPassword } from "@/core/security/password";
import { hashNationalId, lastFourOfNationalId } from "@/core/security/national-id";
import { resolveSecret } from "@/core/security/secrets";
import { applyMigrations } from "../migrate/apply-migrations";
import { seedDemo } from "../seed/seed-demo";
import { scoreDemoApplications } from "./score-demo-applications";
import { databaseOptionsFromEnv, openDatabase } from "../store/database";

async function main(): Promise<void> {
  const options = databaseOptionsFromEnv();
  const database = await openDatabase(options);
  try {
    const where = options.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `embedded PostgreSQL in ${options.pgliteDirectory}`;
    const migrations = await database.withSqlSession((sql) => applyMigrations(sql));
    console.log(`[microtrust] database: ${where}; migrations applied now: ${migrations.applied.length}, already: ${migrations.alreadyApplied.length}`);
    for (const name of migrations.modifiedAfterApply) console.warn(`[microtrust] warning: migration ${name} was edited after it was applied`);
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
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error("[microtrust] preparing the database failed:", error);
  process.exitCode = 1;
});
