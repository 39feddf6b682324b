/** Worker thread of `predict`: loads the artifact and scores one block of rows (see predictInWorkers). */
import { parentPort, workerData } from "node:worker_threads";
import { loadArtifact } from "../artifact/load-artifact";
import type { Matrix } from "../data/matrix";
import { predictionLines } from "./predict-rows";

const request = workerData as { artifactText: string; x: Matrix; rowIds: string[]; start: number; end: number };
parentPort?.postMessage(predictionLines(loadArtifact(request.artifactText), request.x, request.rowIds, request.start, request.end));
