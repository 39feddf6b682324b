// Policy simulation as a durable job, through the core, on PGlite and (with DATABASE_URL) PostgreSQL: the
// draft re-evaluated over real stored scorings. The must-shows: a tighter cut-off lowers approvals by
// exactly its swap set; a looser affordability share raises limits by what its arithmetic says; a simulation
// reads only its tenant's applications. Also: the same document gives no swap (the baseline is exact),
// realised figures from the latest outcome, progress, cancellation, the worker end to end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "@/scoring/artifact/canonical-json";
import { DEFAULT_DECISION_POLICY, type DecisionPolicy } from "@/scoring/decision/policy";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { findJobById } from "@/prisma/store/job";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import type { Actor, UseCaseScope } from "../actor";
import { calculateScore } from "../calculate-score";
import { JobQueue, type QueueTuning } from "../jobs/job-queue";
import { startWorker } from "../jobs/job-worker";
import { cancelJob } from "../jobs/manage-jobs";
import { resolveSessionCaller } from "../resolve-session-caller";
import { readStoredResult } from "../scoring/stored-assessment";
import { comparePolicySimulations, exportSimulationSwaps, getPolicySimulation } from "./read-policy-simulation";
import { runPolicySimulation } from "./run-policy-simulation";
import { startPolicySimulation, type PolicySimulationInput } from "./start-policy-simulation";

const asOf = "2026-11-01T00:00:00.000Z";
const period = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") };
const tuning: QueueTuning = { retryLimit: 2, retryDelay: 1, expireInSeconds: 30, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 };
const BORROWERS = 10;

describe.each(testDatabaseKinds())("policy simulation on %s", (kind) => {
  let database: TestDatabase;
  let analyst: Actor;
  let otherAnalyst: Actor;
  let scores: CreditScoreRecord[] = [];
  const otherScoreIds: string[] = [];
  let queue: JobQueue;
  let unique = 0;
  const scopeOf = (actor: Actor, now = new Date()): UseCaseScope => ({ db: database.db, actor, now, request: { id: "test", ipAddress: null } });

  /** A DRAFT policy version of the tenant (until drafting has its own use case, written directly). */
  async function draft(actor: Actor, policy: DecisionPolicy): Promise<string> {
    unique += 1;
    const row = await database.db.policyVersion.create({ data: { tenantId: actor.tenantId, name: `draft ${unique}`, version: "1", status: "DRAFT", document: policy, documentSha256: contentHash(policy) } });
    return row.id;
  }

  /** Starts a simulation and runs its unit as a worker would (the queue's own delivery is tested below). */
  async function simulate(actor: Actor, input: Omit<PolicySimulationInput, "from" | "to"> & Partial<PolicySimulationInput>, pageSize?: number) {
    const job = await startPolicySimulation(scopeOf(actor), { ...period, ...input }, queue);
    await runPolicySimulation(database, { tenantId: actor.tenantId, jobId: job.id }, new Date(), pageSize);
    const view = await getPolicySimulation(scopeOf(actor), job.id);
    expect(view?.job.state).toBe("SUCCEEDED");
    return view!;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    queue = new JobQueue(database, tuning);
    const tenants = [];
    for (const slug of ["sim", "sim-other"]) {
      const tenant = await ensureTenant(database.db, { slug, name: slug });
      await registerDefaultScoring(database.db, tenant.id);
      const user = await createUser(database.db, tenant.id, { email: `analyst-${kind}@${slug}.test`, name: `Analyst ${slug}`, role: "ANALYST", passwordHash: "x" });
      tenants.push((await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Actor);
    }
    [analyst, otherAnalyst] = tenants;
    const own = await seedScoringPopulation(database.db, analyst.tenantId, `sim-${kind}`, { borrowers: BORROWERS, signalsPerBorrower: 150, asOf, purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date() });
    const other = await seedScoringPopulation(database.db, otherAnalyst.tenantId, `sim-other-${kind}`, { borrowers: 3, signalsPerBorrower: 150, asOf, purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date(), seed: 7 });
    // Two applications per borrower at different amounts and tenors, so limits vary and some hit the request.
    for (const [index, borrower] of own.entries()) {
      for (const [amount, tenor] of [["60000", 180], [String(5000 + index * 3000), 90]] as const) {
        scores.push(await calculateScore(scopeOf(analyst), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: amount, requestedTenorDays: tenor, asOf: new Date(asOf) }));
      }
    }
    for (const borrower of other) otherScoreIds.push((await calculateScore(scopeOf(otherAnalyst), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf: new Date(asOf) })).id);
    scores = await database.db.creditScore.findMany({ where: { tenantId: analyst.tenantId }, orderBy: { id: "asc" } });
  }, 300_000);

  afterAll(async () => {
    await queue.stop({ graceful: false, timeoutMs: 1000 }).catch(() => undefined);
    await database.destroy();
  });

  it("re-evaluates the active document to exactly the stored decisions: no swap, equal figures", async () => {
    const view = await simulate(analyst, { policyVersionId: await draft(analyst, DEFAULT_DECISION_POLICY) });
    const { summary } = view.result!;
    expect(view.job.total).toBe(scores.length);
    expect(view.done).toBe(scores.length);
    expect(summary.swaps).toEqual([]);
    expect(summary.overall.draft).toEqual(summary.overall.baseline);
    expect(summary.overall.baseline.approved).toBe(scores.filter((score) => score.recommendation === "APPROVE").length);
    expect(summary.overall.baseline.totalRecommendedLimit).toBe(scores.reduce((sum, score) => sum + Number(score.recommendedLimit), 0));
    expect(summary.reasonShift.every((shift) => shift.change === 0)).toBe(true);
  });

  it("a tighter cut-off lowers approvals by exactly its swap set, each swap naming the rule", async () => {
    // A cut-off just above the best stored approval: every approval falls below it and is rejected.
    const approvedScores = scores.filter((score) => score.recommendation === "APPROVE").map((score) => readStoredResult(score.result).decision.decisionScore);
    expect(approvedScores.length).toBeGreaterThan(0);
    const approveMinScore = Math.ceil(Math.max(...approvedScores)) + 1;
    const stricter: DecisionPolicy = { ...DEFAULT_DECISION_POLICY, name: "stricter", thresholds: { approveMinScore, rejectBelowScore: approveMinScore } };
    const { summary } = (await simulate(analyst, { policyVersionId: await draft(analyst, stricter) })).result!;
    const storedApprovals = scores.filter((score) => score.recommendation === "APPROVE");
    // Every stored approval below the new cut-off moves (to REJECT, by the cut-off rule); nothing moves in.
    const expectedMoved = storedApprovals.filter((score) => readStoredResult(score.result).decision.decisionScore < approveMinScore);
    const movedOut = summary.swaps.filter((swap) => swap.from === "APPROVE");
    expect(movedOut.map((swap) => swap.creditScoreId).sort()).toEqual(expectedMoved.map((score) => score.id).sort());
    expect(summary.swaps.filter((swap) => swap.to === "APPROVE")).toEqual([]);
    expect(summary.overall.draft.approved).toBe(summary.overall.baseline.approved - movedOut.length);
    for (const swap of movedOut) expect([swap.kind, swap.raisedRules.includes("SCORE_BELOW_CUTOFF")]).toEqual(["APPROVE_TO_REJECT", true]);
    expect(summary.swapCounts.APPROVE_TO_REJECT).toBe(expectedMoved.length);
    const csv = await exportSimulationSwaps(scopeOf(analyst), (await database.db.job.findFirst({ where: { tenantId: analyst.tenantId }, orderBy: { createdAt: "desc" } }))!.id);
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(summary.swaps.length + 1);
  });

  it("a looser affordability share raises limits by what its arithmetic says", async () => {
    const share = DEFAULT_DECISION_POLICY.affordability.instalmentShareOfNetInflow + 0.1;
    const looser: DecisionPolicy = { ...DEFAULT_DECISION_POLICY, affordability: { ...DEFAULT_DECISION_POLICY.affordability, instalmentShareOfNetInflow: share } };
    const { summary } = (await simulate(analyst, { policyVersionId: await draft(analyst, looser) })).result!;
    const { minLimit, maxLimit, roundingUnit } = looser.affordability;
    // Each stored decision's own arithmetic, with the new share where the policy share applied.
    let expectedTotal = 0;
    for (const score of scores) {
      const { decision } = readStoredResult(score.result);
      const step = (label: string) => decision.arithmetic.find((line) => line.label === label);
      const otherRejection = decision.reasons.some((reason) => reason.code !== "INSUFFICIENT_CAPACITY" && reason.code !== "SCORE_IN_REVIEW_BAND");
      if (!step("Affordability share") || otherRejection) continue;
      const usedPolicyShare = step("Affordability share")!.formula === "policy share of net inflow";
      const instalment = Math.max(0, step("Monthly net inflow")!.value * (usedPolicyShare ? share : step("Affordability share")!.value) - step("Existing instalments")!.value);
      const multiplier = looser.riskLevels.find((band) => band.level === decision.riskLevel)!.limitMultiplier;
      const capped = Math.min(instalment * step("Tenor in months")!.value * multiplier, Number(score.requestedAmount), maxLimit);
      const limit = Math.floor(capped / roundingUnit) * roundingUnit;
      if (limit >= minLimit) expectedTotal += limit;
    }
    expect(summary.overall.draft.totalRecommendedLimit).toBeCloseTo(expectedTotal, 6);
    expect(summary.overall.draft.totalRecommendedLimit).toBeGreaterThan(summary.overall.baseline.totalRecommendedLimit);
  });

  it("reads only the tenant's own applications, and refuses another tenant's policy", async () => {
    const view = await simulate(analyst, { policyVersionId: await draft(analyst, DEFAULT_DECISION_POLICY) });
    expect(view.job.total).toBe(scores.length);
    const otherView = await simulate(otherAnalyst, { policyVersionId: await draft(otherAnalyst, { ...DEFAULT_DECISION_POLICY, thresholds: { approveMinScore: 850, rejectBelowScore: 850 } }) });
    expect(otherView.job.total).toBe(otherScoreIds.length);
    expect(otherView.result!.summary.swaps.every((swap) => otherScoreIds.includes(swap.creditScoreId))).toBe(true);
    expect(await getPolicySimulation(scopeOf(otherAnalyst), view.job.id)).toBeNull();
    const foreignPolicy = await draft(otherAnalyst, DEFAULT_DECISION_POLICY);
    await expect(startPolicySimulation(scopeOf(analyst), { ...period, policyVersionId: foreignPolicy }, queue)).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "input.policyVersionId" });
    await expect(startPolicySimulation(scopeOf(analyst), { policyVersionId: foreignPolicy, from: period.to, to: period.from }, queue)).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "input.to" });
  });

  it("counts realised defaults from each loan's latest outcome among those the draft approves", async () => {
    const approved = scores.filter((score) => score.recommendation === "APPROVE").slice(0, 2);
    expect(approved).toHaveLength(2);
    const [first, second] = approved;
    const at = (day: number) => new Date(Date.UTC(2026, 11, day));
    const outcome = (score: CreditScoreRecord, status: "LATE" | "DEFAULT" | "PAID_OFF", day: number, recovered: string | null = null) =>
      database.db.outcome.create({ data: { tenantId: analyst.tenantId, borrowerId: score.borrowerId, creditScoreId: score.id, status, maxDaysLate: status === "PAID_OFF" ? 0 : 95, defaultedAt: status === "DEFAULT" ? at(day) : null, recoveredAmount: recovered, observedAt: at(day) } });
    await outcome(first, "LATE", 1);
    await outcome(first, "DEFAULT", 2, "1000");
    await outcome(second, "DEFAULT", 1);
    await outcome(second, "PAID_OFF", 2);
    const { summary } = (await simulate(analyst, { policyVersionId: await draft(analyst, DEFAULT_DECISION_POLICY) }, 3)).result!;
    expect(summary.overall.baseline).toMatchObject({ approvedWithOutcome: 2, approvedDefaulted: 1, realisedDefaultRate: 0.5, realisedLoss: Number(first.recommendedLimit) - 1000 });
  });

  it("compares two simulations, refuses unknown ones, and a cancelled one does nothing", async () => {
    const a = await simulate(analyst, { policyVersionId: await draft(analyst, DEFAULT_DECISION_POLICY) });
    const b = await simulate(analyst, { policyVersionId: await draft(analyst, { ...DEFAULT_DECISION_POLICY, thresholds: { approveMinScore: 850, rejectBelowScore: 850 } }) });
    const comparison = await comparePolicySimulations(scopeOf(analyst), a.job.id, b.job.id);
    expect(comparison.draftDifference.approved).toBe(b.result!.summary.overall.draft.approved - a.result!.summary.overall.draft.approved);
    expect(b.result!.summary.overall.draft.approved).toBe(0);

    const job = await startPolicySimulation(scopeOf(analyst), { ...period, policyVersionId: a.input.policyVersionId }, queue);
    await cancelJob(scopeOf(analyst), job.id);
    await runPolicySimulation(database, { tenantId: analyst.tenantId, jobId: job.id }, new Date());
    expect((await findJobById(database.db, analyst.tenantId, job.id))?.state).toBe("CANCELLED");
    expect((await findJobById(database.db, analyst.tenantId, job.id))?.result).toBeNull();
  });

  it("runs through the queue's worker end to end", async () => {
    const worker = new JobQueue(database, tuning);
    try {
      await startWorker(database, worker, { concurrency: 1 });
      const job = await startPolicySimulation(scopeOf(analyst), { ...period, policyVersionId: await draft(analyst, DEFAULT_DECISION_POLICY), baseline: "ACTIVE_POLICY" }, worker);
      const deadline = Date.now() + 60_000;
      let view = await getPolicySimulation(scopeOf(analyst), job.id);
      while (view?.job.state !== "SUCCEEDED" && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        view = await getPolicySimulation(scopeOf(analyst), job.id);
      }
      expect(view?.job.state).toBe("SUCCEEDED");
      expect(view?.result?.baseline).toBe("ACTIVE_POLICY");
      expect(view?.result?.summary.swaps).toEqual([]);
    } finally {
      await worker.stop({ graceful: false, timeoutMs: 1000 });
    }
  }, 90_000);
});
