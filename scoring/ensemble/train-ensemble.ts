import { ScoringError, requireArgument } from "../core/errors";
import { Random, deriveSeed } from "../core/random";
import { assertBinaryLabels, selectRows, type Matrix } from "../data/matrix";
import { digestTrainingData } from "../artifact/data-digest";
import { brierScore, logLoss, rocAuc } from "../metrics/index";
import { FittedGradientBoosting } from "../models/gradient-boosting";
import type { FittedBinaryClassifier } from "../models/model";
import { fitCalibrator } from "./calibrators";
import { aucComponents, differenceOfComponents, pairedAucDifference } from "./paired-auc-difference";
import { validateEnsembleConfig, type EnsembleConfig } from "./ensemble-config";
import { FittedEnsemble, type TrainingMetadata } from "./fitted-ensemble";
import { MEMBER_NAMES, fitMember, type MemberName } from "./members";

/**
 * One member to fit. "fold" fits leave out one fold's rows (the rows it will predict out of fold);
 * "final" fits use every row and are the members shipped.
 */
export interface MemberFitJob {
  readonly name: MemberName;
  readonly stage: "fold" | "final";
  /** The fold whose rows this fit leaves out (stage "fold"), or null (stage "final"). */
  readonly fold: number | null;
  readonly seed: number;
  readonly fitRows: Uint32Array;
  /** Rows for early stopping (options.validation), disjoint from fitRows and from the fold's rows. */
  readonly earlyStoppingRows: Uint32Array | null;
  /** The final gradient boosting takes its round count from the fold fits (see finalBoostingIterations). */
  readonly iterationsFromFolds: boolean;
}

/**
 * The protocol of one training run (cross-fitting), fixed before any member is fitted:
 * - the rows are cut into `crossFitFolds` stratified, seeded folds;
 * - for each fold k, every member is fitted on the other folds (gradient boosting on those minus a
 *   stratified `earlyStoppingFraction`, which stop it early) and predicts fold k: every row gets an
 *   out-of-fold prediction from every member;
 * - weights and calibration are chosen on those out-of-fold predictions (all rows);
 * - the shipped members are fitted on all rows; gradient boosting then runs the median of its fold
 *   fits' best round counts (finalBoostingIterations), so no row is held out from it.
 * This is scikit-learn's StackingClassifier / CalibratedClassifierCV(ensemble=False) protocol:
 * cross_val_predict for the combiner and the calibration, then a refit on everything.
 * Seeds: fold fit of member m on fold k uses deriveSeed(deriveSeed(seed, 1 + m), 1 + k), the final fit
 * deriveSeed(seed, 1 + m), so results do not depend on the order or thread in which jobs run.
 */
export interface EnsembleTrainingPlan {
  readonly config: EnsembleConfig;
  readonly seed: number;
  /** Fold of each row, in [0, crossFitFolds). */
  readonly foldOfRow: Uint8Array;
  /** Fold jobs (fold-major, members in MEMBER_NAMES order), then the final jobs, boosting last. */
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

/**
 * Stratified K-fold assignment (scikit-learn's StratifiedKFold(shuffle=True)): each class is shuffled
 * with a seeded generator and its rows dealt to folds 0, 1, …, K−1, 0, 1, … so every fold holds
 * ⌊n_c/K⌋ or ⌈n_c/K⌉ rows of class c.
 */
function stratifiedFolds(y: ArrayLike<number>, folds: number, seed: number): Uint8Array {
  const random = new Random(seed);
  const foldOfRow = new Uint8Array(y.length);
  for (const label of [0, 1]) {
    const members = Uint32Array.from(Array.from({ length: y.length }, (_, i) => i).filter((i) => y[i] === label));
    random.shuffle(members);
    for (let k = 0; k < members.length; k++) foldOfRow[members[k]] = k % folds;
  }
  return foldOfRow;
}

function rowsWhere(foldOfRow: Uint8Array, keep: (fold: number) => boolean): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < foldOfRow.length; i++) if (keep(foldOfRow[i])) out.push(i);
  return Uint32Array.from(out);
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
 * INVALID_DATA when a class has fewer rows than folds.
 */
export function planEnsembleTraining(config: EnsembleConfig, x: Matrix, y: Float64Array, seed: number): EnsembleTrainingPlan {
  validateEnsembleConfig(config);
  requireArgument(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff, "planEnsembleTraining: seed", `an integer in [0, 2^32), got ${seed}`);
  assertBinaryLabels("planEnsembleTraining", y, x.rows);
  const folds = config.crossFitFolds;
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  if (Math.min(positives, y.length - positives) < 2 * folds) {
    throw new ScoringError("INVALID_DATA", `planEnsembleTraining: each class needs at least 2 rows per fold (${folds} folds), got ${positives} positives and ${y.length - positives} negatives; give more data or fewer crossFitFolds`);
  }
  const foldOfRow = stratifiedFolds(y, folds, deriveSeed(seed, 0));
  const members = candidateMembers(config);
  const memberSeed = (name: MemberName) => deriveSeed(seed, 1 + MEMBER_NAMES.indexOf(name));
  const earlyStoppingSeed = deriveSeed(seed, 1 + MEMBER_NAMES.length);
  const foldJobs = Array.from({ length: folds }, (_, fold) => {
    const rows = rowsWhere(foldOfRow, (f) => f !== fold);
    return members.map((name): MemberFitJob => {
      const seedOfFit = deriveSeed(memberSeed(name), 1 + fold);
      if (name !== "gradientBoosting") return { name, stage: "fold", fold, seed: seedOfFit, fitRows: rows, earlyStoppingRows: null, iterationsFromFolds: false };
      const early = stratifiedSplit(rows, y, config.earlyStoppingFraction, deriveSeed(earlyStoppingSeed, 1 + fold));
      return { name, stage: "fold", fold, seed: seedOfFit, fitRows: early.rest, earlyStoppingRows: early.taken, iterationsFromFolds: false };
    });
  }).flat();
  const all = rowsWhere(foldOfRow, () => true);
  const finalJobs = members.map((name): MemberFitJob => ({ name, stage: "final", fold: null, seed: memberSeed(name), fitRows: all, earlyStoppingRows: null, iterationsFromFolds: name === "gradientBoosting" }));
  return { config, seed, foldOfRow, jobs: [...foldJobs, ...finalJobs] };
}

/**
 * Round count of the final gradient boosting: the median (lower median for an even count) of the
 * round counts its fold fits kept under early stopping — the usual way to carry an early-stopping
 * point found on held-out rows over to a refit on all rows (as xgboost.cv's best iteration is reused).
 * @param models fitted models in plan.jobs order; only the gradient-boosting fold fits are read.
 * @throws ScoringError INVALID_ARGUMENT when a gradient-boosting fold fit is missing.
 */
export function finalBoostingIterations(plan: EnsembleTrainingPlan, models: readonly (FittedBinaryClassifier | undefined)[]): number {
  const counts: number[] = [];
  plan.jobs.forEach((job, k) => {
    if (job.stage !== "fold" || job.name !== "gradientBoosting") return;
    const model = models[k];
    requireArgument(model instanceof FittedGradientBoosting, "finalBoostingIterations: models", `the fitted gradient boosting of fold ${job.fold}`);
    counts.push(model.treeCount);
  });
  requireArgument(counts.length > 0, "finalBoostingIterations: plan", "a plan with gradient-boosting fold fits");
  counts.sort((a, b) => a - b);
  return counts[Math.floor((counts.length - 1) / 2)];
}

/** Options of fitPlannedMember. */
export interface FitPlannedMemberOptions {
  /** Rounds of the final gradient boosting (finalBoostingIterations); required by that job only. */
  readonly iterations?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Fits one planned member (pure; what a worker thread runs). Forwards progress as (done, total).
 * @throws ScoringError INVALID_ARGUMENT when the final boosting job comes without `iterations`;
 * whatever the member's fit throws.
 */
export function fitPlannedMember(plan: EnsembleTrainingPlan, job: MemberFitJob, x: Matrix, y: Float64Array, options: FitPlannedMemberOptions = {}): FittedBinaryClassifier {
  const pick = (rows: Uint32Array): Float64Array => Float64Array.from(rows, (i) => y[i]);
  const validation = job.earlyStoppingRows === null ? undefined : { x: selectRows(x, job.earlyStoppingRows), y: pick(job.earlyStoppingRows) };
  let params = plan.config.memberParams;
  if (job.iterationsFromFolds) {
    const iterations = options.iterations;
    requireArgument(iterations !== undefined && Number.isInteger(iterations) && iterations >= 1, "fitPlannedMember: iterations", `the fold fits' round count (finalBoostingIterations) for the final ${job.name}, got ${iterations}`);
    params = { ...params, gradientBoosting: { ...params.gradientBoosting, iterations } };
  }
  return fitMember(job.name, params, selectRows(x, job.fitRows), pick(job.fitRows), { seed: job.seed, validation, onProgress: options.onProgress });
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
 * The members kept for the weight search: all of `names` when zWeak is absent; otherwise the member
 * with the best out-of-fold AUC (first in `names` on ties) and every member whose AUC trails it by at
 * most zWeak standard errors of the paired difference (DeLong et al. 1988; pairedAucDifference) — a
 * member that is significantly worse than another one alone is left out, as a one-sided paired test
 * at level Φ(−zWeak) would. The best member comes first, the others in `names` order.
 */
export function withoutWeakMembers(names: readonly MemberName[], validation: ReadonlyMap<MemberName, Float64Array>, yValidation: Float64Array, zWeak: number | undefined): MemberName[] {
  if (zWeak === undefined || names.length < 2) return [...names];
  const aucs = names.map((n) => rocAuc(yValidation, validation.get(n) as Float64Array));
  const bestIndex = aucs.reduce((top, auc, k) => (auc > aucs[top] ? k : top), 0);
  const best = names[bestIndex];
  const bestComponents = aucComponents(yValidation, validation.get(best) as Float64Array);
  const kept = names.filter((n, k) => {
    if (k === bestIndex) return false;
    const { difference, standardError } = differenceOfComponents(bestComponents, aucComponents(yValidation, validation.get(n) as Float64Array));
    return difference <= zWeak * standardError;
  });
  return [best, ...kept];
}

/**
 * Weights by the validation policy (see WeightsPolicy). With weakMemberStandardErrors: the members that
 * are not significantly worse than the best one (withoutWeakMembers) are searched together. Without it:
 * for the core members, then core + each
 * optional member in turn, every simplex grid point's out-of-fold AUC; the point kept is the one
 * nearest equal weights (Euclidean; first in grid order on ties) whose AUC is within z standard errors
 * of the paired difference from the best point's. An optional member is kept when its chosen point
 * beats the current one by ≥ minAucGain and by z standard errors of their paired difference.
 */
function chooseWeights(config: EnsembleConfig, names: readonly MemberName[], validation: ReadonlyMap<MemberName, Float64Array>, yValidation: Float64Array): WeightChoice {
  const policy = config.weights;
  if (policy.kind === "fixed") {
    const total = names.reduce((s, n) => s + (policy.weights[n] ?? 0), 0);
    return { weights: new Map(names.map((n) => [n, (policy.weights[n] ?? 0) / total])), search: [] };
  }
  const steps = Math.round(1 / policy.gridStep);
  const z = policy.gainStandardErrors ?? 0;
  const search: { members: MemberName[]; weights: number[]; auc: number }[] = [];
  const choose = (members: MemberName[]): { weights: number[]; auc: number; predictions: Float64Array } => {
    const predictions = members.map((n) => validation.get(n) as Float64Array);
    const points = simplexGrid(members.length, steps).map((point) => {
      const weights = point.map((s) => s / steps);
      return { weights, auc: rocAuc(yValidation, weightedAverage(predictions, weights)), distance: Math.hypot(...weights.map((w) => w - 1 / members.length)) };
    });
    const best = points.reduce((top, point) => (point.auc > top.auc ? point : top));
    let chosen = best;
    if (z > 0) {
      const bestComponents = aucComponents(yValidation, weightedAverage(predictions, best.weights));
      const nearestFirst = points.map((point, k) => ({ point, k })).sort((a, b) => a.point.distance - b.point.distance || a.k - b.k);
      for (const { point } of nearestFirst) {
        if (point === best || point.distance >= best.distance) break;
        const { standardError } = differenceOfComponents(bestComponents, aucComponents(yValidation, weightedAverage(predictions, point.weights)));
        if (point.auc >= best.auc - z * standardError) {
          chosen = point;
          break;
        }
      }
    }
    search.push({ members, weights: chosen.weights, auc: chosen.auc });
    return { ...chosen, predictions: weightedAverage(predictions, chosen.weights) };
  };
  if (policy.weakMemberStandardErrors !== undefined) {
    // Every survivor is within noise of the best member, so all of them are searched together, from
    // equal weights: an optional member has already shown it holds up.
    const survivors = withoutWeakMembers(names, validation, yValidation, policy.weakMemberStandardErrors);
    const members = names.filter((n) => survivors.includes(n));
    const chosen = choose(members);
    return { weights: new Map(members.map((n, k) => [n, chosen.weights[k]])), search };
  }
  let chosenMembers = policy.core.filter((n) => names.includes(n));
  let chosen = choose(chosenMembers);
  for (const optional of policy.optional.filter((n) => names.includes(n))) {
    const withOptional = MEMBER_NAMES.filter((n) => chosenMembers.includes(n) || n === optional);
    const candidate = choose(withOptional);
    const gain = candidate.auc - chosen.auc;
    if (gain >= policy.minAucGain && (z === 0 || gain > z * pairedAucDifference(yValidation, candidate.predictions, chosen.predictions).standardError)) {
      chosenMembers = withOptional;
      chosen = candidate;
    }
  }
  return { weights: new Map(chosenMembers.map((n, k) => [n, chosen.weights[k]])), search };
}

/**
 * Completes a plan once its members are fitted (in plan.jobs order): assembles every member's
 * out-of-fold predictions (each row predicted by the fit that left its fold out), chooses the weights
 * and fits the calibration on them, and records out-of-fold metrics. The shipped members are the final
 * fits; members whose weight came out 0 are dropped from the model.
 * @throws ScoringError INVALID_ARGUMENT when `models` does not match the plan's jobs.
 */
export function completeEnsembleTraining(plan: EnsembleTrainingPlan, x: Matrix, y: Float64Array, models: readonly FittedBinaryClassifier[]): FittedEnsemble {
  requireArgument(models.length === plan.jobs.length, "completeEnsembleTraining: models", `one fitted model per job (${plan.jobs.length}), got ${models.length}`);
  const { config, foldOfRow } = plan;
  const outOfFold = new Map<MemberName, Float64Array>();
  const final = new Map<MemberName, FittedBinaryClassifier>();
  plan.jobs.forEach((job, k) => {
    if (job.stage === "final") {
      final.set(job.name, models[k]);
      return;
    }
    const rows = rowsWhere(foldOfRow, (f) => f === job.fold);
    const predictions = models[k].predictProba(selectRows(x, rows));
    const column = outOfFold.get(job.name) ?? new Float64Array(x.rows);
    rows.forEach((i, r) => (column[i] = predictions[r]));
    outOfFold.set(job.name, column);
  });
  const names = MEMBER_NAMES.filter((n) => outOfFold.has(n));
  const { weights, search } = chooseWeights(config, names, outOfFold, y);
  const kept = names.map((name) => ({ name, weight: weights.get(name) ?? 0, model: final.get(name) as FittedBinaryClassifier })).filter((m) => m.weight > 0);
  const raw = weightedAverage(kept.map((m) => outOfFold.get(m.name) as Float64Array), kept.map((m) => m.weight));
  const calibrator = fitCalibrator(config.calibration, raw, y);
  const calibrated = calibrator === null ? raw : Float64Array.from(raw, (p) => calibrator.calibrate(p));
  const outOfFoldMetrics: Record<string, { auc: number; brier: number; logLoss: number }> = {};
  const measure = (p: Float64Array) => ({ auc: rocAuc(y, p), brier: brierScore(y, p), logLoss: logLoss(y, p) });
  for (const name of names) outOfFoldMetrics[name] = measure(outOfFold.get(name) as Float64Array);
  outOfFoldMetrics.ensembleRaw = measure(raw);
  outOfFoldMetrics.ensemble = measure(calibrated);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  const boosting = final.get("gradientBoosting");
  const training: TrainingMetadata = {
    dataDigest: digestTrainingData(x, y),
    rows: x.rows,
    positives,
    seed: plan.seed,
    crossFitFolds: config.crossFitFolds,
    ...(boosting instanceof FittedGradientBoosting ? { finalBoostingIterations: boosting.treeCount } : {}),
    outOfFoldMetrics,
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
 * Trains the ensemble (protocol in EnsembleTrainingPlan): fold fits and final fits one after the
 * other, then weights and calibration on the out-of-fold predictions. Pure and single-threaded; the CLI fits the same
 * plan's members in worker threads and calls completeEnsembleTraining, which gives the same bytes.
 * Weighted probability averaging follows scikit-learn's VotingClassifier(voting="soft"); calibration on
 * out-of-fold predictions follows CalibratedClassifierCV(ensemble=False) (Platt 1999; Zadrozny & Elkan 2002).
 * @param config a resolved configuration (resolveEnsembleConfig).
 * @throws ScoringError INVALID_ARGUMENT, SHAPE_MISMATCH or INVALID_DATA from the plan or a member's fit.
 */
export function trainEnsemble(config: EnsembleConfig, x: Matrix, y: Float64Array, options: TrainEnsembleOptions): FittedEnsemble {
  const plan = planEnsembleTraining(config, x, y, options.seed);
  const unit = 1000;
  const total = plan.jobs.length * unit + 1;
  const models: FittedBinaryClassifier[] = [];
  plan.jobs.forEach((job, k) => {
    const onProgress = options.onProgress && ((done: number, of: number) => options.onProgress?.(k * unit + Math.floor((unit * done) / Math.max(1, of)), total));
    const iterations = job.iterationsFromFolds ? finalBoostingIterations(plan, models) : undefined;
    models.push(fitPlannedMember(plan, job, x, y, { iterations, onProgress }));
  });
  const ensemble = completeEnsembleTraining(plan, x, y, models);
  options.onProgress?.(total, total);
  return ensemble;
}
