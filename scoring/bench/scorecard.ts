/**
 * Benchmark of the WoE scorecard on Give Me Some Credit (Kaggle 2011).
 *
 *   npx tsx scoring/bench/scorecard.ts --data /work/shared/datasets/gmsc/cs-training.csv
 *   npx tsx scoring/bench/scorecard.ts --data … --select-defaults
 *
 * Split (../../../shared/datasets/MANIFEST.md): data row i (0-based, header excluded) is TEST when
 * i % 5 == 4, otherwise TRAIN. The first, unnamed column is an id and is dropped; "NA" is missing.
 * The default run fits DEFAULT_SCORECARD_PARAMS on TRAIN and prints TEST AUC (with a bootstrap CI), KS, Gini, Brier, the fit
 * time, the per-row explain time and the IV per feature. `--select-defaults` never touches TEST: it
 * carves a validation split from TRAIN (every 4th TRAIN row) and prints the validation AUC of a small
 * grid around the defaults — the evidence behind DEFAULT_SCORECARD_PARAMS.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { type FeatureSpec, type Matrix, createMatrix, getRow, selectRows } from "../data/matrix";
import { bootstrapAucInterval, brierScore, gini, ksStatistic, rocAuc } from "../metrics/index";
import { DEFAULT_SCORECARD_PARAMS, type ScorecardParams, fitScorecard } from "../models/scorecard";

const TARGET = "SeriousDlqin2yrs";

/** Reads the GMSC csv: every column but the id and the target is a numeric feature, "NA" → NaN. */
function loadGiveMeSomeCredit(path: string): { x: Matrix; y: Float64Array } {
  const rows: string[][] = parse(readFileSync(path, "utf8"), { skip_empty_lines: true });
  const [header, ...data] = rows;
  const targetColumn = header.indexOf(TARGET);
  if (targetColumn < 0) throw new Error(`${path}: no ${TARGET} column`);
  const featureColumns = header.map((_, c) => c).filter((c) => c !== 0 && c !== targetColumn);
  const features: FeatureSpec[] = featureColumns.map((c) => ({ name: header[c], kind: "numeric" }));
  const columns = featureColumns.map((c) => Float64Array.from(data, (row) => (row[c] === "NA" || row[c] === "" ? NaN : Number(row[c]))));
  const y = Float64Array.from(data, (row) => Number(row[targetColumn]));
  return { x: createMatrix(features, columns), y };
}

function splitRows(rows: number, isHeldOut: (i: number) => boolean): { kept: number[]; heldOut: number[] } {
  const kept: number[] = [];
  const heldOut: number[] = [];
  for (let i = 0; i < rows; i++) (isHeldOut(i) ? heldOut : kept).push(i);
  return { kept, heldOut };
}

function fitAndScore(params: ScorecardParams, trainX: Matrix, trainY: Float64Array, testX: Matrix, testY: Float64Array) {
  const started = performance.now();
  const model = fitScorecard(params, trainX, trainY, { seed: 1 });
  const fitSeconds = (performance.now() - started) / 1000;
  const probabilities = model.predictProba(testX);
  return { model, fitSeconds, probabilities, auc: rocAuc(testY, probabilities) };
}

function main(): void {
  const { values } = parseArgs({ options: { data: { type: "string" }, "select-defaults": { type: "boolean", default: false } } });
  if (!values.data) throw new Error("usage: npx tsx scoring/bench/scorecard.ts --data <cs-training.csv> [--select-defaults]");
  const { x, y } = loadGiveMeSomeCredit(values.data);
  const { kept: train, heldOut: test } = splitRows(x.rows, (i) => i % 5 === 4);
  const trainX = selectRows(x, train);
  const trainY = Float64Array.from(train, (i) => y[i]);

  if (values["select-defaults"]) {
    const { kept: fit, heldOut: validation } = splitRows(train.length, (k) => k % 4 === 3);
    const fitX = selectRows(trainX, fit);
    const fitY = Float64Array.from(fit, (k) => trainY[k]);
    const validationX = selectRows(trainX, validation);
    const validationY = Float64Array.from(validation, (k) => trainY[k]);
    console.log(`validation split of TRAIN: ${fit.length} fit rows, ${validation.length} validation rows`);
    const grid: Partial<ScorecardParams>[] = [
      {},
      { trend: "monotonic" },
      { peakValleyMinIvGain: 0 },
      { peakValleyMinIvGain: 0.05 },
      { peakValleyMinIvGain: 0.2 },
      { maxPrebins: 20 },
      { maxPrebins: 100 },
      { minBinShare: 0.01 },
      { minBinShare: 0.05 },
      { woeSmoothing: 5 },
      { l2: 100 },
      { minInformationValue: 0 },
    ];
    for (const change of grid) {
      const params = { ...DEFAULT_SCORECARD_PARAMS, ...change };
      const { auc } = fitAndScore(params, fitX, fitY, validationX, validationY);
      console.log(`validation AUC ${auc.toFixed(4)}  ${JSON.stringify(change)}`);
    }
    return;
  }

  const testX = selectRows(x, test);
  const testY = Float64Array.from(test, (i) => y[i]);
  const { model, fitSeconds, probabilities, auc } = fitAndScore(DEFAULT_SCORECARD_PARAMS, trainX, trainY, testX, testY);
  const rows = Math.min(testX.rows, 10_000);
  const denseRows = Array.from({ length: rows }, (_, i) => getRow(testX, i));
  const started = performance.now();
  for (const row of denseRows) model.explainRow(row);
  const explainMicroseconds = ((performance.now() - started) * 1000) / rows;

  console.log(`Give Me Some Credit: ${train.length} TRAIN rows, ${test.length} TEST rows`);
  console.log(`params ${JSON.stringify(DEFAULT_SCORECARD_PARAMS)}`);
  const interval = bootstrapAucInterval(testY, probabilities, { seed: 1, resamples: 500, level: 0.95 });
  console.log(`TEST AUC   ${auc.toFixed(4)} (95 % stratified bootstrap ${interval.lower.toFixed(4)}–${interval.upper.toFixed(4)}, 500 resamples)`);
  console.log(`TEST KS    ${ksStatistic(testY, probabilities).toFixed(4)}`);
  console.log(`TEST Gini  ${gini(testY, probabilities).toFixed(4)}`);
  console.log(`TEST Brier ${brierScore(testY, probabilities).toFixed(5)}`);
  console.log(`fit        ${fitSeconds.toFixed(2)} s`);
  console.log(`explainRow ${explainMicroseconds.toFixed(2)} µs per row (${rows} rows)`);
  console.log("feature                                  IV      bins  trend       coefficient");
  model.features.forEach((feature, j) => {
    const binning = model.binnings[j];
    const trend = binning.kind === "numeric" ? binning.trend : "categorical";
    console.log(`${feature.name.padEnd(40)} ${model.informationValues[j].toFixed(4)}  ${String(binning.bins.length - 1).padStart(4)}  ${trend.padEnd(10)}  ${model.coefficients[j].toFixed(4)}`);
  });
}

main();
