// Issue 14: a replay re-runs a scoring with the model it was made under, not the one active now. The newer
// model here is genuinely different (the default artifact with its calibration shifted), and the test first
// shows that it WOULD change the stored result, so a replay under the active model cannot pass. Through the
// core, on PGlite and, when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { assessApplication } from "@/scoring/pipeline/assess-application";
import { findPolicyVersionById } from "@/prisma/store/policy-version";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { activateShiftedDefaultModel, createFixtureUser, createScoringTenant, shiftedDefaultArtifact } from "@/prisma/testing/scoring-fixtures";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore, prepareScoring } from "./calculate-score";
import { recordCreditScoreWithAudit, hashCreditScore } from "@/prisma/store/credit-score";
import { setChallenger } from "./model-lifecycle/manage-challenger";
import { expectDomainError } from "./testing/expect-domain-error";
import { replayScore } from "./replay-score";
import { resolveSessionCaller } from "./resolve-session-caller";
import { canonicalResult, storeAssessment, thawFeatures } from "./scoring/stored-assessment";
import { readPolicyVersion } from "./scoring/scoring-versions";

const asOf = new Date("2026-11-01T00:00:00.000Z");
const now = new Date("2026-11-02T09:00:00.000Z");
const INTERCEPT_SHIFT = 0.75;

describe.each(testDatabaseKinds())("replay under the stored model on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let analyst: Actor;
  let auditor: Actor;
  let admin: Actor;
  let stored: CreditScoreRecord;
  let newerModelVersionId: string;
  const scope = (actor: Actor, instant = now): UseCaseScope => ({ db: database.db, actor, now: instant, request: { id: "replay-test", ipAddress: null } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `replay-${kind}`));
    const actorOf = async (userId: string) => (await resolveSessionCaller(database.db, { userId, tenantId })) as Actor;
    analyst = await actorOf(await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@replay.test`));
    auditor = await actorOf(await createFixtureUser(database.db, tenantId, "AUDITOR", `auditor-${kind}@replay.test`));
    admin = await actorOf(await createFixtureUser(database.db, tenantId, "ADMIN", `admin-${kind}@replay.test`));
    const [borrower] = await seedScoringPopulation(database.db, tenantId, `replay-${kind}`, { borrowers: 1, signalsPerBorrower: 300, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: now });
    stored = await calculateScore(scope(analyst), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf });
    newerModelVersionId = (await activateShiftedDefaultModel(database.db, tenantId, INTERCEPT_SHIFT)).id;
  }, 180_000);
  afterAll(async () => database.destroy());

  it("has a newer ACTIVE model that would give the stored scoring a different result", async () => {
    const active = await database.db.modelVersion.findFirstOrThrow({ where: { tenantId, status: "ACTIVE" } });
    expect(active.id).toBe(newerModelVersionId);
    expect(active.id).not.toBe(stored.modelVersionId);
    const policyVersion = await findPolicyVersionById(database.db, tenantId, stored.policyVersionId);
    const underNewerModel = assessApplication(loadArtifact(shiftedDefaultArtifact(INTERCEPT_SHIFT).artifact), readPolicyVersion(policyVersion as NonNullable<typeof policyVersion>), thawFeatures(stored.features), {
      requestedAmount: Number(stored.requestedAmount.toString()),
      requestedTenorDays: stored.requestedTenorDays,
    });
    expect(canonicalResult(storeAssessment(underNewerModel))).not.toBe(canonicalResult(stored.result));
    expect(underNewerModel.score.probabilityOfDefault).not.toBe(stored.probabilityOfDefault);
  });

  it("replays byte for byte with the model the scoring was made under, and audits it", async () => {
    const replay = await replayScore(scope(auditor), stored.id);
    expect(replay).toMatchObject({ identical: true, differences: [] });
    expect(canonicalResult(replay.replayed)).toBe(canonicalResult(stored.result));
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { tenantId, action: "creditScore.replayed", entityId: stored.id } });
    expect(event.payload).toMatchObject({ identical: true, differences: [] });
  });

  it("scores anew under the newer model: another model version and another probability of default", async () => {
    const rescored = await calculateScore(scope(analyst), { borrowerId: stored.borrowerId, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf });
    expect(rescored.modelVersionId).toBe(newerModelVersionId);
    expect(rescored.probabilityOfDefault).not.toBe(stored.probabilityOfDefault);
  });

  // Issue 14 (mutation testing): what a replay reports when the stored bytes are not what the engine gives
  // (a row written by an engine that computed differently: prepared by the use case, one number changed, then
  // stored through the store as the use case stores it), with and without a challenger in shadow.
  const replayEvents = (scoreId: string) => database.db.auditEvent.findMany({ where: { tenantId, action: "creditScore.replayed", entityId: scoreId }, orderBy: { seq: "asc" } });
  async function storeAltered(alter: (record: Record<string, unknown>) => void): Promise<string> {
    const prepared = await prepareScoring(scope(analyst), { borrowerId: stored.borrowerId, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf });
    if (prepared.kind !== "scored") throw new Error("expected a scoring");
    const { recordHash: _hash, ...record } = structuredClone(prepared.scoring.record);
    alter(record as unknown as Record<string, unknown>);
    const written = { ...record, recordHash: hashCreditScore(record) };
    return (await recordCreditScoreWithAudit(database.db, tenantId, written, { ...prepared.scoring.event, payload: { ...prepared.scoring.event.payload, recordHash: written.recordHash } })).score.id;
  }

  it("refuses a score the tenant does not have", async () => {
    await expectDomainError(replayScore(scope(auditor), "no-such-score"), "NOT_FOUND", undefined, "No credit score with this id.");
  });

  it("reports a stored result the engine does not reproduce: not identical, the differing paths, the original as stored, audited", async () => {
    const scoreId = await storeAltered((record) => {
      const result = record.result as { score: { score: number; baseScore: number } };
      result.score.score += 1;
      result.score.baseScore += 1;
    });
    const replay = await replayScore(scope(auditor), scoreId);
    expect(replay.identical).toBe(false);
    expect(replay.challenger).toBeNull();
    expect(replay.differences.map((difference) => difference.path)).toEqual(["score.baseScore", "score.score"]);
    const original = replay.original as { score: { score: number } };
    const replayed = replay.replayed as { score: { score: number } };
    expect(original.score.score).toBe(replayed.score.score + 1);
    expect(replay.differences[1]).toEqual({ path: "score.score", original: String(original.score.score), replayed: String(replayed.score.score) });
    const events = await replayEvents(scoreId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: "CreditScore", borrowerId: stored.borrowerId, actorId: auditor.id });
    const policyVersion = await findPolicyVersionById(database.db, tenantId, stored.policyVersionId);
    expect(events[0].payload).toEqual({ identical: false, differences: ["score.baseScore", "score.score"], policySha256: policyVersion?.documentSha256 });
  });

  it("replays a challenger's shadow result too: identical when it reproduces, not identical (naming its paths) when it does not", async () => {
    await setChallenger(scope(admin), stored.modelVersionId);
    const withChallenger = await calculateScore(scope(analyst), { borrowerId: stored.borrowerId, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf });
    expect(withChallenger.challengerModelVersionId).toBe(stored.modelVersionId);
    // The scoring's audit event names the challenger that scored it in shadow.
    const calculated = await database.db.auditEvent.findFirstOrThrow({ where: { tenantId, action: "creditScore.calculated", entityId: withChallenger.id } });
    expect(calculated.payload).toMatchObject({ modelVersionId: newerModelVersionId, challengerModelVersionId: stored.modelVersionId });
    const replay = await replayScore(scope(auditor), withChallenger.id);
    expect(replay).toMatchObject({ identical: true, differences: [], challenger: { modelVersionId: stored.modelVersionId, identical: true, differences: [] } });
    expect(canonicalResult(replay.challenger?.replayed)).toBe(canonicalResult(withChallenger.challengerResult));
    expect(canonicalResult(replay.challenger?.original)).toBe(canonicalResult(withChallenger.challengerResult));
    expect((await replayEvents(withChallenger.id))[0].payload).toMatchObject({ identical: true, differences: [], challenger: { modelVersionId: stored.modelVersionId, identical: true, differences: [] } });

    const alteredId = await storeAltered((record) => {
      (record.challengerResult as { score: { score: number } }).score.score += 1;
    });
    const altered = await replayScore(scope(auditor), alteredId);
    expect(altered).toMatchObject({ identical: false, differences: [], challenger: { identical: false, differences: [{ path: "score.score" }] } });
    expect((await replayEvents(alteredId))[0].payload).toMatchObject({ identical: false, differences: [], challenger: { modelVersionId: stored.modelVersionId, identical: false, differences: ["score.score"] } });
  });

  it("returns every differing path of a replay but keeps the first 20 of each result in the audit event", async () => {
    await setChallenger(scope(admin), stored.modelVersionId);
    // An engine that gave every feature one point more, for the champion and for the challenger.
    const addPoint = (result: unknown) => {
      for (const contribution of (result as { score: { contributions: { points: number }[] } }).score.contributions) contribution.points += 1;
    };
    const alteredId = await storeAltered((record) => {
      addPoint(record.result);
      addPoint(record.challengerResult);
    });
    const replay = await replayScore(scope(auditor), alteredId);
    const paths = (replay.original as { score: { contributions: unknown[] } }).score.contributions.map((_, index) => `score.contributions[${index}].points`);
    expect(paths.length).toBeGreaterThan(20);
    expect(replay.differences.map((difference) => difference.path)).toEqual(paths);
    expect(replay.challenger?.differences.map((difference) => difference.path)).toEqual(paths);
    expect((await replayEvents(alteredId))[0].payload).toMatchObject({ identical: false, differences: paths.slice(0, 20), challenger: { identical: false, differences: paths.slice(0, 20) } });
  });
});
