import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { Matrix } from "../data/matrix";
import { memberFromJSON } from "../ensemble/members";
import { completeEnsembleTraining, finalBoostingIterations, fitPlannedMember, type EnsembleTrainingPlan } from "../ensemble/train-ensemble";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import type { FittedBinaryClassifier } from "../models/model";
import type { FitMemberReply, FitMemberRequest, FitMemberTask } from "./fit-member-worker";
import { startTsWorker } from "./start-ts-worker";

/** (task, job of its plan, done, total) while a member is fitted; never affects the result. */
type Progress = (taskIndex: number, jobIndex: number, done: number, total: number) => void;

/** One ensemble to fit: its plan (planEnsembleTraining) and the rows it was planned on. */
export type EnsembleTask = FitMemberTask;

/**
 * A worker thread kept for a lane of fits: the tasks' data cross to it once (structured clone), then each fit
 * is a small message, so a thread's start (loading the engine) is paid once per lane, not once per member.
 */
function startLane(tasks: readonly EnsembleTask[], onProgress: Progress): { fit(taskIndex: number, jobIndex: number, iterations: number | undefined): Promise<FittedBinaryClassifier>; stop(): Promise<void> } {
  const worker: Worker = startTsWorker(new URL("./fit-member-worker.ts", import.meta.url), { tasks });
  let pending: { taskIndex: number; jobIndex: number; resolve: (model: FittedBinaryClassifier) => void; reject: (error: unknown) => void } | null = null;
  const fail = (error: unknown) => {
    pending?.reject(error);
    pending = null;
  };
  worker.on("message", (reply: FitMemberReply) => {
    if (!pending) return;
    if (reply.type === "progress") onProgress(pending.taskIndex, pending.jobIndex, reply.done, reply.total);
    else if (reply.type === "error") fail(new Error(reply.message));
    else {
      const { taskIndex, jobIndex, resolve } = pending;
      pending = null;
      resolve(memberFromJSON(tasks[taskIndex].plan.jobs[jobIndex].name, reply.model));
    }
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`trainEnsemblesInWorkers: a worker thread exited (code ${code}) during a fit`)));
  return {
    fit: (taskIndex, jobIndex, iterations) =>
      new Promise((resolve, reject) => {
        pending = { taskIndex, jobIndex, resolve, reject };
        const request: FitMemberRequest = { taskIndex, jobIndex, iterations };
        worker.postMessage(request);
      }),
    stop: async () => {
      await worker.terminate();
    },
  };
}

/**
 * Fits every job of several plans (fold fits and final fits) with up to `workers` threads, one job per
 * thread at a time: all fold fits first (in task order), then the final fits, so a final gradient boosting —
 * which waits for its own plan's fold fits, whose round counts it needs (finalBoostingIterations) — rarely
 * holds a thread idle. Then completes each ensemble. Every member is rebuilt from its JSON, which
 * round-trips exactly, and every job has its own seed, so each result equals trainEnsemble's with one core.
 * Returns, per task, the ensemble and its fitted models in plan.jobs order.
 */
export async function trainEnsemblesInWorkers(tasks: readonly EnsembleTask[], workers: number, onProgress: Progress): Promise<{ ensemble: FittedEnsemble; members: FittedBinaryClassifier[] }[]> {
  const models: FittedBinaryClassifier[][] = tasks.map((task) => new Array(task.plan.jobs.length));
  const order = [...tasks.flatMap((task, t) => task.plan.jobs.flatMap((job, k) => (job.stage === "fold" ? [{ t, k }] : []))), ...tasks.flatMap((task, t) => task.plan.jobs.flatMap((job, k) => (job.stage === "final" ? [{ t, k }] : [])))];
  const threads = Math.max(1, Math.min(workers, availableParallelism(), order.length));
  const iterationsOf = (t: number, k: number) => (tasks[t].plan.jobs[k].iterationsFromFolds ? finalBoostingIterations(tasks[t].plan, models[t]) : undefined);
  if (threads === 1) {
    for (const { t, k } of order) models[t][k] = fitPlannedMember(tasks[t].plan, tasks[t].plan.jobs[k], tasks[t].x, tasks[t].y, { iterations: iterationsOf(t, k), onProgress: (done, total) => onProgress(t, k, done, total) });
  } else {
    const finished = tasks.map((task) => new Array<Promise<FittedBinaryClassifier>>(task.plan.jobs.length));
    const foldBoosting = tasks.map((task) => task.plan.jobs.flatMap((job, k) => (job.stage === "fold" && job.name === "gradientBoosting" ? [k] : [])));
    let next = 0;
    const runLane = async (): Promise<void> => {
      const lane = startLane(tasks, onProgress);
      try {
        while (next < order.length) {
          const { t, k } = order[next++];
          finished[t][k] = (async () => {
            if (tasks[t].plan.jobs[k].iterationsFromFolds) await Promise.all(foldBoosting[t].map((j) => finished[t][j]));
            return (models[t][k] = await lane.fit(t, k, iterationsOf(t, k)));
          })();
          await finished[t][k];
        }
      } finally {
        await lane.stop();
      }
    };
    await Promise.all(Array.from({ length: threads }, runLane));
  }
  return tasks.map((task, t) => ({ ensemble: completeEnsembleTraining(task.plan, task.x, task.y, models[t]), members: models[t] }));
}

/** trainEnsemblesInWorkers for one plan (the CLI's `train`, the default model, the benchmarks). */
export async function trainEnsembleInWorkers(plan: EnsembleTrainingPlan, x: Matrix, y: Float64Array, workers: number, onProgress: (jobIndex: number, done: number, total: number) => void): Promise<{ ensemble: FittedEnsemble; members: FittedBinaryClassifier[] }> {
  const [trained] = await trainEnsemblesInWorkers([{ plan, x, y }], workers, (_task, jobIndex, done, total) => onProgress(jobIndex, done, total));
  return trained;
}
