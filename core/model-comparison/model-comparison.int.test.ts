// Issue 15, deliverable 5: the champion-vs-challenger report as a job, through the core on PGlite (and
// PostgreSQL when DATABASE_URL is set). The report is checked against compareModels run by the test on the
// stored frozen features with both artifacts, the latest outcome of each loan being its label.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { compareModels } from "@/scoring/comparison/compare-models";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { assessApplication } from "@/scoring/pipeline/assess-application";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { createFixtureUser, createScoringTenant } from "@/prisma/testing/scoring-fixtures";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "../actor";
import { calculateScore } from "../calculate-score";
import { JobQueue } from "../jobs/job-queue";
import { startWorker } from "../jobs/job-worker";
import { listTenantJobs } from "../jobs/manage-jobs";
import { candidateArtifact, registerDraftCandidate } from "../model-lifecycle/candidate-model.fixture";
import { recordOutcome } from "../record-outcome";
import { resolveSessionCaller } from "../resolve-session-caller";
import { thawFeatures } from "../scoring/stored-assessment";
import { getModelComparison, startModelComparison } from "./start-model-comparison";

const asOf = new Date("2026-11-01T00:00:00.000Z");
const scoredAt = new Date("2026-11-02T09:00:00.000Z");
const observedAt = new Date("2027-02-01T00:00:00.000Z");
const later = new Date("2027-03-01T00:00:00.000Z");
const SHIFT = -0.5;
const BORROWERS = 16;

describe.each(testDatabaseKinds())("champion vs challenger comparison jobs on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let admin: Actor;
  let analyst: Actor;
  let committee: Actor;
  let candidateId: string;
  const scores: CreditScoreRecord[] = [];
  let queue: JobQueue;
  const scope = (actor: Actor, now = later): UseCaseScope => ({ db: database.db, actor, now, request: { id: "comparison-test", ipAddress: null } });
  const waitForJob = async (jobId: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const view = await getModelComparison(scope(analyst), jobId);
      if (view.job.state !== "QUEUED" && view.job.state !== "RUNNING") return view;
      if (Date.now() > deadline) throw new Error("the comparison did not finish");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `comparison-${kind}`));
    const actorOf = async (userId: string) => (await resolveSessionCaller(database.db, { userId, tenantId })) as Actor;
    admin = await actorOf(await createFixtureUser(database.db, tenantId, "ADMIN", `admin-${kind}@comparison.test`));
    analyst = await actorOf(await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@comparison.test`));
    committee = await actorOf(await createFixtureUser(database.db, tenantId, "COMMITTEE", `committee-${kind}@comparison.test`));
    const borrowers = await seedScoringPopulation(database.db, tenantId, `comparison-${kind}`, { borrowers: BORROWERS, signalsPerBorrower: 120, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: later });
    candidateId = (await registerDraftCandidate(database.db, tenantId, SHIFT)).id;
    for (const borrower of borrowers) scores.push(await calculateScore(scope(analyst, scoredAt), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf }));
    queue = new JobQueue(database, { retryLimit: 1, retryDelay: 1, expireInSeconds: 30, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 5 });
    await startWorker(database, queue, { concurrency: 1 });
  }, 240_000);
  afterAll(async () => {
    await queue?.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await database.destroy();
  });

  it("refuses without a model to compare, the champion itself, and callers who may not start jobs", async () => {
    await expect(startModelComparison(scope(admin), {}, queue)).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "input.challengerModelVersionId" });
    await expect(startModelComparison(scope(admin), { challengerModelVersionId: scores[0].modelVersionId }, queue)).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "input.challengerModelVersionId" });
    await expect(startModelComparison(scope(admin), { challengerModelVersionId: "nope" }, queue)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(startModelComparison(scope(committee), { challengerModelVersionId: candidateId }, queue)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("fails with the reason when the loans with outcomes are of one kind only", async () => {
    await recordOutcome(scope(analyst), { scoreId: scores[0].id, status: "PAID_OFF", maxDaysLate: 0, observedAt });
    const job = await startModelComparison(scope(analyst), { challengerModelVersionId: candidateId }, queue);
    const view = await waitForJob(job.id);
    expect(view.job.state).toBe("FAILED");
    expect(view.job.error).toMatch(/0 defaults among 1 loans/);
    expect(view.report).toBeNull();
  });

  it("compares both models on every loan with an outcome, its latest outcome the label, exactly as compareModels does", async () => {
    // Every third loan defaults; loan 1 was LATE first and DEFAULT later (counted a default), loan 2 LATE first and PAID_OFF later (not).
    for (const [index, score] of scores.entries()) {
      if (index === 0) continue;
      const status = index === 1 || index === 2 ? "LATE" : index % 3 === 0 ? "DEFAULT" : "PAID_OFF";
      await recordOutcome(scope(analyst), { scoreId: score.id, status, maxDaysLate: status === "PAID_OFF" ? 0 : 60, observedAt, defaultedAt: status === "DEFAULT" ? observedAt : null });
    }
    await recordOutcome(scope(analyst), { scoreId: scores[1].id, status: "DEFAULT", maxDaysLate: 80, observedAt: new Date("2027-02-20T00:00:00Z"), defaultedAt: new Date("2027-02-20T00:00:00Z") });
    await recordOutcome(scope(analyst), { scoreId: scores[2].id, status: "PAID_OFF", maxDaysLate: 60, observedAt: new Date("2027-02-20T00:00:00Z") });
    const job = await startModelComparison(scope(admin), { challengerModelVersionId: candidateId, idempotencyKey: "first" }, queue);
    expect((await startModelComparison(scope(admin), { challengerModelVersionId: candidateId, idempotencyKey: "first" }, queue)).id).toBe(job.id);
    const view = await waitForJob(job.id);
    expect(view.job.state).toBe("SUCCEEDED");
    expect(view.job.total).toBe(BORROWERS);
    const report = view.report!;
    expect(report).toMatchObject({ format: 1, championModelVersionId: scores[0].modelVersionId, challengerModelVersionId: candidateId, policyVersionId: scores[0].policyVersionId, policySha256: scores[0].policySha256, skipped: 0 });

    const champion = loadArtifact(readFileSync("scoring/artifacts/default-model.json", "utf8"));
    const challenger = loadArtifact(candidateArtifact(SHIFT).artifact);
    const verdict = (model: typeof champion, score: CreditScoreRecord) => {
      const { score: result, decision } = assessApplication(model, DEFAULT_DECISION_POLICY, thawFeatures(score.features), { requestedAmount: 20000, requestedTenorDays: 90 });
      return { probabilityOfDefault: result.probabilityOfDefault, recommendation: decision.recommendation, recommendedLimit: decision.recommendedLimit };
    };
    const expected = compareModels(
      [...scores].sort((a, b) => (a.id < b.id ? -1 : 1)).map((score) => {
        const index = scores.indexOf(score);
        return { id: score.id, defaulted: index % 3 === 0 && index !== 0 ? true : index === 1, champion: verdict(champion, score), challenger: verdict(challenger, score) };
      }),
    );
    expect(JSON.parse(JSON.stringify(report.comparison))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(report.comparison.defaults).toBe(6);
    // The champion's verdicts from the frozen features are what the scorings said when they were made.
    expect(scores.map((score) => verdict(champion, score).probabilityOfDefault)).toEqual(scores.map((score) => score.probabilityOfDefault));
    expect(report.comparison.aucDifference.difference).not.toBe(0);
    const listed = await listTenantJobs(scope(analyst), 10);
    expect(listed.find((entry) => entry.job.id === job.id)).toMatchObject({ summary: null, job: { kind: "MODEL_COMPARISON" } });
    const events = await database.db.auditEvent.findMany({ where: { tenantId, entityId: job.id }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["job.started", "job.finished"]);
  });
});
