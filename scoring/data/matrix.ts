import { ScoringError } from "../core/errors";

/**
 * A feature's declaration. Numeric values are finite numbers or NaN (missing). Categorical values are
 * stored as the index into `categories` (0, 1, …) or NaN when missing; an unseen category at prediction
 * time is treated as missing.
 */
export type FeatureSpec =
  | { readonly name: string; readonly kind: "numeric" }
  | { readonly name: string; readonly kind: "categorical"; readonly categories: readonly string[] };

/**
 * A column-major numeric matrix on typed arrays: `columns[j][i]` is feature j of row i. NaN means
 * missing and is never silently replaced. Models never mutate a Matrix.
 */
export interface Matrix {
  readonly rows: number;
  readonly features: readonly FeatureSpec[];
  readonly columns: readonly Float64Array[];
}

/** Builds a Matrix from columns, checking that every column has `rows` entries and codes are valid. */
export function createMatrix(features: readonly FeatureSpec[], columns: readonly Float64Array[]): Matrix {
  if (features.length !== columns.length) {
    throw new ScoringError("SHAPE_MISMATCH", `createMatrix: ${features.length} features but ${columns.length} columns`);
  }
  const rows = columns.length > 0 ? columns[0].length : 0;
  const names = new Set<string>();
  features.forEach((feature, j) => {
    if (names.has(feature.name)) throw new ScoringError("INVALID_ARGUMENT", `createMatrix: feature "${feature.name}" is declared twice`, feature.name);
    names.add(feature.name);
    const column = columns[j];
    if (column.length !== rows) {
      throw new ScoringError("SHAPE_MISMATCH", `createMatrix: column "${feature.name}" has ${column.length} rows, expected ${rows}`, feature.name);
    }
    for (let i = 0; i < rows; i++) {
      const v = column[i];
      if (v === Infinity || v === -Infinity) {
        throw new ScoringError("INVALID_DATA", `createMatrix: feature "${feature.name}" row ${i} is infinite`, feature.name);
      }
      if (feature.kind === "categorical" && !Number.isNaN(v) && !(Number.isInteger(v) && v >= 0 && v < feature.categories.length)) {
        throw new ScoringError("INVALID_DATA", `createMatrix: categorical feature "${feature.name}" row ${i} has code ${v}, not in 0..${feature.categories.length - 1}`, feature.name);
      }
    }
  });
  return Object.freeze({ rows, features: Object.freeze([...features]), columns: Object.freeze([...columns]) });
}

/** Builds a Matrix from row objects; absent, null or undefined values become NaN (missing). */
export function matrixFromRecords(features: readonly FeatureSpec[], records: readonly Readonly<Record<string, number | string | null | undefined>>[]): Matrix {
  const columns = features.map((feature) => {
    const column = new Float64Array(records.length);
    const codes = feature.kind === "categorical" ? new Map(feature.categories.map((c, k) => [c, k])) : undefined;
    records.forEach((record, i) => {
      const value = record[feature.name];
      if (value === null || value === undefined) column[i] = NaN;
      else if (codes) column[i] = typeof value === "string" ? (codes.get(value) ?? NaN) : value;
      else if (typeof value === "number") column[i] = value;
      else throw new ScoringError("INVALID_DATA", `matrixFromRecords: feature "${feature.name}" row ${i} is the string "${value}", expected a number`, feature.name);
    });
    return column;
  });
  return createMatrix(features, columns);
}

/** The rows at `indices`, in that order, as a new Matrix. */
export function selectRows(matrix: Matrix, indices: ArrayLike<number>): Matrix {
  const columns = matrix.columns.map((column) => {
    const out = new Float64Array(indices.length);
    for (let k = 0; k < indices.length; k++) out[k] = column[indices[k]];
    return out;
  });
  return Object.freeze({ rows: indices.length, features: matrix.features, columns: Object.freeze(columns) });
}

/** Row i as a dense array in feature order (the layout single-row prediction uses). */
export function getRow(matrix: Matrix, i: number): Float64Array {
  const row = new Float64Array(matrix.features.length);
  for (let j = 0; j < row.length; j++) row[j] = matrix.columns[j][i];
  return row;
}

/** Throws SHAPE_MISMATCH unless `matrix` has exactly the features (names, kinds, order) a model was fitted on. */
export function assertSameFeatures(where: string, expected: readonly FeatureSpec[], matrix: Matrix): void {
  const got = matrix.features;
  if (got.length !== expected.length) {
    throw new ScoringError("SHAPE_MISMATCH", `${where}: model expects ${expected.length} features, data has ${got.length}`);
  }
  for (let j = 0; j < expected.length; j++) {
    if (got[j].name !== expected[j].name || got[j].kind !== expected[j].kind) {
      throw new ScoringError("SHAPE_MISMATCH", `${where}: feature ${j} is "${got[j].name}" (${got[j].kind}), model expects "${expected[j].name}" (${expected[j].kind})`, got[j].name);
    }
  }
}

/** Throws unless `labels` is a 0/1 vector of length `rows` with both classes present. */
export function assertBinaryLabels(where: string, labels: ArrayLike<number>, rows: number): void {
  if (labels.length !== rows) throw new ScoringError("SHAPE_MISMATCH", `${where}: ${labels.length} labels for ${rows} rows`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new ScoringError("INVALID_DATA", `${where}: label at row ${i} is ${y}, expected 0 or 1`);
    positives += y;
  }
  if (positives === 0 || positives === labels.length) throw new ScoringError("INVALID_DATA", `${where}: labels contain one class only`);
}
