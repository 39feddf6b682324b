/**
 * Worker thread of trainEnsemblesInWorkers: receives the tasks (plans and their data) once, then fits one
 * planned member per message and posts back its toJSON(). The fit is the same pure fitPlannedMember the
 * single-threaded path runs, so the model (and the artifact) does not depend on how many workers ran.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Matrix } from "../data/matrix";
import type { EnsembleTrainingPlan } from "../ensemble/train-ensemble";
import { fitPlannedMember } from "../ensemble/train-ensemble";

/** One ensemble whose members the worker may be asked to fit. */
export interface FitMemberTask {
  readonly plan: EnsembleTrainingPlan;
  readonly x: Matrix;
  readonly y: Float64Array;
}

export interface FitMemberRequest {
  readonly taskIndex: number;
  readonly jobIndex: number;
  /** Rounds of the final gradient boosting (finalBoostingIterations), for that job only. */
  readonly iterations: number | undefined;
}

export type FitMemberReply = { type: "progress"; done: number; total: number } | { type: "done"; model: unknown } | { type: "error"; message: string };

if (parentPort) {
  const port = parentPort;
  const { tasks } = workerData as { tasks: readonly FitMemberTask[] };
  port.on("message", (request: FitMemberRequest) => {
    const task = tasks[request.taskIndex];
    try {
      const model = fitPlannedMember(task.plan, task.plan.jobs[request.jobIndex], task.x, task.y, {
        iterations: request.iterations,
        onProgress: (done, total) => port.postMessage({ type: "progress", done, total } satisfies FitMemberReply),
      });
      port.postMessage({ type: "done", model: model.toJSON() } satisfies FitMemberReply);
    } catch (error) {
      port.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) } satisfies FitMemberReply);
    }
  });
}
