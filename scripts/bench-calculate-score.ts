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
import { generatePopulation } from "@/scoring/synthetic/generate-population";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { createApiKey } from "@/prisma/store/api-key";
import { ingestBehaviouralEvents } from "@/prisma/store/behavioural-event";
import { ingestBills } from "@/prisma/store/bill";
import { createBorrower } from "@/prisma/store/borrower";
import { createConsent } from "@/prisma/store/consent";
import { openDatabase } from "@/prisma/store/database";
import { ensureLinkedAccount } from "@/prisma/store/linked-account";
import { ingestLoanRepayments } from "@/prisma/store/loan-repayment";
import { ensureTenant } from "@/prisma/store/tenant";
import { ingestTransactions } from "@/prisma/store/transaction";
import { generateApiKeyToken } from "@/graphql/security/api-key-token";

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const baseUrl = option("url", "http://127.0.0.1:3100");
const borrowerCount = Number(option("borrowers", "32"));
const signalsPerBorrower = Number(option("signals", "1000"));
const clients = Number(option("clients", "16"));
const requests = Number(option("requests", "2000"));
const warmup = Number(option("warmup", "200"));
const rate = Number(option("rate", "0"));
const asOf = "2026-11-01T00:00:00Z";
const HOUR = 3_600_000;

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
    const population = generatePopulation({ seed: 20_261_122, size: borrowerCount * 3, asOf, market: "KE" })
      .map((borrower) => ({ borrower, signals: borrower.bundle.transactions.length + borrower.bundle.bills.length + borrower.bundle.loans.reduce((n, loan) => n + loan.instalments.length, 0) + borrower.bundle.events.length }))
      .filter((entry) => entry.borrower.bundle.transactions.length > 50)
      .slice(0, borrowerCount);
    const borrowerIds: string[] = [];
    const signalCounts: number[] = [];
    for (const [index, { borrower: synthetic, signals }] of population.entries()) {
      const { bundle } = synthetic;
      const scoped = (id: string): string => `${tenant.slug}:${synthetic.id}:${id}`;
      const borrower = await createBorrower(db, tenant.id, {
        externalId: scoped("b"),
        nationalIdType: bundle.identity?.nationalIdType ?? "HUDUMA",
        nationalIdHash: `${String(index).padStart(8, "0")}${tenant.id}`.padEnd(64, "0").slice(0, 64),
        nationalIdLast4: String(index).padStart(4, "0"),
        givenName: "Bench",
        familyName: `Borrower ${index}`,
        phone: bundle.identity?.phone ?? `+2547${String(index).padStart(8, "0")}`,
        dateOfBirth: new Date(`${bundle.identity?.dateOfBirth ?? "1990-01-01"}T00:00:00Z`),
        idVerified: bundle.identity?.idVerified ?? false,
      });
      const accounts = new Map<string, string>();
      for (const account of bundle.accounts) {
        const row = await ensureLinkedAccount(db, tenant.id, { borrowerId: borrower.id, type: account.type, provider: account.provider, externalReference: scoped(account.id), openedAt: new Date(account.openedAt), verified: account.verified });
        accounts.set(account.id, row.id);
      }
      const copies = Math.max(0, Math.ceil((signalsPerBorrower - signals) / bundle.transactions.length));
      const transactions = Array.from({ length: copies + 1 }, (_, copy) =>
        bundle.transactions.map((t) => ({
          borrowerId: borrower.id,
          externalId: scoped(`${t.externalId}#${copy}`),
          accountId: accounts.get(t.accountId) as string,
          occurredAt: new Date(Date.parse(t.occurredAt) + copy * HOUR),
          amount: t.amount.toFixed(2),
          currency: t.currency,
          direction: t.direction,
          category: t.category,
          counterparty: t.counterparty ?? null,
        })),
      )
        .flat()
        .filter((t) => t.occurredAt.getTime() < Date.parse(asOf))
        .slice(0, Math.max(bundle.transactions.length, signalsPerBorrower - (signals - bundle.transactions.length)));
      await ingestTransactions(db, tenant.id, transactions);
      await ingestBills(db, tenant.id, bundle.bills.map((b) => ({ borrowerId: borrower.id, externalId: scoped(b.externalId), accountId: b.accountId ? (accounts.get(b.accountId) ?? null) : null, biller: b.biller, billType: b.billType, dueDate: new Date(`${b.dueDate}T00:00:00Z`), amountDue: b.amountDue.toFixed(2), paidAt: b.paidAt ? new Date(b.paidAt) : null, amountPaid: b.amountPaid?.toFixed(2) ?? null })));
      const instalments = bundle.loans.flatMap((loan) => loan.instalments.map((i, k) => ({ borrowerId: borrower.id, externalId: scoped(`${loan.externalId}#${k + 1}`), loanExternalId: scoped(loan.externalId), lender: loan.lender, lenderType: loan.lenderType, principal: loan.principal.toFixed(2), disbursedAt: new Date(loan.disbursedAt), dueDate: new Date(`${i.dueDate}T00:00:00Z`), amountDue: i.amountDue.toFixed(2), paidAt: i.paidAt ? new Date(i.paidAt) : null, amountPaid: i.amountPaid?.toFixed(2) ?? null, writtenOffAt: loan.writtenOffAt ? new Date(loan.writtenOffAt) : null })));
      await ingestLoanRepayments(db, tenant.id, instalments);
      await ingestBehaviouralEvents(db, tenant.id, bundle.events.map((e) => ({ borrowerId: borrower.id, externalId: scoped(e.externalId), type: e.type, occurredAt: new Date(e.occurredAt), deviceId: e.deviceId ?? null })));
      await createConsent(db, tenant.id, { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", dataCategories: ["IDENTITY", "TRANSACTIONS", "BILLS", "LOAN_REPAYMENTS", "BEHAVIOURAL_EVENTS", "BUREAU"], statement: "Benchmark consent.", validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date(Date.now() + 365 * 24 * HOUR), dataLifeDays: 3650, grantedAt: new Date() });
      borrowerIds.push(borrower.id);
      signalCounts.push(transactions.length + bundle.bills.length + instalments.length + bundle.events.length);
    }
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
