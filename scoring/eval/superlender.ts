/**
 * Real alternative data: the SuperLender (Zindi, Nigeria) loan book through MicroTrust's signal →
 * feature pipeline and the engine's ensemble.
 *
 *   npx tsx scoring/eval/superlender.ts --data <superlender_ng dir> --out <preds.csv> [--features <table.csv>]
 *
 * --features writes the feature table the "with repayment history" model reads (every trainperf row, in
 * file order: row, split, label, systemloanid, then the kept columns, categorical ones named "cat:<name>"
 * with the category's text; missing or unseen = empty), so another library can be fitted on the same
 * features (scripts/reference/xgboost_reference.py); it changes nothing else.
 *
 * Mapping into the signal schema (one bundle per loan to predict, as of its approveddate):
 * - every earlier loan of the customer (trainprevloans.csv) is a `loans[]` entry with lender
 *   "SuperLender", lenderType DIGITAL_LENDER, principal = loanamount, disbursedAt = approveddate;
 *   its schedule: a 15/30-day loan is one instalment {dueDate: firstduedate, amountDue: totaldue,
 *   paidAt: closeddate (repaid in full)}; a loan of k = termdays/30 ≥ 2 months has a first instalment
 *   {firstduedate, totaldue/k, paidAt: firstrepaiddate} and a last {firstduedate + 30·(k−1) days,
 *   totaldue/k, paidAt: closeddate} (intermediate instalments are not in the data and are left out);
 * - the file's local times are read as Lagos time (+01:00).
 * Features: `computeFeatures` on that bundle (history features), plus the loan's own terms (amount,
 * total due, implied fee rate, term, loan number, referral) and demographics where present (age, bank
 * account type, bank, employment, education, GPS). Columns that are constant or all missing in TRAIN are
 * dropped (no transactions, bills or identity in this data).
 *
 * Protocol (../shared/datasets/MANIFEST.md): trainperf row i (0-based) is TEST when i % 5 == 4. Member
 * sizes are chosen among a few candidates by mean AUC over a 4-fold cross-validation of TRAIN (fold =
 * position among TRAIN rows mod 4); the chosen configuration is then trained on all of TRAIN (weights and
 * calibration on the ensemble's own out-of-fold predictions, members refitted on all of TRAIN) and TEST
 * is scored once. Printed: TEST AUC with history, and without it (loan terms +
 * demographics only, chosen the same way): the lift.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "csv-parse/sync";
import { createMatrix, type FeatureSpec, type Matrix } from "../data/matrix";
import { resolveEnsembleConfig, type EnsembleConfigInput } from "../ensemble/ensemble-config";
import { trainEnsemble } from "../ensemble/train-ensemble";
import { bootstrapAucInterval, rocAuc } from "../metrics/index";
import { computeFeatures } from "../features/compute-features";
import { buildFeatureComponents, buildFeatureReasonCatalog } from "../features/engine-config";
import { featureNames, type FeatureVector } from "../features/feature-catalog";
import type { Loan, SignalBundle } from "../signals/signal-schema";
import { loanFromPreviousLoan, previousLoanColumns, toLagosInstant, type PreviousLoanRow } from "./superlender-mapping";

const TRAINING_SEED = 7;

/** Cross-fitted default rates of the categorical columns with ≥ 10 categories (bankName), as features of the trees. */
const TARGET_STATISTICS = { minCategories: 10, folds: 5, smoothing: 20 } as const;

/**
 * Member-size candidates compared on the TRAIN validation split. The data are small (3,495 loans, 760
 * bads) and noisy, so the candidates differ in how much they smooth: larger leaves, shallower trees.
 */
const CANDIDATES: readonly { readonly name: string; readonly memberParams: EnsembleConfigInput["memberParams"] }[] = [
  { name: "engine defaults", memberParams: {} },
  {
    name: "engine defaults + target statistics",
    memberParams: { randomForest: { targetStatistics: TARGET_STATISTICS }, gradientBoosting: { targetStatistics: TARGET_STATISTICS } },
  },
  { name: "larger forest", memberParams: { randomForest: { treeCount: 500 } } },
  { name: "smoother forest", memberParams: { randomForest: { treeCount: 300, minSamplesLeaf: 40, maxDepth: 10 } } },
  { name: "shallow boosting", memberParams: { gradientBoosting: { maxDepth: 3, maxLeaves: 8, minSamplesLeaf: 80, learningRate: 0.03, iterations: 800 } } },
  {
    name: "smoother forest + shallow boosting",
    memberParams: { randomForest: { treeCount: 300, minSamplesLeaf: 40, maxDepth: 10 }, gradientBoosting: { maxDepth: 3, maxLeaves: 8, minSamplesLeaf: 80, learningRate: 0.03, iterations: 800 } },
  },
];
const MS_PER_DAY = 86_400_000;

type Row = Record<string, string>;

function optionalArgument(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  if (k < 0) return undefined;
  if (k + 1 >= process.argv.length) throw new Error(`superlender: --${name} needs a value`);
  return process.argv[k + 1];
}

function argument(name: string): string {
  const value = optionalArgument(name);
  if (value === undefined) throw new Error(`superlender: --${name} is required (usage: npx tsx scoring/eval/superlender.ts --data <dir> --out <preds.csv> [--features <table.csv>])`);
  return value;
}

/** Reads a CSV with a header; refuses a file that lacks one of `required` columns. */
function readCsv(path: string, required: readonly string[]): Row[] {
  const rows = parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Row[];
  const missing = required.filter((column) => rows.length > 0 && !(column in rows[0]));
  if (missing.length > 0) throw new Error(`superlender: ${path} lacks column(s) ${missing.join(", ")}`);
  return rows;
}

interface Column {
  readonly spec: FeatureSpec;
  readonly values: Float64Array;
}

function numericColumn(name: string, values: number[]): Column {
  return { spec: { name, kind: "numeric" }, values: Float64Array.from(values) };
}

/** A categorical column; categories are the distinct non-empty values of TRAIN rows (unseen → missing). */
function categoricalColumn(name: string, values: (string | undefined)[], isTrain: boolean[]): Column {
  const categories = [...new Set(values.filter((v, i): v is string => isTrain[i] && v !== undefined && v !== ""))].sort();
  const code = new Map(categories.map((c, k) => [c, k]));
  return { spec: { name, kind: "categorical", categories }, values: Float64Array.from(values, (v) => (v === undefined ? NaN : (code.get(v) ?? NaN))) };
}

/** Keeps columns with at least two distinct non-missing values on TRAIN rows. */
function informative(columns: Column[], trainRows: number[]): Column[] {
  return columns.filter((column) => {
    const seen = new Set<number>();
    for (const i of trainRows) if (!Number.isNaN(column.values[i])) seen.add(column.values[i]);
    return seen.size >= 2;
  });
}

/** One CSV cell of a column: the number, the category's text, or empty when missing; refuses text that would need quoting. */
function cellOf(column: Column, i: number): string {
  const value = column.values[i];
  if (Number.isNaN(value)) return "";
  if (column.spec.kind !== "categorical") return String(value);
  const text = column.spec.categories[value];
  if (/[",\r\n]/.test(text)) throw new Error(`superlender: category "${text}" of ${column.spec.name} cannot be written unquoted`);
  return text;
}

/** The feature table of `columns` for every loan (see --features above). */
function featureTable(columns: Column[], perf: Row[], isTrain: boolean[], labels: Float64Array): string {
  const header = ["row", "split", "label", "systemloanid", ...columns.map((c) => (c.spec.kind === "categorical" ? `cat:${c.spec.name}` : c.spec.name))];
  const lines = perf.map((row, i) => [String(i), isTrain[i] ? "train" : "test", String(labels[i]), row.systemloanid, ...columns.map((c) => cellOf(c, i))].join(","));
  return [header.join(","), ...lines].join("\n") + "\n";
}

function matrixOf(columns: Column[], rows: number[]): Matrix {
  return createMatrix(
    columns.map((c) => c.spec),
    columns.map((c) => Float64Array.from(rows, (i) => c.values[i])),
  );
}

function main(): void {
  const dataDir = argument("data");
  const outPath = argument("out");
  const featuresPath = optionalArgument("features");
  const perf = readCsv(join(dataDir, "trainperf.csv"), ["customerid", "systemloanid", "loannumber", "approveddate", "loanamount", "totaldue", "termdays", "referredby", "good_bad_flag"]);
  const previous = readCsv(join(dataDir, "trainprevloans.csv"), ["customerid", ...previousLoanColumns]) as (Row & PreviousLoanRow)[];
  const demographics = new Map<string, Row>();
  for (const row of readCsv(join(dataDir, "traindemographics.csv"), ["customerid", "birthdate", "bank_account_type", "longitude_gps", "latitude_gps", "bank_name_clients", "employment_status_clients", "level_of_education_clients"])) if (!demographics.has(row.customerid)) demographics.set(row.customerid, row);
  const loansByCustomer = new Map<string, Loan[]>();
  for (const row of previous) {
    const list = loansByCustomer.get(row.customerid) ?? [];
    list.push(loanFromPreviousLoan(row));
    loansByCustomer.set(row.customerid, list);
  }

  const isTrain = perf.map((_, i) => i % 5 !== 4);
  const trainRows = perf.map((_, i) => i).filter((i) => isTrain[i]);
  const testRows = perf.map((_, i) => i).filter((i) => !isTrain[i]);
  const labels = Float64Array.from(perf, (row) => (row.good_bad_flag === "Bad" ? 1 : 0));

  const started = performance.now();
  const vectors: FeatureVector[] = perf.map((row) => {
    const bundle: SignalBundle = { accounts: [], transactions: [], bills: [], loans: loansByCustomer.get(row.customerid) ?? [], events: [] };
    return computeFeatures(bundle, undefined, toLagosInstant(row.approveddate));
  });
  const featuresMs = performance.now() - started;
  const historyColumns = featureNames.map((name) => numericColumn(name, vectors.map((v) => v[name])));

  const demo = perf.map((row) => demographics.get(row.customerid));
  const approvedMs = perf.map((row) => Date.parse(toLagosInstant(row.approveddate)));
  const termColumns: Column[] = [
    numericColumn("loanAmount", perf.map((row) => Number(row.loanamount))),
    numericColumn("totalDue", perf.map((row) => Number(row.totaldue))),
    numericColumn("feeRate", perf.map((row) => Number(row.totaldue) / Number(row.loanamount) - 1)),
    numericColumn("termDays", perf.map((row) => Number(row.termdays))),
    numericColumn("loanNumber", perf.map((row) => Number(row.loannumber))),
    numericColumn("referred", perf.map((row) => (row.referredby === "" ? 0 : 1))),
    numericColumn("demographicAgeYears", demo.map((d, i) => (d ? (approvedMs[i] - Date.parse(`${d.birthdate.slice(0, 10)}T00:00:00Z`)) / MS_PER_DAY / 365.25 : NaN))),
    numericColumn("gpsLongitude", demo.map((d) => (d ? Number(d.longitude_gps) : NaN))),
    numericColumn("gpsLatitude", demo.map((d) => (d ? Number(d.latitude_gps) : NaN))),
    categoricalColumn("bankAccountType", demo.map((d) => d?.bank_account_type), isTrain),
    categoricalColumn("bankName", demo.map((d) => d?.bank_name_clients), isTrain),
    categoricalColumn("employmentStatus", demo.map((d) => d?.employment_status_clients), isTrain),
    categoricalColumn("educationLevel", demo.map((d) => d?.level_of_education_clients), isTrain),
  ];

  const components: Record<string, string> = { ...buildFeatureComponents() };
  for (const column of termColumns) components[column.spec.name] = column.spec.name.startsWith("loan") || ["totalDue", "feeRate", "termDays", "referred"].includes(column.spec.name) ? "loanTerms" : "demographics";
  const configFor = (memberParams: EnsembleConfigInput["memberParams"]) => resolveEnsembleConfig({ components, reasonCatalog: buildFeatureReasonCatalog(), memberParams });
  const yOf = (rows: number[]): Float64Array => Float64Array.from(rows, (i) => labels[i]);
  const FOLDS = 4;
  const folds = Array.from({ length: FOLDS }, (_, f) => ({ fit: trainRows.filter((_, k) => k % FOLDS !== f), validation: trainRows.filter((_, k) => k % FOLDS === f) }));
  const yTest = yOf(testRows);

  /** Chooses member sizes by cross-validation on TRAIN, refits on TRAIN, scores TEST once. */
  const evaluate = (label: string, columns: Column[]): Float64Array => {
    const kept = informative(columns, trainRows);
    let best = { name: "", auc: -1, memberParams: CANDIDATES[0].memberParams };
    for (const candidate of CANDIDATES) {
      let auc = 0;
      for (const fold of folds) {
        const model = trainEnsemble(configFor(candidate.memberParams), matrixOf(kept, fold.fit), yOf(fold.fit), { seed: TRAINING_SEED });
        auc += rocAuc(yOf(fold.validation), model.predictProba(matrixOf(kept, fold.validation))) / FOLDS;
      }
      console.log(`  ${label} · ${candidate.name}: TRAIN ${FOLDS}-fold CV AUC ${auc.toFixed(4)}`);
      if (auc > best.auc) best = { name: candidate.name, auc, memberParams: candidate.memberParams };
    }
    const trainStarted = performance.now();
    const model = trainEnsemble(configFor(best.memberParams), matrixOf(kept, trainRows), yOf(trainRows), { seed: TRAINING_SEED });
    const trainSeconds = (performance.now() - trainStarted) / 1000;
    const pd = model.predictProba(matrixOf(kept, testRows));
    const ci = bootstrapAucInterval(yTest, pd, { seed: 1, resamples: 1000, level: 0.95 });
    const members = model.members.map((m) => `${m.name} ${m.weight.toFixed(2)}`).join(", ");
    console.log(`${label}: TEST AUC ${rocAuc(yTest, pd).toFixed(4)} [95% CI ${ci.lower.toFixed(3)}, ${ci.upper.toFixed(3)}] — "${best.name}", ${kept.length} features, members ${members}, fitted on TRAIN in ${trainSeconds.toFixed(1)} s`);
    return pd;
  };

  if (featuresPath !== undefined) {
    const kept = informative([...historyColumns, ...termColumns], trainRows);
    mkdirSync(dirname(featuresPath), { recursive: true });
    writeFileSync(featuresPath, featureTable(kept, perf, isTrain, labels));
    console.log(`wrote the feature table (${kept.length} columns, ${perf.length} loans) to ${featuresPath}`);
  }
  console.log(`superlender: ${perf.length} loans (${trainRows.length} TRAIN / ${testRows.length} TEST), ${previous.length} earlier loans; features in ${(featuresMs / 1000).toFixed(2)} s`);
  const withHistory = evaluate("with repayment history", [...historyColumns, ...termColumns]);
  const withoutHistory = evaluate("without history (loan terms + demographics)", termColumns);
  const lift = rocAuc(yTest, withHistory) - rocAuc(yTest, withoutHistory);
  console.log(`lift from repayment history: ${lift >= 0 ? "+" : ""}${lift.toFixed(4)} AUC (reference: XGBoost 0.679 with history, 0.594 without)`);

  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, ["systemloanid,pd", ...testRows.map((i, k) => `${perf[i].systemloanid},${withHistory[k]}`)].join("\n") + "\n");
  console.log(`wrote ${testRows.length} predictions to ${outPath}`);
}

main();
