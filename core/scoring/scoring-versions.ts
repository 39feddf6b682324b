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

/** The value cached under `key`, loaded on first use; a failed load is forgotten so the next call retries. */
function loadOnce<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

/** The fitted model of a stored version (the tenant's), loaded once per process. */
export function loadModelVersion(db: Db, tenantId: string, modelVersionId: string): Promise<FittedEnsemble> {
  return loadOnce(models, `${tenantId}:${modelVersionId}`, async () => {
    const version = await findModelVersionById(db, tenantId, modelVersionId);
    if (!version) throw new Error(`loadModelVersion: no model version ${modelVersionId} in the tenant`);
    return loadArtifact(version.artifact);
  });
}

/** The policy of a stored version (the tenant's), read once per process. */
export function loadPolicyVersion(db: Db, tenantId: string, policyVersionId: string): Promise<PolicyDocument> {
  return loadOnce(policyDocuments, `${tenantId}:${policyVersionId}`, async () => {
    const version = await findPolicyVersionById(db, tenantId, policyVersionId);
    if (!version) throw new Error(`loadPolicyVersion: no policy version ${policyVersionId} in the tenant`);
    return { policy: readPolicyVersion(version), documentSha256: version.documentSha256 };
  });
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
