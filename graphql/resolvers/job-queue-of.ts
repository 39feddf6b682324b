import type { JobQueue } from "@/core/jobs/job-queue";
import { getJobQueue } from "@/core/jobs/job-worker";
import type { GraphQLContext } from "../context";

/**
 * The queue a job start sends its first unit to: the one the context carries (tests, a worker process), else
 * the process-wide queue, reached only when a unit is sent — so a start refused by the core's checks never
 * opens the queue.
 */
export function jobQueueOf(context: GraphQLContext): Pick<JobQueue, "send"> {
  return context.jobQueue ?? { send: async (...unit: Parameters<JobQueue["send"]>) => (await getJobQueue()).send(...unit) };
}
