import "server-only";
import { findCreditScoreById } from "@/prisma/store/credit-score";
import { findPolicyVersionById } from "@/prisma/store/policy-version";
import type { UseCaseScope } from "./actor";
import { notFound } from "./errors";
import { loadModelVersion, readPolicyVersion } from "./scoring/scoring-versions";
import { canonicalResult, diffJson, reassessStoredScoring, toJsonValue } from "./scoring/stored-assessment";
import { recordAuditEvent } from "./record-audit-event";

export interface ReplayOutcome {
  identical: boolean;
  original: unknown;
  replayed: unknown;
  differences: { path: string; original: string | null; replayed: string | null }[];
}

/**
 * Re-runs a stored scoring from its frozen features and request with the model artifact and policy
 * document it was made under (whatever is active now), and the reason rule its result records, and
 * compares canonical JSON bytes. Audited.
 * @throws DomainError NOT_FOUND when the tenant has no such score.
 */
export async function replayScore(scope: UseCaseScope, scoreId: string): Promise<ReplayOutcome> {
  const caller = scope.actor;
  const { db } = scope;
  const stored = await findCreditScoreById(db, caller.tenantId, scoreId);
  if (!stored) throw notFound("No credit score with this id.");
  const [model, policyVersion] = await Promise.all([loadModelVersion(db, caller.tenantId, stored.modelVersionId), findPolicyVersionById(db, caller.tenantId, stored.policyVersionId)]);
  if (!policyVersion) throw new Error(`replayScore: the policy version of score ${scoreId} is missing`);
  const replayed = reassessStoredScoring(model, readPolicyVersion(policyVersion), stored);
  const identical = canonicalResult(stored.result) === canonicalResult(replayed);
  const differences = identical ? [] : diffJson(stored.result, replayed);
  await recordAuditEvent(scope, {
    action: "creditScore.replayed",
    entityType: "CreditScore",
    entityId: stored.id,
    borrowerId: stored.borrowerId,
    payload: { identical, differences: differences.slice(0, 20).map((difference) => difference.path), policySha256: policyVersion.documentSha256 },
  });
  return { identical, original: toJsonValue(stored.result), replayed, differences };
}
