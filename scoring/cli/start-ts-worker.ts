import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * Starts a worker thread on a TypeScript entry. A worker starts as plain Node (execArgv's `--import tsx`
 * is not honoured there), so the bootstrap registers tsx's CommonJS hooks, then loads the entry.
 */
export function startTsWorker(entry: URL, workerData: unknown): Worker {
  const bootstrap = `require("tsx/cjs"); require(${JSON.stringify(fileURLToPath(entry))});`;
  return new Worker(bootstrap, { eval: true, workerData });
}
