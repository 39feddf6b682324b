import { ScoringError, requireArgument } from "../core/errors";
import { Random, deriveSeed } from "../core/random";
import { assertBinaryLabels, selectRows, type Matrix } from "../data/matrix";
import { digestTrainingData } from "../artifact/data-digest";
import { brierScore, logLoss, rocAuc } from "../metrics/index";
import type { FittedBinaryClassifier } from "../models/model";
import { fitCalibrator } from "./calibrators";
import { validateEnsembleConfig, type EnsembleConfig } from "./ensemble-config";
import { FittedEnsemble, type TrainingMetadata } from "./fitted-ensemble";
import { MEMBER_NAMES, fitMember, type MemberName } from "./members";

/** One member to fit: on which rows, with which seed, and (gradient boosting) which rows stop it early. */
export interface MemberFitJob {
  readonly name: MemberName;
  /** "selection": fitted without the validation rows, judged there; "final": refitted on every row. */
  readonly stage: "selection" | "final";
  readonly seed: number;
  readonly fitRows: Uint32Array;
  /** Rows for early stopping (options.validation), disjoint from fitRows and from the holdout. */
  readonly earlyStoppingRows: Uint32Array | null;
}

/**
 * The protocol of one training run, fixed before any member is fitted:
 * - a stratified, seeded holdout of `holdoutFraction` of the rows (validation rows) that no member is
 *   fitted on; member weights and the calibration are chosen on the members' predictions there;
 * - every member is fitted on the remaining rows (gradient boosting on those minus a stratified
 *   `earlyStoppingFraction`, which stop it early), with seed deriveSeed(seed, 1 + member index).
 * - with `refitOnAllRows`, every member is fitted a second time ("final" jobs) on all rows (boosting
 *   again minus its early-stopping share), with the same hyperparameters and seed, and those fits are
 *   shipped with the weights and calibration chosen on the selection fits — the usual stacking practice
 *   (scikit-learn's StackingClassifier: cross_val_predict for the combiner, then refit on everything).
 *   Without it the shipped members are exactly the ones calibrated, at the cost of the held-out rows.
 */
export interface EnsembleTrainingPlan {
  readonly config: EnsembleConfig;
  readonly seed: number;
  readonly validationRows: Uint32Array;
  readonly jobs: readonly MemberFitJob[];
}

/**
 * Splits `rows` into (taken, rest), stratified by label: a seeded shuffle of each class, taking the
 * first round(fraction · class size) of each (at least one of each class when the class has ≥ 2 rows).
 * Both outputs are in ascending row order.
 */
function stratifiedSplit(rows: Uint32Array, y: ArrayLike<number>, fraction: number, seed: number): { taken: Uint32Array; rest: Uint32Array } {
  const random = new Random(seed);
  const takenFlags = new Uint8Array(y.length);
  for (const label of [0, 1]) {
    const members = Uint32Array.from(Array.from(rows).filter((i) => y[i] === label));
    random.shuffle(members);
    const count = members.length >= 2 ? Math.max(1, Math.min(members.length - 1, Math.round(fraction * members.length))) : 0;
    for (let k = 0; k < count; k++) takenFlags[members[k]] = 1;
  }
  const taken = Uint32Array.from(Array.from(rows).filter((i) => takenFlags[i] === 1));
  const rest = Uint32Array.from(Array.from(rows).filter((i) => takenFlags[i] === 0));
  return { taken, rest };
}

/** Members that a policy may use: fixed weights > 0, or the validation policy's core and optional members. */
function candidateMembers(config: EnsembleConfig): MemberName[] {
  const policy = config.weights;
  const wanted = policy.kind === "fixed" ? Object.entries(policy.weights).filter(([, w]) => (w ?? 0) > 0).map(([name]) => name) : [...policy.core, ...policy.optional];
  return MEMBER_NAMES.filter((name) => wanted.includes(name));
}

/**
 * Fixes the training protocol (see EnsembleTrainingPlan) for `config` on (x, y) with `seed`.
 * @throws ScoringError INVALID_ARGUMENT (config, seed), SHAPE_MISMATCH or INVALID_DATA (labels), and
 * INVALID_DATA when a class has too few rows for the holdout.
 */
export function planEnsembleTraining(config: EnsembleConfig, x: Matrix, y: Float64Array, seed: number): EnsembleTrainingPlan {
  validateEnsembleConfig(config);
  requireArgument(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff, "planEnsembleTraining: seed", `an integer in [0, 2^32), got ${seed}`);
  assertBinaryLabels("planEnsembleTraining", y, x.rows);
  const all = new Uint32Array(x.rows);
  for (let i = 0; i < all.length; i++) all[i] = i;
  const holdout = stratifiedSplit(all, y, config.holdoutFraction, deriveSeed(seed, 0));
  const jobsOn = (rows: Uint32Array, stage: MemberFitJob["stage"]) =>
    candidateMembers(config).map((name): MemberFitJob => {
      const memberSeed = deriveSeed(seed, 1 + MEMBER_NAMES.indexOf(name));
      if (name !== "gradientBoosting") return { name, stage, seed: memberSeed, fitRows: rows, earlyStoppingRows: null };
      const early = stratifiedSplit(rows, y, config.earlyStoppingFraction, deriveSeed(seed, 1 + MEMBER_NAMES.length));
      return { name, stage, seed: memberSeed, fitRows: early.rest, earlyStoppingRows: early.taken };
    });
  const jobs = [...jobsOn(holdout.rest, "selection"), ...(config.refitOnAllRows ? jobsOn(all, "final") : [])];
  for (const rows of [holdout.taken, ...jobs.map((j) => j.fitRows)]) {
    let positives = 0;
    for (const i of rows) positives += y[i];
    if (positives === 0 || positives === rows.length) {
      throw new ScoringError("INVALID_DATA", "planEnsembleTraining: too few rows of one class to hold out validation rows; give more data or a larger holdoutFraction");
    }
  }
  return { config, seed, validationRows: holdout.taken, jobs };
}

/**
 * Fits one planned member (pure; what a worker thread runs). Forwards progress as (done, total).
 * @throws whatever the member's fit throws.
 */
export function fitPlannedMember(plan: EnsembleTrainingPlan, job: MemberFitJob, x: Matrix, y: Float64Array, onProgress?: (done: number, total: number) => void): FittedBinaryClassifier {
  const pick = (rows: Uint32Array): Float64Array => Float64Array.from(rows, (i) => y[i]);
  const validation = job.earlyStoppingRows === null ? undefined : { x: selectRows(x, job.earlyStoppingRows), y: pick(job.earlyStoppingRows) };
  return fitMember(job.name, plan.config.memberParams, selectRows(x, job.fitRows), pick(job.fitRows), { seed: job.seed, validation, onProgress });
}

/** Every composition of `steps` into `parts` non-negative integers, in lexicographic order. */
function simplexGrid(parts: number, steps: number): number[][] {
  if (parts === 1) return [[steps]];
  const out: number[][] = [];
  for (let first = steps; first >= 0; first--) for (const rest of simplexGrid(parts - 1, steps - first)) out.push([first, ...rest]);
  return out;
}

function weightedAverage(predictions: readonly Float64Array[], weights: readonly number[]): Float64Array {
  const out = new Float64Array(predictions[0].length);
  predictions.forEach((p, k) => {
    if (weights[k] !== 0) for (let i = 0; i < out.length; i++) out[i] += weights[k] * p[i];
  });
  return out;
}

interface WeightChoice {
  readonly weights: Map<MemberName, number>;
  readonly search: TrainingMetadata["weightSearch"];
}

/**
 * Weights by the validation policy: for the core members and for core + each optional member in turn,
 * the simplex grid point of best validation AUC (first in grid order on ties); an optional member is
 * kept when it raises the best AUC by ≥ minAucGain.
 */
function chooseWeights(config: EnsembleConfig, names: readonly MemberName[], validation: ReadonlyMap<MemberName, Float64Array>, yValidation: Float64Array): WeightChoice {
  const policy = config.weights;
  if (policy.kind === "fixed") {
    const total = names.reduce((s, n) => s + (policy.weights[n] ?? 0), 0);
    return { weights: new Map(names.map((n) => [n, (policy.weights[n] ?? 0) / total])), search: [] };
  }
  const steps = Math.round(1 / policy.gridStep);
  const search: { members: MemberName[]; weights: number[]; auc: number }[] = [];
  const best = (members: MemberName[]): { weights: number[]; auc: number } => {
    const predictions = members.map((n) => validation.get(n) as Float64Array);
    let top = { weights: [] as number[], auc: -Infinity };
    for (const point of simplexGrid(members.length, steps)) {
      const weights = point.map((s) => s / steps);
      const auc = rocAuc(yValidation, weightedAverage(predictions, weights));
      if (auc > top.auc) top = { weights, auc };
    }
    search.push({ members, weights: top.weights, auc: top.auc });
    return top;
  };
  let chosenMembers = policy.core.filter((n) => names.includes(n));
  let chosen = best(chosenMembers);
  for (const optional of policy.optional.filter((n) => names.includes(n))) {
    const withOptional = MEMBER_NAMES.filter((n) => chosenMembers.includes(n) || n === optional);
    const candidate = best(withOptional);
    if (candidate.auc >= chosen.auc + policy.minAucGain) {
      chosenMembers = withOptional;
      chosen = candidate;
    }
  }
  return { weights: new Map(chosenMembers.map((n, k) => [n, chosen.weights[k]])), search };
}

/**
 * Completes a plan once its members are fitted (in plan.jobs order): predicts the validation rows with
 * every member, chooses the weights, fits the calibration on the weighted average there, and records
 * holdout metrics. Members whose weight came out 0 are dropped from the model.
 * @throws ScoringError INVALID_ARGUMENT when `models` does not match the plan's jobs.
 */
export function completeEnsembleTraining(plan: EnsembleTrainingPlan, x: Matrix, y: Float64Array, models: readonly FittedBinaryClassifier[]): FittedEnsemble {
  requireArgument(models.length === plan.jobs.length, "completeEnsembleTraining: models", `one fitted model per job (${plan.jobs.length}), got ${models.length}`);
  const { config } = plan;
  const xValidation = selectRows(x, plan.validationRows);
  const yValidation = Float64Array.from(plan.validationRows, (i) => y[i]);
  const selection = plan.jobs.flatMap((job, k) => (job.stage === "selection" ? [{ name: job.name, model: models[k] }] : []));
  const final = new Map(plan.jobs.flatMap((job, k) => (job.stage === "final" ? [[job.name, models[k]] as const] : [])));
  const names = selection.map((m) => m.name);
  const validation = new Map(selection.map((m) => [m.name, m.model.predictProba(xValidation)]));
  const { weights, search } = chooseWeights(config, names, validation, yValidation);
  const kept = selection.map((m) => ({ name: m.name, weight: weights.get(m.name) ?? 0, model: final.get(m.name) ?? m.model })).filter((m) => m.weight > 0);
  const raw = weightedAverage(kept.map((m) => validation.get(m.name) as Float64Array), kept.map((m) => m.weight));
  const calibrator = fitCalibrator(config.calibration, raw, yValidation);
  const calibrated = calibrator === null ? raw : Float64Array.from(raw, (p) => calibrator.calibrate(p));
  const holdoutMetrics: Record<string, { auc: number; brier: number; logLoss: number }> = {};
  const measure = (p: Float64Array) => ({ auc: rocAuc(yValidation, p), brier: brierScore(yValidation, p), logLoss: logLoss(yValidation, p) });
  for (const name of names) holdoutMetrics[name] = measure(validation.get(name) as Float64Array);
  holdoutMetrics.ensembleRaw = measure(raw);
  holdoutMetrics.ensemble = measure(calibrated);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  const training: TrainingMetadata = {
    dataDigest: digestTrainingData(x, y),
    rows: x.rows,
    positives,
    seed: plan.seed,
    fitRows: config.refitOnAllRows ? x.rows : x.rows - plan.validationRows.length,
    validationRows: plan.validationRows.length,
    refitOnAllRows: config.refitOnAllRows,
    holdoutMetrics,
    weightSearch: search,
  };
  return new FittedEnsemble(x.features, kept, calibrator, config, training);
}

/** Options of trainEnsemble. */
export interface TrainEnsembleOptions {
  readonly seed: number;
  /** Called with (done, total) as members are fitted; never affects the result. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Trains the ensemble (protocol in EnsembleTrainingPlan): members on the fit rows one after the other,
 * then weights and calibration on the validation rows. Pure and single-threaded; the CLI fits the same
 * plan's members in worker threads and calls completeEnsembleTraining, which gives the same bytes.
 * Weighted probability averaging follows scikit-learn's VotingClassifier(voting="soft"); calibration on
 * held-out predictions follows CalibratedClassifierCV(cv="prefit") (Platt 1999; Zadrozny & Elkan 2002).
 * @param config a resolved configuration (resolveEnsembleConfig).
 * @throws ScoringError INVALID_ARGUMENT, SHAPE_MISMATCH or INVALID_DATA from the plan or a member's fit.
 */
export function trainEnsemble(config: EnsembleConfig, x: Matrix, y: Float64Array, options: TrainEnsembleOptions): FittedEnsemble {
  const plan = planEnsembleTraining(config, x, y, options.seed);
  const unit = 1000;
  const total = plan.jobs.length * unit + 1;
  const models = plan.jobs.map((job, k) =>
    fitPlannedMember(plan, job, x, y, options.onProgress && ((done, of) => options.onProgress?.(k * unit + Math.floor((unit * done) / Math.max(1, of)), total))),
  );
  const ensemble = completeEnsembleTraining(plan, x, y, models);
  options.onProgress?.(total, total);
  return ensemble;
}
