// Issue 15, deliverable 4: a challenger in shadow. Through the core on PGlite (and PostgreSQL when
// DATABASE_URL is set): only an ADMIN sets or clears it (audited, at most one); every live and portfolio
// scoring is then also scored by it from the same frozen features and the result stored beside the champion's,
// covered by recordHash; the challenger never changes what the champion decided; replay re-runs and compares
// both, and a scoring made without a challenger replays and hashes exactly as before.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "@/scoring/artifact/canonical-json";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { assessApplication } from "@/scoring/pipeline/assess-application";
import { hashCreditScore, type CreditScoreRecord } from "@/prisma/store/credit-score";
import { findAlteredScoringOfEvents } from "@/prisma/store/audit-verification";
import { findPolicyVersionById } from "@/prisma/store/policy-version";
import { createFixtureUser, createScoringTenant } from "@/prisma/testing/scoring-fixtures";
import { seedScoringPopulation, type SeededBorrower } from "@/prisma/testing/seed-scoring-population";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "../actor";
import { calculateScore } from "../calculate-score";
import { JobQueue } from "../jobs/job-queue";
import { startWorker } from "../jobs/job-worker";
import { getJob } from "../jobs/manage-jobs";
import { startPortfolioRescore } from "../jobs/rescore-portfolio";
import { replayScore } from "../replay-score";
import { resolveSessionCaller } from "../resolve-session-caller";
import { canonicalResult, storeAssessment, thawFeatures } from "../scoring/stored-assessment";
import { readPolicyVersion } from "../scoring/scoring-versions";
import { verifyAuditChain } from "../verify-audit-chain";
import { candidateArtifact, registerDraftCandidate } from "./candidate-model.fixture";
import { clearChallenger, getChallenger, setChallenger } from "./manage-challenger";
import { registerModelVersion } from "./register-model-version";

const asOf = new Date("2026-11-01T00:00:00.000Z");
const SHIFT = 0.6;
const request = { purpose: "LOAN_UNDERWRITING" as const, requestedAmount: "20000", requestedTenorDays: 90, asOf };

describe.each(testDatabaseKinds())("a challenger in shadow on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let admin: Actor;
  let analyst: Actor;
  let borrowers: SeededBorrower[];
  let candidateId: string;
  let before: CreditScoreRecord;
  let during: CreditScoreRecord;
  const queues: JobQueue[] = [];
  const scope = (actor: Actor): UseCaseScope => ({ db: database.db, actor, now: new Date(), request: { id: "shadow-test", ipAddress: null } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `shadow-${kind}`));
    const actorOf = async (userId: string) => (await resolveSessionCaller(database.db, { userId, tenantId })) as Actor;
    admin = await actorOf(await createFixtureUser(database.db, tenantId, "ADMIN", `admin-${kind}@shadow.test`));
    analyst = await actorOf(await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@shadow.test`));
    borrowers = await seedScoringPopulation(database.db, tenantId, `shadow-${kind}`, { borrowers: 3, signalsPerBorrower: 150, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING", "MONITORING"], consentsUntil: new Date() });
    candidateId = (await registerDraftCandidate(database.db, tenantId, SHIFT)).id;
    before = await calculateScore(scope(analyst), { ...request, borrowerId: borrowers[0].id });
  }, 180_000);
  afterAll(async () => {
    for (const queue of queues) await queue.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await database.destroy();
  });

  it("without a challenger stores no shadow result, and hashes exactly as records did before the challenger columns", () => {
    expect(before.challengerModelVersionId).toBeNull();
    expect(before.challengerResult).toBeNull();
    const { recordHash: _hash, createdAt: _createdAt, tenantId: _tenantId, challengerModelVersionId: _c, challengerResult: _r, ...columns } = before;
    const body = { ...columns, requestedAmount: before.requestedAmount.toString(), recommendedLimit: before.recommendedLimit.toString() };
    expect(before.recordHash).toBe(createHash("sha256").update(canonicalJson(body), "utf8").digest("hex"));
  });

  it("registers a model trained elsewhere as a DRAFT only when its artifact loads, by an ADMIN, audited", async () => {
    const { artifact } = candidateArtifact(1.1);
    await expect(registerModelVersion(scope(analyst), { name: "uploaded", version: "1", artifact })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(registerModelVersion(scope(admin), { name: "uploaded", version: "1", artifact: { ...artifact, members: [] } })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "artifact" });
    await expect(registerModelVersion(scope(admin), { name: "uploaded", version: "1", artifact: { nothing: true } })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "artifact" });
    await expect(registerModelVersion(scope(admin), { name: "", version: "1", artifact })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    const registered = await registerModelVersion(scope(admin), { name: "uploaded", version: "1", artifact: JSON.stringify(artifact) });
    expect(registered).toMatchObject({ status: "DRAFT", artifactSha256: candidateArtifact(1.1).contentHash });
    await expect(registerModelVersion(scope(admin), { name: "uploaded", version: "2", artifact })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await database.db.auditEvent.count({ where: { tenantId, action: "model.registered", entityId: registered.id } })).toBe(1);
  });

  it("is set and cleared by an ADMIN only, never the ACTIVE model, and each change is audited", async () => {
    await expect(setChallenger(scope(analyst), candidateId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(clearChallenger(scope(analyst))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setChallenger(scope(admin), before.modelVersionId)).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "modelVersionId" });
    await expect(setChallenger(scope(admin), "no-such-version")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await registerDraftCandidate(database.db, tenantId, -0.4, "other-candidate");
    await setChallenger(scope(admin), other.id);
    const set = await setChallenger(scope(admin), candidateId);
    expect(set.modelVersion.id).toBe(candidateId);
    expect(await database.db.modelChallenger.count({ where: { tenantId } })).toBe(1);
    expect((await getChallenger(scope(analyst)))?.modelVersion.id).toBe(candidateId);
    expect(await clearChallenger(scope(admin))).toMatchObject({ modelVersionId: candidateId });
    expect(await getChallenger(scope(admin))).toBeNull();
    expect(await clearChallenger(scope(admin))).toBeNull();
    await setChallenger(scope(admin), candidateId);
    const events = await database.db.auditEvent.findMany({ where: { tenantId, action: { startsWith: "model.challenger" } }, orderBy: { seq: "asc" } });
    expect(events.map((event) => [event.action, event.entityId, (event.payload as { previousChallengerId?: string | null }).previousChallengerId ?? null])).toEqual([
      ["model.challengerSet", other.id, null],
      ["model.challengerSet", candidateId, other.id],
      ["model.challengerCleared", candidateId, null],
      ["model.challengerSet", candidateId, null],
    ]);
    expect(events.every((event) => event.actorId === admin.id)).toBe(true);
  });

  it("scores a live scoring in shadow from the same frozen features; the champion's decision is what it was without one", async () => {
    during = await calculateScore(scope(analyst), { ...request, borrowerId: borrowers[0].id });
    expect(during.modelVersionId).toBe(before.modelVersionId);
    expect(during.challengerModelVersionId).toBe(candidateId);
    // The champion's part is byte for byte what the same scoring gave without a challenger.
    expect(canonicalResult(during.result)).toBe(canonicalResult(before.result));
    expect([during.score, during.recommendation, during.probabilityOfDefault, during.recommendedLimit.toString()]).toEqual([before.score, before.recommendation, before.probabilityOfDefault, before.recommendedLimit.toString()]);
    // The shadow result is the challenger's own assessment of those features under the same policy.
    const policyVersion = await findPolicyVersionById(database.db, tenantId, during.policyVersionId);
    const expected = assessApplication(loadArtifact(candidateArtifact(SHIFT).artifact), readPolicyVersion(policyVersion as NonNullable<typeof policyVersion>), thawFeatures(during.features), { requestedAmount: 20000, requestedTenorDays: 90 });
    expect(canonicalResult(during.challengerResult)).toBe(canonicalResult(storeAssessment(expected)));
    expect(expected.score.probabilityOfDefault).not.toBe(during.probabilityOfDefault);
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { tenantId, action: "creditScore.calculated", entityId: during.id } });
    expect(event.payload).toMatchObject({ recordHash: during.recordHash, modelVersionId: during.modelVersionId, challengerModelVersionId: candidateId });
  });

  it("covers the shadow columns by recordHash: a changed challenger result or id no longer hashes to it", async () => {
    expect(hashCreditScore(during)).toBe(during.recordHash);
    expect(hashCreditScore({ ...during, challengerResult: { ...(during.challengerResult as object), tampered: true } })).not.toBe(during.recordHash);
    expect(hashCreditScore({ ...during, challengerModelVersionId: null, challengerResult: null })).not.toBe(during.recordHash);
    const reread = await database.db.creditScore.findUniqueOrThrow({ where: { id: during.id } });
    expect(hashCreditScore(reread)).toBe(during.recordHash);
    expect(await findAlteredScoringOfEvents(database.db, tenantId, await database.db.auditEvent.findMany({ where: { tenantId } }))).toBeNull();
  });

  it("replays both results byte for byte; a scoring made before the challenger replays as before, with no challenger part", async () => {
    const replay = await replayScore(scope(admin), during.id);
    expect(replay.identical).toBe(true);
    expect(replay.challenger).toMatchObject({ modelVersionId: candidateId, identical: true, differences: [] });
    expect(canonicalResult(replay.challenger?.replayed)).toBe(canonicalResult(during.challengerResult));
    const old = await replayScore(scope(admin), before.id);
    expect(old).toMatchObject({ identical: true, differences: [], challenger: null });
    const event = await database.db.auditEvent.findFirstOrThrow({ where: { tenantId, action: "creditScore.replayed", entityId: during.id } });
    expect(event.payload).toMatchObject({ identical: true, challenger: { modelVersionId: candidateId, identical: true } });
  });

  it("scores a portfolio re-scoring in shadow too, and keeps the audit chain valid", async () => {
    const queue = new JobQueue(database, { retryLimit: 2, retryDelay: 1, expireInSeconds: 30, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 5 });
    queues.push(queue);
    await startWorker(database, queue, { concurrency: 1 });
    const job = await startPortfolioRescore(scope(analyst), { purpose: "MONITORING", asOf, defaultRequestedAmount: "15000", defaultRequestedTenorDays: 60 }, queue);
    const deadline = Date.now() + 60_000;
    while ((await getJob(scope(analyst), job.id))?.job.state !== "SUCCEEDED") {
      if (Date.now() > deadline) throw new Error("the re-scoring did not finish");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const scores = await database.db.creditScore.findMany({ where: { tenantId, requestId: `job:${job.id}` } });
    expect(scores).toHaveLength(3);
    for (const score of scores) {
      expect(score.challengerModelVersionId).toBe(candidateId);
      expect((score.challengerResult as { score: { probabilityOfDefault: number } }).score.probabilityOfDefault).not.toBe(score.probabilityOfDefault);
      expect((await replayScore(scope(admin), score.id)).challenger?.identical).toBe(true);
    }
    expect((await verifyAuditChain(scope(admin))).valid).toBe(true);
  }, 90_000);
});
