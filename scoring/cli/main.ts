/**
 * The engine's command line: `npm run scoring -- <command> [flags]`.
 *   train    --data f.csv --target col [--positive value] [--categorical a,b] [--missing t1,t2] [--config cfg.json]
 *            [--id col] [--seed n] [--workers n] --out model.json
 *   predict  --model model.json --data f.csv [--missing t1,t2] [--id col] [--workers n] --out preds.csv
 *   evaluate --model model.json --data f.csv --target col [--positive value] [--missing t1,t2] [--id col] [--seed n] [--out report.json]
 * Columns are read as docs/features.md ("Reading a CSV") describes; `train` prints how each was read.
 * Every failure is one line on stderr and a non-zero exit code (2: usage, 1: data or model).
 *   split    --data f.csv --out-train a.csv --out-test b.csv   (data row i is TEST when i % 5 == 4)
 * File I/O, the clock and threads live here; the engine under scoring/ stays pure.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { parse } from "csv-parse/sync";
import { canonicalJson } from "../artifact/canonical-json";
import { loadArtifact } from "../artifact/load-artifact";
import { ScoringError } from "../core/errors";
import { describeColumnReading } from "../data/column-reading";
import { DEFAULT_MISSING_TOKENS, parseCsv } from "../data/csv";
import { resolveEnsembleConfig, type EnsembleConfigInput } from "../ensemble/ensemble-config";
import type { FittedEnsemble } from "../ensemble/fitted-ensemble";
import { planEnsembleTraining } from "../ensemble/train-ensemble";
import { bootstrapAucInterval, brierScore, calibrationByQuantile, gini, ksStatistic, logLoss, rocAuc } from "../metrics/index";
import { predictInWorkers, predictionHeader } from "./predict-rows";
import { trainEnsembleInWorkers } from "./train-in-workers";

/** A user error: printed as one line naming the flag, exit code 2. */
class UsageError extends Error {}

type Flags = Record<string, string | undefined>;

const COMMANDS: Record<string, { readonly flags: readonly string[]; readonly required: readonly string[]; readonly run: (flags: Flags) => Promise<void> | void }> = {
  train: { flags: ["data", "target", "positive", "categorical", "missing", "config", "id", "seed", "workers", "out"], required: ["data", "target", "out"], run: train },
  predict: { flags: ["model", "data", "missing", "id", "workers", "out"], required: ["model", "data", "out"], run: predict },
  evaluate: { flags: ["model", "data", "target", "positive", "missing", "id", "seed", "out"], required: ["model", "data", "target"], run: evaluate },
  split: { flags: ["data", "out-train", "out-test"], required: ["data", "out-train", "out-test"], run: split },
};

function usage(): string {
  return "usage: npm run scoring -- <train|predict|evaluate|split|help> [--flag value …]\n" + Object.entries(COMMANDS).map(([name, c]) => `  ${name}: ${c.flags.map((f) => (c.required.includes(f) ? `--${f}` : `[--${f}]`)).join(" ")}`).join("\n");
}

function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`--${flag}: cannot read "${path}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function integerFlag(flags: Flags, name: string, fallback: number, min: number): number {
  const text = flags[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name}: expected an integer ≥ ${min}, got "${text}"`);
  return value;
}

/** A comma-separated list flag ("a,b"), or undefined when absent. */
function listFlag(flags: Flags, name: string): string[] | undefined {
  return flags[name]?.split(",").map((item) => item.trim());
}

/** --missing adds tokens to the default missing-value tokens. */
function missingTokens(flags: Flags): string[] {
  return [...DEFAULT_MISSING_TOKENS, ...(listFlag(flags, "missing") ?? [])];
}

function loadModel(path: string): FittedEnsemble {
  return loadArtifact(readText(path, "model"));
}

async function train(flags: Flags): Promise<void> {
  const started = performance.now();
  const seed = integerFlag(flags, "seed", 1, 0);
  const workers = integerFlag(flags, "workers", 2, 1);
  let configInput: EnsembleConfigInput = {};
  if (flags.config !== undefined) {
    try {
      configInput = JSON.parse(readText(flags.config, "config")) as EnsembleConfigInput;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`--config: "${flags.config}" is not JSON (${(error as Error).message})`);
    }
  }
  const config = resolveEnsembleConfig(configInput);
  const { matrix, labels, readings } = parseCsv(readText(flags.data as string, "data"), { target: flags.target, positiveLabel: flags.positive, categorical: listFlag(flags, "categorical"), missingTokens: missingTokens(flags), id: flags.id });
  console.log(`read ${matrix.rows} rows of ${flags.data}; columns (see docs/features.md, "Reading a CSV"):`);
  for (const reading of readings) console.log(`  ${describeColumnReading(reading)}`);
  const plan = planEnsembleTraining(config, matrix, labels as Float64Array, seed);
  const unit = 1000;
  const bar = new SingleBar({ format: "training [{bar}] {percentage}% | {members}", hideCursor: true }, Presets.shades_classic);
  const fractions = plan.jobs.map(() => 0);
  bar.start(plan.jobs.length * unit, 0, { members: plan.jobs.map((j) => (j.stage === "final" ? `${j.name} (refit)` : j.name)).join(", ") });
  let model: FittedEnsemble;
  try {
    ({ ensemble: model } = await trainEnsembleInWorkers(plan, matrix, labels as Float64Array, workers, (k, done, total) => {
      fractions[k] = done / Math.max(1, total);
      bar.update(Math.round(fractions.reduce((s, f) => s + f, 0) * unit));
    }));
    bar.update(plan.jobs.length * unit);
  } finally {
    bar.stop();
  }
  const artifact = model.toJSON();
  writeFileSync(flags.out as string, canonicalJson(artifact));
  const seconds = (performance.now() - started) / 1000;
  const report = {
    model: flags.out,
    versionId: artifact.contentHash,
    data: flags.data,
    trainedAt: new Date().toISOString(),
    trainingSeconds: seconds,
    workers,
    members: model.members.map((m) => ({ name: m.name, weight: m.weight })),
    calibration: model.calibrator?.kind ?? "none",
    training: model.training,
  };
  const reportPath = `${flags.out}.report.json`;
  writeFileSync(reportPath, JSON.stringify(report, null, 2) + "\n");
  console.log(`model ${flags.out} (version ${artifact.contentHash}) trained in ${seconds.toFixed(1)} s on ${model.training.rows} rows (weights and calibration on ${model.training.crossFitFolds}-fold out-of-fold predictions)`);
  console.log(`weights: ${model.members.map((m) => `${m.name} ${m.weight.toFixed(2)}`).join(", ")}; calibration: ${report.calibration}`);
  console.log("out-of-fold predictions (used to choose weights and calibration):");
  for (const [name, m] of Object.entries(model.training.outOfFoldMetrics)) {
    console.log(`  ${name.padEnd(18)} AUC ${m.auc.toFixed(4)}  Brier ${m.brier?.toFixed(5) ?? "-"}  log loss ${m.logLoss?.toFixed(5) ?? "-"}`);
  }
  console.log(`report saved to ${reportPath}`);
}

async function predict(flags: Flags): Promise<void> {
  const started = performance.now();
  const artifactText = readText(flags.model as string, "model");
  const model = loadArtifact(artifactText);
  const workers = integerFlag(flags, "workers", 2, 1);
  const { matrix, rowIds } = parseCsv(readText(flags.data as string, "data"), { features: model.features, missingTokens: missingTokens(flags), id: flags.id });
  const lines = await predictInWorkers(model, artifactText, matrix, rowIds, workers);
  writeFileSync(flags.out as string, [predictionHeader(model.config.maxAdverseReasons).join(","), ...lines].join("\n") + "\n");
  console.log(`scored ${matrix.rows} rows with reasons, model ${model.versionId()}, in ${((performance.now() - started) / 1000).toFixed(1)} s → ${flags.out}`);
}

async function evaluate(flags: Flags): Promise<void> {
  const model = loadModel(flags.model as string);
  const seed = integerFlag(flags, "seed", 1, 0);
  const { matrix, labels } = parseCsv(readText(flags.data as string, "data"), { features: model.features, target: flags.target, positiveLabel: flags.positive, missingTokens: missingTokens(flags), id: flags.id });
  const y = labels as Float64Array;
  const pd = model.predictProba(matrix);
  const interval = bootstrapAucInterval(y, pd, { seed, resamples: 500, level: 0.95 });
  const report = {
    model: model.versionId(),
    data: flags.data,
    rows: matrix.rows,
    auc: rocAuc(y, pd),
    aucInterval95: interval,
    ks: ksStatistic(y, pd),
    gini: gini(y, pd),
    brier: brierScore(y, pd),
    logLoss: logLoss(y, pd),
    calibrationByDecile: calibrationByQuantile(y, pd, 10),
  };
  console.log(`model ${report.model} on ${flags.data} (${report.rows} rows; outcomes exist only for the rows in this file)`);
  console.log(`AUC ${report.auc.toFixed(4)} (95% bootstrap CI ${JSON.stringify(interval)})`);
  console.log(`KS ${report.ks.toFixed(4)}  Gini ${report.gini.toFixed(4)}  Brier ${report.brier.toFixed(5)}  log loss ${report.logLoss.toFixed(5)}`);
  console.log("calibration by decile:");
  console.table(report.calibrationByDecile);
  if (flags.out !== undefined) writeFileSync(flags.out, JSON.stringify(report, null, 2) + "\n");
}

function split(flags: Flags): void {
  const records = parse(readText(flags.data as string, "data"), { raw: true, skip_empty_lines: true, bom: true }) as unknown as { raw: string }[];
  if (records.length < 2) throw new UsageError(`--data: "${flags.data}" has no data rows`);
  const strip = (raw: string) => raw.replace(/\r?\n$/, "");
  const header = strip(records[0].raw);
  const trainLines = [header];
  const testLines = [header];
  for (let i = 1; i < records.length; i++) ((i - 1) % 5 === 4 ? testLines : trainLines).push(strip(records[i].raw));
  writeFileSync(flags["out-train"] as string, trainLines.join("\n") + "\n");
  writeFileSync(flags["out-test"] as string, testLines.join("\n") + "\n");
  console.log(`split ${records.length - 1} rows: ${trainLines.length - 1} train → ${flags["out-train"]}, ${testLines.length - 1} test → ${flags["out-test"]} (row i is TEST when i % 5 == 4)`);
}

async function main(argv: readonly string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (name === "help" || name === "--help") {
    console.log(usage());
    return;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command === undefined) throw new UsageError(`${name === undefined ? "missing command" : `unknown command "${name}"`}; commands: ${Object.keys(COMMANDS).join(", ")} (npm run scoring -- help)`);
  let flags: Flags;
  try {
    flags = parseArgs({ args: [...rest], options: Object.fromEntries(command.flags.map((f) => [f, { type: "string" as const }])), strict: true, allowPositionals: false }).values as Flags;
  } catch (error) {
    throw new UsageError(`${name}: ${firstLine((error as Error).message)} (npm run scoring -- help)`);
  }
  for (const flag of command.required) if (flags[flag] === undefined || flags[flag] === "") throw new UsageError(`${name}: --${flag} is required (npm run scoring -- help)`);
  await command.run(flags);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${firstLine(error.message)}`);
    process.exitCode = 2;
  } else if (error instanceof ScoringError) {
    console.error(`error (${error.code}): ${firstLine(error.message)}`);
    process.exitCode = 1;
  } else {
    // Anything else (an I/O error on --out, an error cloned back from a worker thread): still one line.
    console.error(`error: ${firstLine(error instanceof Error ? error.message : String(error))}`);
    process.exitCode = 1;
  }
});

function firstLine(message: string): string {
  return message.split("\n", 1)[0];
}
