import "server-only";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { parseDecisionPolicy, type DecisionPolicy } from "@/scoring/decision/policy";
import type { FittedEnsemble } from "@/scoring/ensemble/fitted-ensemble";
import type { Db } from "@/prisma/store/database";
import { findModelVersionById } from "@/prisma/store/model-version";
import type { PolicyVersionRecord } from "@/prisma/store/policy-version";

// Loading an artifact costs milliseconds; a stored version never changes, so one load per version id
// serves every later scoring and replay of the process.
const models = new Map<string, Promise<FittedEnsemble>>();
const policies = new Map<string, DecisionPolicy>();

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
