import { cancelJob, getJob, listTenantJobs } from "@/core/jobs/manage-jobs";
import { startPortfolioRescore } from "@/core/jobs/rescore-portfolio";
import { scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { jobQueueOf } from "./job-queue-of";
import { jobRunFieldResolvers, resolveJobRunType } from "./job-run";

export const jobResolvers: Resolvers = {
  Query: {
    jobs: (_parent, args, context) => listTenantJobs(scopeOf(context), args.first),
    job: (_parent, args, context) => getJob(scopeOf(context), args.id),
  },
  Mutation: {
    startPortfolioRescore: async (_parent, args, context) => {
      const scope = scopeOf(context);
      // The process-wide queue is reached only once the input has passed the core's checks.
      const queue = jobQueueOf(context);
      const job = await startPortfolioRescore(scope, args.input, queue);
      return (await getJob(scope, job.id)) as NonNullable<Awaited<ReturnType<typeof getJob>>>;
    },
    cancelJob: (_parent, args, context) => cancelJob(scopeOf(context), args.id),
  },
  JobRun: {
    __resolveType: resolveJobRunType,
  },
  Job: {
    ...jobRunFieldResolvers,
    kind: (view) => view.job.kind,
    input: (view) => {
      const { actor: _actor, ...rest } = view.job.input as Record<string, unknown>;
      return rest;
    },
    scored: (view) => view.progress.scored,
    skipped: (view) => view.progress.skipped,
    failed: (view) => view.progress.failed,
    recentFailures: (view) => view.recentFailures.map((item) => ({ borrowerId: item.borrowerId, reason: item.reason, at: item.createdAt })),
    summary: (view) => view.summary,
    itemsCsvUrl: (view) => `/api/jobs/${view.job.id}/items.csv`,
  },
};
