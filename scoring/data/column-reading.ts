import { ScoringError } from "../core/errors";
import { readNumberCell, type NumberForm } from "./exported-values";
import type { FeatureSpec } from "./matrix";

/** How one column of a CSV was read: what the summary printed by the CLI shows. */
export interface ColumnReading {
  readonly name: string;
  readonly kind: "numeric" | "categorical";
  /** Why: "inferred", "declared" (a model's features) or "forced" (listed as categorical by the user). */
  readonly source: "inferred" | "declared" | "forced";
  /** Numeric columns: cells per form, with the first cell seen in that form. */
  readonly forms: readonly { readonly form: NumberForm; readonly cells: number; readonly example: string; readonly value: number }[];
  /** The unit word of the column's unit forms ("year", "month"), or null. */
  readonly unit: string | null;
  /** Cells read as missing (missing tokens; for declared categorical columns, unseen categories too). */
  readonly missing: number;
  /** Categorical columns: distinct non-missing values. */
  readonly levels: number;
}

/** A column's feature declaration, its values (NaN = missing) and how it was read. */
export interface ReadColumn {
  readonly feature: FeatureSpec;
  readonly values: Float64Array;
  readonly reading: ColumnReading;
}

/** Share of non-missing cells that must read as numbers before stray non-numbers are refused rather than making the column categorical. */
const NUMERIC_MAJORITY = 0.95;
/** Most distinct stray texts refused as "probably a missing-value token"; more make the column categorical. */
const MAX_STRAY_TEXTS = 3;

/**
 * Infers a column's type from its (trimmed) cells, as documented in docs/features.md ("Reading a CSV"):
 * - numeric when every non-missing cell reads as a number (readNumberCell: plain, thousands
 *   separators, percent, with a unit, "k+" or "< k"), all unit forms share one unit word, and
 *   percentages are not mixed with plain numbers;
 * - refused when at least 95 % of the non-missing cells are numbers and the rest take at most 3
 *   distinct texts (e.g. "unknown", "-"): most likely an unlisted missing token, which silently
 *   turning the column into categories would hide;
 * - categorical otherwise (or when `forceCategorical`), its categories the sorted distinct values.
 * An all-missing column is numeric (all NaN).
 * @throws ScoringError INVALID_DATA naming the column, the data row and the value.
 */
export function inferColumnReading(name: string, cells: readonly string[], missing: ReadonlySet<string>, forceCategorical: boolean): ReadColumn {
  if (!forceCategorical) {
    const numeric = tryNumericColumn(name, cells, missing);
    if (numeric) return numeric;
  }
  return categoricalColumn(name, cells, missing, distinctValues(cells, missing), forceCategorical ? "forced" : "inferred");
}

/**
 * Reads a column as a declared feature (a trained model's): numeric cells by readNumberCell,
 * categorical cells by the declared categories (an unseen one is missing, see binning).
 * @throws ScoringError INVALID_DATA naming the feature, the data row and the value of a non-number in a numeric feature.
 */
export function readDeclaredColumn(spec: FeatureSpec, cells: readonly string[], missing: ReadonlySet<string>): ReadColumn {
  if (spec.kind === "categorical") return categoricalColumn(spec.name, cells, missing, spec.categories, "declared");
  const values = new Float64Array(cells.length);
  const tally = new FormTally();
  let missingCells = 0;
  cells.forEach((text, i) => {
    if (missing.has(text)) {
      values[i] = NaN;
      missingCells++;
      return;
    }
    const reading = readNumberCell(text);
    if (reading === null) throw new ScoringError("INVALID_DATA", `parseCsv: numeric feature "${spec.name}" at data row ${i} is "${text}", not a number in any form the engine reads`, spec.name);
    values[i] = reading.value;
    tally.add(text, reading.form, reading.value);
  });
  return { feature: spec, values, reading: { name: spec.name, kind: "numeric", source: "declared", forms: tally.forms(), unit: null, missing: missingCells, levels: 0 } };
}

function tryNumericColumn(name: string, cells: readonly string[], missing: ReadonlySet<string>): ReadColumn | null {
  const values = new Float64Array(cells.length);
  const tally = new FormTally();
  let missingCells = 0;
  let numbers = 0;
  const stray = new Map<string, number>(); // text → first data row
  let unit: { word: string; example: string } | null = null;
  let percentExample: string | null = null;
  let plainExample: string | null = null;
  cells.forEach((text, i) => {
    if (missing.has(text)) {
      values[i] = NaN;
      missingCells++;
      return;
    }
    const reading = readNumberCell(text);
    if (reading === null) {
      if (!stray.has(text)) stray.set(text, i);
      return;
    }
    numbers++;
    values[i] = reading.value;
    tally.add(text, reading.form, reading.value);
    if (reading.unit !== null) {
      if (unit === null) unit = { word: reading.unit, example: text };
      else if (unit.word !== reading.unit) throw new ScoringError("INVALID_DATA", `parseCsv: column "${name}" mixes units: "${unit.example}" and "${text}" (data row ${i}); convert it to one unit`, name);
    }
    if (reading.form === "percent") percentExample ??= text;
    else plainExample ??= text;
  });
  if (stray.size > 0) {
    const present = numbers + [...stray.keys()].length;
    if (numbers >= NUMERIC_MAJORITY * present && stray.size <= MAX_STRAY_TEXTS) {
      const [text, row] = stray.entries().next().value as [string, number];
      throw new ScoringError("INVALID_DATA", `parseCsv: column "${name}" holds numbers except "${text}" (data row ${row}); list it as a missing-value token, or the column as categorical`, name);
    }
    return null;
  }
  if (percentExample !== null && plainExample !== null) {
    throw new ScoringError("INVALID_DATA", `parseCsv: column "${name}" mixes percentages ("${percentExample}") with plain numbers ("${plainExample}"); write them one way`, name);
  }
  const unitWord = (unit as { word: string } | null)?.word ?? null;
  return { feature: { name, kind: "numeric" }, values, reading: { name, kind: "numeric", source: "inferred", forms: tally.forms(), unit: unitWord, missing: missingCells, levels: 0 } };
}

function categoricalColumn(name: string, cells: readonly string[], missing: ReadonlySet<string>, categories: readonly string[], source: ColumnReading["source"]): ReadColumn {
  const code = new Map(categories.map((value, k) => [value, k]));
  let missingCells = 0;
  const values = Float64Array.from(cells, (text) => {
    const value = missing.has(text) ? NaN : (code.get(text) ?? NaN);
    if (Number.isNaN(value)) missingCells++;
    return value;
  });
  return { feature: { name, kind: "categorical", categories: [...categories] }, values, reading: { name, kind: "categorical", source, forms: [], unit: null, missing: missingCells, levels: categories.length } };
}

function distinctValues(cells: readonly string[], missing: ReadonlySet<string>): string[] {
  const values = new Set<string>();
  for (const text of cells) if (!missing.has(text)) values.add(text);
  return [...values].sort();
}

class FormTally {
  private readonly byForm = new Map<NumberForm, { cells: number; example: string; value: number }>();

  add(text: string, form: NumberForm, value: number): void {
    const entry = this.byForm.get(form);
    if (entry) entry.cells++;
    else this.byForm.set(form, { cells: 1, example: text, value });
  }

  forms(): ColumnReading["forms"] {
    return [...this.byForm.entries()].map(([form, entry]) => ({ form, ...entry }));
  }
}

const FORM_NAMES: Readonly<Record<NumberForm, string>> = { plain: "plain", thousands: "thousands separators", percent: "percent", unit: "with unit", atLeast: "at least", below: "below" };

/**
 * One line of the reading summary, e.g.
 * `revol_util: number (percent 39,736 cells, "83.70%" → 83.7); 50 missing`.
 */
export function describeColumnReading(reading: ColumnReading): string {
  const missing = `${reading.missing.toLocaleString("en-US")} missing`;
  if (reading.kind === "categorical") return `${reading.name}: category (${reading.source}), ${reading.levels.toLocaleString("en-US")} levels; ${missing}`;
  const forms = reading.forms.map((f) => `${FORM_NAMES[f.form]} ${f.cells.toLocaleString("en-US")} cells${f.form === "plain" ? "" : `, "${f.example}" → ${f.value}`}`).join("; ");
  return `${reading.name}: number (${reading.source}${reading.unit === null ? "" : `, unit "${reading.unit}"`})${forms === "" ? "" : ` — ${forms}`}; ${missing}`;
}
