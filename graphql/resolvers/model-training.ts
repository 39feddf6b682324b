import { getJob } from "@/core/jobs/manage-jobs";
import { readLoanBookImportReport, startLoanBookImport, uploadLoanBookFile } from "@/core/loan-book/import-loan-book";
import { readModelTrainingResult, startModelTraining } from "@/core/model-training/train-model";
import { scopeOf, type GraphQLContext } from "../context";
import type { Resolvers } from "../generated/resolvers-types";
import { jobQueueOf } from "./job-queue-of";

async function viewOf(context: GraphQLContext, jobId: string) {
  return (await getJob(scopeOf(context), jobId)) as NonNullable<Awaited<ReturnType<typeof getJob>>>;
}

export const modelTrainingResolvers: Resolvers = {
  Mutation: {
    uploadLoanBookFile: (_parent, args, context) => uploadLoanBookFile(scopeOf(context), args.input),
    importLoanBook: async (_parent, args, context) => {
      const job = await startLoanBookImport(scopeOf(context), args.input, jobQueueOf(context));
      return viewOf(context, job.id);
    },
    trainModel: async (_parent, args, context) => {
      const job = await startModelTraining(scopeOf(context), args.input, jobQueueOf(context));
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
