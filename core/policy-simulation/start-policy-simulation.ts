import "server-only";
import { randomUUID } from "node:crypto";
import { findJobByIdempotencyKey, insertJob, type JobRecord } from "@/prisma/store/job";
import { findModelVersionById } from "@/prisma/store/model-version";
import { findActivePolicyVersionId } from "@/prisma/store/policy-simulation";
import { findPolicyVersionById } from "@/prisma/store/policy-version";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput } from "../errors";
import { queueNames, type JobQueue } from "../jobs/job-queue";
import { storeJobActor } from "../jobs/job-actor";
import { simulationBaselines, type SimulationBaseline, type StoredSimulationInput } from "./simulation-records";

/** Who may run and read simulations. */
export const simulationRunRoles = ["ADMIN", "COMMITTEE", "ANALYST"] as const;
export const simulationReadRoles = ["ADMIN", "COMMITTEE", "ANALYST", "AUDITOR"] as const;
/** The longest period one simulation covers. */
const maxPeriodDays = 3 * 366;

export interface PolicySimulationInput {
  /** The policy version to try (usually a DRAFT). */
  policyVersionId: string;
  /** A challenger model to score with; default: each application keeps its stored score. */
  modelVersionId?: string | null;
  /** Stored applications scored in [from, to). */
  from: Date;
  to: Date;
  /** Default STORED. */
  baseline?: SimulationBaseline | null;
  /** Starting twice with the same key returns the first job. */
  idempotencyKey?: string | null;
}

/**
 * Starts a simulation of a policy version (and optionally a model) over the tenant's stored applications of
 * a period: a durable job that reads the frozen features and stored results and writes no scores, only its
 * result. The Job row and its audit event commit together; then the unit is queued (queued again by any
 * worker that finds the job still QUEUED).
 * @throws DomainError FORBIDDEN (not ADMIN, COMMITTEE or ANALYST), BAD_USER_INPUT naming the field.
 */
export async function startPolicySimulation(scope: UseCaseScope, input: PolicySimulationInput, queue: Pick<JobQueue, "send">): Promise<JobRecord> {
  requireRole(scope.actor, simulationRunRoles);
  const { tenantId } = scope.actor;
  if (!(input.from.getTime() < input.to.getTime())) throw badUserInput("input.to", "input.to: must be after input.from.");
  if (input.to.getTime() - input.from.getTime() > maxPeriodDays * 86_400_000) throw badUserInput("input.to", `input.to: a simulation covers at most ${maxPeriodDays} days.`);
  const baseline = input.baseline ?? "STORED";
  if (!(simulationBaselines as readonly string[]).includes(baseline)) throw badUserInput("input.baseline", "input.baseline: STORED or ACTIVE_POLICY.");
  const key = input.idempotencyKey?.trim();
  if (key !== undefined && key !== null && (key.length === 0 || key.length > 100)) throw badUserInput("input.idempotencyKey", "input.idempotencyKey: 1 to 100 characters.");
  const idempotencyKey = key || randomUUID();
  const existing = await findJobByIdempotencyKey(scope.db, tenantId, idempotencyKey);
  if (existing) return existing;

  const policy = await findPolicyVersionById(scope.db, tenantId, input.policyVersionId);
  if (!policy) throw badUserInput("input.policyVersionId", "input.policyVersionId: no policy version with this id.");
  if (input.modelVersionId && !(await findModelVersionById(scope.db, tenantId, input.modelVersionId))) throw badUserInput("input.modelVersionId", "input.modelVersionId: no model version with this id.");
  let baselinePolicyVersionId: string | null = null;
  if (baseline === "ACTIVE_POLICY") {
    baselinePolicyVersionId = await findActivePolicyVersionId(scope.db, tenantId);
    if (!baselinePolicyVersionId) throw badUserInput("input.baseline", "input.baseline: the tenant has no active policy to compare with.");
  }

  const stored: StoredSimulationInput = {
    format: 1,
    policyVersionId: policy.id,
    modelVersionId: input.modelVersionId ?? null,
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    baseline,
    baselinePolicyVersionId,
    actor: storeJobActor(scope.actor),
  };
  const id = randomUUID();
  const job = await runAudited(scope, async (tx) => ({
    result: await insertJob(tx, tenantId, { id, kind: "POLICY_SIMULATION", idempotencyKey, input: stored, startedByKind: scope.actor.kind, startedById: scope.actor.id, startedByName: scope.actor.name, createdAt: scope.now }),
    event: { action: "job.started", entityType: "Job", entityId: id, payload: { kind: "POLICY_SIMULATION", input: { ...stored, actor: undefined } } },
  }));
  await queue.send(queueNames.simulationRun, { tenantId, jobId: job.id }, job.id);
  return job;
}
