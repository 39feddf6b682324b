import "server-only";
import { randomUUID } from "node:crypto";
import { scoreRow, type ScoreResult } from "@/scoring/explain/score-row";
import { featuresFromIndicators, parseBehaviouralIndicators } from "@/scoring/features/direct-mode";
import { quickScoreReasonRule } from "@/scoring/pipeline/assess-application";
import { findActiveModelVersion, type ModelVersionSummary } from "@/prisma/store/model-version";
import type { UseCaseScope } from "./actor";
import { badUserInputIssues, conflict } from "./errors";
import type { QuickScoreIndicators } from "./inputs";
import { loadModelVersion } from "./scoring/scoring-versions";
import { freezeFeatures } from "./scoring/stored-assessment";
import { recordAuditEvent } from "./record-audit-event";

export interface QuickScoreOutcome {
  id: string;
  result: ScoreResult;
  modelVersion: ModelVersionSummary;
}

/**
 * MicroTrust direct mode: scores stated behavioural indicators with the tenant's active model. A
 * simulation, not a credit decision: nothing is stored but its audit event (id = the simulation's id).
 * @throws DomainError BAD_USER_INPUT naming each invalid indicator; CONFLICT without an active model.
 */
export async function quickScore(scope: UseCaseScope, indicators: QuickScoreIndicators): Promise<QuickScoreOutcome> {
  const caller = scope.actor;
  const stated = Object.fromEntries(Object.entries(indicators).filter(([, value]) => value !== null && value !== undefined));
  const parsed = parseBehaviouralIndicators(stated);
  if (!parsed.success) throw badUserInputIssues(parsed.error.issues.map((issue) => ({ field: issue.path === "(bundle)" ? "indicators" : `indicators.${issue.path}`, message: issue.message })));
  const modelVersion = await findActiveModelVersion(scope.db, caller.tenantId);
  if (!modelVersion) throw conflict("modelVersion", "The tenant has no active model version.");
  const model = await loadModelVersion(scope.db, caller.tenantId, modelVersion.id);
  const features = featuresFromIndicators(parsed.data);
  const result = scoreRow(model, features as unknown as Record<string, number>, { reasonRule: quickScoreReasonRule() });
  const id = randomUUID();
  await recordAuditEvent(scope, {
    action: "quickScore.simulated",
    entityType: "Simulation",
    entityId: id,
    borrowerId: caller.role === "BORROWER" ? caller.borrowerId : null,
    payload: { simulation: true, indicators: stated, features: freezeFeatures(features), modelVersionId: modelVersion.id, score: result.score, probabilityOfDefault: result.probabilityOfDefault },
  });
  return { id, result, modelVersion };
}
