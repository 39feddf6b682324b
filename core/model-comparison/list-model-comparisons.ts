import "server-only";
import { listJobs } from "@/prisma/store/job";
import { requireRole, type UseCaseScope } from "../actor";
import { getModelComparison, comparisonRoles, type ModelComparisonView } from "./start-model-comparison";

/** The tenant's latest comparisons (newest first), optionally only those of one challenger. */
export async function listModelComparisons(scope: UseCaseScope, filter: { modelVersionId?: string | null }): Promise<ModelComparisonView[]> {
  requireRole(scope.actor, comparisonRoles);
  const jobs = (await listJobs(scope.db, scope.actor.tenantId, 100)).filter((job) => job.kind === "MODEL_COMPARISON");
  const views = await Promise.all(jobs.map((job) => getModelComparison(scope, job.id)));
  return views.filter((view) => !filter.modelVersionId || view.input.challengerModelVersionId === filter.modelVersionId);
}
