import { availableParallelism } from "node:os";
import type { Matrix } from "../data/matrix";
import { memberFromJSON } from "../ensemble/members";
import { completeEnsembleTraining, fitPlannedMember, type EnsembleTrainingPlan } from "../ensemble/train-ensemble";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import type { FittedBinaryClassifier } from "../models/model";
import { startTsWorker } from "./start-ts-worker";

type Progress = (jobIndex: number, done: number, total: number) => void;

function fitInWorker(plan: EnsembleTrainingPlan, jobIndex: number, x: Matrix, y: Float64Array, onProgress: Progress): Promise<FittedBinaryClassifier> {
  return new Promise((resolve, reject) => {
    const worker = startTsWorker(new URL("./fit-member-worker.ts", import.meta.url), { plan, jobIndex, x, y });
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
 * Fits the plan's members with up to `workers` threads (members run concurrently, one per thread;
 * each member itself is single-threaded), then completes the ensemble. Every member is rebuilt from its
 * JSON, which round-trips exactly, so the result equals trainEnsemble's with one core. Returns the
 * fitted members too (in plan.jobs order), including any the weights left out.
 */
export async function trainEnsembleInWorkers(plan: EnsembleTrainingPlan, x: Matrix, y: Float64Array, workers: number, onProgress: Progress): Promise<{ ensemble: FittedEnsemble; members: FittedBinaryClassifier[] }> {
  const threads = Math.max(1, Math.min(workers, availableParallelism(), plan.jobs.length));
  const models: FittedBinaryClassifier[] = new Array(plan.jobs.length);
  if (threads === 1) {
    plan.jobs.forEach((job, k) => (models[k] = fitPlannedMember(plan, job, x, y, (done, total) => onProgress(k, done, total))));
  } else {
    let next = 0;
    const runLane = async (): Promise<void> => {
      while (next < plan.jobs.length) {
        const k = next++;
        models[k] = await fitInWorker(plan, k, x, y, onProgress);
      }
    };
    await Promise.all(Array.from({ length: threads }, runLane));
  }
  return { ensemble: completeEnsembleTraining(plan, x, y, models), members: models };
}
