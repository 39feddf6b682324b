// Benchmark of a policy simulation: a stricter draft evaluated over N stored applications (default 10,000)
// of one tenant, read page by page from the database with their latest outcomes, each re-evaluated from its
// frozen features and stored score, summarised by band and month with its swap set; the figures stored.
//
//   npm run bench:simulation -- [--applications 10000] [--templates 40]
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:simulation   (a fresh database on that server)
//
// Seeding: `templates` borrowers are generated and scored for real (calculateScore), then their CreditScore
// rows are copied in SQL (new ids, scoredAt spread over 12 months) up to N, and every fifth copy gets an
// outcome. The timed part is the simulation's unit (runPolicySimulation) as a worker runs it. The last line is
//   simulation: <N> applications in <seconds> s = <rate> applications/s; <swaps> swaps
import { performance } from "node:perf_hooks";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { contentHash } from "@/scoring/artifact/canonical-json";
import type { Actor, UseCaseScope } from "@/core/actor";
import { calculateScore } from "@/core/calculate-score";
import { getPolicySimulation } from "@/core/policy-simulation/read-policy-simulation";
import { runPolicySimulation } from "@/core/policy-simulation/run-policy-simulation";
import { startPolicySimulation } from "@/core/policy-simulation/start-policy-simulation";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { createTestDatabase } from "@/prisma/testing/test-database";
import { option } from "./script-helpers";

const applications = Number(option("applications", "10000"));
const templates = Number(option("templates", "40"));
const asOf = "2026-11-01T00:00:00Z";

async function main(): Promise<void> {
  const kind = process.env.DATABASE_URL ? "postgresql" : "pglite";
  const database = await createTestDatabase(kind);
  try {
    const tenant = await ensureTenant(database.db, { slug: "bench-simulation", name: "Bench" });
    await registerDefaultScoring(database.db, tenant.id);
    const user = await createUser(database.db, tenant.id, { email: "committee@bench.test", name: "Bench Committee", role: "COMMITTEE", passwordHash: "x" });
    const actor = (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Actor;
    const scope = (): UseCaseScope => ({ db: database.db, actor, now: new Date(), request: { id: "bench", ipAddress: null } });

    let started = performance.now();
    const borrowers = await seedScoringPopulation(database.db, tenant.id, "bench", { borrowers: templates, signalsPerBorrower: 300, asOf, purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date() });
    for (const [index, borrower] of borrowers.entries()) {
      await calculateScore(scope(), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: String(10_000 + (index % 8) * 7_500), requestedTenorDays: [30, 90, 180][index % 3], asOf: new Date(asOf) });
    }
    const copies = Math.ceil(applications / templates) - 1;
    await database.db.$executeRawUnsafe(
      `INSERT INTO "CreditScore" (id, "tenantId", "borrowerId", "modelVersionId", "policyVersionId", "policySha256", purpose, "consentIds", "callerKind", "callerId", "callerRole", "requestId", "ipAddress", "apiKeyHash", "asOf", "scoredAt",
         "requestedAmount", "requestedTenorDays", score, "scoreExact", "probabilityOfDefault", "riskBucket", "riskLevel", confidence, recommendation, flagged, "recommendedLimit", "tenorDays", inputs, features, "inputsSha256", result, "recordHash")
       SELECT md5(s.id || k::text), s."tenantId", s."borrowerId", s."modelVersionId", s."policyVersionId", s."policySha256", s.purpose, s."consentIds", s."callerKind", s."callerId", s."callerRole", s."requestId", s."ipAddress", s."apiKeyHash", s."asOf",
         timestamptz '2026-01-01' + ((k * 7919) % 365) * interval '1 day', s."requestedAmount", s."requestedTenorDays", s.score, s."scoreExact", s."probabilityOfDefault", s."riskBucket", s."riskLevel", s.confidence, s.recommendation, s.flagged,
         s."recommendedLimit", s."tenorDays", s.inputs, s.features, s."inputsSha256", s.result, s."recordHash"
       FROM "CreditScore" s, generate_series(1, $2::int) k WHERE s."tenantId" = $1 LIMIT $3`,
      tenant.id,
      copies,
      applications - templates,
    );
    await database.db.$executeRawUnsafe(
      `INSERT INTO "Outcome" (id, "tenantId", "borrowerId", "creditScoreId", status, "maxDaysLate", "recoveredAmount", "observedAt")
       SELECT md5('o' || s.id), s."tenantId", s."borrowerId", s.id, (CASE WHEN abs(hashtext(s.id)) % 10 = 0 THEN 'DEFAULT' ELSE 'PAID_OFF' END)::"OutcomeStatus", 0, NULL, timestamptz '2026-12-15'
       FROM "CreditScore" s WHERE s."tenantId" = $1 AND s.recommendation = 'APPROVE' AND abs(hashtext(s.id)) % 5 = 0`,
      tenant.id,
    );
    const stored = await database.db.creditScore.count({ where: { tenantId: tenant.id } });
    console.log(`seeded ${stored} stored applications (${templates} scored, the rest copied) in ${((performance.now() - started) / 1000).toFixed(1)} s on ${kind}`);

    const stricter = { ...DEFAULT_DECISION_POLICY, name: "stricter", thresholds: { approveMinScore: 600, rejectBelowScore: 540 }, affordability: { ...DEFAULT_DECISION_POLICY.affordability, instalmentShareOfNetInflow: 0.3 } };
    const draft = await database.db.policyVersion.create({ data: { tenantId: tenant.id, name: "stricter", version: "1", status: "DRAFT", document: stricter, documentSha256: contentHash(stricter) } });
    const job = await startPolicySimulation(scope(), { policyVersionId: draft.id, from: new Date("2026-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") }, { send: async () => undefined });
    started = performance.now();
    await runPolicySimulation(database, { tenantId: tenant.id, jobId: job.id }, new Date());
    const seconds = (performance.now() - started) / 1000;
    const view = await getPolicySimulation(scope(), job.id);
    if (view?.job.state !== "SUCCEEDED" || !view.result) throw new Error(`the simulation did not succeed: ${view?.job.state} ${view?.job.error}`);
    const { overall, swapCounts, byMonth } = view.result.summary;
    console.log(`baseline approve ${overall.baseline.approved}, draft approve ${overall.draft.approved}; swaps ${JSON.stringify(swapCounts)}; ${byMonth.length} months; result ${JSON.stringify(view.result).length} bytes`);
    const swaps = Object.values(swapCounts).reduce((a, b) => a + b, 0);
    console.log(`simulation: ${view.done} applications in ${seconds.toFixed(2)} s = ${(view.done / seconds).toFixed(0)} applications/s; ${swaps} swaps`);
  } finally {
    await database.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
