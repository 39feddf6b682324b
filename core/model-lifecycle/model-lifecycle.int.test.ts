// Issue 15, "must show", through the core on PGlite (and PostgreSQL when DATABASE_URL is set): set a challenger →
// live scorings store both results → outcomes → comparison report → propose → approve → new scorings use the
// new model; earlier scorings replay identically. The proposer cannot approve their own proposal; a BORROWER
// or an ANALYST cannot promote. (Training the candidate from an imported book joins this test when the
// loan-book import and training jobs land; until then the candidate is a DRAFT registered by the fixture.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { createFixtureUser, createScoringTenant } from "@/prisma/testing/scoring-fixtures";
import { seedScoringPopulation, type SeededBorrower } from "@/prisma/testing/seed-scoring-population";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "../actor";
import { approveChange, proposeChange } from "../approvals/change-proposals";
import { calculateScore } from "../calculate-score";
import { JobQueue } from "../jobs/job-queue";
import { startWorker } from "../jobs/job-worker";
import { getModelComparison, startModelComparison } from "../model-comparison/start-model-comparison";
import { recordOutcome } from "../record-outcome";
import { replayScore } from "../replay-score";
import { resolveSessionCaller } from "../resolve-session-caller";
import { canonicalResult } from "../scoring/stored-assessment";
import { verifyAuditChain } from "../verify-audit-chain";
import { registerDraftCandidate } from "./candidate-model.fixture";
import { getChallenger, setChallenger } from "./manage-challenger";

const asOf = new Date("2026-11-01T00:00:00.000Z");
const scoredAt = new Date("2026-11-02T09:00:00.000Z");
const observedAt = new Date("2027-02-01T00:00:00.000Z");
const later = new Date("2027-03-01T00:00:00.000Z");
const BORROWERS = 12;
const request = { purpose: "LOAN_UNDERWRITING" as const, requestedAmount: "20000", requestedTenorDays: 90, asOf };

describe.each(testDatabaseKinds())("the lender's own model, from challenger to champion, on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let people: { admin: Actor; secondAdmin: Actor; committee: Actor; analyst: Actor; borrower: Actor };
  let borrowers: SeededBorrower[];
  let championId: string;
  let candidateId: string;
  const earlier: CreditScoreRecord[] = [];
  let queue: JobQueue;
  let evidenceJobId: string;
  let seq = 0;
  const scope = (actor: Actor, now = later): UseCaseScope => ({ db: database.db, actor, now: new Date(now.getTime() + ++seq), request: { id: `lifecycle-${seq}`, ipAddress: null } });
  const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: { code?: string; field?: string }) => `${error.code}${error.field ? `:${error.field}` : ""}`);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `lifecycle-${kind}`));
    const actorOf = async (role: Actor["role"], email: string, borrowerId: string | null = null) => (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, role, email, borrowerId), tenantId })) as Actor;
    borrowers = await seedScoringPopulation(database.db, tenantId, `lifecycle-${kind}`, { borrowers: BORROWERS, signalsPerBorrower: 120, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: later });
    people = {
      admin: await actorOf("ADMIN", `admin-${kind}@lifecycle.test`),
      secondAdmin: await actorOf("ADMIN", `admin2-${kind}@lifecycle.test`),
      committee: await actorOf("COMMITTEE", `committee-${kind}@lifecycle.test`),
      analyst: await actorOf("ANALYST", `analyst-${kind}@lifecycle.test`),
      borrower: await actorOf("BORROWER", `borrower-${kind}@lifecycle.test`, borrowers[0].id),
    };
    championId = (await database.db.modelVersion.findFirstOrThrow({ where: { tenantId, status: "ACTIVE" } })).id;
    candidateId = (await registerDraftCandidate(database.db, tenantId, -0.5, "lender-own")).id;
    queue = new JobQueue(database, { retryLimit: 1, retryDelay: 1, expireInSeconds: 30, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 5 });
    await startWorker(database, queue, { concurrency: 1 });
  }, 240_000);
  afterAll(async () => {
    await queue?.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await database.destroy();
  });

  it("sets the candidate as challenger; live scorings store both results, the champion deciding", async () => {
    await setChallenger(scope(people.admin), candidateId);
    for (const borrower of borrowers) earlier.push(await calculateScore(scope(people.analyst, scoredAt), { ...request, borrowerId: borrower.id }));
    for (const score of earlier) {
      expect(score.modelVersionId).toBe(championId);
      expect(score.challengerModelVersionId).toBe(candidateId);
      expect((score.challengerResult as { score: { probabilityOfDefault: number } }).score.probabilityOfDefault).not.toBe(score.probabilityOfDefault);
    }
  });

  it("records outcomes and reads the comparison report of the two models on those loans", async () => {
    for (const [index, score] of earlier.entries()) {
      const defaulted = index % 3 === 1;
      await recordOutcome(scope(people.analyst), { scoreId: score.id, status: defaulted ? "DEFAULT" : "PAID_OFF", maxDaysLate: defaulted ? 90 : 0, observedAt, defaultedAt: defaulted ? observedAt : null });
    }
    const job = await startModelComparison(scope(people.admin), {}, queue);
    const deadline = Date.now() + 60_000;
    let view = await getModelComparison(scope(people.committee), job.id);
    while (view.job.state === "QUEUED" || view.job.state === "RUNNING") {
      if (Date.now() > deadline) throw new Error("the comparison did not finish");
      await new Promise((resolve) => setTimeout(resolve, 200));
      view = await getModelComparison(scope(people.committee), job.id);
    }
    expect(view.job.state).toBe("SUCCEEDED");
    expect(view.input).toMatchObject({ championModelVersionId: championId, challengerModelVersionId: candidateId });
    expect(view.report?.comparison).toMatchObject({ loans: BORROWERS, defaults: BORROWERS / 3 });
    evidenceJobId = job.id;
  });

  it("promotes on four eyes only: not by the proposer, an ANALYST or a BORROWER", async () => {
    expect(await codeOf(proposeChange(scope(people.analyst), { kind: "ACTIVATE_MODEL", subjectId: candidateId, note: "n", evidenceJobId }))).toBe("FORBIDDEN");
    expect(await codeOf(proposeChange(scope(people.borrower), { kind: "ACTIVATE_MODEL", subjectId: candidateId, note: "n", evidenceJobId }))).toBe("FORBIDDEN");
    const proposal = await proposeChange(scope(people.admin), { kind: "ACTIVATE_MODEL", subjectId: candidateId, note: "Ranks our book better; see the comparison.", evidenceJobId });
    expect(await codeOf(approveChange(scope(people.admin), { proposalId: proposal.id }))).toBe("FORBIDDEN");
    expect(await codeOf(approveChange(scope(people.analyst), { proposalId: proposal.id }))).toBe("FORBIDDEN");
    expect(await codeOf(approveChange(scope(people.borrower), { proposalId: proposal.id }))).toBe("FORBIDDEN");
    expect((await database.db.modelVersion.findFirstOrThrow({ where: { tenantId, status: "ACTIVE" } })).id).toBe(championId);
    await approveChange(scope(people.committee), { proposalId: proposal.id, note: "Comparison reviewed." });
    expect((await database.db.modelVersion.findFirstOrThrow({ where: { tenantId, status: "ACTIVE" } })).id).toBe(candidateId);
    expect((await database.db.modelVersion.findFirstOrThrow({ where: { id: championId } })).status).toBe("RETIRED");
    expect(await getChallenger(scope(people.admin))).toBeNull();
  });

  it("scores anew with the promoted model — exactly what it said in shadow — and replays every earlier scoring identically", async () => {
    const renewed = await calculateScore(scope(people.analyst, scoredAt), { ...request, borrowerId: borrowers[0].id });
    expect(renewed.modelVersionId).toBe(candidateId);
    expect(renewed.challengerModelVersionId).toBeNull();
    expect(canonicalResult(renewed.result)).toBe(canonicalResult(earlier[0].challengerResult));
    for (const score of earlier) {
      const replay = await replayScore(scope(people.admin), score.id);
      expect(replay).toMatchObject({ identical: true, differences: [], challenger: { modelVersionId: candidateId, identical: true } });
    }
    const events = await database.db.auditEvent.findMany({ where: { tenantId, entityId: candidateId }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["model.challengerSet", "model.activated", "model.challengerCleared"]);
    expect((await verifyAuditChain(scope(people.admin), { full: true })).valid).toBe(true);
  });
});
