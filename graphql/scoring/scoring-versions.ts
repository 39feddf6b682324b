import "server-only";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { parseDecisionPolicy, type DecisionPolicy } from "@/scoring/decision/policy";
import type { FittedEnsemble } from "@/scoring/ensemble/fitted-ensemble";
import type { Db } from "@/prisma/store/database";
import { findModelVersionById } from "@/prisma/store/model-version";
import { findPolicyVersionById, type PolicyVersionRecord } from "@/prisma/store/policy-version";

// Loading an artifact costs milliseconds; a stored version never changes (an artifact, and a policy
// document once published), so one load per version id serves every later scoring and replay of the
// process. Only the immutable content is kept: a version's status is always read from the database.
const models = new Map<string, Promise<FittedEnsemble>>();
const policies = new Map<string, DecisionPolicy>();
const policyDocuments = new Map<string, Promise<PolicyDocument>>();

/** A policy version's immutable content: the typed policy and the hash of its stored document. */
export interface PolicyDocument {
  policy: DecisionPolicy;
  documentSha256: string;
}

/** The fitted model of a stored version (the tenant's), loaded once per process. */
export function loadModelVersion(db: Db, tenantId: string, modelVersionId: string): Promise<FittedEnsemble> {
  const key = `${tenantId}:${modelVersionId}`;
  let model = models.get(key);
  if (!model) {
    model = findModelVersionById(db, tenantId, modelVersionId).then((version) => {
      if (!version) throw new Error(`loadModelVersion: no model version ${modelVersionId} in the tenant`);
      return loadArtifact(version.artifact);
    });
    model.catch(() => models.delete(key));
    models.set(key, model);
  }
  return model;
}

/** The policy of a stored version (the tenant's), read once per process. */
export function loadPolicyVersion(db: Db, tenantId: string, policyVersionId: string): Promise<PolicyDocument> {
  const key = `${tenantId}:${policyVersionId}`;
  let document = policyDocuments.get(key);
  if (!document) {
    document = findPolicyVersionById(db, tenantId, policyVersionId).then((version) => {
      if (!version) throw new Error(`loadPolicyVersion: no policy version ${policyVersionId} in the tenant`);
      return { policy: readPolicyVersion(version), documentSha256: version.documentSha256 };
    });
    document.catch(() => policyDocuments.delete(key));
    policyDocuments.set(key, document);
  }
  return document;
}

/** The typed policy of a stored version (validated when it was published; checked again here). */
export function readPolicyVersion(version: PolicyVersionRecord): DecisionPolicy {
  let policy = policies.get(version.id);
  if (!policy) {
    const parsed = parseDecisionPolicy(version.document);
    if (!parsed.ok) throw new Error(`readPolicyVersion: stored policy ${version.id} is invalid: ${parsed.issues.map((issue) => issue.field).join(", ")}`);
    policy = parsed.policy;
    policies.set(version.id, policy);
  }
  return policy;
}
