import type { JobView } from "@/core/jobs/manage-jobs";
import type { JobRun, ResolversParentTypes } from "../generated/resolvers-types";

/** What a JobRun resolves from: a Job's view (JobView) or an AuditVerification's (AuditVerificationView). */
type JobRunModel = ResolversParentTypes["JobRun"];

// Only a JobView counts its progress by items; an audit verification's view carries the units done on the row.
function isJobView(run: JobRunModel): run is JobView {
  return "progress" in run;
}

/**
 * The fields of the JobRun interface, mapped once from the stored job for every type that implements it:
 * spread them into the type's resolvers. `satisfies` keeps this list equal to the interface's fields.
 */
export const jobRunFieldResolvers = {
  id: (run: JobRunModel) => run.job.id,
  state: (run: JobRunModel) => run.job.state,
  createdAt: (run: JobRunModel) => run.job.createdAt,
  startedAt: (run: JobRunModel) => run.job.startedAt,
  finishedAt: (run: JobRunModel) => run.job.finishedAt,
  cancelRequestedAt: (run: JobRunModel) => run.job.cancelRequestedAt,
  startedBy: (run: JobRunModel) => run.job.startedByName,
  total: (run: JobRunModel) => run.job.total,
  done: (run: JobRunModel) => (isJobView(run) ? run.progress.done : run.done),
  error: (run: JobRunModel) => run.job.error,
} satisfies Record<Exclude<keyof JobRun, "__typename">, (run: JobRunModel) => unknown>;

/** A JobRun's concrete type, from the view its resolver returned (not the job's kind: any job is also a Job). */
export function resolveJobRunType(run: JobRunModel): "Job" | "AuditVerification" {
  return isJobView(run) ? "Job" : "AuditVerification";
}
