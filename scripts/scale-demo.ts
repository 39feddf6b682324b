// Scale past one machine, shown on one: two app instances (`next start`) and two job workers (`npm run worker`)
// on one PostgreSQL behind PgBouncer in transaction mode, all on loopback. A portfolio re-scoring runs while
// 16 online clients call calculateScore on both instances; one worker is killed (SIGKILL) mid-job. Then:
// no job lost or done twice, no scoring without its audit row, the audit chain valid.
//
//   npm run build && DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run demo:scale -- \
//     [--borrowers 400] [--signals 1000] [--clients 16]
//
// Needs Debian's pgbouncer (apt-get install -y pgbouncer). DATABASE_URL names the server; the demo creates and
// drops its own database. The apps and workers reach it only through PgBouncer (MICROTRUST_PREPARED_STATEMENTS
// =false: PgBouncer 1.18 in transaction mode cannot carry prepared statements); migrations run directly.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { generateApiKeyToken } from "@/core/security/api-key-token";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { createApiKey } from "@/prisma/store/api-key";
import { openDatabase } from "@/prisma/store/database";
import { ensureTenant } from "@/prisma/store/tenant";
import { copyScoringPopulation, seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { option, withClient } from "./script-helpers";

const borrowerCount = Number(option("borrowers", "400"));
const signalsPerBorrower = Number(option("signals", "1000"));
const clientCount = Number(option("clients", "16"));
const asOf = "2026-11-01T00:00:00Z";
const bouncerPort = 6532;
const appPorts = [3401, 3402];
const children: ChildProcess[] = [];


function start(name: string, command: string, args: string[], env: Record<string, string>, ready?: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let settled = false;
    const onOutput = (chunk: Buffer) => {
      if (!settled && ready?.test(chunk.toString())) {
        settled = true;
        resolve(child);
      }
    };
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", (chunk: Buffer) => {
      onOutput(chunk);
      if (/error/i.test(chunk.toString())) process.stderr.write(`[${name}] ${chunk}`);
    });
    child.on("exit", (code, signal) => {
      if (!settled) reject(new Error(`${name} exited early (${code ?? signal})`));
    });
    if (!ready) {
      settled = true;
      resolve(child);
    }
  });
}

async function graphql(port: number, token: string, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}/api/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(`GraphQL on :${port} failed: ${response.status} ${JSON.stringify(body.errors)}`);
  return body.data as Record<string, unknown>;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl || !/^(127\.0\.0\.1|localhost)$/.test(new URL(serverUrl).hostname)) throw new Error("set DATABASE_URL to the PostgreSQL server on 127.0.0.1");
  const name = `microtrust_scale_${Date.now()}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const direct = new URL(serverUrl);
  direct.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: direct.toString() });
  try {
    // PgBouncer, transaction mode, in front of the demo's database.
    const directory = mkdtempSync(path.join(tmpdir(), "microtrust-pgbouncer-"));
    writeFileSync(path.join(directory, "userlist.txt"), `"${direct.username || "postgres"}" ""\n`);
    writeFileSync(
      path.join(directory, "pgbouncer.ini"),
      [
        "[databases]",
        `${name} = host=${direct.hostname} port=${direct.port || 5432} dbname=${name} user=${direct.username || "postgres"}`,
        "[pgbouncer]",
        `listen_addr = 127.0.0.1`,
        `listen_port = ${bouncerPort}`,
        "auth_type = trust",
        `auth_file = ${path.join(directory, "userlist.txt")}`,
        "pool_mode = transaction",
        "max_client_conn = 500",
        "default_pool_size = 20",
        "ignore_startup_parameters = extra_float_digits,options",
        `unix_socket_dir =`,
        "",
      ].join("\n"),
    );
    spawn("chmod", ["-R", "a+rX", directory]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await start("pgbouncer", "/usr/sbin/pgbouncer", ["-u", "postgres", path.join(directory, "pgbouncer.ini")], {}, /process up|listening on/i);
    const pooled = new URL(direct.toString());
    pooled.port = String(bouncerPort);

    // Migrations over the direct URL; the data over it too (seeding is not what is measured).
    await database.withSqlSession((sql) => applyMigrations(sql));
    const tenant = await ensureTenant(database.db, { slug: "scale", name: "Scale MFI" });
    await registerDefaultScoring(database.db, tenant.id);
    const analystKey = generateApiKeyToken();
    await createApiKey(database.db, tenant.id, { name: "scale analyst", prefix: analystKey.prefix, secretHash: analystKey.secretHash, role: "ANALYST", scopes: ["READ", "WRITE"], createdByUserId: null });
    const auditorKey = generateApiKeyToken();
    await createApiKey(database.db, tenant.id, { name: "scale auditor", prefix: auditorKey.prefix, secretHash: auditorKey.secretHash, role: "AUDITOR", scopes: ["READ"], createdByUserId: null });
    const templates = await seedScoringPopulation(database.db, tenant.id, "scale", { borrowers: Math.min(20, borrowerCount), signalsPerBorrower, asOf, purposesOf: () => ["LOAN_UNDERWRITING", "MONITORING"], consentsUntil: new Date() });
    const copied = await copyScoringPopulation(database.db, tenant.id, templates.map((b) => b.id), Math.ceil(borrowerCount / templates.length) - 1);
    const borrowerIds = [...templates.map((b) => b.id), ...copied];
    await database.db.$executeRawUnsafe("ANALYZE");
    console.log(`seeded ${borrowerIds.length} borrowers with ~${signalsPerBorrower} signals each; PgBouncer ${bouncerPort} (transaction mode) in front of ${name}`);

    const shared = {
      DATABASE_URL: pooled.toString(),
      MICROTRUST_PREPARED_STATEMENTS: "false",
      AUTH_SECRET: "scale-demo-auth-secret",
      MICROTRUST_ID_HASH_KEY: "scale-demo-id-hash-key",
      MICROTRUST_AUDIT_KEY: "scale-demo-audit-key",
      MICROTRUST_SEED_DEMO: "false",
      MICROTRUST_JOB_CLAIM_SECONDS: "10",
      // Workers listen for wake-ups on the direct URL: PgBouncer in transaction mode does not pass notifications.
      MICROTRUST_JOB_LISTEN_URL: direct.toString(),
      MICROTRUST_RATE_LIMIT_API_KEY: "1000000",
      MICROTRUST_RATE_LIMIT_IP: "1000000",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    for (const port of appPorts) await start(`app:${port}`, path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { ...shared, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}` }, /Ready in/);
    const workers: ChildProcess[] = [];
    for (let index = 0; index < 2; index += 1) workers.push(await start(`worker:${index + 1}`, process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/cli/run-worker.ts"], { ...shared, MICROTRUST_WORKER_CONCURRENCY: "2" }, /\[worker\] working/));
    console.log(`2 app instances (:${appPorts.join(", :")}) and 2 workers through PgBouncer`);

    const started = performance.now();
    const { startPortfolioRescore: job } = (await graphql(appPorts[0], analystKey.token, 'mutation ($asOf: DateTime!) { startPortfolioRescore(input: { purpose: MONITORING, asOf: $asOf, defaultRequestedAmount: "20000", defaultRequestedTenorDays: 90 }) { id } }', { asOf })) as { startPortfolioRescore: { id: string } };

    // 16 online clients, alternating between the two instances, for as long as the job runs.
    let running = true;
    const latencies: number[] = [];
    let onlineErrors = 0;
    const clients = Array.from({ length: clientCount }, async (_, client) => {
      for (let n = 0; running; n += 1) {
        const t0 = performance.now();
        try {
          await graphql(appPorts[(client + n) % 2], analystKey.token, 'mutation ($id: ID!, $asOf: DateTime!) { calculateScore(input: { borrowerId: $id, purpose: LOAN_UNDERWRITING, requestedAmount: "20000", requestedTenorDays: 90, asOf: $asOf }) { id } }', { id: borrowerIds[(client * 7919 + n) % borrowerIds.length], asOf });
          latencies.push(performance.now() - t0);
        } catch (error) {
          onlineErrors += 1;
          if (onlineErrors <= 3) console.error(`online: ${error instanceof Error ? error.message : error}`);
        }
      }
    });

    let killed = false;
    let state = "";
    for (;;) {
      const { job: view } = (await graphql(appPorts[1], analystKey.token, "query ($id: ID!) { job(id: $id) { state total done scored skipped failed } }", { id: job.id })) as { job: { state: string; total: number | null; done: number; scored: number } };
      state = view.state;
      if (!killed && view.total && view.done >= view.total * 0.3) {
        workers[0].kill("SIGKILL");
        killed = true;
        console.log(`worker 1 killed (SIGKILL) at ${view.done}/${view.total}`);
      }
      if (state !== "QUEUED" && state !== "RUNNING") break;
      if (performance.now() - started > 900_000) throw new Error("the job did not finish in 15 minutes");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    running = false;
    await Promise.all(clients);
    const seconds = (performance.now() - started) / 1000;

    const counts = await withClient(direct.toString(), async (client) => {
      const row = (sql: string, params: unknown[] = []) => client.query(sql, params).then((result) => result.rows[0] as Record<string, string>);
      return {
        job: await row(`SELECT state, total FROM "Job" WHERE id = $1`, [job.id]),
        jobScores: await row(`SELECT count(*) AS n, count(DISTINCT "borrowerId") AS borrowers FROM "CreditScore" WHERE "requestId" = $1`, [`job:${job.id}`]),
        items: await row(`SELECT count(*) AS n FROM "JobItem" WHERE "jobId" = $1`, [job.id]),
        online: await row(`SELECT count(*) AS n FROM "CreditScore" WHERE purpose = 'LOAN_UNDERWRITING'`),
        unaudited: await row(`SELECT count(*) AS n FROM "CreditScore" s WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e."entityId" = s.id AND e.action = 'creditScore.calculated')`),
      };
    });
    // A request verifies at most a fixed number of events from the newest checkpoint: ask until none remain.
    const chain = { valid: true, checkedEvents: 0, reason: null as string | null };
    for (let remaining = 1; remaining > 0 && chain.valid; ) {
      const { verifyAuditChain: step } = (await graphql(appPorts[0], auditorKey.token, "{ verifyAuditChain { valid checkedEvents reason remainingEvents } }")) as { verifyAuditChain: { valid: boolean; checkedEvents: number; reason: string | null; remainingEvents: number } };
      Object.assign(chain, { valid: step.valid, reason: step.reason, checkedEvents: chain.checkedEvents + step.checkedEvents });
      remaining = step.remainingEvents;
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(0) ?? "-";
    console.log(`job ${counts.job.state}: ${counts.jobScores.n} scorings of ${counts.jobScores.borrowers} distinct borrowers, ${counts.items.n} items for ${counts.job.total} planned, in ${seconds.toFixed(1)} s`);
    console.log(`online: ${latencies.length} calculateScore calls (${(latencies.length / seconds).toFixed(1)}/s) on 2 instances, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, ${onlineErrors} errors`);
    console.log(`scorings without an audit row: ${counts.unaudited.n}; audit chain ${chain.valid ? "valid" : `INVALID (${chain.reason})`} over ${chain.checkedEvents} events`);
    const ok = counts.job.state === "SUCCEEDED" && counts.jobScores.n === counts.jobScores.borrowers && Number(counts.items.n) === Number(counts.job.total) && counts.unaudited.n === "0" && chain.valid && onlineErrors === 0;
    console.log(`scale demo: ${ok ? "PASS" : "FAIL"}`);
    if (!ok) process.exitCode = 1;
  } finally {
    for (const child of children) child.kill("SIGKILL");
    await database.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(() => undefined);
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(`scale demo failed: ${error instanceof Error ? error.message : String(error)}`);
    for (const child of children) child.kill("SIGKILL");
    process.exit(1);
  },
);
