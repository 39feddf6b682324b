// `npm run bench:request-cost`: what the most expensive requests the limits allow cost the server, and how fast
// the ones past a limit are refused (issue 11's "no request of any role costs more than ~1 s CPU or ~100 MB;
// each refusal in under 100 ms"). Requests go through the handler /api/graphql exports, in this process, on a
// fresh embedded database (or a new database on DATABASE_URL's server with --postgres). CPU is this process's
// user+system time (process.cpuUsage) over a batch, divided by the batch's requests: it counts the handler, the
// engine and, on the embedded database, PostgreSQL itself. Memory is the growth of the resident set and of the
// V8 heap over the batch. Each case runs once alone (warm), then 16 at once.
import { randomBytes } from "node:crypto";
import { rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import type { Actor } from "@/core/actor";
import { calculateScore } from "@/core/calculate-score";
import { MAX_EVENTS_PER_REQUEST } from "@/core/verify-audit-chain";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { openDatabase, type Database } from "@/prisma/store/database";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { option, withClient } from "./script-helpers";

process.env.AUTH_SECRET ??= randomBytes(24).toString("hex");
process.env.MICROTRUST_ID_HASH_KEY ??= randomBytes(24).toString("hex");
process.env.MICROTRUST_AUDIT_KEY ??= randomBytes(24).toString("hex");
// Measure the work, not the rate limiter's refusals.
for (const name of ["MICROTRUST_RATE_LIMIT_API_KEY", "MICROTRUST_RATE_LIMIT_USER", "MICROTRUST_RATE_LIMIT_IP"]) process.env[name] ??= "100000";
delete process.env.NEXTAUTH_URL;

const borrowers = Number(option("borrowers", "30"));
const concurrency = Number(option("concurrency", "16"));
const asOf = "2026-11-01T00:00:00.000Z";

interface Case {
  name: string;
  role: "ADMIN" | "ANALYST" | "AUDITOR" | "BORROWER" | null;
  body: string;
  /** Run (unmeasured) before each measured run: puts the server in the state the case measures. */
  prepare?: () => Promise<void>;
}

async function main(): Promise<void> {
  const serverUrl = process.argv.includes("--postgres") ? process.env.DATABASE_URL : undefined;
  let database: Database;
  let cleanUp: () => Promise<void>;
  if (serverUrl) {
    const name = `microtrust_cost_${randomBytes(4).toString("hex")}`;
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    cleanUp = () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  } else {
    const directory = mkdtempSync(path.join(tmpdir(), "microtrust-cost-"));
    database = await openDatabase({ pgliteDirectory: path.join(directory, "pglite") });
    cleanUp = async () => rmSync(directory, { recursive: true, force: true });
  }
  (globalThis as Record<symbol, unknown>)[Symbol.for("microtrust.database")] = Promise.resolve(database);
  const { handleGraphQLRequest } = await import("@/graphql/http/handle-graphql-request");
  try {
    await database.withSqlSession((sql) => applyMigrations(sql));
    const tenant = await ensureTenant(database.db, { slug: "cost", name: "Cost MFI" });
    await registerDefaultScoring(database.db, tenant.id);
    const users: Record<string, string> = {};
    for (const role of ["ADMIN", "ANALYST", "AUDITOR"] as const) users[role] = (await createUser(database.db, tenant.id, { email: `${role.toLowerCase()}@cost.test`, name: role, role, passwordHash: "x" })).id;
    const seeded = await seedScoringPopulation(database.db, tenant.id, "cost", { borrowers, signalsPerBorrower: 1000, asOf, purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date("2027-06-01T00:00:00Z") });
    const analyst = (await resolveSessionCaller(database.db, { userId: users.ANALYST, tenantId: tenant.id })) as Actor;
    let scorings = 0;
    const score = (borrowerId: string) =>
      calculateScore({ db: database.db, actor: analyst, now: new Date(), request: { id: "seed", ipAddress: null } }, { borrowerId, purpose: "LOAN_UNDERWRITING", requestedAmount: String(10_000 + 100 * (scorings++ % 300)), requestedTenorDays: 90, asOf: new Date(asOf) });
    for (const borrower of seeded) for (let i = 0; i < 2; i += 1) await score(borrower.id);
    // The dearest verification a request may run: MAX_EVENTS_PER_REQUEST scorings written since the newest checkpoint.
    const scoreUpToTheCap = async () => {
      for (let i = 0; i < MAX_EVENTS_PER_REQUEST; i += 1) await score(seeded[i % seeded.length].id);
    };
    users.BORROWER = (await createUser(database.db, tenant.id, { email: "borrower@cost.test", name: "Borrower", role: "BORROWER", passwordHash: "x", borrowerId: seeded[0].id })).id;
    const cookies: Record<string, string> = {};
    for (const [role, userId] of Object.entries(users)) {
      cookies[role] = `next-auth.session-token=${await encode({ token: { userId, tenantId: tenant.id, role, sessionVersion: 0 } as never, secret: process.env.AUTH_SECRET as string })}`;
    }

    const scoreFields = "id score scoreExact probabilityOfDefault riskBucket confidence baseScore subScores { component value points } contributions { feature points value } adverseReasons { code text } positiveFactors { code text } decision { recommendation recommendedLimit tenorDays }";
    // Bodies are built before anything is measured: building a 9 MB string is the client's work, not the server's.
    const json = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
    const aliased = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(" ");
    const cases: Case[] = [
      { name: "borrowers(first: 100) with every score, 2 aliases", role: "ANALYST", body: json(`{ ${aliased(2, `borrowers(first: 100) { edges { node { id givenName creditScores { ${scoreFields} } } } }`)} }`) },
      { name: "2 signal summaries (the cap; ≈1,000 signals each)", role: "ANALYST", body: json(`query ($id: ID!) { ${aliased(2, "borrower(id: $id) { signalSummary { transactionCount monthlyCashFlow { month inflow outflow } payments { dueDate amountDue paidAt } } }")} }`, { id: seeded[1].id }) },
      { name: "5 quickScores (the writing-field cap), BORROWER", role: "BORROWER", body: json(`mutation { ${aliased(5, "quickScore(indicators: { monthlyIncome: 30000, monthsOfHistory: 12 }) { score }")} }`) },
      { name: "calculateScore (1,000 signals)", role: "ANALYST", body: json(`mutation ($id: ID!) { calculateScore(input: { borrowerId: $id, purpose: LOAN_UNDERWRITING, requestedAmount: "20000", requestedTenorDays: 90 }) { id score } }`, { id: seeded[2].id }) },
      { name: `verifyAuditChain, ${MAX_EVENTS_PER_REQUEST} scorings since the checkpoint (the cap)`, role: "AUDITOR", body: json("{ verifyAuditChain { valid checkedEvents remainingEvents } }"), prepare: scoreUpToTheCap },
      { name: "refused: verifyAuditChain(full: true) (a job: startAuditVerification)", role: "AUDITOR", body: json("{ verifyAuditChain(full: true) { valid } }") },
      { name: "refused: depth 9 over Borrower ↔ CreditScore", role: "ANALYST", body: json(`{ borrower(id: "x") { creditScores { borrower { creditScores { borrower { creditScores { borrower { creditScores { id } } } } } } } } }`) },
      { name: "refused: 200,000 aliases, no credentials", role: null, body: json(`{ ${aliased(200_000, "health { status }")} }`) },
      { name: "refused: 16 aliases", role: "ANALYST", body: json(`{ ${aliased(16, "health { status }")} }`) },
      { name: "refused: 6 writing fields", role: "BORROWER", body: json(`mutation { ${aliased(6, "quickScore(indicators: { monthlyIncome: 1 }) { score }")} }`) },
      { name: "refused: 15 aliased signal summaries", role: "ANALYST", body: json(`query ($id: ID!) { ${aliased(15, "borrower(id: $id) { signalSummary { transactionCount } }")} }`, { id: seeded[1].id }) },
      { name: "refused: 9 MB body, no credentials", role: null, body: JSON.stringify({ query: "{ health { status } }", variables: { padding: "x".repeat(9 * 1024 * 1024) } }) },
    ];

    const send = async (testCase: Case): Promise<{ status: number; error: string | null }> => {
      const headers: Record<string, string> = { "content-type": "application/json", origin: "http://localhost" };
      if (testCase.role) headers.cookie = cookies[testCase.role];
      const response = await handleGraphQLRequest(new NextRequest("http://localhost/api/graphql", { method: "POST", body: testCase.body, headers }));
      const body = (await response.json()) as { errors?: { message: string }[] };
      return { status: response.status, error: body.errors?.[0]?.message ?? null };
    };

    console.log(`request cost on ${serverUrl ? "PostgreSQL" : "PGlite (embedded: its CPU is this process's)"}; ${borrowers} borrowers × ~1,000 signals, ${borrowers * 2} scorings; Node ${process.version}`);
    console.log("case | status | CPU ms/request alone | wall ms alone | CPU ms/request at 16 | RSS growth MB at 16 | heap growth MB at 16");
    for (const testCase of cases) {
      await testCase.prepare?.();
      await send(testCase);
      await testCase.prepare?.();
      global.gc?.();
      const cpu0 = process.cpuUsage();
      const wall0 = performance.now();
      const alone = await send(testCase);
      const wallAlone = performance.now() - wall0;
      const cpuAlone = process.cpuUsage(cpu0);
      global.gc?.();
      await testCase.prepare?.();
      global.gc?.();
      const rss0 = process.memoryUsage().rss;
      const heap0 = process.memoryUsage().heapUsed;
      let peakRss = rss0;
      let peakHeap = heap0;
      const sampler = setInterval(() => {
        const usage = process.memoryUsage();
        peakRss = Math.max(peakRss, usage.rss);
        peakHeap = Math.max(peakHeap, usage.heapUsed);
      }, 5);
      const cpu1 = process.cpuUsage();
      await Promise.all(Array.from({ length: concurrency }, () => send(testCase)));
      const cpuMany = process.cpuUsage(cpu1);
      clearInterval(sampler);
      const ms = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
      const status = `${alone.status}${alone.error ? ` "${alone.error.slice(0, 60)}"` : ""}`;
      console.log(`${testCase.name} | ${status} | ${ms(cpuAlone).toFixed(1)} | ${wallAlone.toFixed(1)} | ${(ms(cpuMany) / concurrency).toFixed(1)} | ${((peakRss - rss0) / 2 ** 20).toFixed(1)} | ${((peakHeap - heap0) / 2 ** 20).toFixed(1)}`);
    }
  } finally {
    await database.close();
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
