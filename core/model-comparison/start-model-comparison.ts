import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { findJobById, findJobByIdempotencyKey, insertJob, type JobRecord } from "@/prisma/store/job";
import { findActiveModelVersion, findModelChallenger, findModelVersionSummary } from "@/prisma/store/model-version";
import { listPolicyVersions } from "@/prisma/store/policy-version";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput, conflict, notFound } from "../errors";
import { queueNames, type JobQueue } from "../jobs/job-queue";
import { readComparisonReport, type ComparisonReport } from "./comparison-report";
import { storedJobActor, storeJobActor } from "../jobs/job-actor";

/** Who may start and read comparisons. */
export const comparisonRoles = ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"] as const;

export interface ModelComparisonInput {
  /** The model compared with the champion; default: the tenant's challenger. */
  challengerModelVersionId?: string | null;
  /** Starting twice with the same key returns the first job. */
  idempotencyKey?: string | null;
}

// The job's input as stored on the Job row (format 1): the versions are fixed when the job starts, so the
// report says exactly which champion, challenger and policy it compared, whatever changes meanwhile.
const storedInputV1 = z.object({
  format: z.literal(1),
  championModelVersionId: z.string(),
  challengerModelVersionId: z.string(),
  policyVersionId: z.string(),
  actor: storedJobActor,
});
export type StoredComparisonInput = z.infer<typeof storedInputV1>;

export function readComparisonInput(stored: unknown): StoredComparisonInput {
  return storedInputV1.parse(stored);
}

/**
 * Starts comparing the tenant's ACTIVE model (the champion) with a challenger on every scoring that has an
 * outcome, both scored from the frozen features under the active policy (see runModelComparison). The
 * versions are fixed now; the Job row and its audit event commit together, then the unit is queued.
 * @throws DomainError FORBIDDEN (ADMIN or ANALYST only), NOT_FOUND (no such version), BAD_USER_INPUT naming
 * `input.challengerModelVersionId` (none given and no challenger set, or the champion itself), CONFLICT when
 * the tenant has no active model or policy.
 */
export async function startModelComparison(scope: UseCaseScope, input: ModelComparisonInput, queue: Pick<JobQueue, "send">): Promise<JobRecord> {
  requireRole(scope.actor, ["ADMIN", "ANALYST"]);
  const { tenantId } = scope.actor;
  const key = input.idempotencyKey?.trim();
  if (key !== undefined && key !== null && (key.length === 0 || key.length > 100)) throw badUserInput("input.idempotencyKey", "input.idempotencyKey: 1 to 100 characters.");
  const idempotencyKey = key || randomUUID();
  const existing = await findJobByIdempotencyKey(scope.db, tenantId, idempotencyKey);
  if (existing) return existing;
  const challengerModelVersionId = input.challengerModelVersionId ?? (await findModelChallenger(scope.db, tenantId))?.modelVersionId;
  if (!challengerModelVersionId) throw badUserInput("input.challengerModelVersionId", "input.challengerModelVersionId: name a model version, or set a challenger first.");
  const [challenger, champion, policy] = await Promise.all([findModelVersionSummary(scope.db, tenantId, challengerModelVersionId), findActiveModelVersion(scope.db, tenantId), activePolicyOf(scope)]);
  if (!challenger) throw notFound("No model version with this id.");
  if (!champion) throw conflict("modelVersion", "The tenant has no active model version.");
  if (!policy) throw conflict("policyVersion", "The tenant has no active decision policy.");
  if (champion.id === challenger.id) throw badUserInput("input.challengerModelVersionId", "input.challengerModelVersionId: this is the ACTIVE model; compare it with another version.");
  const actor = scope.actor;
  const stored: StoredComparisonInput = {
    format: 1,
    championModelVersionId: champion.id,
    challengerModelVersionId: challenger.id,
    policyVersionId: policy.id,
    actor: storeJobActor({ ...actor, tenantId }),
  };
  const id = randomUUID();
  const job = await runAudited(scope, async (tx) => ({
    result: await insertJob(tx, tenantId, { id, kind: "MODEL_COMPARISON", idempotencyKey, input: stored, startedByKind: actor.kind, startedById: actor.id, startedByName: actor.name, createdAt: scope.now }),
    event: { action: "job.started", entityType: "Job", entityId: id, payload: { kind: "MODEL_COMPARISON", input: { ...stored, actor: undefined } } },
  }));
  await queue.send(queueNames.modelComparison, { tenantId, jobId: job.id }, job.id);
  return job;
}

/** The tenant's active policy version: the newest ACTIVE one, as scorings choose it. */
async function activePolicyOf(scope: UseCaseScope) {
  return (await listPolicyVersions(scope.db, scope.actor.tenantId)).find((version) => version.status === "ACTIVE") ?? null;
}

/** A comparison job with its report once it has SUCCEEDED. */
export interface ModelComparisonView {
  job: JobRecord;
  input: Omit<StoredComparisonInput, "actor">;
  report: ComparisonReport | null;
}

/** One comparison job of the tenant with its report (null until it has succeeded). @throws DomainError NOT_FOUND */
export async function getModelComparison(scope: UseCaseScope, jobId: string): Promise<ModelComparisonView> {
  requireRole(scope.actor, comparisonRoles);
  const job = await findJobById(scope.db, scope.actor.tenantId, jobId);
  if (!job || job.kind !== "MODEL_COMPARISON") throw notFound("No model comparison with this id.");
  const { actor: _actor, ...input } = readComparisonInput(job.input);
  return { job, input, report: job.state === "SUCCEEDED" && job.result !== null ? readComparisonReport(job.result) : null };
}

