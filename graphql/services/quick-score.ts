import "server-only";
import { randomUUID } from "node:crypto";
import { scoreRow, type ScoreResult } from "@/scoring/explain/score-row";
import { featuresFromIndicators, parseBehaviouralIndicators } from "@/scoring/features/direct-mode";
import { findActiveModelVersion, type ModelVersionSummary } from "@/prisma/store/model-version";
import { requireCaller, type GraphQLContext } from "../context";
import { badUserInputIssues, conflict } from "../errors";
import type { QuickScoreIndicators } from "../generated/resolvers-types";
import { loadModelVersion } from "../scoring/scoring-versions";
import { freezeFeatures } from "../scoring/stored-assessment";
import { recordAuditEvent } from "./record-audit-event";

export interface QuickScoreOutcome {
  id: string;
  result: ScoreResult;
  modelVersion: ModelVersionSummary;
}

/**
 * MicroTrust direct mode: scores stated behavioural indicators with the tenant's active model. A
 * simulation, not a credit decision: nothing is stored but its audit event (id = the simulation's id).
 * @throws GraphQLError BAD_USER_INPUT naming each invalid indicator; CONFLICT without an active model.
 */
export async function quickScore(context: GraphQLContext, indicators: QuickScoreIndicators): Promise<QuickScoreOutcome> {
  const caller = requireCaller(context);
  const stated = Object.fromEntries(Object.entries(indicators).filter(([, value]) => value !== null && value !== undefined));
  const parsed = parseBehaviouralIndicators(stated);
  if (!parsed.success) throw badUserInputIssues(parsed.error.issues.map((issue) => ({ field: issue.path === "(bundle)" ? "indicators" : `indicators.${issue.path}`, message: issue.message })));
  const modelVersion = await findActiveModelVersion(context.db, caller.tenantId);
  if (!modelVersion) throw conflict("modelVersion", "The tenant has no active model version.");
  const model = await loadModelVersion(context.db, caller.tenantId, modelVersion.id);
  const features = featuresFromIndicators(parsed.data);
  const result = scoreRow(model, features as unknown as Record<string, number>);
  const id = randomUUID();
  await recordAuditEvent(context, {
    action: "quickScore.simulated",
    entityType: "Simulation",
    entityId: id,
    borrowerId: caller.role === "BORROWER" ? caller.borrowerId : null,
    payload: { simulation: true, indicators: stated, features: freezeFeatures(features), modelVersionId: modelVersion.id, score: result.score, probabilityOfDefault: result.probabilityOfDefault },
  });
  return { id, result, modelVersion };
}
