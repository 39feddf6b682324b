// Cost of shadow scoring per scoring: calculateScore (consent gate, signals read, features, champion score and
// decision, CreditScore + audit row) with no challenger and with a challenger set, in alternating rounds on the
// same borrowers, on embedded PGlite (or DATABASE_URL's server with --postgresql); then the engine-only cost
// of the challenger's assessment from frozen features.
//
//   npx tsx --conditions=react-server scripts/bench-shadow.ts [--borrowers 40] [--rounds 4] [--signals 300] [--postgresql]
//
// Prints one line per round and a summary line:
//   shadow: <a> ms/scoring without, <b> ms/scoring with a challenger (+<d> ms, +<p> %); engine only <e> ms per challenger assessment
import { performance } from "node:perf_hooks";
import type { Actor, UseCaseScope } from "@/core/actor";
import { calculateScore } from "@/core/calculate-score";
import { candidateArtifact, registerDraftCandidate } from "@/core/model-lifecycle/candidate-model.fixture";
import { clearChallenger, setChallenger } from "@/core/model-lifecycle/manage-challenger";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { thawFeatures } from "@/core/scoring/stored-assessment";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { assessApplication } from "@/scoring/pipeline/assess-application";
import { createFixtureUser, createScoringTenant } from "@/prisma/testing/scoring-fixtures";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { createTestDatabase } from "@/prisma/testing/test-database";
import { option } from "./script-helpers";

const borrowerCount = Number(option("borrowers", "40"));
const rounds = Number(option("rounds", "4"));
const signals = Number(option("signals", "300"));
const asOf = new Date("2026-11-01T00:00:00Z");
process.env.MICROTRUST_AUDIT_KEY ??= `bench-${Date.now()}`;

async function main(): Promise<void> {
  const database = await createTestDatabase(process.argv.includes("--postgresql") ? "postgresql" : "pglite");
  try {
    const { tenantId } = await createScoringTenant(database.db, "bench-shadow");
    const actorOf = async (role: Actor["role"]) => (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, role, `${role.toLowerCase()}@bench-shadow.test`), tenantId })) as Actor;
    const [admin, analyst] = [await actorOf("ADMIN"), await actorOf("ANALYST")];
    const scope = (actor: Actor): UseCaseScope => ({ db: database.db, actor, now: new Date(), request: { id: "bench-shadow", ipAddress: null } });
    const borrowers = await seedScoringPopulation(database.db, tenantId, "bench-shadow", { borrowers: borrowerCount, signalsPerBorrower: signals, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date(Date.now() + 86_400_000) });
    const candidate = await registerDraftCandidate(database.db, tenantId, -0.5);
    const scoreAll = async () => {
      const started = performance.now();
      for (const borrower of borrowers) await calculateScore(scope(analyst), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf });
      return (performance.now() - started) / borrowers.length;
    };
    // Warm-up: both models loaded, the queries planned.
    await setChallenger(scope(admin), candidate.id);
    await scoreAll();
    await clearChallenger(scope(admin));
    await scoreAll();
    const without: number[] = [];
    const withChallenger: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await clearChallenger(scope(admin));
      without.push(await scoreAll());
      await setChallenger(scope(admin), candidate.id);
      withChallenger.push(await scoreAll());
      console.log(`round ${round + 1}: ${without.at(-1)?.toFixed(2)} ms without, ${withChallenger.at(-1)?.toFixed(2)} ms with a challenger`);
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const frozen = await database.db.creditScore.findMany({ where: { tenantId }, take: borrowers.length, select: { features: true } });
    const challenger = loadArtifact(candidateArtifact(-0.5).artifact);
    const repetitions = 20;
    const started = performance.now();
    for (let r = 0; r < repetitions; r++) for (const row of frozen) assessApplication(challenger, DEFAULT_DECISION_POLICY, thawFeatures(row.features), { requestedAmount: 20000, requestedTenorDays: 90 });
    const engine = (performance.now() - started) / (repetitions * frozen.length);
    const [a, b] = [mean(without), mean(withChallenger)];
    console.log(`shadow: ${a.toFixed(2)} ms/scoring without, ${b.toFixed(2)} ms/scoring with a challenger (+${(b - a).toFixed(2)} ms, +${(((b - a) / a) * 100).toFixed(1)} %); engine only ${engine.toFixed(2)} ms per challenger assessment (${borrowers.length} borrowers × ${rounds} rounds, ~${signals} signals each, ${database.kind})`);
  } finally {
    await database.destroy();
  }
}

void main();
