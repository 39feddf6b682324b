import "server-only";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { deleteModelChallenger, findModelChallenger, findModelVersionById, findModelVersionSummary, replaceModelChallenger, type ModelChallengerRecord, type ModelVersionSummary } from "@/prisma/store/model-version";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput, notFound } from "../errors";

/** Who may set or clear the challenger. */
const challengerRoles = ["ADMIN"] as const;

/** The tenant's challenger with its model version, or null. */
export interface ChallengerView {
  challenger: ModelChallengerRecord;
  modelVersion: ModelVersionSummary;
}

/** The tenant's challenger (staff only: what it says never reaches a borrower). */
export async function getChallenger(scope: UseCaseScope): Promise<ChallengerView | null> {
  requireRole(scope.actor, ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"]);
  const challenger = await findModelChallenger(scope.db, scope.actor.tenantId);
  if (!challenger) return null;
  return { challenger, modelVersion: (await findModelVersionSummary(scope.db, scope.actor.tenantId, challenger.modelVersionId)) as ModelVersionSummary };
}

/**
 * Makes a DRAFT or RETIRED model version the tenant's challenger (replacing any other): from then on every
 * live and portfolio scoring is also scored by it in shadow, and its result stored beside the champion's. It
 * never decides. The artifact is loaded first, so a version that cannot score is refused here, not at the
 * next scoring. Audited (`model.challengerSet`, naming the challenger it replaced).
 * @throws DomainError FORBIDDEN (not ADMIN), NOT_FOUND, BAD_USER_INPUT naming `modelVersionId` for the ACTIVE
 * model or an artifact that does not load.
 */
export async function setChallenger(scope: UseCaseScope, modelVersionId: string): Promise<ChallengerView> {
  requireRole(scope.actor, challengerRoles);
  const { tenantId } = scope.actor;
  const version = await findModelVersionById(scope.db, tenantId, modelVersionId);
  if (!version) throw notFound("No model version with this id.");
  if (version.status === "ACTIVE") throw badUserInput("modelVersionId", "modelVersionId: the ACTIVE model is the champion; a challenger is a DRAFT or RETIRED version.");
  try {
    loadArtifact(version.artifact);
  } catch (error) {
    throw badUserInput("modelVersionId", `modelVersionId: the version's artifact does not load (${(error as Error).message}).`);
  }
  const setAt = scope.now;
  const challenger = await runAudited(scope, async (tx) => {
    const input = { modelVersionId, setByKind: scope.actor.kind, setById: scope.actor.id, setByName: scope.actor.name, setAt };
    const previous = await replaceModelChallenger(tx, tenantId, input);
    const record: ModelChallengerRecord = { ...input, tenantId };
    if (previous?.modelVersionId === modelVersionId) return { result: previous, event: null };
    return { result: record, event: { action: "model.challengerSet", entityType: "ModelVersion", entityId: modelVersionId, payload: { previousChallengerId: previous?.modelVersionId ?? null, artifactSha256: version.artifactSha256 } } };
  });
  const { artifact: _artifact, ...summary } = version;
  return { challenger, modelVersion: summary };
}

/**
 * Clears the tenant's challenger: scorings from then on are scored by the champion only. Audited
 * (`model.challengerCleared`); clearing when there is none changes nothing and records nothing.
 * @throws DomainError FORBIDDEN (not ADMIN)
 */
export async function clearChallenger(scope: UseCaseScope): Promise<ModelChallengerRecord | null> {
  requireRole(scope.actor, challengerRoles);
  return runAudited(scope, async (tx) => {
    const previous = await deleteModelChallenger(tx, scope.actor.tenantId);
    return { result: previous, event: previous ? { action: "model.challengerCleared", entityType: "ModelVersion", entityId: previous.modelVersionId, payload: {} } : null };
  });
}

/**
 * What the challenger said of one scoring, for staff: null when the scoring had no challenger.
 * @throws DomainError FORBIDDEN for a BORROWER (the challenger's result never reaches the borrower).
 */
export function readChallengerScore(scope: UseCaseScope, score: Pick<CreditScoreRecord, "challengerModelVersionId" | "challengerResult">): ChallengerScore | null {
  requireRole(scope.actor, ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"]);
  if (!score.challengerModelVersionId) return null;
  const result = score.challengerResult as { error?: string; score?: { score: number; probabilityOfDefault: number; riskBucket: { name: string } }; decision?: { recommendation: ChallengerScore["recommendation"]; recommendedLimit: number } } | null;
  if (!result?.score || !result.decision) return { modelVersionId: score.challengerModelVersionId, score: null, probabilityOfDefault: null, riskBucket: null, recommendation: null, recommendedLimit: null, error: result?.error ?? "No result stored." };
  return {
    modelVersionId: score.challengerModelVersionId,
    score: result.score.score,
    probabilityOfDefault: result.score.probabilityOfDefault,
    riskBucket: result.score.riskBucket.name,
    recommendation: result.decision.recommendation,
    recommendedLimit: result.decision.recommendedLimit,
    error: null,
  };
}

/** The challenger's side of one scoring, as staff read it. */
export interface ChallengerScore {
  modelVersionId: string;
  score: number | null;
  probabilityOfDefault: number | null;
  riskBucket: string | null;
  recommendation: "APPROVE" | "REVIEW" | "REJECT" | null;
  recommendedLimit: number | null;
  error: string | null;
}
