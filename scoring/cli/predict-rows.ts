import { availableParallelism } from "node:os";
import type { Matrix } from "../data/matrix";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import { scoreRow } from "../explain/score-row";
import { startTsWorker } from "./start-ts-worker";

/** Header of `predict`'s output: row id, PD, score, risk bucket, then one column per principal reason. */
export function predictionHeader(maxReasons: number): string[] {
  return ["id", "pd", "score", "risk_bucket", ...Array.from({ length: maxReasons }, (_, k) => `reason_${k + 1}`)];
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Scores rows [start, end) of x and formats one CSV line per row (numbers in round-trip form). */
export function predictionLines(model: FittedEnsemble, x: Matrix, rowIds: readonly string[], start: number, end: number): string[] {
  const maxReasons = model.config.maxAdverseReasons;
  const row = new Float64Array(x.features.length);
  const lines: string[] = [];
  for (let i = start; i < end; i++) {
    for (let j = 0; j < row.length; j++) row[j] = x.columns[j][i];
    const result = scoreRow(model, row);
    const reasons = Array.from({ length: maxReasons }, (_, k) => result.adverseReasons[k]?.code ?? "");
    lines.push([rowIds[i], result.probabilityOfDefault, result.score, result.riskBucket.name, ...reasons].map(csvCell).join(","));
  }
  return lines;
}

/**
 * Scores every row with up to `workers` threads, each taking one contiguous block of rows and loading
 * the same artifact; blocks are joined in row order, so the output does not depend on the thread count.
 */
export async function predictInWorkers(model: FittedEnsemble, artifactText: string, x: Matrix, rowIds: readonly string[], workers: number): Promise<string[]> {
  const threads = Math.max(1, Math.min(workers, availableParallelism(), Math.ceil(x.rows / 2000)));
  if (threads === 1) return predictionLines(model, x, rowIds, 0, x.rows);
  const bounds = Array.from({ length: threads + 1 }, (_, k) => Math.round((k * x.rows) / threads));
  const blocks = await Promise.all(
    Array.from({ length: threads }, (_, k) =>
      new Promise<string[]>((resolve, reject) => {
        const worker = startTsWorker(new URL("./predict-rows-worker.ts", import.meta.url), { artifactText, x, rowIds, start: bounds[k], end: bounds[k + 1] });
        worker.once("message", (lines: string[]) => {
          resolve(lines);
          void worker.terminate();
        });
        worker.once("error", reject);
      }),
    ),
  );
  return blocks.flat();
}
