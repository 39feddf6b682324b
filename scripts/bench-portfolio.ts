// Benchmark of a portfolio re-scoring as a durable job: N worker processes (`npm run worker`) share the queue
// on a fresh PostgreSQL database; every borrower is scored as calculateScore scores (consent gate, ~1,000
// stored signals, features, score and exact explanation, decision, CreditScore + audit row), then the audit
// chain is verified.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:portfolio -- \
//     --borrowers 2000 --signals 1000 --workers 2 [--concurrency 2] [--keep] [--cpu-prof <dir>]
//
// DATABASE_URL names the server (its database is only used to create and drop the benchmark's own). CPU
// figures read /proc (Linux): the workers' processes and every PostgreSQL process of the machine, so run it
// on an otherwise quiet machine. The last line is
//   portfolio: <scorings> scorings in <seconds> s = <rate> scorings/s; audit chain valid   (or INVALID)
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { Actor } from "@/core/actor";
import { JobQueue, defaultQueueTuning } from "@/core/jobs/job-queue";
import { getJob } from "@/core/jobs/manage-jobs";
import { startPortfolioRescore } from "@/core/jobs/rescore-portfolio";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { verifyAuditChain } from "@/core/verify-audit-chain";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { Prisma } from "@/prisma/generated/client";
import { openDatabase, queryRows } from "@/prisma/store/database";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { copyScoringPopulation, seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { cpuSecondsByProcess, cpuSecondsOf, option, withClient } from "./script-helpers";


const borrowerCount = Number(option("borrowers", "2000"));
const signalsPerBorrower = Number(option("signals", "1000"));
const workerCount = Number(option("workers", "2"));
const concurrency = Number(option("concurrency", "2"));
const keep = process.argv.includes("--keep");
/** --cpu-prof <dir>: each worker writes a V8 CPU profile there (see where a worker's time goes). */
const profileDirectory = process.argv.includes("--cpu-prof") ? option("cpu-prof", "") : "";
const asOf = "2026-11-01T00:00:00Z";
// A throwaway database: its checkpoints are signed with a key of the run.
process.env.MICROTRUST_AUDIT_KEY ??= `bench-${Date.now()}`;

/** Every process whose command is postgres (the server's backends and helpers). */
function postgresPids(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
      } catch {
        return false;
      }
    });
}

/** A PostgreSQL process's role from its title: "backend", "checkpointer", "walwriter", "autovacuum", … */
function postgresRole(pid: number): string {
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
    if (/autovacuum/.test(title)) return "autovacuum";
    const helper = /^postgres: (?:[\w/.-]+: )?(checkpointer|background writer|walwriter|logical replication launcher|stats collector)/.exec(title);
    return helper ? helper[1] : "backends";
  } catch {
    return "gone";
  }
}

/** The process and all its descendants. */
function treeOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return out;
}


function startWorkerProcess(databaseUrl: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(profileDirectory ? ["--cpu-prof", "--cpu-prof-dir", profileDirectory] : []), "--conditions=react-server", "--import", "tsx", "prisma/cli/run-worker.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, MICROTRUST_WORKER_CONCURRENCY: String(concurrency) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("[worker] working")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`bench: a worker exited early (${code})`)));
  });
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("set DATABASE_URL to a PostgreSQL server (its database is used only to create and drop the benchmark's)");
  if (!/^(127\.0\.0\.1|localhost|\[::1\])$/.test(new URL(serverUrl).hostname)) throw new Error("DATABASE_URL must be on this machine (127.0.0.1)");
  const name = `microtrust_bench_portfolio_${Date.now()}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = await openDatabase({ databaseUrl });
  const workers: ChildProcess[] = [];
  try {
    await database.withSqlSession((sql) => applyMigrations(sql));
    const tenant = await ensureTenant(database.db, { slug: "bench-portfolio", name: "Portfolio Benchmark MFI" });
    await registerDefaultScoring(database.db, tenant.id);
    const user = await createUser(database.db, tenant.id, { email: "analyst@bench.local", name: "Bench Analyst", role: "ANALYST", passwordHash: "x" });
    const analyst = (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Actor;
    const seedStarted = performance.now();
    // 25 generated borrowers, copied in SQL up to the count asked (see copyScoringPopulation).
    const templates = await seedScoringPopulation(database.db, tenant.id, "bench", { borrowers: Math.min(25, borrowerCount), signalsPerBorrower, asOf, purposesOf: () => ["MONITORING"], consentsUntil: new Date() });
    const copies = Math.ceil(borrowerCount / templates.length) - 1;
    const copied = await copyScoringPopulation(database.db, tenant.id, templates.map((b) => b.id), copies);
    const surplus = templates.length + copied.length - borrowerCount;
    if (surplus > 0) await database.db.$executeRawUnsafe(`UPDATE "Consent" SET "revokedAt" = now() WHERE "borrowerId" = ANY($1::text[])`, copied.slice(-surplus));
    const meanSignals = templates.reduce((n, b) => n + b.signals, 0) / templates.length;
    console.log(`seeded ${borrowerCount} consenting borrowers (${surplus} more without consent), ${Math.round(meanSignals)} signals each on average, in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    // A lender's book is not bulk-copied seconds before its re-scoring: VACUUM sets the copied rows' hint bits
    // and visibility (which the job's first reads would otherwise do, dirtying every page), and CHECKPOINT
    // writes the copy out, so neither is counted as the job's cost.
    await database.db.$executeRawUnsafe("VACUUM ANALYZE");
    await database.db.$executeRawUnsafe("CHECKPOINT");

    for (let index = 0; index < workerCount; index += 1) workers.push(await startWorkerProcess(databaseUrl));
    console.log(`${workerCount} worker process(es), ${concurrency} units at a time each; chunks of 50 borrowers`);
    const queue = new JobQueue(database, defaultQueueTuning, { supervise: false });
    const workerPids = () => workers.flatMap((worker) => treeOf(worker.pid as number));
    const cpuBefore = { workers: cpuSecondsOf(workerPids()), postgres: cpuSecondsOf(postgresPids()) };
    const postgresBefore = cpuSecondsByProcess(postgresPids());
    const scope = () => ({ db: database.db, actor: analyst, now: new Date(), request: { id: "bench", ipAddress: null } });
    const started = performance.now();
    const job = await startPortfolioRescore(scope(), { purpose: "MONITORING", asOf: new Date(asOf), defaultRequestedAmount: "20000", defaultRequestedTenorDays: 90 }, queue);
    let lastReport = started;
    // The end is watched every 50 ms with one plain statement on the driver (~0.2 ms), progress read through
    // the use case every 5 s: the watching must not take the CPU it measures (getJob through Prisma every
    // 100 ms cost ~2 % of the machine).
    for (;;) {
      const [{ state }] = await queryRows<{ state: string }>(database.db, Prisma.sql`SELECT state::text AS state FROM "Job" WHERE id = ${job.id}`);
      if (state === "FAILED" || state === "CANCELLED") throw new Error(`bench: the job ended ${state}: ${(await getJob(scope(), job.id))?.job.error}`);
      if (state === "SUCCEEDED") break;
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        const view = await getJob(scope(), job.id);
        console.log(`  ${view?.progress.done}/${view?.job.total ?? "?"} after ${((lastReport - started) / 1000).toFixed(0)} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = { workers: cpuSecondsOf(workerPids()), postgres: cpuSecondsOf(postgresPids()) };
    const postgresByRole = new Map<string, number>();
    for (const pid of postgresPids()) {
      const role = postgresRole(pid);
      postgresByRole.set(role, (postgresByRole.get(role) ?? 0) + cpuSecondsOf([pid]) - (postgresBefore.get(pid) ?? 0));
    }
    await queue.stop({ graceful: true });
    const scorings = await database.db.creditScore.count({ where: { requestId: `job:${job.id}` } });
    const withEvents = await database.db.auditEvent.count({ where: { requestId: `job:${job.id}`, action: "creditScore.calculated" } });
    // To the head in one call (a script, not a request: no per-request cap).
    const chain = await verifyAuditChain(scope(), { maxEvents: null });
    const valid = chain.valid && withEvents === scorings;
    console.log(`CPU per scoring: workers ${((1000 * (cpuAfter.workers - cpuBefore.workers)) / scorings).toFixed(1)} ms, PostgreSQL ${((1000 * (cpuAfter.postgres - cpuBefore.postgres)) / scorings).toFixed(1)} ms; ${withEvents} audit rows for ${scorings} scorings; ${chain.checkedEvents} events verified`);
    console.log(`PostgreSQL CPU per scoring by process (those alive at the end): ${[...postgresByRole].map(([role, seconds]) => `${role} ${((1000 * seconds) / scorings).toFixed(1)} ms`).join(", ")}`);
    console.log(`portfolio: ${scorings} scorings in ${seconds.toFixed(1)} s = ${(scorings / seconds).toFixed(1)} scorings/s; audit chain ${valid ? "valid" : "INVALID"}`);
  } finally {
    // A profiled worker is stopped gracefully, so that Node writes its profile on exit.
    for (const worker of workers) worker.kill(profileDirectory ? "SIGTERM" : "SIGKILL");
    if (profileDirectory) await Promise.all(workers.map((worker) => new Promise((resolve) => (worker.exitCode === null ? worker.once("exit", resolve) : resolve(null)))));
    await database.close();
    if (!keep) await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:portfolio failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
