/**
 * Small books (issue 13): the ensemble trained on random subsamples of a book's TRAIN rows (2,000,
 * 5,000, 10,000 loans by default, several seeds), scored on the book's whole TEST part, beside each
 * member and an L2 logistic regression on one-hot categoricals — the baseline a small lender would
 * reach for. Prints one JSON line per (size, seed) and a summary per size (mean, min, max).
 *
 *   npx tsx scoring/bench/small-books.ts --data /work/shared/datasets/gmsc/cs-training.csv \
 *     [--target SeriousDlqin2yrs] [--positive "Charged Off"] [--sizes 2000,5000,10000] [--seeds 1,2,3] [--workers 2]
 *
 * Split: data row i is TEST when i % 5 == 4 (MANIFEST); subsample of TRAIN rows by a seeded shuffle.
 * TEST is only scored: nothing here chooses a setting. The logistic regression: numeric columns
 * median-imputed (TRAIN subsample medians) with a missing indicator when any value is missing, then
 * standardised; each category seen at least 20 times in the subsample one-hot (the rest, unseen and
 * missing all zero); L2 penalty λ = 1 on the coefficients (scikit-learn's default C = 1), Newton/IRLS.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Random } from "../core/random";
import { parseCsv } from "../data/csv";
import { selectRows, type Matrix } from "../data/matrix";
import { resolveEnsembleConfig } from "../ensemble/ensemble-config";
import { planEnsembleTraining } from "../ensemble/train-ensemble";
import { rocAuc } from "../metrics/index";
import { fitLogisticRegression } from "../models/logistic-regression";
import { trainEnsembleInWorkers } from "../cli/train-in-workers";

const ONE_HOT_MIN_COUNT = 20;

/** Design columns of the one-hot logistic regression, fitted on `fit` and applied to `x`. */
function oneHotDesign(fit: Matrix, x: Matrix): Float64Array[] {
  const columns: Float64Array[] = [];
  fit.features.forEach((feature, j) => {
    const source = fit.columns[j];
    const target = x.columns[j];
    if (feature.kind === "categorical") {
      const counts = new Map<number, number>();
      for (const code of source) if (!Number.isNaN(code)) counts.set(code, (counts.get(code) ?? 0) + 1);
      for (const [code, count] of [...counts.entries()].sort((a, b) => a[0] - b[0])) {
        if (count >= ONE_HOT_MIN_COUNT) columns.push(Float64Array.from(target, (v) => (v === code ? 1 : 0)));
      }
      return;
    }
    const present = Float64Array.from(Array.from(source).filter((v) => !Number.isNaN(v))).sort();
    const median = present.length === 0 ? 0 : present[Math.floor(present.length / 2)];
    let mean = 0;
    for (const v of present) mean += v;
    mean /= Math.max(1, present.length);
    let variance = 0;
    for (const v of present) variance += (v - mean) ** 2;
    const sd = Math.sqrt(variance / Math.max(1, present.length)) || 1;
    columns.push(Float64Array.from(target, (v) => ((Number.isNaN(v) ? median : v) - mean) / sd));
    if (present.length < source.length) columns.push(Float64Array.from(target, (v) => (Number.isNaN(v) ? 1 : 0)));
  });
  return columns;
}

function oneHotLogisticAuc(xFit: Matrix, yFit: Float64Array, xTest: Matrix, yTest: Float64Array): number {
  const fit = fitLogisticRegression(oneHotDesign(xFit, xFit), yFit, { l2: 1 });
  const design = oneHotDesign(xFit, xTest);
  const margins = new Float64Array(xTest.rows).fill(fit.intercept);
  design.forEach((column, j) => {
    for (let i = 0; i < column.length; i++) margins[i] += fit.coefficients[j] * column[i];
  });
  return rocAuc(yTest, margins);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      target: { type: "string", default: "SeriousDlqin2yrs" },
      positive: { type: "string" },
      sizes: { type: "string", default: "2000,5000,10000" },
      seeds: { type: "string", default: "1,2,3" },
      workers: { type: "string", default: "2" },
    },
    strict: true,
  });
  if (values.data === undefined) throw new Error("--data is required");
  const { matrix, labels } = parseCsv(readFileSync(values.data, "utf8"), { target: values.target, positiveLabel: values.positive });
  const y = labels as Float64Array;
  const trainRows: number[] = [];
  const testRows: number[] = [];
  for (let i = 0; i < matrix.rows; i++) (i % 5 === 4 ? testRows : trainRows).push(i);
  const xTest = selectRows(matrix, testRows);
  const yTest = Float64Array.from(testRows, (i) => y[i]);
  const config = resolveEnsembleConfig({});
  const summary = new Map<number, Record<string, number[]>>();
  for (const size of values.sizes.split(",").map(Number)) {
    for (const seed of values.seeds.split(",").map(Number)) {
      const shuffled = new Random(seed).shuffle(Uint32Array.from(trainRows));
      const rows = Array.from(shuffled.subarray(0, size)).sort((a, b) => a - b);
      const xFit = selectRows(matrix, rows);
      const yFit = Float64Array.from(rows, (i) => y[i]);
      const plan = planEnsembleTraining(config, xFit, yFit, seed);
      const { ensemble, members } = await trainEnsembleInWorkers(plan, xFit, yFit, Number(values.workers), () => undefined);
      const auc: Record<string, number> = { ensemble: rocAuc(yTest, ensemble.predictProba(xTest)) };
      plan.jobs.forEach((job, k) => {
        if (job.stage === "final") auc[job.name] = rocAuc(yTest, members[k].predictProba(xTest));
      });
      auc.oneHotLogistic = oneHotLogisticAuc(xFit, yFit, xTest, yTest);
      const bestOther = Math.max(...Object.entries(auc).filter(([name]) => name !== "ensemble").map(([, v]) => v));
      auc.ensembleMinusBestOther = auc.ensemble - bestOther;
      console.log(JSON.stringify({ size, seed, positives: yFit.reduce((s, v) => s + v, 0), weights: Object.fromEntries(ensemble.members.map((m) => [m.name, m.weight])), testAuc: auc }));
      const bySize = summary.get(size) ?? {};
      for (const [name, value] of Object.entries(auc)) (bySize[name] ??= []).push(value);
      summary.set(size, bySize);
    }
  }
  for (const [size, bySize] of summary) {
    const cells = Object.entries(bySize).map(([name, v]) => `${name} ${(v.reduce((s, x) => s + x, 0) / v.length).toFixed(4)} [${Math.min(...v).toFixed(4)}, ${Math.max(...v).toFixed(4)}]`);
    console.log(`size ${size} (${bySize.ensemble.length} seeds): ${cells.join("; ")}`);
  }
}

void main();
