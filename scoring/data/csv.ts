import { parse } from "csv-parse/sync";
import { ScoringError } from "../core/errors";
import { inferColumnReading, readDeclaredColumn, type ColumnReading } from "./column-reading";
import { DEFAULT_MISSING_TOKENS } from "./exported-values";
import { createMatrix, type FeatureSpec, type Matrix } from "./matrix";

export { DEFAULT_MISSING_TOKENS } from "./exported-values";

export interface CsvParseOptions {
  /** Label column. Absent → no labels. */
  readonly target?: string;
  /**
   * The target value that means default (1), e.g. "Charged Off"; every other non-missing value is 0.
   * Absent → the target must be 0 or 1.
   */
  readonly positiveLabel?: string;
  /**
   * Row-id column. Absent → the first column when its header is empty (the unnamed index that pandas
   * writes, as in Give Me Some Credit), else the 0-based data row index.
   */
  readonly id?: string;
  /**
   * Declared features (e.g. a model's): those columns, in that order, numeric cells read by
   * readNumberCell, categorical values mapped to the declared categories (an unseen category is
   * missing). Absent → every other column, its type inferred (inferColumnReading).
   */
  readonly features?: readonly FeatureSpec[];
  /** Columns to read as categorical whatever they hold (e.g. numeric branch codes "001", "002"). */
  readonly categorical?: readonly string[];
  /** Cell texts read as missing, compared after trimming (default DEFAULT_MISSING_TOKENS). */
  readonly missingTokens?: readonly string[];
}

export interface ParsedCsv {
  readonly matrix: Matrix;
  /** 0/1 labels when `target` was given, else null. */
  readonly labels: Float64Array | null;
  readonly rowIds: readonly string[];
  /** How each feature column was read, in feature order (describeColumnReading prints one). */
  readonly readings: readonly ColumnReading[];
}

/**
 * Parses CSV text (RFC 4180, via csv-parse) with a header row into a Matrix, labels and row ids.
 * Pure: the caller reads the file. Cells are trimmed; missing tokens become NaN, never 0; numbers in a
 * lender's export forms ("83.70%", "1,234", "10+ years", "< 1 year", "36 months") are read as
 * documented in exported-values.ts; column types are inferred by inferColumnReading unless declared.
 * @throws ScoringError INVALID_DATA on an empty file, ragged rows, duplicate headers, a label that is
 * not 0/1 (or, with positiveLabel, missing), a column that looks numeric but holds a non-number, a
 * column mixing units or percentages with plain numbers, a non-numeric cell in a numeric declared
 * feature; SHAPE_MISMATCH when a declared feature, the target or the id column is absent.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): ParsedCsv {
  const where = "parseCsv";
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true, bom: true, trim: true }) as string[][];
  } catch (error) {
    throw new ScoringError("INVALID_DATA", `${where}: malformed CSV (${(error as Error).message})`);
  }
  if (records.length < 2) throw new ScoringError("INVALID_DATA", `${where}: expected a header and at least one data row`);
  const header = records[0];
  const rows = records.length - 1;
  const indexOf = new Map<string, number>();
  header.forEach((name, c) => {
    if (indexOf.has(name)) throw new ScoringError("INVALID_DATA", `${where}: column "${name}" appears twice in the header`, name);
    indexOf.set(name, c);
  });
  const columnIndex = (name: string, what: string): number => {
    const c = indexOf.get(name);
    if (c === undefined) throw new ScoringError("SHAPE_MISMATCH", `${where}: ${what} column "${name}" is not in the header`, name);
    return c;
  };
  const missing = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
  const targetColumn = options.target === undefined ? -1 : columnIndex(options.target, "target");
  const idColumn = options.id !== undefined ? columnIndex(options.id, "id") : header[0] === "" ? 0 : -1;
  for (const name of options.categorical ?? []) columnIndex(name, "categorical");
  const cellsOf = (c: number): string[] => records.slice(1).map((record) => record[c]);

  const labels = targetColumn < 0 ? null : readLabels(where, options.target as string, cellsOf(targetColumn), options.positiveLabel, missing);
  const rowIds = Array.from({ length: rows }, (_, i) => (idColumn < 0 ? String(i) : records[i + 1][idColumn]));

  const declared = options.features;
  const featureColumns = declared ? declared.map((f) => columnIndex(f.name, "feature")) : header.map((_, c) => c).filter((c) => c !== targetColumn && c !== idColumn);
  const forcedCategorical = new Set(options.categorical ?? []);
  const readings = featureColumns.map((c, j) => {
    const cells = cellsOf(c);
    const spec = declared?.[j];
    if (spec) return readDeclaredColumn(spec, cells, missing);
    return inferColumnReading(header[c], cells, missing, forcedCategorical.has(header[c]));
  });
  const matrix = createMatrix(
    readings.map((r) => r.feature),
    readings.map((r) => r.values),
  );
  return { matrix, labels, rowIds, readings: readings.map((r) => r.reading) };
}

function readLabels(where: string, target: string, cells: readonly string[], positiveLabel: string | undefined, missing: ReadonlySet<string>): Float64Array {
  return Float64Array.from(cells, (text, i) => {
    if (positiveLabel !== undefined) {
      if (missing.has(text)) throw new ScoringError("INVALID_DATA", `${where}: target "${target}" at data row ${i} is missing ("${text}")`, target);
      return text === positiveLabel ? 1 : 0;
    }
    const value = text === "" ? NaN : Number(text);
    if (value === 0 || value === 1) return value;
    throw new ScoringError("INVALID_DATA", `${where}: target "${target}" at data row ${i} is "${text}", expected 0 or 1 (or name the default value with a positive label, e.g. --positive "${text}")`, target);
  });
}
