/**
 * Trains MicroTrust's default model on a generated population and writes the artifact and its report.
 *
 *   npm run model:default [-- --size 50000 --out scoring/artifacts/default-model.json --report docs/default-model.md
 *                             --model-report scoring/artifacts/default-model.report.json]
 *
 * The model report (buildModelReport: holdout AUC, ROC, calibration, importance, score deciles for PSI) is
 * what the portal's model page shows; registration stores it with the model version.
 *
 * Protocol: borrowers 0…size−1 of population seed POPULATION_SEED as of AS_OF; borrower i is TEST when
 * i % 5 == 4 (never seen by training), otherwise TRAIN. TRAIN rows whose index % 10 == 3 are shown to the
 * model in direct mode (only the quick-score features, the rest NaN), so the one model also learns how
 * to score the quick-score form. The engine's ensemble is trained with the catalog's components and
 * reason codes and seed TRAINING_SEED; same arguments → same artifact bytes (content hash printed).
 * Every member is monotone in the catalog's `monotoneByLaw` features (age: older is never riskier); the
 * same protocol is also trained without that constraint, only to report what it costs (not shipped).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { canonicalJson } from "../artifact/canonical-json";
import { resolveEnsembleConfig } from "../ensemble/ensemble-config";
import { planEnsembleTraining } from "../ensemble/train-ensemble";
import { trainEnsembleInWorkers } from "../cli/train-in-workers";
import { bootstrapAucInterval, brierScore, calibrationByQuantile, ksStatistic, logLoss, rocAuc } from "../metrics/index";
import { computeFeatures } from "../features/compute-features";
import { directModeFeatures } from "../features/direct-mode";
import { buildFeatureComponents, buildFeatureMatrix, buildFeatureReasonCatalog } from "../features/engine-config";
import { buildMonotoneConstraints, featureNames, type FeatureVector } from "../features/feature-catalog";
import { generateBorrower, segments, type Segment } from "../synthetic/generate-population";
import { buildModelReport } from "../report/build-model-report";

const POPULATION_SEED = 20_261_122;
const TRAINING_SEED = 7;
const AS_OF = "2026-01-01T00:00:00Z";
const EXPLAINED_TEST_ROWS = 2000;

function argument(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && k + 1 < process.argv.length ? process.argv[k + 1] : fallback;
}

/** A vector as the quick-score form would give it: only direct-mode features kept. */
function directModeView(vector: FeatureVector): FeatureVector {
  const view = { ...vector };
  for (const name of featureNames) if (!directModeFeatures.includes(name)) view[name] = NaN;
  return view;
}

interface Population {
  readonly vectors: FeatureVector[];
  readonly labels: Float64Array;
  readonly latentPd: Float64Array;
  readonly segments: Segment[];
  readonly fraud: boolean[];
}

function buildPopulation(size: number): Population {
  const vectors: FeatureVector[] = [];
  const labels = new Float64Array(size);
  const latentPd = new Float64Array(size);
  const segmentOf: Segment[] = [];
  const fraud: boolean[] = [];
  for (let i = 0; i < size; i++) {
    const borrower = generateBorrower({ seed: POPULATION_SEED, asOf: AS_OF }, i);
    vectors.push(computeFeatures(borrower.bundle, borrower.context, borrower.asOf));
    labels[i] = borrower.defaulted ? 1 : 0;
    latentPd[i] = borrower.probabilityOfDefault;
    segmentOf.push(borrower.segment);
    fraud.push(borrower.fraudPattern !== null);
    if (i % 10_000 === 9_999) process.stderr.write(`  generated ${i + 1}/${size}\n`);
  }
  return { vectors, labels, latentPd, segments: segmentOf, fraud };
}

const fmt = (x: number, digits = 3): string => x.toFixed(digits);

function metricsLine(label: string, y: Float64Array, p: Float64Array): string {
  const ci = bootstrapAucInterval(y, p, { seed: 1, resamples: 500, level: 0.95 });
  return `| ${label} | ${y.length} | ${fmt(rocAuc(y, p))} [${fmt(ci.lower)}, ${fmt(ci.upper)}] | ${fmt(ksStatistic(y, p))} | ${fmt(brierScore(y, p), 4)} | ${fmt(logLoss(y, p), 4)} |`;
}

async function main(): Promise<void> {
  const size = Number(argument("size", "50000"));
  const out = argument("out", "scoring/artifacts/default-model.json");
  const reportPath = argument("report", "docs/default-model.md");
  const modelReportPath = argument("model-report", out.replace(/\.json$/, ".report.json"));
  const started = performance.now();
  const population = buildPopulation(size);
  const generatedMs = performance.now() - started;

  const trainIndex: number[] = [];
  const testIndex: number[] = [];
  for (let i = 0; i < size; i++) (i % 5 === 4 ? testIndex : trainIndex).push(i);
  const trainVectors = trainIndex.map((i) => (i % 10 === 3 ? directModeView(population.vectors[i]) : population.vectors[i]));
  const xTrain = buildFeatureMatrix(trainVectors);
  const yTrain = Float64Array.from(trainIndex, (i) => population.labels[i]);
  const xTest = buildFeatureMatrix(testIndex.map((i) => population.vectors[i]));
  const xTestDirect = buildFeatureMatrix(testIndex.map((i) => directModeView(population.vectors[i])));
  const yTest = Float64Array.from(testIndex, (i) => population.labels[i]);

  // Age and any other feature lending rules constrain: monotone in every member (buildMonotoneConstraints).
  const configWith = (monotoneConstraints: Record<string, -1 | 1>) =>
    resolveEnsembleConfig({
      components: buildFeatureComponents(),
      reasonCatalog: buildFeatureReasonCatalog(),
      memberParams: { scorecard: { monotoneConstraints }, randomForest: { monotoneConstraints }, gradientBoosting: { monotoneConstraints } },
    });
  const constraints = buildMonotoneConstraints();
  const config = configWith(constraints);
  const trainStarted = performance.now();
  // Fold and final fits run in two worker threads; the model is the same bytes as with one (trainEnsembleInWorkers).
  const plan = planEnsembleTraining(config, xTrain, yTrain, TRAINING_SEED);
  process.stderr.write(`  training: ${plan.jobs.length} member fits (${config.crossFitFolds} folds + final) in 2 worker threads\n`);
  const { ensemble: model } = await trainEnsembleInWorkers(plan, xTrain, yTrain, 2, () => undefined);
  const trainedMs = performance.now() - trainStarted;
  const artifact = model.toJSON();
  const artifactText = `${canonicalJson(artifact)}\n`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, artifactText);

  // What the constraint costs: the same protocol without it (not shipped, only measured).
  const unconstrainedPlan = planEnsembleTraining(configWith({}), xTrain, yTrain, TRAINING_SEED);
  process.stderr.write("  training the unconstrained variant, only to measure what the age constraint costs\n");
  const { ensemble: unconstrained } = await trainEnsembleInWorkers(unconstrainedPlan, xTrain, yTrain, 2, () => undefined);
  const pTest = model.predictProba(xTest);
  const pTestDirect = model.predictProba(xTestDirect);
  const latentTest = Float64Array.from(testIndex, (i) => population.latentPd[i]);
  const modelReport = buildModelReport(model, xTest, yTest, { seed: 1, explainedRows: EXPLAINED_TEST_ROWS });
  writeFileSync(modelReportPath, `${canonicalJson(modelReport)}\n`);
  const segmentRows = segments.map((segment) => {
    const rows = testIndex.map((i, k) => (population.segments[i] === segment ? k : -1)).filter((k) => k >= 0);
    const y = Float64Array.from(rows, (k) => yTest[k]);
    const p = Float64Array.from(rows, (k) => pTest[k]);
    const bads = y.reduce((a, b) => a + b, 0);
    return `| ${segment} | ${rows.length} | ${fmt(bads / rows.length)} | ${bads > 0 && bads < rows.length ? fmt(rocAuc(y, p)) : "—"} |`;
  });
  const hash = artifact.contentHash as string;
  const training = model.training;
  const report = [
    "# The default model",
    "",
    "<!-- Generated by `npm run model:default` (scoring/eval/train-default-model.ts). Do not edit by hand. -->",
    "",
    `Artifact: \`${out}\` (${(artifactText.length / 1e6).toFixed(2)} MB), content hash \`${hash}\`.`,
    `Reproduce: \`npm run model:default\` — population seed ${POPULATION_SEED}, ${size} borrowers as of ${AS_OF}, training seed ${TRAINING_SEED};`,
    "the same command on the same code gives the same artifact bytes and hash (the engine's member defaults are part of that code:",
    "re-run after changing them and commit the new artifact with its report).",
    "",
    "## Data and protocol",
    `- ${size} synthetic borrowers (docs/synthetic-population.md), features by \`computeFeatures\` (docs/features.md).`,
    `- TEST = borrowers with index % 5 == 4 (${testIndex.length} rows, ${yTest.reduce((a, b) => a + b, 0)} defaults), never seen in training. TRAIN = the other ${trainIndex.length} rows (${yTrain.reduce((a, b) => a + b, 0)} defaults).`,
    "- TRAIN rows with index % 10 == 3 are presented in direct mode (quick-score features only, the rest NaN), so the model learns to score the form too.",
    `- Member weights and Platt calibration are chosen on ${training.crossFitFolds}-fold out-of-fold predictions over all ${training.rows} TRAIN rows; the shipped members are then fitted on all of them${training.finalBoostingIterations === undefined ? "" : ` (gradient boosting for ${training.finalBoostingIterations} rounds, the median early-stopping point of its fold fits)`}.`,
    `- Members and weights: ${model.members.map((m) => `${m.name} ${fmt(m.weight, 2)}`).join(", ")}.`,
    "",
    "## Age under lending rules",
    `Every member is monotone in ${Object.entries(constraints).map(([name, d]) => `\`${name}\` (${d < 0 ? "PD never rises as it rises" : "PD never falls as it rises"})`).join(", ")} over its whole range`,
    "(docs/features.md, \"Features under lending rules\"): an applicant aged 62 or over is never scored down for age",
    "(Regulation B, 12 CFR 1002.6(b)(2)(ii)); `scoring/eval/default-model.test.ts` checks it on this artifact. What it costs,",
    "measured by training the same protocol without the constraint (not shipped):",
    "",
    "| model | TEST rows | AUC [95 % CI] | KS | Brier | log loss |",
    "|---|---|---|---|---|---|",
    metricsLine("age monotone (shipped)", yTest, pTest),
    metricsLine("age unconstrained", yTest, unconstrained.predictProba(xTest)),
    "",
    "## Holdout metrics (TEST)",
    "AUC with a 95 % stratified bootstrap interval (500 resamples).",
    "",
    "| scored as | rows | AUC [95 % CI] | KS | Brier | log loss |",
    "|---|---|---|---|---|---|",
    metricsLine("full signals", yTest, pTest),
    metricsLine("direct mode (quick-score features only)", yTest, pTestDirect),
    metricsLine("generator's true PD (ceiling, unknowable)", yTest, latentTest),
    "",
    "Out-of-fold predictions on TRAIN (weights and calibration were chosen on them, so the ensemble rows are slightly optimistic):",
    "",
    "| member | AUC |",
    "|---|---|",
    ...Object.entries(training.outOfFoldMetrics).map(([name, m]) => `| ${name} | ${fmt(m.auc)} |`),
    "",
    "### By segment (TEST, full signals)",
    "",
    "| segment | rows | default rate | AUC |",
    "|---|---|---|---|",
    ...segmentRows,
    "",
    "## Calibration (TEST, deciles of predicted PD)",
    "",
    "| PD range | rows | mean predicted PD | observed default rate |",
    "|---|---|---|---|",
    ...calibrationByQuantile(yTest, pTest, 10).map((bin) => `| (${fmt(bin.lower)}, ${fmt(bin.upper)}] | ${bin.count} | ${fmt(bin.meanPredicted)} | ${fmt(bin.observedRate)} |`),
    "",
    `## Importance (mean |score points| over the first ${Math.min(EXPLAINED_TEST_ROWS, testIndex.length)} TEST rows)`,
    "",
    "Points are the ensemble's exact per-feature split of the score's distance from the base score (scoreRow).",
    "",
    "| component | mean \\|points\\| |",
    "|---|---|",
    ...modelReport.componentImportance.map(({ component, meanAbsolutePoints }) => `| ${component} | ${fmt(meanAbsolutePoints, 2)} |`),
    "",
    "| feature | component | mean \\|points\\| |",
    "|---|---|---|",
    ...modelReport.featureImportance.map(({ feature, component, meanAbsolutePoints }) => `| \`${feature}\` | ${component} | ${fmt(meanAbsolutePoints, 2)} |`),
    "",
  ].join("\n");
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, report);
  console.log(`generated + featurised ${size} borrowers in ${(generatedMs / 1000).toFixed(1)} s; trained in ${(trainedMs / 1000).toFixed(1)} s`);
  console.log(`TEST AUC ${fmt(rocAuc(yTest, pTest))} (age unconstrained ${fmt(rocAuc(yTest, unconstrained.predictProba(xTest)))}; direct mode ${fmt(rocAuc(yTest, pTestDirect))}, true-PD ceiling ${fmt(rocAuc(yTest, latentTest))})`);
  console.log(`artifact ${out} ${(artifactText.length / 1e6).toFixed(2)} MB, contentHash ${hash}`);
}

void main();
