/**
 * Benchmark of the default ensemble on a CSV book (Give Me Some Credit by default), on the MANIFEST
 * protocol (data row i is TEST when i % 5 == 4; everything is fitted on TRAIN, TEST is only scored):
 * test AUC of the ensemble and of each member, training wall time and peak RSS, score + full
 * explanation latency per applicant (median, p99), and predict-with-reasons over all TEST rows.
 *
 *   npx tsx scoring/bench/ensemble.ts --data /work/shared/datasets/gmsc/cs-training.csv \
 *     [--config scoring/cli/configs/gmsc.json] [--seed 1] [--workers 2] [--validation]
 *     [--target SeriousDlqin2yrs] [--positive "Charged Off"] [--drop col1,col2] [--predictions out.csv]
 * (--predictions writes the evaluated rows' ensemble PD as row,label,pd, for scoring/bench/paired-auc.ts.)
 * (Lending Club: --data …/LoanStats3a.csv --target loan_status --positive "Charged Off".)
 *
 * With --validation, TEST is not touched: TRAIN rows are split again by their position k within TRAIN
 * (held out when k % 5 == 4) and every "test" figure is on those held-out TRAIN rows. Design choices
 * (member sizes, refitting) are made on that, never on TEST.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { parseCsv } from "../data/csv";
import { createMatrix, getRow, selectRows } from "../data/matrix";
import { resolveEnsembleConfig, type EnsembleConfigInput } from "../ensemble/ensemble-config";
import { planEnsembleTraining } from "../ensemble/train-ensemble";
import { scoreRow } from "../explain/score-row";
import { bootstrapAucInterval, rocAuc } from "../metrics/index";
import { trainEnsembleInWorkers } from "../cli/train-in-workers";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      config: { type: "string" },
      seed: { type: "string", default: "1" },
      workers: { type: "string", default: "2" },
      validation: { type: "boolean", default: false },
      target: { type: "string", default: "SeriousDlqin2yrs" },
      positive: { type: "string" },
      drop: { type: "string", default: "" },
      predictions: { type: "string" },
    },
    strict: true,
  });
  if (values.data === undefined) throw new Error("--data is required (e.g. the path to gmsc/cs-training.csv)");
  const seed = Number(values.seed);
  const workers = Number(values.workers);
  const config = resolveEnsembleConfig(values.config === undefined ? {} : (JSON.parse(readFileSync(values.config, "utf8")) as EnsembleConfigInput));

  const parsed = parseCsv(readFileSync(values.data, "utf8"), { target: values.target, positiveLabel: values.positive });
  const dropped = new Set(values.drop.split(",").filter((name) => name !== ""));
  const kept = parsed.matrix.features.flatMap((f, j) => (dropped.has(f.name) ? [] : [j]));
  const matrix = createMatrix(
    kept.map((j) => parsed.matrix.features[j]),
    kept.map((j) => parsed.matrix.columns[j]),
  );
  const labels = parsed.labels;
  const y = labels as Float64Array;
  let trainRows: number[] = [];
  let testRows: number[] = [];
  for (let i = 0; i < matrix.rows; i++) (i % 5 === 4 ? testRows : trainRows).push(i);
  if (values.validation) {
    // Decisions are judged without TEST: TRAIN is split again by position k within TRAIN.
    const outer = trainRows;
    trainRows = outer.filter((_, k) => k % 5 !== 4);
    testRows = outer.filter((_, k) => k % 5 === 4);
  }
  const xTrain = selectRows(matrix, trainRows);
  const yTrain = Float64Array.from(trainRows, (i) => y[i]);
  const xTest = selectRows(matrix, testRows);
  const yTest = Float64Array.from(testRows, (i) => y[i]);

  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const plan = planEnsembleTraining(config, xTrain, yTrain, seed);
  const { ensemble, members } = await trainEnsembleInWorkers(plan, xTrain, yTrain, workers, () => undefined);
  const trainingSeconds = (performance.now() - started) / 1000;
  const trainingCpu = process.cpuUsage(cpuAtStart);
  // Worker threads run in this process, so their CPU time is included.
  const trainingCpuSeconds = (trainingCpu.user + trainingCpu.system) / 1e6;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;

  const memberAuc = Object.fromEntries(plan.jobs.flatMap((job, k) => (job.stage === "final" ? [[job.name, rocAuc(yTest, members[k].predictProba(xTest))]] : [])));
  const ensemblePd = ensemble.predictProba(xTest);
  const ensembleAuc = rocAuc(yTest, ensemblePd);
  const ensembleAucInterval95 = bootstrapAucInterval(yTest, ensemblePd, { seed: 1, resamples: 500, level: 0.95 });
  if (values.predictions !== undefined) writeFileSync(values.predictions, ["row,label,pd", ...testRows.map((i, k) => `${i},${yTest[k]},${ensemblePd[k]}`)].join("\n") + "\n");

  const latencyRows = Array.from({ length: 5000 }, (_, k) => getRow(xTest, (k * 6) % xTest.rows));
  for (const row of latencyRows.slice(0, 500)) scoreRow(ensemble, row);
  const cpuBefore = process.cpuUsage();
  const times = latencyRows.map((row) => {
    const t0 = performance.now();
    scoreRow(ensemble, row);
    return performance.now() - t0;
  });
  const cpuUsed = process.cpuUsage(cpuBefore);
  const cpuMsPerRow = (cpuUsed.user + cpuUsed.system) / 1000 / latencyRows.length;
  times.sort((a, b) => a - b);

  const t1 = performance.now();
  const row = new Float64Array(xTest.features.length);
  let adverse = 0;
  for (let i = 0; i < xTest.rows; i++) {
    for (let j = 0; j < row.length; j++) row[j] = xTest.columns[j][i];
    adverse += scoreRow(ensemble, row).adverseReasons.length;
  }
  const predictSeconds = (performance.now() - t1) / 1000;

  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString(),
        command: `npx tsx scoring/bench/ensemble.ts ${process.argv.slice(2).join(" ")}`,
        evaluatedOn: values.validation ? "held-out TRAIN rows (--validation)" : "TEST",
        trainRows: xTrain.rows,
        testRows: xTest.rows,
        versionId: ensemble.versionId(),
        weights: Object.fromEntries(ensemble.members.map((m) => [m.name, m.weight])),
        calibration: ensemble.calibrator?.kind ?? "none",
        testAuc: { ensemble: ensembleAuc, ...memberAuc },
        ensembleAucInterval95: [ensembleAucInterval95.lower, ensembleAucInterval95.upper],
        outOfFoldMetrics: ensemble.training.outOfFoldMetrics,
        finalBoostingIterations: ensemble.training.finalBoostingIterations,
        weightSearch: ensemble.training.weightSearch,
        trainingSeconds,
        trainingCpuSeconds,
        workers,
        peakRssMiB,
        scoreAndExplainMs: { median: times[Math.floor(times.length / 2)], p99: times[Math.floor(0.99 * times.length)], meanCpu: cpuMsPerRow },
        loadAverage: loadavg(),
        predictWithReasons: { rows: xTest.rows, seconds: predictSeconds, meanAdverseReasons: adverse / xTest.rows },
      },
      null,
      2,
    ),
  );
}

void main();
