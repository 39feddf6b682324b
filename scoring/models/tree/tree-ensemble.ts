import { ScoringError } from "../../core/errors";
import { assertBinaryLabels, assertSameFeatures, type FeatureSpec, type Matrix } from "../../data/matrix";
import type { FitOptions } from "../model";
import { DecisionTree, type DecisionTreeJSON } from "./decision-tree";
import { TreeShapExplainer } from "./tree-shap";
import { derivedFeatures, foldAttribution, targetStatisticsFromJSON, targetStatisticsToJSON, writeAugmentedRow, type TargetStatistic, type TargetStatisticJSON } from "./target-statistics";

/**
 * An additive ensemble of trees with output initialScore + scale·Σ_t f_t(x): a forest's mean
 * (scale 1/T, probability) or a boosted margin (scale 1, log-odds). Shared by both tree models for
 * prediction and exact explanation; immutable. With target statistics (fitTargetStatistics) the trees
 * read the input features followed by one statistic per listed categorical feature; rows come in at
 * the input width, are augmented here, and explanations fold each statistic's share back onto its
 * categorical feature, so callers only ever see the input features.
 */
export class TreeEnsemble {
  /** The input features (what a row holds). */
  readonly features: readonly FeatureSpec[];
  readonly trees: readonly DecisionTree[];
  readonly initialScore: number;
  readonly scale: number;
  /** Target statistics the trees read after the input features (empty: none). */
  readonly statistics: readonly TargetStatistic[];
  /** E[output] under the trees' covers: the base value of the explanations. */
  readonly expectedOutput: number;
  private readonly explainer: TreeShapExplainer;
  private readonly treeWidth: number;

  constructor(features: readonly FeatureSpec[], trees: readonly DecisionTree[], initialScore: number, scale: number, statistics: readonly TargetStatistic[] = []) {
    this.features = features;
    this.trees = trees;
    this.initialScore = initialScore;
    this.scale = scale;
    this.statistics = statistics;
    this.treeWidth = features.length + statistics.length;
    this.expectedOutput = initialScore + scale * trees.reduce((sum, tree) => sum + tree.expectation(), 0);
    this.explainer = new TreeShapExplainer(trees, this.treeWidth, scale);
  }

  /** The features the trees split on: the input features, then the statistics' numeric columns. */
  get treeFeatures(): readonly FeatureSpec[] {
    return this.statistics.length === 0 ? this.features : [...this.features, ...derivedFeatures(this.features, this.statistics)];
  }

  /** The ensemble output for one input row (input width). */
  output(row: ArrayLike<number>): number {
    return this.outputOfTreeRow(this.treeRow(row));
  }

  private treeRow(row: ArrayLike<number>): ArrayLike<number> {
    if (this.statistics.length === 0) return row;
    const out = new Float64Array(this.treeWidth);
    writeAugmentedRow(this.statistics, row, out);
    return out;
  }

  private outputOfTreeRow(values: ArrayLike<number>): number {
    let sum = 0;
    for (const tree of this.trees) sum += tree.value[tree.leafIndex(values, 0)];
    return this.initialScore + this.scale * sum;
  }

  /** Outputs for every row of `x`, in order. @throws SHAPE_MISMATCH unless x has the ensemble's input features. */
  outputs(where: string, x: Matrix): Float64Array {
    assertSameFeatures(where, this.features, x);
    const row = new Float64Array(this.features.length);
    const treeRow = new Float64Array(this.treeWidth);
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < row.length; j++) row[j] = x.columns[j][i];
      writeAugmentedRow(this.statistics, row, treeRow);
      out[i] = this.outputOfTreeRow(treeRow);
    }
    return out;
  }

  /** Exact TreeSHAP attribution of one input row: expectedOutput + Σ contributions = output. */
  explain(row: ArrayLike<number>): { base: number; contributions: Float64Array; output: number } {
    const values = this.treeRow(row);
    const contributions = new Float64Array(this.treeWidth);
    this.explainer.accumulate(values, contributions);
    const folded = this.statistics.length === 0 ? contributions : foldAttribution(this.statistics, contributions, this.features.length);
    return { base: this.expectedOutput, contributions: folded, output: this.outputOfTreeRow(values) };
  }

  /** @throws ScoringError SHAPE_MISMATCH unless `row` has one value per feature. */
  assertRowWidth(where: string, row: ArrayLike<number>): void {
    if (row.length !== this.features.length) throw new ScoringError("SHAPE_MISMATCH", `${where}: row has ${row.length} values, model expects ${this.features.length}`);
  }
}

/**
 * Checks the data of a tree model's fit and returns the per-row weights (a fresh array, 1 when none
 * are given). @throws SHAPE_MISMATCH / INVALID_DATA naming `where`.
 */
export function validateTreeFitData(where: string, x: Matrix, y: Float64Array, options: FitOptions): Float64Array {
  assertBinaryLabels(where, y, x.rows);
  if (x.features.length === 0) throw new ScoringError("SHAPE_MISMATCH", `${where}: the matrix has no features`);
  if (options.validation) {
    assertSameFeatures(`${where}: validation`, x.features, options.validation.x);
    assertBinaryLabels(`${where}: validation`, options.validation.y, options.validation.x.rows);
  }
  if (!options.sampleWeight) return new Float64Array(x.rows).fill(1);
  const weights = options.sampleWeight;
  if (weights.length !== x.rows) throw new ScoringError("SHAPE_MISMATCH", `${where}: ${weights.length} sample weights for ${x.rows} rows`, "sampleWeight");
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i] >= 0 && Number.isFinite(weights[i]))) throw new ScoringError("INVALID_DATA", `${where}: sample weight at row ${i} is ${weights[i]}, expected a finite number ≥ 0`, "sampleWeight");
    total += weights[i];
  }
  if (!(total > 0)) throw new ScoringError("INVALID_DATA", `${where}: sample weights sum to 0`, "sampleWeight");
  return Float64Array.from(weights);
}

/** The rows of `x` as one row-major array (row i at offset i·features), the layout `TreeEnsemble.output` reads. */
export function toRowMajor(x: Matrix): Float64Array {
  const width = x.features.length;
  const out = new Float64Array(x.rows * width);
  for (let j = 0; j < width; j++) {
    const column = x.columns[j];
    for (let i = 0; i < x.rows; i++) out[i * width + j] = column[i];
  }
  return out;
}

/** Version of a tree-model artifact without target statistics (unchanged since before they existed). */
export const TREE_MODEL_VERSION = 1;
/** Version of a tree-model artifact with target statistics: a reader of version 1 must refuse it. */
export const TREE_MODEL_VERSION_WITH_STATISTICS = 2;

/**
 * The parts every tree-model artifact shares: format tag, version, input features, the target
 * statistics (version 2 only; the trees' features are the input features, then one per statistic)
 * and trees.
 */
export interface TreeModelJSON {
  readonly format: string;
  readonly version: number;
  readonly features: readonly FeatureSpec[];
  readonly targetStatistics?: readonly TargetStatisticJSON[];
  readonly trees: readonly DecisionTreeJSON[];
}

/** The shared parts of `ensemble`'s artifact (see TreeModelJSON); a model without statistics writes version 1, as before. */
export function treeModelJSON(format: string, ensemble: TreeEnsemble): TreeModelJSON {
  const statistics = ensemble.statistics.length === 0 ? {} : { targetStatistics: targetStatisticsToJSON(ensemble.statistics) };
  const version = ensemble.statistics.length === 0 ? TREE_MODEL_VERSION : TREE_MODEL_VERSION_WITH_STATISTICS;
  return { format, version, features: ensemble.features, ...statistics, trees: ensemble.trees.map((tree) => tree.toJSON()) };
}

/**
 * Reads the shared parts of a tree-model artifact, checking the format tag and version, the feature
 * declarations and every tree. @throws ScoringError INVALID_ARTIFACT naming `where`.
 */
export function parseTreeModelJSON(json: unknown, format: string, where: string): { record: Record<string, unknown>; features: FeatureSpec[]; statistics: readonly TargetStatistic[]; trees: DecisionTree[] } {
  const fail = (what: string): never => {
    throw new ScoringError("INVALID_ARTIFACT", `${where}: ${what}`);
  };
  if (typeof json !== "object" || json === null) return fail("the artifact is not an object");
  const record = json as Record<string, unknown>;
  if (record.format !== format) fail(`format is ${JSON.stringify(record.format)}, expected "${format}"`);
  if (record.version !== TREE_MODEL_VERSION && record.version !== TREE_MODEL_VERSION_WITH_STATISTICS) fail(`version is ${JSON.stringify(record.version)}, expected ${TREE_MODEL_VERSION} or ${TREE_MODEL_VERSION_WITH_STATISTICS}`);
  if ((record.version === TREE_MODEL_VERSION_WITH_STATISTICS) !== (record.targetStatistics !== undefined)) fail(`version ${record.version} ${record.version === TREE_MODEL_VERSION ? "has no" : "needs"} targetStatistics`);
  if (!Array.isArray(record.features) || record.features.length === 0) fail("features is not a non-empty array");
  const features = (record.features as unknown[]).map((spec, j): FeatureSpec => {
    const s = spec as Record<string, unknown> | null;
    if (typeof s !== "object" || s === null || typeof s.name !== "string") return fail(`feature ${j} has no name`);
    if (s.kind === "numeric") return { name: s.name, kind: "numeric" };
    if (s.kind === "categorical" && Array.isArray(s.categories) && s.categories.every((c) => typeof c === "string")) {
      return { name: s.name, kind: "categorical", categories: [...(s.categories as string[])] };
    }
    return fail(`feature "${s.name}" has kind ${JSON.stringify(s.kind)} or malformed categories`);
  });
  if (new Set(features.map((f) => f.name)).size !== features.length) fail("feature names repeat");
  if (!Array.isArray(record.trees) || record.trees.length === 0) fail("trees is not a non-empty array");
  const statistics = record.targetStatistics === undefined ? [] : targetStatisticsFromJSON(record.targetStatistics, features, where);
  const treeFeatures = [...features, ...derivedFeatures(features, statistics)];
  const trees = (record.trees as unknown[]).map((tree, t) => DecisionTree.fromJSON(tree, treeFeatures, `${where}: tree ${t}`));
  return { record, features, statistics, trees };
}
