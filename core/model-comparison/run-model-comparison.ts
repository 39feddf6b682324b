import "server-only";
import { compareModels, type ComparedLoan, type ModelVerdict } from "@/scoring/comparison/compare-models";
import { ScoringError } from "@/scoring/core/errors";
import type { FittedEnsemble } from "@/scoring/ensemble/fitted-ensemble";
import type { DecisionPolicy } from "@/scoring/decision/policy";
import { assessApplication } from "@/scoring/pipeline/assess-application";
import type { Database } from "@/prisma/store/database";
import { findJobById, finishJob, markJobPlanned, type JobRecord } from "@/prisma/store/job";
import { countScoredLoansWithOutcomes, listScoredLoansWithOutcomes, type ScoredLoanWithOutcome } from "@/prisma/store/model-comparison";
import { runAudited } from "../audited-change";
import { loadModelVersion, loadPolicyVersion } from "../scoring/scoring-versions";
import { thawFeatures } from "../scoring/stored-assessment";
import type { UnitData } from "../jobs/job-queue";
import { comparisonNote, type ComparisonReport } from "./comparison-report";
import { jobScope } from "../jobs/job-actor";
import { readComparisonInput } from "./start-model-comparison";

/** Scorings read per page: their frozen features are dropped once both models have scored them. */
const PAGE_SIZE = 500;

const isDefault = (status: ScoredLoanWithOutcome["status"]): boolean => status === "DEFAULT" || status === "WRITTEN_OFF";

function verdictOf(model: FittedEnsemble, policy: DecisionPolicy, loan: ScoredLoanWithOutcome): ModelVerdict {
  const { score, decision } = assessApplication(model, policy, thawFeatures(loan.features), { requestedAmount: Number(loan.requestedAmount), requestedTenorDays: loan.requestedTenorDays });
  return { probabilityOfDefault: score.probabilityOfDefault, recommendation: decision.recommendation, recommendedLimit: decision.recommendedLimit };
}

/**
 * Runs a comparison (the unit of the model-comparison queue): every scoring with an outcome, its latest
 * outcome the label (DEFAULT or WRITTEN_OFF = 1), is scored by the champion and the challenger from its frozen
 * features and request under the policy fixed at start; compareModels gives the report, stored
 * format-versioned on the Job (SUCCEEDED, audited). Loans of one outcome only fail the job with the reason. A
 * cancelled or finished job is left alone; run twice, it writes once (finishJob moves a job on once).
 */
export async function runModelComparison(database: Pick<Database, "db">, data: UnitData, now: Date): Promise<void> {
  const { db } = database;
  const job = await findJobById(db, data.tenantId, data.jobId);
  if (!job || (job.state !== "QUEUED" && job.state !== "RUNNING") || job.cancelRequestedAt) return;
  const input = readComparisonInput(job.input);
  const total = await countScoredLoansWithOutcomes(db, job.tenantId);
  if (!(await markJobPlanned(db, job.tenantId, job.id, total, job.startedAt ?? now))) return;
  const [champion, challenger, { policy, documentSha256 }] = await Promise.all([
    loadModelVersion(db, job.tenantId, input.championModelVersionId),
    loadModelVersion(db, job.tenantId, input.challengerModelVersionId),
    loadPolicyVersion(db, job.tenantId, input.policyVersionId),
  ]);
  const loans: ComparedLoan[] = [];
  let skipped = 0;
  for (let afterId: string | null = null; ; ) {
    const page = await listScoredLoansWithOutcomes(db, job.tenantId, { first: PAGE_SIZE, afterId });
    for (const loan of page) {
      try {
        loans.push({ id: loan.id, defaulted: isDefault(loan.status), champion: verdictOf(champion, policy, loan), challenger: verdictOf(challenger, policy, loan) });
      } catch (error) {
        if (!(error instanceof ScoringError)) throw error;
        skipped += 1;
      }
    }
    if (page.length < PAGE_SIZE) break;
    afterId = page[page.length - 1].id;
    if ((await findJobById(db, job.tenantId, job.id))?.cancelRequestedAt) return;
  }
  const { actor, ...versions } = input;
  let report: ComparisonReport;
  try {
    report = { ...versions, policySha256: documentSha256, skipped, comparison: compareModels(loans), note: comparisonNote };
  } catch (error) {
    if (!(error instanceof ScoringError)) throw error;
    await finish(database, job, actor, now, { state: "FAILED", error: `The comparison cannot be made: ${error.message.replace(/^compareModels: /, "")}.` });
    return;
  }
  await finish(database, job, actor, now, { state: "SUCCEEDED", result: JSON.parse(JSON.stringify(report)) as object });
}

async function finish(database: Pick<Database, "db">, job: JobRecord, actor: ReturnType<typeof readComparisonInput>["actor"], now: Date, outcome: { state: "SUCCEEDED"; result: object } | { state: "FAILED"; error: string }): Promise<void> {
  await runAudited(jobScope(database, job, actor, now), async (tx) => ({
    result: null,
    event: (await finishJob(tx, job.tenantId, job.id, { ...outcome, finishedAt: now }))
      ? { action: "job.finished", entityType: "Job", entityId: job.id, payload: outcome.state === "FAILED" ? { state: "FAILED", error: outcome.error } : { state: "SUCCEEDED", kind: "MODEL_COMPARISON" } }
      : null,
  }));
}

/** Marks a comparison FAILED when its unit failed past its last retry (the dead-letter queue's handler). */
export async function failModelComparison(database: Pick<Database, "db">, data: UnitData, now: Date, reason: string): Promise<void> {
  const job = await findJobById(database.db, data.tenantId, data.jobId);
  if (!job) return;
  await finish(database, job, readComparisonInput(job.input).actor, now, { state: "FAILED", error: reason });
}
