import { comparePolicySimulations, getPolicySimulation, listPolicySimulations } from "@/core/policy-simulation/read-policy-simulation";
import { startPolicySimulation } from "@/core/policy-simulation/start-policy-simulation";
import { swapKinds } from "@/scoring/simulation/summarise-simulation";
import { scopeOf } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { jobQueueOf } from "./job-queue-of";

export const simulationResolvers: Resolvers = {
  Query: {
    policySimulation: (_parent, args, context) => getPolicySimulation(scopeOf(context), args.id),
    policySimulations: (_parent, args, context) => listPolicySimulations(scopeOf(context), args.first),
    comparePolicySimulations: async (_parent, args, context) => {
      const comparison = await comparePolicySimulations(scopeOf(context), args.first, args.second);
      return { ...comparison, draftDifference: Object.entries(comparison.draftDifference).map(([figure, difference]) => ({ figure, difference })) };
    },
  },
  Mutation: {
    startPolicySimulation: async (_parent, args, context) => {
      const scope = scopeOf(context);
      // The process-wide queue is reached only once the input has passed the core's checks.
      const queue = jobQueueOf(context);
      const job = await startPolicySimulation(scope, args.input, queue);
      return (await getPolicySimulation(scope, job.id)) as NonNullable<Awaited<ReturnType<typeof getPolicySimulation>>>;
    },
  },
  PolicySimulation: {
    id: (view) => view.job.id,
    state: (view) => view.job.state,
    createdAt: (view) => view.job.createdAt,
    startedAt: (view) => view.job.startedAt,
    finishedAt: (view) => view.job.finishedAt,
    startedBy: (view) => view.job.startedByName,
    error: (view) => view.job.error,
    policyVersionId: (view) => view.input.policyVersionId,
    modelVersionId: (view) => view.input.modelVersionId,
    baseline: (view) => view.input.baseline,
    baselinePolicyVersionId: (view) => view.input.baselinePolicyVersionId,
    from: (view) => new Date(view.input.from),
    to: (view) => new Date(view.input.to),
    total: (view) => view.job.total,
    done: (view) => view.done,
    overall: (view) => view.result?.summary.overall ?? null,
    byBand: (view) => view.result?.summary.byBand ?? null,
    byMonth: (view) => view.result?.summary.byMonth ?? null,
    swapCounts: (view) => (view.result ? swapKinds.map((kind) => ({ kind, count: view.result!.summary.swapCounts[kind] })) : null),
    swaps: (view, args) => (view.result ? view.result.summary.swaps.filter((swap) => !args.kind || swap.kind === args.kind).slice(0, Math.max(0, Math.min(args.first, 10_000))) : null),
    reasonShift: (view) => view.result?.summary.reasonShift ?? null,
    skipped: (view) => view.result?.skipped ?? null,
    swapsCsvUrl: (view) => `/api/simulations/${view.job.id}/swaps.csv`,
  },
};
