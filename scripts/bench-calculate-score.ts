// Benchmark of calculateScore end to end (HTTP → auth → consent check → ~12 months / ~1,000 stored
// signals → features → score and explanation → decision → CreditScore + audit row in one transaction)
// against a running `next start`, at a fixed number of concurrent clients, on 127.0.0.1 only.
//
//   DATABASE_URL=postgresql://… npm run bench:calculate-score -- --url http://127.0.0.1:3100 \
//     [--borrowers 32] [--signals 1000] [--clients 16] [--requests 2000] [--warmup 200] [--rate 0]
//
// It seeds its own tenant ("bench-<time>") in the server's database: the default model and policy, an
// ANALYST API key, borrowers from the synthetic generator padded to ~--signals signals each (extra
// transactions are copies of the borrower's own, 1 to 3 hours later, so the 12-month span and mix stay
// the same), and a consent covering every category. Then it runs a bounded loop and prints p50/p99/throughput.
//
// Closed loop (default): --clients loops, each sending its next request when the previous one answered, so
// latency ≈ clients / throughput once the server is saturated. Open loop (--rate R > 0): requests start on a
// fixed schedule of R per second whatever the answers, and each latency is measured from its scheduled start
// (queueing included), which shows the latency a caller sees at a given load below saturation.
import { performance } from "node:perf_hooks";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { createApiKey } from "@/prisma/store/api-key";
import { openDatabase } from "@/prisma/store/database";
import { ensureTenant } from "@/prisma/store/tenant";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { generateApiKeyToken } from "@/core/security/api-key-token";
import { option } from "./script-helpers";


const baseUrl = option("url", "http://127.0.0.1:3100");
const borrowerCount = Number(option("borrowers", "32"));
const signalsPerBorrower = Number(option("signals", "1000"));
const clients = Number(option("clients", "16"));
const requests = Number(option("requests", "2000"));
const warmup = Number(option("warmup", "200"));
const rate = Number(option("rate", "0"));
const asOf = "2026-11-01T00:00:00Z";

async function seed(): Promise<{ token: string; borrowerIds: string[]; signalCounts: number[] }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("bench: set DATABASE_URL to the server's PostgreSQL database");
  if (!new URL(baseUrl).hostname.match(/^(127\.0\.0\.1|localhost)$/)) throw new Error("bench: --url must be on 127.0.0.1");
  const database = await openDatabase({ databaseUrl });
  try {
    const { db } = database;
    await database.withSqlSession((sql) => applyMigrations(sql));
    const tenant = await ensureTenant(db, { slug: `bench-${Date.now()}`, name: "Benchmark MFI" });
    await registerDefaultScoring(db, tenant.id);
    const key = generateApiKeyToken();
    await createApiKey(db, tenant.id, { name: "bench", prefix: key.prefix, secretHash: key.secretHash, role: "ANALYST", scopes: ["READ", "WRITE"], createdByUserId: null });
    const seeded = await seedScoringPopulation(db, tenant.id, tenant.slug, { borrowers: borrowerCount, signalsPerBorrower, asOf, purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date() });
    const borrowerIds = seeded.map((borrower) => borrower.id);
    const signalCounts = seeded.map((borrower) => borrower.signals);
    return { token: key.token, borrowerIds, signalCounts };
  } finally {
    await database.close();
  }
}

const mutation = `mutation ($input: CalculateScoreInput!) { calculateScore(input: $input) { id score probabilityOfDefault decision { recommendation recommendedLimit } adverseReasons { code } } }`;

async function scoreOnce(token: string, borrowerId: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: mutation, variables: { input: { borrowerId, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf } } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || body.errors) throw new Error(`bench: calculateScore failed: ${response.status} ${JSON.stringify(body.errors)}`);
  return performance.now() - started;
}

/** `total` requests by `clients` concurrent loops; returns each request's milliseconds and the wall time. */
async function runLoop(token: string, borrowerIds: string[], total: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const index = next;
        next += 1;
        latencies.push(await scoreOnce(token, borrowerIds[index % borrowerIds.length]));
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** `total` requests started at `rate` per second on a fixed schedule; latency counted from each scheduled start. */
async function runOpenLoop(token: string, borrowerIds: string[], total: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index += 1) {
    const due = started + (index * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(scoreOnce(token, borrowerIds[index % borrowerIds.length]).then(() => void latencies.push(performance.now() - due)));
  }
  await Promise.all(pending);
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const percentile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

async function main(): Promise<void> {
  const { token, borrowerIds, signalCounts } = await seed();
  const meanSignals = signalCounts.reduce((a, b) => a + b, 0) / signalCounts.length;
  console.log(`seeded ${borrowerIds.length} borrowers, ${Math.round(meanSignals)} signals each on average (min ${Math.min(...signalCounts)}, max ${Math.max(...signalCounts)})`);
  await runLoop(token, borrowerIds, warmup);
  const { latencies, seconds } = rate > 0 ? await runOpenLoop(token, borrowerIds, requests) : await runLoop(token, borrowerIds, requests);
  const sorted = [...latencies].sort((a, b) => a - b);
  const load = rate > 0 ? `open loop at ${rate} requests/s` : `${clients} concurrent clients`;
  console.log(`calculateScore, ${load}, ${requests} requests after ${warmup} warm-up: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, throughput ${(requests / seconds).toFixed(1)} scorings/s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
