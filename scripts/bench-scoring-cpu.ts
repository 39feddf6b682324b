// CPU per scoring, measured in one process so that other work on the machine does not enter the figure: the
// portfolio job's unit of work (prepareScoring for a chunk of borrowers, then the chunk's rows and audit
// events in one transaction) run in a loop, with this process's CPU time (process.cpuUsage) and the CPU time
// of the PostgreSQL backends serving this database (/proc of the pids pg_stat_activity lists), per scoring.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<database> npx tsx --conditions=react-server \
//     scripts/bench-scoring-cpu.ts [--borrowers 25] [--signals 1000] [--rounds 8] [--chunk 50] [--online]
//
// The database is seeded once (tenant "bench-scoring-cpu") and reused by later runs; --tenant <slug> scores the
// first --borrowers borrowers of a tenant already there instead (e.g. "bench-portfolio" in a database that
// `npm run bench:portfolio -- --keep` left: 2,000 borrowers, their rows no longer all in memory); --online writes each
// scoring as calculateScore does (one transaction and chain append per scoring) instead of by chunk. Run
// it with `node --cpu-prof --conditions=react-server --import tsx …` to see where the time goes.
import { performance } from "node:perf_hooks";
import type { Actor, UseCaseScope } from "@/core/actor";
import { calculateScore, prepareScoring, type PreparedScoring } from "@/core/calculate-score";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { recordCreditScoresWithAudit } from "@/prisma/store/credit-score";
import { openDatabase } from "@/prisma/store/database";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { cpuSecondsByProcess, cpuSecondsSince, option } from "./script-helpers";

const borrowerCount = Number(option("borrowers", "25"));
const signalsPerBorrower = Number(option("signals", "1000"));
const rounds = Number(option("rounds", "8"));
const chunkSize = Number(option("chunk", "50"));
const online = process.argv.includes("--online");
const asOf = new Date("2026-11-01T00:00:00Z");

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("set DATABASE_URL to a PostgreSQL database of this machine");
  const database = await openDatabase({ databaseUrl });
  const { db } = database;
  try {
    await database.withSqlSession((sql) => applyMigrations(sql));
    const slug = option("tenant", "bench-scoring-cpu");
    const existing = await db.tenant.findUnique({ where: { slug } });
    const tenant = existing ?? (await ensureTenant(db, { slug, name: "Scoring CPU Benchmark MFI" }));
    if (!existing) {
      await registerDefaultScoring(db, tenant.id);
      await createUser(db, tenant.id, { email: "analyst@bench-cpu.local", name: "Bench Analyst", role: "ANALYST", passwordHash: "x" });
      await seedScoringPopulation(db, tenant.id, "cpu", { borrowers: borrowerCount, signalsPerBorrower, asOf: asOf.toISOString(), purposesOf: () => ["MONITORING"], consentsUntil: new Date("2030-01-01T00:00:00Z") });
      await db.$executeRawUnsafe("ANALYZE");
    }
    const user = await db.user.findFirstOrThrow({ where: { tenantId: tenant.id } });
    const actor = (await resolveSessionCaller(db, { userId: user.id, tenantId: tenant.id })) as Actor;
    const borrowerIds = (await db.borrower.findMany({ where: { tenantId: tenant.id }, select: { id: true }, orderBy: { id: "asc" } })).map((b) => b.id).slice(0, borrowerCount);
    const scope = (): UseCaseScope => ({ db, actor, now: new Date(), request: { id: "bench-cpu", ipAddress: null } });
    const input = (borrowerId: string) => ({ borrowerId, purpose: "MONITORING" as const, asOf, requestedAmount: "20000", requestedTenorDays: 90 });
    const work = Array.from({ length: rounds }, () => borrowerIds).flat();

    const scoreChunk = async (ids: readonly string[]) => {
      if (online) {
        for (const id of ids) await calculateScore(scope(), input(id));
        return;
      }
      const prepared: PreparedScoring[] = [];
      const pgAtStart = cpuSecondsByProcess(pids);
      const before = process.cpuUsage();
      for (const id of ids) {
        const result = await prepareScoring(scope(), input(id));
        if (result.kind === "scored") prepared.push(result.scoring);
      }
      const mid = process.cpuUsage();
      phases.pgPrepare += cpuSecondsSince(pgAtStart);
      const pgAtMid = cpuSecondsByProcess(pids);
      phases.prepare += mid.user + mid.system - before.user - before.system;
      await recordCreditScoresWithAudit(db, tenant.id, prepared.map((p) => p.record), prepared.map((p) => p.event), async () => {});
      const after = process.cpuUsage();
      phases.write += after.user + after.system - mid.user - mid.system;
      phases.pgWrite += cpuSecondsSince(pgAtMid);
    };
    const phases = { prepare: 0, write: 0, pgPrepare: 0, pgWrite: 0 };
    const backends = async () => (await db.$queryRawUnsafe<{ pid: number }[]>("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).map((row) => row.pid);
    let pids: number[] = [];
    await scoreChunk(work.slice(0, Math.min(chunkSize, work.length))); // warm-up: JIT, prepared statements, pool
    pids = await backends();
    const pgBefore = cpuSecondsByProcess(pids);
    phases.prepare = phases.write = phases.pgPrepare = phases.pgWrite = 0;
    const nodeBefore = process.cpuUsage();
    const started = performance.now();
    for (let start = 0; start < work.length; start += chunkSize) await scoreChunk(work.slice(start, start + chunkSize));
    const seconds = (performance.now() - started) / 1000;
    const nodeCpu = process.cpuUsage(nodeBefore);
    const pgCpu = cpuSecondsSince(pgBefore);
    const newPids = (await backends()).filter((pid) => !pids.includes(pid));
    const n = work.length;
    console.log(
      `${online ? "online" : "chunked"}: ${n} scorings in ${seconds.toFixed(1)} s; CPU per scoring: Node ${((nodeCpu.user + nodeCpu.system) / 1000 / n).toFixed(2)} ms ` +
        `(user ${(nodeCpu.user / 1000 / n).toFixed(2)}, system ${(nodeCpu.system / 1000 / n).toFixed(2)}), PostgreSQL ${((1000 * pgCpu) / n).toFixed(2)} ms` +
        (online
          ? ""
          : `; Node prepare ${(phases.prepare / 1000 / n).toFixed(2)} ms, write ${(phases.write / 1000 / n).toFixed(2)} ms; ` +
            `PostgreSQL prepare (the reads) ${((1000 * phases.pgPrepare) / n).toFixed(2)} ms, write ${((1000 * phases.pgWrite) / n).toFixed(2)} ms`) +
        (newPids.length ? ` (${newPids.length} backend(s) opened during the run not counted)` : ""),
    );
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench-scoring-cpu failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
