import "server-only";
import { findModelChallenger, findModelVersionById } from "@/prisma/store/model-version";
import { requireRole, type UseCaseScope } from "../actor";
import { notFound } from "../errors";
import { buildModelCard, modelCardMarkdown, type ModelCard } from "./model-card";

/** The card of one of the tenant's model versions, as data and as Markdown (staff only). @throws DomainError NOT_FOUND */
export async function getModelCard(scope: UseCaseScope, modelVersionId: string): Promise<{ card: ModelCard; markdown: string }> {
  requireRole(scope.actor, ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"]);
  const { tenantId } = scope.actor;
  const [version, challenger] = await Promise.all([findModelVersionById(scope.db, tenantId, modelVersionId), findModelChallenger(scope.db, tenantId)]);
  if (!version) throw notFound("No model version with this id.");
  const card = buildModelCard({ ...version, isChallenger: challenger?.modelVersionId === version.id });
  return { card, markdown: modelCardMarkdown(card) };
}
