/**
 * Benchmark of the tree models on Give Me Some Credit: test AUC, fit time, peak RSS and exact
 * TreeSHAP explanation time per row.
 *
 *   npx tsx scoring/bench/trees.ts --data /work/shared/datasets/gmsc/cs-training.csv
 *     [--models forest,boosting] [--validation] [--forest '{"maxLeaves":128}'] [--boosting '{"learningRate":0.1}']
 *     [--explain-rows 2000]   (rows timed for predict + exact TreeSHAP; fewer for full-size forests)
 *
 * Split protocol (datasets/MANIFEST.md): data row i (0-based) is TEST when i % 5 == 4, else TRAIN.
 * With --validation, hyperparameters are judged without touching TEST: TRAIN rows are split again by
 * their position k within TRAIN (VALIDATION when k % 5 == 4) and AUC is reported on VALIDATION.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { parse } from "csv-parse/sync";
import { createMatrix, getRow, selectRows, type FeatureSpec, type Matrix } from "../data/matrix";
import { rocAuc } from "../metrics/roc";
import type { FittedBinaryClassifier } from "../models/model";
import { DEFAULT_RANDOM_FOREST_PARAMS, fitRandomForest, type RandomForestParams } from "../models/random-forest";
import { DEFAULT_GRADIENT_BOOSTING_PARAMS, fitGradientBoosting, type GradientBoostingParams } from "../models/gradient-boosting";

const TARGET = "SeriousDlqin2yrs";

function loadGiveMeSomeCredit(path: string): { x: Matrix; y: Float64Array } {
  const records: string[][] = parse(readFileSync(path, "utf8"), { skip_empty_lines: true });
  const header = records[0];
  const targetColumn = header.indexOf(TARGET);
  // The first, unnamed column is a row id: dropped.
  const featureColumns = header.map((_, c) => c).filter((c) => c !== 0 && c !== targetColumn);
  const rows = records.length - 1;
  const features: FeatureSpec[] = featureColumns.map((c) => ({ name: header[c], kind: "numeric" }));
  const columns = featureColumns.map(() => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const record = records[i + 1];
    y[i] = Number(record[targetColumn]);
    featureColumns.forEach((c, j) => {
      columns[j][i] = record[c] === "NA" || record[c] === "" ? NaN : Number(record[c]);
    });
  }
  return { x: createMatrix(features, columns), y };
}

function splitByPosition(rows: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < rows; i++) (i % 5 === 4 ? test : train).push(i);
  return { train, test };
}

function percentile(sortedValues: number[], q: number): number {
  return sortedValues[Math.min(sortedValues.length - 1, Math.floor(q * sortedValues.length))];
}

function measureExplanations(model: FittedBinaryClassifier, x: Matrix, count: number): { median: number; p99: number } {
  const rows = Array.from({ length: count }, (_, k) => getRow(x, Math.floor((k * x.rows) / count)));
  for (const row of rows.slice(0, Math.min(100, Math.ceil(count / 10)))) model.explainRow(row); // warm-up
  const times: number[] = [];
  for (const row of rows) {
    const start = performance.now();
    model.predictRowProba(row);
    model.explainRow(row);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: "string" },
      models: { type: "string", default: "forest,boosting" },
      validation: { type: "boolean", default: false },
      forest: { type: "string", default: "{}" },
      boosting: { type: "string", default: "{}" },
      seed: { type: "string", default: "42" },
      "explain-rows": { type: "string", default: "2000" },
    },
  });
  if (!values.data) throw new Error("usage: trees.ts --data <cs-training.csv> [--models forest,boosting] [--validation]");
  const { x, y } = loadGiveMeSomeCredit(values.data);
  let { train, test } = splitByPosition(x.rows);
  if (values.validation) {
    const inner = splitByPosition(train.length);
    test = inner.test.map((k) => train[k]);
    train = inner.train.map((k) => train[k]);
  }
  const trainX = selectRows(x, train);
  const trainY = Float64Array.from(train, (i) => y[i]);
  const testX = selectRows(x, test);
  const testY = Float64Array.from(test, (i) => y[i]);
  const seed = Number(values.seed);
  console.log(`${values.validation ? "validation (carved from TRAIN)" : "TEST"}: train ${train.length} rows, evaluated on ${test.length} rows, seed ${seed}`);

  const fitters: Record<string, () => FittedBinaryClassifier> = {
    forest: () => fitRandomForest({ ...DEFAULT_RANDOM_FOREST_PARAMS, ...(JSON.parse(values.forest as string) as Partial<RandomForestParams>) }, trainX, trainY, { seed }),
    boosting: () => fitGradientBoosting({ ...DEFAULT_GRADIENT_BOOSTING_PARAMS, ...(JSON.parse(values.boosting as string) as Partial<GradientBoostingParams>) }, trainX, trainY, { seed }),
  };
  for (const name of (values.models as string).split(",")) {
    const fit = fitters[name];
    if (!fit) throw new Error(`unknown model "${name}"`);
    const start = performance.now();
    const model = fit();
    const fitSeconds = (performance.now() - start) / 1000;
    const auc = rocAuc(testY, model.predictProba(testX));
    const explanation = measureExplanations(model, testX, Number(values["explain-rows"]));
    const params = (model as unknown as { params: unknown }).params;
    const trees = (model as unknown as { treeCount: number }).treeCount;
    console.log(
      `${name}: AUC ${auc.toFixed(4)}  fit ${fitSeconds.toFixed(1)} s  trees ${trees}  predict+explain per row median ${explanation.median.toFixed(3)} ms, p99 ${explanation.p99.toFixed(3)} ms  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
    console.log(`  params ${JSON.stringify(params)}`);
  }
}

main();
