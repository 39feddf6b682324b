import { ScoringError, requireArgument } from "../core/errors";
import { type FeatureSpec, type Matrix, assertBinaryLabels, assertSameFeatures } from "../data/matrix";
import { fitLogisticRegression } from "./logistic-regression";
import { monotoneDirections, type MonotoneConstraints } from "./tree/monotone-constraints";
import type { Attribution, FitOptions, FittedBinaryClassifier } from "./model";
import { type BinningParams, type FeatureBinning, type WoeBin, binIndexOf, createCategoricalBinning, describeBin, fitFeatureBinning } from "./scorecard/woe-binning";

/**
 * Hyperparameters of the WoE scorecard. The binning ones are documented on BinningParams; the
 * defaults were chosen on a validation split carved from the TRAIN rows of Give Me Some Credit
 * (see scoring/bench/scorecard.ts), never on its TEST rows.
 */
export interface ScorecardParams extends BinningParams {
  /** L2 penalty on the WoE coefficients of the logistic regression (sum-of-rows scale), ≥ 0. */
  readonly l2: number;
  /**
   * Features whose information value is below this are left out of the regression (coefficient 0;
   * Siddiqi's rule of thumb: IV < 0.02 is unpredictive). 0 keeps every feature.
   */
  readonly minInformationValue: number;
  /**
   * By feature name: +1 PD non-decreasing in the feature, −1 non-increasing (numeric features). The
   * feature's event rate is binned in that direction and, should the regression give its WoE the
   * sign that reverses it, the feature is dropped and the regression refitted.
   */
  readonly monotoneConstraints?: MonotoneConstraints;
}

/**
 * Defaults. Evidence (`npx tsx scoring/bench/scorecard.ts --data …/cs-training.csv --select-defaults`,
 * 90,000 fit / 30,000 validation rows, all from TRAIN): validation AUC 0.8613 with these; monotonic
 * only 0.8565; peakValleyMinIvGain 0.2 0.8604; maxPrebins 20 0.8603; minBinShare 0.05 0.8600;
 * l2, woeSmoothing and minInformationValue move it by < 0.001.
 */
export const DEFAULT_SCORECARD_PARAMS: ScorecardParams = Object.freeze({
  maxPrebins: 50,
  minBinShare: 0.02,
  trend: "monotonic-or-peak-valley",
  peakValleyMinIvGain: 0.02,
  woeSmoothing: 0.5,
  minCategoryCount: 100,
  l2: 1,
  minInformationValue: 0.02,
});

/** Points-to-double-odds scaling of a scorecard (Siddiqi 2017, ch. 10). */
export interface PointsScaling {
  /** PDO: points that double the odds of good, > 0. */
  readonly pointsToDoubleOdds: number;
  /** The score given to applicants at `anchorOdds`. */
  readonly anchorScore: number;
  /** Odds of good (non-default : default) at `anchorScore`, > 0 (e.g. 30 for 30:1). */
  readonly anchorOdds: number;
}

/** One row of the classic scorecard table. */
export interface PointsTableBin {
  /** "(−∞, 0.5]", "(0.5, 2]", "(2, +∞)", a category list, or "missing". */
  readonly description: string;
  /** (Weighted) training rows in the bin. */
  readonly count: number;
  /** Share of defaults among them (NaN for an empty bin). */
  readonly eventRate: number;
  readonly woe: number;
  /** −factor·β·(WoE − mean WoE): the points this bin adds to basePoints (unrounded). */
  readonly points: number;
}

export interface PointsTableFeature {
  readonly feature: string;
  readonly informationValue: number;
  /** β of the regression on WoE (log-odds of default per unit of WoE; 0 when not selected). */
  readonly coefficient: number;
  /** Whether the feature passed the minInformationValue filter and entered the regression. */
  readonly selected: boolean;
  /** Bins in order, the missing bin last. */
  readonly bins: readonly PointsTableBin[];
}

/** A scorecard as points: score(x) = basePoints + Σ_features points of x's bin. */
export interface PointsTable {
  /** factor = PDO / ln 2. */
  readonly factor: number;
  /** offset = anchorScore − factor·ln(anchorOdds). */
  readonly offset: number;
  /** The score of the average training applicant: offset − factor·base (base of explainRow). */
  readonly basePoints: number;
  readonly features: readonly PointsTableFeature[];
}

/** A fitted WoE scorecard: PD = σ(intercept + Σ_j β_j·WoE_j(x_j)). */
export interface FittedScorecard extends FittedBinaryClassifier {
  readonly kind: "scorecard";
  readonly params: ScorecardParams;
  readonly intercept: number;
  /** β_j per feature, 0 for features not selected. */
  readonly coefficients: readonly number[];
  /** Training-weighted mean WoE of each feature. */
  readonly meanWoe: readonly number[];
  readonly binnings: readonly FeatureBinning[];
  /** Information value of each feature, in feature order. */
  readonly informationValues: readonly number[];
  /** WoE of each feature for one dense row. */
  woeRow(row: ArrayLike<number>): Float64Array;
  /** The points table under a points-to-double-odds scaling. */
  toPointsTable(scaling: PointsScaling): PointsTable;
}

export const SCORECARD_FORMAT = "microtrust.scorecard";
export const SCORECARD_FORMAT_VERSION = 1;

/**
 * Fits a classic credit scorecard (Siddiqi, Credit Risk Scorecards, 2017; Navas-Palencia 2020):
 * every feature is binned to weights of evidence by `fitFeatureBinning` (quantile pre-bins, minimum
 * bin share, monotonic or single-peak event rate, missing as its own bin), features with IV below
 * `minInformationValue` are dropped, and an L2 logistic regression on the WoE columns
 * (fitLogisticRegression, Newton/IRLS) gives PD = σ(b + Σ_j β_j·WoE_j). WoE > 0 marks a safer bin,
 * so β_j is typically near −1.
 *
 * Deterministic: `options.seed` is accepted for the estimator contract but nothing is random;
 * `options.validation` is not used. Keeps no reference to x or y and mutates neither.
 *
 * @param y 0/1 labels, 1 = default, both classes present; options.sampleWeight optional, ≥ 0.
 * @throws ScoringError INVALID_ARGUMENT for hyperparameters outside their domain or bad weights;
 *   SHAPE_MISMATCH when labels or weights do not match the rows; INVALID_DATA for non-0/1 labels or a
 *   single class.
 */
export function fitScorecard(params: ScorecardParams, x: Matrix, y: Float64Array, options: FitOptions): FittedScorecard {
  const where = "fitScorecard";
  const checked = validateParams(where, params);
  requireArgument(Number.isInteger(options.seed), `${where}: seed`, `an integer, got ${options.seed}`);
  assertBinaryLabels(where, y, x.rows);
  const weights = options.sampleWeight;
  if (weights) {
    if (weights.length !== x.rows) throw new ScoringError("SHAPE_MISMATCH", `${where}: sampleWeight has ${weights.length} entries for ${x.rows} rows`, "sampleWeight");
    for (let i = 0; i < weights.length; i++) requireArgument(Number.isFinite(weights[i]) && weights[i] >= 0, `${where}: sampleWeight`, `finite and ≥ 0, row ${i} is ${weights[i]}`);
  }
  const featureCount = x.features.length;
  const monotone = monotoneDirections(where, checked.monotoneConstraints, x.features);
  const binnings = x.features.map((feature, j) => {
    const binning = fitFeatureBinning(feature, x.columns[j], y, weights, checked, monotone[j] > 0 ? "ascending" : monotone[j] < 0 ? "descending" : undefined);
    options.onProgress?.(j + 1, featureCount + 1);
    return binning;
  });
  const woeColumns = binnings.map((binning, j) => {
    const column = x.columns[j];
    return Float64Array.from(column, (value) => binning.bins[binIndexOf(binning, value)].woe);
  });
  const selected = binnings.map((binning) => binning.informationValue >= checked.minInformationValue);
  // WoE falls as risk rises, so a constrained feature keeps its direction only with β ≤ 0.
  let coefficients: number[];
  let intercept: number;
  for (;;) {
    const fit = fitLogisticRegression(
      woeColumns.filter((_, j) => selected[j]),
      y,
      { l2: checked.l2, sampleWeight: weights },
    );
    let next = 0;
    coefficients = [];
    for (let j = 0; j < featureCount; j++) coefficients.push(selected[j] ? fit.coefficients[next++] : 0);
    intercept = fit.intercept;
    const reversed = coefficients.findIndex((beta, j) => monotone[j] !== 0 && beta > 0);
    if (reversed < 0) break;
    selected[reversed] = false;
  }
  let totalWeight = 0;
  for (let i = 0; i < x.rows; i++) totalWeight += weights ? weights[i] : 1;
  const meanWoe = woeColumns.map((column) => {
    let sum = 0;
    for (let i = 0; i < column.length; i++) sum += (weights ? weights[i] : 1) * column[i];
    return sum / totalWeight;
  });
  options.onProgress?.(featureCount + 1, featureCount + 1);
  return new Scorecard(x.features, checked, intercept, coefficients, meanWoe, binnings);
}

class Scorecard implements FittedScorecard {
  readonly kind = "scorecard" as const;
  readonly features: readonly FeatureSpec[];
  readonly params: ScorecardParams;
  readonly intercept: number;
  readonly coefficients: readonly number[];
  readonly meanWoe: readonly number[];
  readonly binnings: readonly FeatureBinning[];
  readonly informationValues: readonly number[];
  /** E over training rows of the margin: intercept + Σ_j β_j·mean WoE_j. */
  private readonly base: number;

  constructor(features: readonly FeatureSpec[], params: ScorecardParams, intercept: number, coefficients: readonly number[], meanWoe: readonly number[], binnings: readonly FeatureBinning[]) {
    this.features = Object.freeze(features.map((feature) => Object.freeze(feature.kind === "categorical" ? { ...feature, categories: Object.freeze([...feature.categories]) } : { ...feature })));
    this.params = Object.freeze({ ...params });
    this.intercept = intercept;
    this.coefficients = Object.freeze([...coefficients]);
    this.meanWoe = Object.freeze([...meanWoe]);
    this.binnings = Object.freeze([...binnings]);
    this.informationValues = Object.freeze(binnings.map((binning) => binning.informationValue));
    let base = intercept;
    for (let j = 0; j < coefficients.length; j++) base += coefficients[j] * meanWoe[j];
    this.base = base;
    Object.freeze(this);
  }

  predictProba(x: Matrix): Float64Array {
    this.assertCompatible("FittedScorecard.predictProba", x);
    const probabilities = new Float64Array(x.rows);
    const row = new Float64Array(this.features.length);
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < row.length; j++) row[j] = x.columns[j][i];
      probabilities[i] = sigmoid(this.marginOf(row));
    }
    return probabilities;
  }

  predictRowProba(row: ArrayLike<number>): number {
    this.assertRowWidth("FittedScorecard.predictRowProba", row);
    return sigmoid(this.marginOf(row));
  }

  /**
   * Exact additive attribution in log-odds of default: contribution_j = β_j·(WoE_j(x) − mean WoE_j),
   * base = intercept + Σ_j β_j·mean WoE_j (the margin of the average training row), and
   * output = base + Σ_j contribution_j, summed in feature order — the very sum predictRowProba uses,
   * so σ(output) equals predictRowProba(row) bit for bit.
   * @throws ScoringError SHAPE_MISMATCH for a row of another width.
   */
  explainRow(row: ArrayLike<number>): Attribution {
    this.assertRowWidth("FittedScorecard.explainRow", row);
    const contributions = new Float64Array(this.features.length);
    let output = this.base;
    for (let j = 0; j < contributions.length; j++) {
      contributions[j] = this.contributionOf(j, row[j]);
      output += contributions[j];
    }
    return Object.freeze({ space: "logit" as const, base: this.base, contributions, output });
  }

  woeRow(row: ArrayLike<number>): Float64Array {
    this.assertRowWidth("FittedScorecard.woeRow", row);
    return Float64Array.from(this.binnings, (binning, j) => binning.bins[binIndexOf(binning, row[j])].woe);
  }

  /**
   * The scorecard table (Siddiqi 2017, ch. 10): score = offset + factor·ln(odds of good) with
   * factor = PDO/ln 2, offset = anchorScore − factor·ln(anchorOdds), odds of good = (1 − PD)/PD.
   * Since ln(odds of good) = −(base + Σ_j contribution_j), a bin's points are −factor·β_j·(WoE − mean WoE_j)
   * and basePoints = offset − factor·base, so basePoints + Σ points of the row's bins = the score
   * (unrounded, unclamped). Every feature is listed; an unselected one scores 0 in every bin.
   * @throws ScoringError INVALID_ARGUMENT for PDO ≤ 0, anchorOdds ≤ 0 or a non-finite anchorScore.
   */
  toPointsTable(scaling: PointsScaling): PointsTable {
    const where = "FittedScorecard.toPointsTable";
    requireArgument(Number.isFinite(scaling.pointsToDoubleOdds) && scaling.pointsToDoubleOdds > 0, `${where}: pointsToDoubleOdds`, `a finite number > 0, got ${scaling.pointsToDoubleOdds}`);
    requireArgument(Number.isFinite(scaling.anchorOdds) && scaling.anchorOdds > 0, `${where}: anchorOdds`, `a finite number > 0, got ${scaling.anchorOdds}`);
    requireArgument(Number.isFinite(scaling.anchorScore), `${where}: anchorScore`, `finite, got ${scaling.anchorScore}`);
    const factor = scaling.pointsToDoubleOdds / Math.LN2;
    const offset = scaling.anchorScore - factor * Math.log(scaling.anchorOdds);
    const features = this.binnings.map((binning, j) =>
      Object.freeze({
        feature: this.features[j].name,
        informationValue: binning.informationValue,
        coefficient: this.coefficients[j],
        selected: binning.informationValue >= this.params.minInformationValue,
        bins: Object.freeze(
          binning.bins.map((bin: WoeBin, k) =>
            Object.freeze({
              description: describeBin(binning, this.features[j], k),
              count: bin.count,
              eventRate: bin.events / bin.count,
              woe: bin.woe,
              points: -factor * this.coefficients[j] * (bin.woe - this.meanWoe[j]),
            }),
          ),
        ),
      }),
    );
    return Object.freeze({ factor, offset, basePoints: offset - factor * this.base, features: Object.freeze(features) });
  }

  /**
   * The versioned artifact: format, formatVersion, features, params, intercept, coefficients,
   * meanWoe and the binnings. Numbers are written as JSON numbers, which round-trip exactly.
   */
  toJSON(): unknown {
    return {
      format: SCORECARD_FORMAT,
      formatVersion: SCORECARD_FORMAT_VERSION,
      features: this.features,
      params: this.params,
      intercept: this.intercept,
      coefficients: this.coefficients,
      meanWoe: this.meanWoe,
      binnings: this.binnings.map((binning) =>
        binning.kind === "numeric"
          ? { kind: "numeric", cutPoints: binning.cutPoints, bins: binning.bins, informationValue: binning.informationValue, trend: binning.trend }
          : { kind: "categorical", groups: binning.groups, bins: binning.bins, informationValue: binning.informationValue },
      ),
    };
  }

  private contributionOf(j: number, value: number): number {
    const binning = this.binnings[j];
    return this.coefficients[j] * (binning.bins[binIndexOf(binning, value)].woe - this.meanWoe[j]);
  }

  private marginOf(row: ArrayLike<number>): number {
    let margin = this.base;
    for (let j = 0; j < this.features.length; j++) margin += this.contributionOf(j, row[j]);
    return margin;
  }

  private assertRowWidth(where: string, row: ArrayLike<number>): void {
    if (row.length !== this.features.length) throw new ScoringError("SHAPE_MISMATCH", `${where}: row has ${row.length} values, model expects ${this.features.length} features`);
  }

  private assertCompatible(where: string, x: Matrix): void {
    assertSameFeatures(where, this.features, x);
    x.features.forEach((feature, j) => {
      const expected = this.features[j];
      if (feature.kind === "categorical" && expected.kind === "categorical" && (feature.categories.length !== expected.categories.length || feature.categories.some((c, k) => c !== expected.categories[k]))) {
        throw new ScoringError("SHAPE_MISMATCH", `${where}: categorical feature "${feature.name}" declares other categories than the model`, feature.name);
      }
    });
  }
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t));
}

function validateParams(where: string, params: ScorecardParams): ScorecardParams {
  requireArgument(Number.isInteger(params.maxPrebins) && params.maxPrebins >= 2, `${where}: maxPrebins`, `an integer ≥ 2, got ${params.maxPrebins}`);
  requireArgument(params.minBinShare >= 0 && params.minBinShare <= 0.5, `${where}: minBinShare`, `in [0, 0.5], got ${params.minBinShare}`);
  requireArgument(params.trend === "monotonic" || params.trend === "monotonic-or-peak-valley", `${where}: trend`, `"monotonic" or "monotonic-or-peak-valley", got ${String(params.trend)}`);
  requireArgument(Number.isFinite(params.peakValleyMinIvGain) && params.peakValleyMinIvGain >= 0, `${where}: peakValleyMinIvGain`, `a finite number ≥ 0, got ${params.peakValleyMinIvGain}`);
  requireArgument(Number.isFinite(params.woeSmoothing) && params.woeSmoothing > 0, `${where}: woeSmoothing`, `a finite number > 0, got ${params.woeSmoothing}`);
  requireArgument(Number.isFinite(params.l2) && params.l2 >= 0, `${where}: l2`, `a finite number ≥ 0, got ${params.l2}`);
  requireArgument(Number.isFinite(params.minInformationValue) && params.minInformationValue >= 0, `${where}: minInformationValue`, `a finite number ≥ 0, got ${params.minInformationValue}`);
  requireArgument(params.minCategoryCount === undefined || (Number.isFinite(params.minCategoryCount) && params.minCategoryCount >= 0), `${where}: minCategoryCount`, `absent or a finite number ≥ 0, got ${params.minCategoryCount}`);
  return Object.freeze({
    maxPrebins: params.maxPrebins,
    minBinShare: params.minBinShare,
    trend: params.trend,
    peakValleyMinIvGain: params.peakValleyMinIvGain,
    woeSmoothing: params.woeSmoothing,
    ...(params.minCategoryCount === undefined ? {} : { minCategoryCount: params.minCategoryCount }),
    l2: params.l2,
    minInformationValue: params.minInformationValue,
    ...(params.monotoneConstraints === undefined ? {} : { monotoneConstraints: Object.freeze({ ...params.monotoneConstraints }) }),
  });
}

/**
 * Rebuilds a scorecard from `toJSON()` output (after JSON.stringify/parse or not). Predictions are
 * bitwise identical to the original's: every number is restored exactly and the derived base is
 * recomputed in the same order.
 * @throws ScoringError INVALID_ARTIFACT for another format or version, or any malformed field.
 */
export function scorecardFromJSON(json: unknown): FittedScorecard {
  const where = "scorecardFromJSON";
  const fail = (what: string): never => {
    throw new ScoringError("INVALID_ARTIFACT", `${where}: ${what}`);
  };
  const record = asRecord(json) ?? fail("not an object");
  if (record.format !== SCORECARD_FORMAT) fail(`format is ${String(record.format)}, expected ${SCORECARD_FORMAT}`);
  if (record.formatVersion !== SCORECARD_FORMAT_VERSION) fail(`formatVersion is ${String(record.formatVersion)}, this library reads ${SCORECARD_FORMAT_VERSION}`);
  const features = (Array.isArray(record.features) ? record.features : fail("features is not an array")).map((raw, j): FeatureSpec => {
    const spec = asRecord(raw) ?? fail(`features[${j}] is not an object`);
    if (typeof spec.name !== "string") fail(`features[${j}].name is not a string`);
    if (spec.kind === "numeric") return { name: spec.name as string, kind: "numeric" };
    if (spec.kind === "categorical" && Array.isArray(spec.categories) && spec.categories.every((c) => typeof c === "string")) {
      return { name: spec.name as string, kind: "categorical", categories: spec.categories as string[] };
    }
    return fail(`features[${j}] is neither numeric nor categorical with string categories`);
  });
  const featureCount = features.length;
  const numbers = (value: unknown, name: string, length?: number): number[] => {
    if (!Array.isArray(value) || !value.every(isFiniteNumber) || (length !== undefined && value.length !== length)) fail(`${name} is not an array of ${length ?? "some"} finite numbers`);
    return value as number[];
  };
  const rawParams = asRecord(record.params) ?? fail("params is not an object");
  let params: ScorecardParams;
  try {
    params = validateParams(where, rawParams as unknown as ScorecardParams);
  } catch (error) {
    return fail(`params: ${(error as Error).message}`);
  }
  if (!isFiniteNumber(record.intercept)) fail("intercept is not a finite number");
  const coefficients = numbers(record.coefficients, "coefficients", featureCount);
  const meanWoe = numbers(record.meanWoe, "meanWoe", featureCount);
  const rawBinnings = Array.isArray(record.binnings) && record.binnings.length === featureCount ? record.binnings : fail(`binnings is not an array of ${featureCount}`);
  const binnings = rawBinnings.map((raw, j): FeatureBinning => {
    const binning = asRecord(raw) ?? fail(`binnings[${j}] is not an object`);
    const spec = features[j];
    if (binning.kind !== spec.kind) fail(`binnings[${j}] is ${String(binning.kind)} for a ${spec.kind} feature`);
    if (!isFiniteNumber(binning.informationValue)) fail(`binnings[${j}].informationValue is not a finite number`);
    const bins = (Array.isArray(binning.bins) ? binning.bins : fail(`binnings[${j}].bins is not an array`)).map((rawBin, k): WoeBin => {
      const bin = asRecord(rawBin) ?? fail(`binnings[${j}].bins[${k}] is not an object`);
      if (!isFiniteNumber(bin.count) || !isFiniteNumber(bin.events) || !isFiniteNumber(bin.woe)) fail(`binnings[${j}].bins[${k}] needs finite count, events and woe`);
      return Object.freeze({ count: bin.count as number, events: bin.events as number, woe: bin.woe as number });
    });
    if (spec.kind === "categorical") {
      const groups = Array.isArray(binning.groups) ? binning.groups.map((group, g) => numbers(group, `binnings[${j}].groups[${g}]`)) : fail(`binnings[${j}].groups is not an array`);
      try {
        return createCategoricalBinning(groups, bins, binning.informationValue as number, spec.categories.length);
      } catch (error) {
        return fail(`binnings[${j}]: ${(error as Error).message}`);
      }
    }
    const cutPoints = numbers(binning.cutPoints, `binnings[${j}].cutPoints`);
    if (cutPoints.some((cut, k) => k > 0 && !(cut > cutPoints[k - 1]))) fail(`binnings[${j}].cutPoints are not strictly increasing`);
    if (bins.length !== cutPoints.length + 2) fail(`binnings[${j}] has ${bins.length} bins for ${cutPoints.length} cut points (expected cut points + 2)`);
    const trends = ["ascending", "descending", "peak", "valley", "flat"] as const;
    const trend = trends.find((t) => t === binning.trend) ?? fail(`binnings[${j}].trend is ${String(binning.trend)}`);
    return Object.freeze({ kind: "numeric" as const, cutPoints: Object.freeze([...cutPoints]), bins: Object.freeze(bins), informationValue: binning.informationValue as number, trend });
  });
  return new Scorecard(features, params, record.intercept as number, coefficients, meanWoe, binnings);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
