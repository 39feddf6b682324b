import "server-only";
import type { DbTransaction } from "@/prisma/store/database";
import { findJobById, type JobRecord } from "@/prisma/store/job";
import { activateModelVersion, deleteModelChallenger, findModelChallenger, findModelVersionSummary } from "@/prisma/store/model-version";
import { activatePolicyVersion, findPolicyVersionById } from "@/prisma/store/policy-version";
import type { ChangeKind } from "@/prisma/store/vocabulary";
import type { AuditedEvent } from "../audited-change";
import { badUserInput, conflict, notFound } from "../errors";
import { readSimulationInput } from "../policy-simulation/simulation-records";
import { readComparisonInput } from "../model-comparison/start-model-comparison";

/** What a proposal's subject is, as the audit events and the approvals page name it. */
export interface ChangeSubject {
  entityType: "ModelVersion" | "PolicyVersion";
  id: string;
  /** "Default model 3", "Stricter cut-off 2". */
  label: string;
  status: string;
}

/** The rules of one kind of four-eyes change: what it may apply to, what evidence it needs, what approval does. */
export interface ChangeKindRules {
  /** Reads the subject, or throws NOT_FOUND; CONFLICT when it is already what the change would make it. */
  readSubject(tx: DbTransaction, tenantId: string, subjectId: string): Promise<ChangeSubject>;
  /** Checks the evidence job named by the proposal; throws BAD_USER_INPUT naming `evidenceJobId`. */
  checkEvidence(tx: DbTransaction, tenantId: string, subject: ChangeSubject, evidence: JobRecord | null): void;
  /** Applies the change inside the approval's transaction and returns the events it causes. */
  apply(tx: DbTransaction, tenantId: string, subject: ChangeSubject): Promise<AuditedEvent[]>;
}

/** Evidence, when a proposal names it, must be a finished job of the tenant. Kinds may ask for more. */
function requireSucceeded(evidence: JobRecord | null): void {
  if (evidence && evidence.state !== "SUCCEEDED") throw badUserInput("evidenceJobId", `The evidence job has not succeeded (it is ${evidence.state}).`);
}

export const changeKinds: Record<ChangeKind, ChangeKindRules> = {
  ACTIVATE_MODEL: {
    async readSubject(tx, tenantId, subjectId) {
      const model = await findModelVersionSummary(tx, tenantId, subjectId);
      if (!model) throw notFound("No model version with this id.");
      if (model.status === "ACTIVE") throw conflict("subjectId", "This model is already the active one.");
      return { entityType: "ModelVersion", id: model.id, label: `${model.name} ${model.version}`, status: model.status };
    },
    // A model becomes the champion only on evidence: a finished comparison of it against the champion of the
    // day (core/model-comparison), whether it is a new candidate or a RETIRED model being restored.
    checkEvidence(_tx, _tenantId, subject, evidence) {
      if (!evidence || evidence.kind !== "MODEL_COMPARISON") throw badUserInput("evidenceJobId", "evidenceJobId: making a model active needs a model comparison of it (a MODEL_COMPARISON job) as evidence.");
      requireSucceeded(evidence);
      if (readComparisonInput(evidence.input).challengerModelVersionId !== subject.id) throw badUserInput("evidenceJobId", "evidenceJobId: this comparison is of another model; compare the proposed model first.");
    },
    async apply(tx, tenantId, subject) {
      const previous = await activateModelVersion(tx, tenantId, subject.id);
      const events: AuditedEvent[] = [{ action: "model.activated", entityType: "ModelVersion", entityId: subject.id, payload: { model: subject.label, previousModelVersionId: previous } }];
      // The promoted challenger is now the champion: it stops being scored in shadow.
      if ((await findModelChallenger(tx, tenantId))?.modelVersionId === subject.id) {
        await deleteModelChallenger(tx, tenantId);
        events.push({ action: "model.challengerCleared", entityType: "ModelVersion", entityId: subject.id, payload: { reason: "promoted" } });
      }
      return events;
    },
  },
  PUBLISH_POLICY: {
    async readSubject(tx, tenantId, subjectId) {
      const policy = await findPolicyVersionById(tx, tenantId, subjectId);
      if (!policy) throw notFound("No policy version with this id.");
      if (policy.status === "ACTIVE") throw conflict("subjectId", "This policy version is already the active one.");
      return { entityType: "PolicyVersion", id: policy.id, label: `${policy.name} ${policy.version}`, status: policy.status };
    },
    // Publishing cites its evidence: the simulation of this very version that the approver can read.
    checkEvidence(_tx, _tenantId, subject, evidence) {
      if (!evidence) throw badUserInput("evidenceJobId", "evidenceJobId: publishing a policy needs the simulation of this version that was reviewed.");
      if (evidence.kind !== "POLICY_SIMULATION" || readSimulationInput(evidence.input).policyVersionId !== subject.id) {
        throw badUserInput("evidenceJobId", "evidenceJobId: the evidence must be a policy simulation of this policy version.");
      }
      requireSucceeded(evidence);
    },
    async apply(tx, tenantId, subject) {
      const previous = await activatePolicyVersion(tx, tenantId, subject.id);
      return [{ action: "policy.published", entityType: "PolicyVersion", entityId: subject.id, payload: { policy: subject.label, previousPolicyVersionId: previous } }];
    },
  },
};

/** Reads the evidence job a proposal names (null when it names none). @throws DomainError BAD_USER_INPUT when the tenant has no such job. */
export async function readEvidence(tx: DbTransaction, tenantId: string, evidenceJobId: string | null): Promise<JobRecord | null> {
  if (evidenceJobId === null) return null;
  const job = await findJobById(tx, tenantId, evidenceJobId);
  if (!job) throw badUserInput("evidenceJobId", "No job with this id.");
  return job;
}
