/**
 * Worker thread of `train`: fits one planned member and posts back its toJSON(). The plan and data
 * arrive by structured clone; the fit is the same pure fitPlannedMember the single-threaded path runs,
 * so the model (and the artifact) does not depend on how many workers ran.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Matrix } from "../data/matrix";
import type { EnsembleTrainingPlan } from "../ensemble/train-ensemble";
import { fitPlannedMember } from "../ensemble/train-ensemble";

interface FitMemberRequest {
  readonly plan: EnsembleTrainingPlan;
  readonly jobIndex: number;
  /** Rounds of the final gradient boosting (finalBoostingIterations), for that job only. */
  readonly iterations: number | undefined;
  readonly x: Matrix;
  readonly y: Float64Array;
}

const request = workerData as FitMemberRequest;
const model = fitPlannedMember(request.plan, request.plan.jobs[request.jobIndex], request.x, request.y, {
  iterations: request.iterations,
  onProgress: (done, total) => parentPort?.postMessage({ type: "progress", done, total }),
});
parentPort?.postMessage({ type: "done", model: model.toJSON() });
