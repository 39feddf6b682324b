import { ScoringError } from "../../core/errors";
import type { FeatureSpec } from "../../data/matrix";
import { weightsOfEvidence } from "./weight-of-evidence";

/** Hyperparameters of the supervised binning (a subset of ScorecardParams). */
export interface BinningParams {
  /** Quantile pre-bins per numeric feature before merging, ≥ 2. */
  readonly maxPrebins: number;
  /** Minimum share of all (weighted) training rows in every non-missing bin, in [0, 0.5]. */
  readonly minBinShare: number;
  /**
   * Shape of the event rate over a numeric feature's bins: "monotonic" (direction chosen by the sign
   * of the correlation between bin order and event rate), or "monotonic-or-peak-valley" (also try a
   * single peak or valley, kept only when it raises IV by the relative `peakValleyMinIvGain`).
   */
  readonly trend: "monotonic" | "monotonic-or-peak-valley";
  /** Relative IV gain a peak/valley binning needs over the monotonic one, ≥ 0. */
  readonly peakValleyMinIvGain: number;
  /** Pseudo-rows per bin for WoE smoothing (see weightsOfEvidence), ≥ 0. */
  readonly woeSmoothing: number;
  /**
   * Least (weighted) training rows for a category to enter the binning; rarer categories are pooled
   * with the missing values into the "missing, rare or unseen" bin. Absent: every seen category enters.
   */
  readonly minCategoryCount?: number;
}

/** One bin's (weighted) row count, (weighted) defaults and weight of evidence. */
export interface WoeBin {
  readonly count: number;
  readonly events: number;
  readonly woe: number;
}

/** The event-rate shape a numeric binning ended with. */
export type EventRateTrend = "ascending" | "descending" | "peak" | "valley" | "flat";

/**
 * A numeric feature's bins: intervals (−∞, c₀], (c₀, c₁], …, (c_{k−1}, +∞) for the k ascending
 * `cutPoints`, then the missing bin. `bins` has k + 2 entries, the missing bin last.
 */
export interface NumericBinning {
  readonly kind: "numeric";
  readonly cutPoints: readonly number[];
  readonly bins: readonly WoeBin[];
  readonly informationValue: number;
  readonly trend: EventRateTrend;
}

/**
 * A categorical feature's bins: each group is a list of category codes; the missing bin (last in
 * `bins`, so bins.length = groups.length + 1) takes NaN, categories unseen in training and codes
 * outside the declared categories.
 */
export interface CategoricalBinning {
  readonly kind: "categorical";
  readonly groups: readonly (readonly number[])[];
  readonly bins: readonly WoeBin[];
  readonly informationValue: number;
  /** groupOfCategory[code] = bin index, or −1 for the missing bin (derived from groups). */
  readonly groupOfCategory: Int32Array;
}

export type FeatureBinning = NumericBinning | CategoricalBinning;

/** A run of adjacent pre-bins being merged: weighted rows, defaults, and the index of its last pre-bin. */
interface Block {
  count: number;
  events: number;
  last: number;
}

/**
 * Supervised WoE binning of one feature (Siddiqi 2017, ch. 6; the pre-binning + merge scheme of
 * Navas-Palencia 2020 / optbinning, solved greedily instead of by mathematical programming).
 *
 * Numeric features: (1) pre-bins at the weighted quantiles k/maxPrebins of the non-missing values,
 * each cut at an observed value so bins are (prev, cut]; (2) while a bin holds less than
 * minBinShare of all rows, merge the smallest such bin into the neighbour with the closer event
 * rate; (3) make the event rate strictly monotonic by pooling adjacent violators (PAV, Ayer et al.
 * 1955) in the direction of the sign of the count-weighted correlation between bin order and event
 * rate (ascending on ties). With trend "monotonic-or-peak-valley" the best single peak or valley
 * (ascending PAV left of a split, descending right of it, or the reverse, over every split) replaces
 * the monotonic bins when its IV exceeds theirs by the factor (1 + peakValleyMinIvGain): a U shape
 * (e.g. utilisation, debt ratio) is kept only when the data clearly support it.
 *
 * Categorical features: categories seen fewer than `minCategoryCount` times are pooled with the
 * missing values (their event rates are noise: a zip code seen twice has a rate of 0, ½ or 1); one bin
 * per remaining category, ordered by event rate, then small bins merged as in (2) along that order (so
 * small categories join the category with the closest event rate). Unseen categories fall into the
 * same "missing, rare or unseen" bin, which thus carries the rare categories' evidence.
 *
 * `forcedTrend` (a monotone constraint, numeric features only) fixes the direction of the event rate
 * over the bins instead of letting the data choose it, and keeps the WoE monotone (clampWoeToTrend).
 *
 * Missing values (NaN) are always their own bin, whatever its size; WoE by weightsOfEvidence with
 * `woeSmoothing`. Deterministic: no randomness, ties broken by position.
 *
 * @param column the feature's values (NaN = missing; categorical codes for categorical features).
 * @param labels 0/1, 1 = default; weights optional non-negative row weights. Validated by the caller.
 * @throws ScoringError INVALID_DATA when the weighted rows hold one class only.
 */
export function fitFeatureBinning(feature: FeatureSpec, column: Float64Array, labels: Float64Array, weights: Float64Array | undefined, params: BinningParams, forcedTrend?: "ascending" | "descending"): FeatureBinning {
  let total = 0;
  let missingCount = 0;
  let missingEvents = 0;
  for (let i = 0; i < column.length; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    if (Number.isNaN(column[i])) {
      missingCount += w;
      missingEvents += w * labels[i];
    }
  }
  const minCount = params.minBinShare * total;
  if (feature.kind === "categorical") return fitCategorical(feature.categories.length, column, labels, weights, params, minCount, missingCount, missingEvents);
  return fitNumeric(column, labels, weights, params, minCount, { count: missingCount, events: missingEvents }, forcedTrend);
}

function fitNumeric(column: Float64Array, labels: Float64Array, weights: Float64Array | undefined, params: BinningParams, minCount: number, missing: { count: number; events: number }, forcedTrend: "ascending" | "descending" | undefined): NumericBinning {
  const present: number[] = [];
  for (let i = 0; i < column.length; i++) if (!Number.isNaN(column[i]) && (weights ? weights[i] : 1) > 0) present.push(i);
  present.sort((a, b) => column[a] - column[b] || a - b);
  // Pre-bins: one per distinct value run, cut where the cumulative weight crosses k/maxPrebins.
  let presentWeight = 0;
  for (const i of present) presentWeight += weights ? weights[i] : 1;
  const cuts: number[] = [];
  const prebins: Block[] = [];
  let cumulative = 0;
  let nextTarget = 1;
  let open: Block = { count: 0, events: 0, last: 0 };
  for (let k = 0; k < present.length; k++) {
    const i = present[k];
    const w = weights ? weights[i] : 1;
    cumulative += w;
    open.count += w;
    open.events += w * labels[i];
    const endOfValueRun = k === present.length - 1 || column[present[k + 1]] !== column[i];
    if (endOfValueRun && k < present.length - 1 && cumulative >= (nextTarget * presentWeight) / params.maxPrebins) {
      cuts.push(column[i]);
      open.last = prebins.length;
      prebins.push(open);
      open = { count: 0, events: 0, last: 0 };
      while (nextTarget < params.maxPrebins && cumulative >= (nextTarget * presentWeight) / params.maxPrebins) nextTarget++;
    }
  }
  // The last interval (also when no value is present: an empty interval whose WoE is 0 under smoothing).
  open.last = prebins.length;
  prebins.push(open);
  const sized = mergeSmallBins(prebins, minCount);
  let blocks = poolToMonotonic(sized, forcedTrend ?? (correlationSign(sized) >= 0 ? "ascending" : "descending"));
  if (forcedTrend === undefined && params.trend === "monotonic-or-peak-valley" && sized.length >= 3) {
    const monotonicIv = informationValueOf(blocks, missing, params.woeSmoothing);
    let best = { blocks, iv: -Infinity };
    for (let split = 1; split < sized.length; split++) {
      for (const [left, right] of [["ascending", "descending"], ["descending", "ascending"]] as const) {
        const candidate = [...poolToMonotonic(sized.slice(0, split), left), ...poolToMonotonic(sized.slice(split), right)];
        const iv = informationValueOf(candidate, missing, params.woeSmoothing);
        if (iv > best.iv) best = { blocks: candidate, iv };
      }
    }
    if (best.iv > monotonicIv * (1 + params.peakValleyMinIvGain)) blocks = best.blocks;
  }
  const fitted = withWeightsOfEvidence(blocks, missing, params.woeSmoothing);
  const { bins, informationValue } = forcedTrend === undefined ? fitted : { ...fitted, bins: clampWoeToTrend(fitted.bins, forcedTrend) };
  return Object.freeze({
    kind: "numeric" as const,
    cutPoints: Object.freeze(blocks.slice(0, -1).map((block) => cuts[block.last])),
    bins,
    informationValue,
    trend: trendOf(blocks),
  });
}

function fitCategorical(categoryCount: number, column: Float64Array, labels: Float64Array, weights: Float64Array | undefined, params: BinningParams, minCount: number, missingCount: number, missingEvents: number): CategoricalBinning {
  const counts = new Float64Array(categoryCount);
  const events = new Float64Array(categoryCount);
  for (let i = 0; i < column.length; i++) {
    const code = column[i];
    if (Number.isNaN(code)) continue;
    const w = weights ? weights[i] : 1;
    counts[code] += w;
    events[code] += w * labels[i];
  }
  const missing = { count: missingCount, events: missingEvents };
  const minCategoryCount = params.minCategoryCount ?? 0;
  const seen: number[] = [];
  for (let code = 0; code < categoryCount; code++) {
    if (counts[code] > 0 && counts[code] >= minCategoryCount) seen.push(code);
    else {
      missing.count += counts[code];
      missing.events += events[code];
    }
  }
  seen.sort((a, b) => events[a] / counts[a] - events[b] / counts[b] || a - b);
  const merged = mergeSmallBins(
    seen.map((code, k) => ({ count: counts[code], events: events[code], last: k })),
    minCount,
  );
  const groups: number[][] = [];
  let first = 0;
  for (const block of merged) {
    groups.push(seen.slice(first, block.last + 1).sort((a, b) => a - b));
    first = block.last + 1;
  }
  const { bins, informationValue } = withWeightsOfEvidence(merged, missing, params.woeSmoothing);
  return createCategoricalBinning(groups, bins, informationValue, categoryCount);
}

/** Builds a frozen CategoricalBinning and its code → bin lookup. */
export function createCategoricalBinning(groups: readonly (readonly number[])[], bins: readonly WoeBin[], informationValue: number, categoryCount: number): CategoricalBinning {
  const groupOfCategory = new Int32Array(categoryCount).fill(-1);
  groups.forEach((codes, g) => {
    for (const code of codes) {
      if (!(Number.isInteger(code) && code >= 0 && code < categoryCount) || groupOfCategory[code] !== -1) {
        throw new ScoringError("INVALID_ARTIFACT", `createCategoricalBinning: category code ${code} is out of range or in two groups`);
      }
      groupOfCategory[code] = g;
    }
  });
  if (bins.length !== groups.length + 1) throw new ScoringError("INVALID_ARTIFACT", `createCategoricalBinning: ${bins.length} bins for ${groups.length} groups plus missing`);
  return Object.freeze({ kind: "categorical" as const, groups: Object.freeze(groups.map((codes) => Object.freeze([...codes]))), bins: Object.freeze([...bins]), informationValue, groupOfCategory });
}

/**
 * Index into `binning.bins` of a value: the interval containing it, the category's group, or the
 * missing bin (last) for NaN and unseen or invalid category codes.
 */
export function binIndexOf(binning: FeatureBinning, value: number): number {
  const missingBin = binning.bins.length - 1;
  if (Number.isNaN(value)) return missingBin;
  if (binning.kind === "categorical") {
    const group = Number.isInteger(value) && value >= 0 && value < binning.groupOfCategory.length ? binning.groupOfCategory[value] : -1;
    return group === -1 ? missingBin : group;
  }
  const cuts = binning.cutPoints;
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cuts[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Human-readable bin: "(−∞, 0.5]", "(0.5, 2]", "(2, +∞)", a category list, or "missing". */
export function describeBin(binning: FeatureBinning, feature: FeatureSpec, index: number): string {
  if (index === binning.bins.length - 1) return binning.kind === "categorical" ? "missing, rare or unseen" : "missing";
  if (binning.kind === "categorical") {
    const names = feature.kind === "categorical" ? feature.categories : [];
    return binning.groups[index].map((code) => names[code] ?? String(code)).join(", ");
  }
  const lower = index === 0 ? "(−∞" : `(${binning.cutPoints[index - 1]}`;
  const upper = index === binning.cutPoints.length ? "+∞)" : `${binning.cutPoints[index]}]`;
  return `${lower}, ${upper}`;
}

/** Merges, while any block is below minCount, the smallest into the neighbour with the closer event rate. */
function mergeSmallBins(blocks: readonly Block[], minCount: number): Block[] {
  const merged = blocks.map((block) => ({ ...block }));
  while (merged.length > 1) {
    let smallest = -1;
    for (let k = 0; k < merged.length; k++) {
      if (merged[k].count < minCount && (smallest === -1 || merged[k].count < merged[smallest].count)) smallest = k;
    }
    if (smallest === -1) break;
    const rate = merged[smallest].events / merged[smallest].count;
    const leftGap = smallest > 0 ? Math.abs(merged[smallest - 1].events / merged[smallest - 1].count - rate) : Infinity;
    const rightGap = smallest < merged.length - 1 ? Math.abs(merged[smallest + 1].events / merged[smallest + 1].count - rate) : Infinity;
    const left = leftGap <= rightGap ? smallest - 1 : smallest;
    merged.splice(left, 2, joinBlocks(merged[left], merged[left + 1]));
  }
  return merged;
}

/** Pool adjacent violators until event rates strictly increase (or strictly decrease) along the blocks. */
function poolToMonotonic(blocks: readonly Block[], direction: "ascending" | "descending"): Block[] {
  const stack: Block[] = [];
  for (const block of blocks) {
    let current = { ...block };
    while (stack.length > 0) {
      const previous = stack[stack.length - 1];
      const previousRate = previous.events / previous.count;
      const currentRate = current.events / current.count;
      const ordered = direction === "ascending" ? previousRate < currentRate : previousRate > currentRate;
      if (ordered) break;
      stack.pop();
      current = joinBlocks(previous, current);
    }
    stack.push(current);
  }
  return stack;
}

function joinBlocks(left: Block, right: Block): Block {
  return { count: left.count + right.count, events: left.events + right.events, last: right.last };
}

/** Sign of the count-weighted Pearson correlation between block position and event rate (0 if undefined). */
function correlationSign(blocks: readonly Block[]): number {
  let weight = 0;
  let meanPosition = 0;
  let meanRate = 0;
  blocks.forEach((block, k) => {
    weight += block.count;
    meanPosition += block.count * k;
    meanRate += block.events;
  });
  if (weight === 0) return 0;
  meanPosition /= weight;
  meanRate /= weight;
  let covariance = 0;
  blocks.forEach((block, k) => {
    covariance += block.count * (k - meanPosition) * (block.events / block.count - meanRate);
  });
  return Math.sign(covariance);
}

/** The shape of the event rate along the blocks (a peak/valley search may still end monotonic). */
function trendOf(blocks: readonly Block[]): EventRateTrend {
  if (blocks.length <= 1) return "flat";
  const rates = blocks.map((block) => block.events / block.count);
  const rises = rates.slice(1).map((rate, k) => rate > rates[k]);
  if (rises.every(Boolean)) return "ascending";
  if (!rises.some(Boolean)) return "descending";
  return rises[0] ? "peak" : "valley";
}

function informationValueOf(blocks: readonly Block[], missing: { count: number; events: number }, smoothing: number): number {
  return withWeightsOfEvidence(blocks, missing, smoothing).informationValue;
}

/**
 * Smoothing can reverse the WoE order of two bins whose event rates are nearly equal but whose sizes
 * differ, so under a forced trend the value bins' WoE is made monotone by a running bound (WoE falls as
 * the event rate rises: ascending event rate → non-increasing WoE). The missing bin is left as fitted.
 */
function clampWoeToTrend(bins: readonly WoeBin[], trend: "ascending" | "descending"): readonly WoeBin[] {
  const out = bins.map((bin) => ({ ...bin }));
  for (let k = 1; k < out.length - 1; k++) {
    out[k].woe = trend === "ascending" ? Math.min(out[k].woe, out[k - 1].woe) : Math.max(out[k].woe, out[k - 1].woe);
  }
  return Object.freeze(out.map((bin) => Object.freeze(bin)));
}

function withWeightsOfEvidence(blocks: readonly Block[], missing: { count: number; events: number }, smoothing: number): { bins: readonly WoeBin[]; informationValue: number } {
  const all = [...blocks, missing];
  const { woe, informationValue } = weightsOfEvidence(
    all.map((block) => block.count),
    all.map((block) => block.events),
    smoothing,
  );
  return { bins: Object.freeze(all.map((block, k) => Object.freeze({ count: block.count, events: block.events, woe: woe[k] }))), informationValue };
}
