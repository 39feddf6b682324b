import "server-only";
import { findCreditScoreById } from "@/prisma/store/credit-score";
import { findPolicyVersionById } from "@/prisma/store/policy-version";
import type { UseCaseScope } from "./actor";
import { notFound } from "./errors";
import { loadModelVersion, readPolicyVersion } from "./scoring/scoring-versions";
import { canonicalResult, diffJson, reassessStoredScoring, thawFeatures, toJsonValue } from "./scoring/stored-assessment";
import { recordAuditEvent } from "./record-audit-event";
import { scoreInShadow } from "./model-lifecycle/score-in-shadow";

type Difference = { path: string; original: string | null; replayed: string | null };

/** The challenger's part of a replay: its stored shadow result re-run with the same challenger model. */
export interface ChallengerReplay {
  modelVersionId: string;
  identical: boolean;
  original: unknown;
  replayed: unknown;
  differences: Difference[];
}

export interface ReplayOutcome {
  /** The champion's result and, when the scoring had a challenger, the challenger's: both byte for byte. */
  identical: boolean;
  original: unknown;
  replayed: unknown;
  differences: Difference[];
  /** Null for a scoring made without a challenger. */
  challenger: ChallengerReplay | null;
}

/**
 * Re-runs a stored scoring from its frozen features and request with the model artifact and policy
 * document it was made under (whatever is active now), and the reason rule its result records, and
 * compares canonical JSON bytes; a scoring made with a challenger in shadow has the challenger's result re-run
 * and compared the same way. Audited.
 * @throws DomainError NOT_FOUND when the tenant has no such score.
 */
export async function replayScore(scope: UseCaseScope, scoreId: string): Promise<ReplayOutcome> {
  const caller = scope.actor;
  const { db } = scope;
  const stored = await findCreditScoreById(db, caller.tenantId, scoreId);
  if (!stored) throw notFound("No credit score with this id.");
  const [model, policyVersion, challengerModel] = await Promise.all([
    loadModelVersion(db, caller.tenantId, stored.modelVersionId),
    findPolicyVersionById(db, caller.tenantId, stored.policyVersionId),
    stored.challengerModelVersionId ? loadModelVersion(db, caller.tenantId, stored.challengerModelVersionId) : null,
  ]);
  if (!policyVersion) throw new Error(`replayScore: the policy version of score ${scoreId} is missing`);
  const replayed = reassessStoredScoring(model, readPolicyVersion(policyVersion), stored);
  const championIdentical = canonicalResult(stored.result) === canonicalResult(replayed);
  const differences = championIdentical ? [] : diffJson(stored.result, replayed);
  let challenger: ChallengerReplay | null = null;
  if (challengerModel && stored.challengerModelVersionId) {
    const features = thawFeatures(stored.features);
    const request = { requestedAmount: Number(stored.requestedAmount.toString()), requestedTenorDays: stored.requestedTenorDays };
    const challengerReplayed = scoreInShadow(challengerModel, readPolicyVersion(policyVersion), features, request);
    const challengerIdentical = canonicalResult(stored.challengerResult) === canonicalResult(challengerReplayed);
    challenger = {
      modelVersionId: stored.challengerModelVersionId,
      identical: challengerIdentical,
      original: toJsonValue(stored.challengerResult),
      replayed: challengerReplayed,
      differences: challengerIdentical ? [] : diffJson(stored.challengerResult, challengerReplayed),
    };
  }
  const identical = championIdentical && (challenger?.identical ?? true);
  await recordAuditEvent(scope, {
    action: "creditScore.replayed",
    entityType: "CreditScore",
    entityId: stored.id,
    borrowerId: stored.borrowerId,
    payload: {
      identical,
      differences: differences.slice(0, 20).map((difference) => difference.path),
      policySha256: policyVersion.documentSha256,
      ...(challenger ? { challenger: { modelVersionId: challenger.modelVersionId, identical: challenger.identical, differences: challenger.differences.slice(0, 20).map((difference) => difference.path) } } : {}),
    },
  });
  return { identical, original: toJsonValue(stored.result), replayed, differences, challenger };
}
