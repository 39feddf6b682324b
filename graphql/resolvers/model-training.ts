import type { JobQueue } from "@/core/jobs/job-queue";
import { getJob } from "@/core/jobs/manage-jobs";
import { getJobQueue } from "@/core/jobs/job-worker";
import { readLoanBookImportReport, startLoanBookImport, uploadLoanBookFile } from "@/core/loan-book/import-loan-book";
import { readModelTrainingResult, startModelTraining } from "@/core/model-training/train-model";
import { scopeOf, type GraphQLContext } from "../context";
import type { Resolvers } from "../generated/resolvers-types";

/** The queue a start sends its first unit to, reached only once the input has passed the core's checks. */
function queueOf(context: GraphQLContext): Pick<JobQueue, "send"> {
  return context.jobQueue ?? { send: async (...unit: Parameters<JobQueue["send"]>) => (await getJobQueue()).send(...unit) };
}

async function viewOf(context: GraphQLContext, jobId: string) {
  return (await getJob(scopeOf(context), jobId)) as NonNullable<Awaited<ReturnType<typeof getJob>>>;
}

export const modelTrainingResolvers: Resolvers = {
  Mutation: {
    uploadLoanBookFile: (_parent, args, context) => uploadLoanBookFile(scopeOf(context), args.input),
    importLoanBook: async (_parent, args, context) => {
      const job = await startLoanBookImport(scopeOf(context), args.input, queueOf(context));
      return viewOf(context, job.id);
    },
    trainModel: async (_parent, args, context) => {
      const job = await startModelTraining(scopeOf(context), args.input, queueOf(context));
      return viewOf(context, job.id);
    },
  },
  Job: {
    report: (view) => {
      if (view.job.result === null || view.job.state !== "SUCCEEDED") return null;
      if (view.job.kind === "LOAN_BOOK_IMPORT") return readLoanBookImportReport(view.job.result);
      if (view.job.kind === "MODEL_TRAINING") return readModelTrainingResult(view.job.result);
      return null;
    },
  },
};
