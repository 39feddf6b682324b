import { availableParallelism } from "node:os";
import type { Matrix } from "../data/matrix";
import { memberFromJSON } from "../ensemble/members";
import { completeEnsembleTraining, finalBoostingIterations, fitPlannedMember, type EnsembleTrainingPlan } from "../ensemble/train-ensemble";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import type { FittedBinaryClassifier } from "../models/model";
import { startTsWorker } from "./start-ts-worker";

type Progress = (jobIndex: number, done: number, total: number) => void;

function fitInWorker(plan: EnsembleTrainingPlan, jobIndex: number, iterations: number | undefined, x: Matrix, y: Float64Array, onProgress: Progress): Promise<FittedBinaryClassifier> {
  return new Promise((resolve, reject) => {
    const worker = startTsWorker(new URL("./fit-member-worker.ts", import.meta.url), { plan, jobIndex, iterations, x, y });
    worker.on("message", (message: { type: "progress"; done: number; total: number } | { type: "done"; model: unknown }) => {
      if (message.type === "progress") onProgress(jobIndex, message.done, message.total);
      else {
        resolve(memberFromJSON(plan.jobs[jobIndex].name, message.model));
        void worker.terminate();
      }
    });
    worker.on("error", reject);
  });
}

/**
 * Fits the plan's jobs (fold fits and final fits) with up to `workers` threads, one job per thread at a
 * time, taken in plan order; the final gradient boosting waits for its fold fits, whose round counts
 * it needs (finalBoostingIterations). Then completes the ensemble. Every member is rebuilt from its
 * JSON, which round-trips exactly, and every job has its own seed, so the result equals
 * trainEnsemble's with one core. Returns the fitted models too, in plan.jobs order.
 */
export async function trainEnsembleInWorkers(plan: EnsembleTrainingPlan, x: Matrix, y: Float64Array, workers: number, onProgress: Progress): Promise<{ ensemble: FittedEnsemble; members: FittedBinaryClassifier[] }> {
  const threads = Math.max(1, Math.min(workers, availableParallelism(), plan.jobs.length));
  const models: FittedBinaryClassifier[] = new Array(plan.jobs.length);
  if (threads === 1) {
    plan.jobs.forEach((job, k) => {
      const iterations = job.iterationsFromFolds ? finalBoostingIterations(plan, models) : undefined;
      models[k] = fitPlannedMember(plan, job, x, y, { iterations, onProgress: (done, total) => onProgress(k, done, total) });
    });
  } else {
    const finished: Promise<FittedBinaryClassifier>[] = new Array(plan.jobs.length);
    const foldBoosting = plan.jobs.flatMap((job, k) => (job.stage === "fold" && job.name === "gradientBoosting" ? [k] : []));
    let next = 0;
    const runLane = async (): Promise<void> => {
      while (next < plan.jobs.length) {
        const k = next++;
        finished[k] = (async () => {
          if (plan.jobs[k].iterationsFromFolds) await Promise.all(foldBoosting.map((j) => finished[j]));
          const iterations = plan.jobs[k].iterationsFromFolds ? finalBoostingIterations(plan, models) : undefined;
          return (models[k] = await fitInWorker(plan, k, iterations, x, y, onProgress));
        })();
        await finished[k];
      }
    };
    await Promise.all(Array.from({ length: threads }, runLane));
  }
  return { ensemble: completeEnsembleTraining(plan, x, y, models), members: models };
}
