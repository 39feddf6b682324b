import { parse } from "csv-parse/sync";
import { ScoringError } from "../core/errors";
import { createMatrix, type FeatureSpec, type Matrix } from "./matrix";

/** Cell texts read as missing (NaN). Matches pandas' default NA reading for these two. */
export const DEFAULT_MISSING_TOKENS: readonly string[] = Object.freeze(["", "NA"]);

export interface CsvParseOptions {
  /** Label column: values 0/1 (1 = default). Absent → no labels. */
  readonly target?: string;
  /**
   * Row-id column. Absent → the first column when its header is empty (the unnamed index that pandas
   * writes, as in Give Me Some Credit), else the 0-based data row index.
   */
  readonly id?: string;
  /**
   * Declared features (e.g. a model's): those columns, in that order, categorical values mapped to
   * the declared categories (an unseen category is missing). Absent → every other column, detected:
   * numeric when every non-missing cell is a finite number, else categorical with its distinct values
   * in sorted order as categories.
   */
  readonly features?: readonly FeatureSpec[];
  readonly missingTokens?: readonly string[];
}

export interface ParsedCsv {
  readonly matrix: Matrix;
  /** 0/1 labels when `target` was given, else null. */
  readonly labels: Float64Array | null;
  readonly rowIds: readonly string[];
}

function toNumber(cell: string): number {
  const trimmed = cell.trim();
  return trimmed === "" ? NaN : Number(trimmed);
}

/**
 * Parses CSV text (RFC 4180, via csv-parse) with a header row into a Matrix, labels and row ids.
 * Pure: the caller reads the file. Missing tokens ("" and "NA" by default) become NaN, never 0.
 * @throws ScoringError INVALID_DATA on an empty file, ragged rows, duplicate headers, a non-0/1 or
 * missing label, a non-numeric cell in a numeric declared feature, or an infinite number;
 * SHAPE_MISMATCH when a declared feature, the target or the id column is absent.
 */
export function parseCsv(text: string, options: CsvParseOptions = {}): ParsedCsv {
  const where = "parseCsv";
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
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
  const cell = (i: number, c: number): string => records[i + 1][c];

  const labels = targetColumn < 0 ? null : new Float64Array(rows);
  if (labels) {
    for (let i = 0; i < rows; i++) {
      const v = toNumber(cell(i, targetColumn));
      if (v !== 0 && v !== 1) throw new ScoringError("INVALID_DATA", `${where}: target "${options.target}" at data row ${i} is "${cell(i, targetColumn)}", expected 0 or 1`, options.target);
      labels[i] = v;
    }
  }
  const rowIds = Array.from({ length: rows }, (_, i) => (idColumn < 0 ? String(i) : cell(i, idColumn)));

  const declared = options.features;
  const featureColumns = declared ? declared.map((f) => columnIndex(f.name, "feature")) : header.map((_, c) => c).filter((c) => c !== targetColumn && c !== idColumn);
  const features: FeatureSpec[] = [];
  const columns = featureColumns.map((c, j) => {
    const name = header[c];
    const column = new Float64Array(rows);
    const spec = declared?.[j];
    if (spec?.kind === "categorical" || (!spec && !isNumericColumn(records, c, missing))) {
      const categories = spec?.kind === "categorical" ? spec.categories : distinctValues(records, c, missing);
      const code = new Map(categories.map((value, k) => [value, k]));
      for (let i = 0; i < rows; i++) {
        const text = cell(i, c);
        column[i] = missing.has(text) ? NaN : (code.get(text) ?? NaN);
      }
      features.push({ name, kind: "categorical", categories: [...categories] });
    } else {
      for (let i = 0; i < rows; i++) {
        const text = cell(i, c);
        const v = missing.has(text) ? NaN : toNumber(text);
        if (Number.isNaN(v) && !missing.has(text)) throw new ScoringError("INVALID_DATA", `${where}: numeric feature "${name}" at data row ${i} is "${text}"`, name);
        column[i] = v;
      }
      features.push({ name, kind: "numeric" });
    }
    return column;
  });
  return { matrix: createMatrix(features, columns), labels, rowIds };
}

function isNumericColumn(records: string[][], c: number, missing: ReadonlySet<string>): boolean {
  for (let r = 1; r < records.length; r++) {
    const text = records[r][c];
    if (!missing.has(text) && !Number.isFinite(toNumber(text))) return false;
  }
  return true;
}

function distinctValues(records: string[][], c: number, missing: ReadonlySet<string>): string[] {
  const values = new Set<string>();
  for (let r = 1; r < records.length; r++) if (!missing.has(records[r][c])) values.add(records[r][c]);
  return [...values].sort();
}
