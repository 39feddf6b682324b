/**
 * How a cell of a lender's export is read as a number. Core-banking and loan-system exports write
 * numbers in a handful of forms; each has one documented reading:
 *
 * | form        | examples                        | read as                                        |
 * |-------------|---------------------------------|------------------------------------------------|
 * | plain       | `1200`, `-3.5`, `1e3`           | the number                                     |
 * | thousands   | `1,234`, `12,500.75`            | the number without its separators (groups of 3) |
 * | percent     | `83.70%`, `0%`                  | the percentage points (83.7), not a share      |
 * | unit        | `36 months`, `1 year`, `2 yrs`  | the number; the unit word must be the column's only unit |
 * | at least    | `10+ years`, `> 5`              | the bound (10, 5)                              |
 * | below       | `< 1 year`                      | half the bound (0.5): between 0 and the bound  |
 *
 * "Below k" as k/2 and "k+" as k keep the order of the levels (< 1 year < 1 year < … < 10+ years),
 * which is all that binned members (trees, WoE scorecard) use. Hexadecimal, `Infinity` and decimal
 * commas (`1,5`) are not numbers here: a column holding them is read as categorical (or refused).
 *
 * Missing cells: the tokens pandas' read_csv treats as NA by default (`na_values`), which covers
 * "", "NA", "N/A", "n/a", "null", "NaN", "None", "#N/A" — compared after trimming spaces.
 */

/** Cell texts read as missing (NaN), after trimming: pandas' read_csv default `na_values`. */
export const DEFAULT_MISSING_TOKENS: readonly string[] = Object.freeze(["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"]);

/** The form a numeric cell was written in (see the table above). */
export type NumberForm = "plain" | "thousands" | "percent" | "unit" | "atLeast" | "below";

/** A cell read as a number: its value, its form and, for the unit forms, the unit word (singular, lower case). */
export interface NumberReading {
  readonly value: number;
  readonly form: NumberForm;
  readonly unit: string | null;
}

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PERCENT = /^([+-]?(?:\d+\.?\d*|\.\d+))\s*%$/;
/** Comparator, number, "+", then a unit word after a space ("860xx" is a code, not 860 of unit "xx"). */
const WITH_UNIT = /^(<|>|<=|>=|≤|≥)?\s*(\d+\.?\d*|\.\d+)(\+)?(?:\s+([A-Za-z]+))?$/;

/**
 * Reads one (trimmed) cell as a number, or returns null when it is in none of the forms above.
 * Missing tokens are the caller's business (they return null here too, except plain ones never do).
 * @example readNumberCell("10+ years") // { value: 10, form: "atLeast", unit: "year" }
 * @example readNumberCell("83.70%")    // { value: 83.7, form: "percent", unit: null }
 */
export function readNumberCell(text: string): NumberReading | null {
  if (PLAIN.test(text)) return { value: Number(text), form: "plain", unit: null };
  if (THOUSANDS.test(text)) return { value: Number(text.replace(/,/g, "")), form: "thousands", unit: null };
  const percent = PERCENT.exec(text);
  if (percent) return { value: Number(percent[1]), form: "percent", unit: null };
  const withUnit = WITH_UNIT.exec(text);
  if (withUnit && (withUnit[1] !== undefined || withUnit[3] !== undefined || withUnit[4] !== undefined)) {
    const [, comparator, digits, plus, word] = withUnit;
    const bound = Number(digits);
    const unit = word === undefined ? null : singularUnit(word);
    if (comparator === "<" || comparator === "<=" || comparator === "≤") {
      if (plus !== undefined) return null;
      return { value: bound / 2, form: "below", unit };
    }
    if (comparator !== undefined || plus !== undefined) return { value: bound, form: "atLeast", unit };
    return { value: bound, form: "unit", unit };
  }
  return null;
}

/** "Years" → "year", "yrs" → "yr", "months" → "month": plural and case do not make another unit. */
function singularUnit(word: string): string {
  const lower = word.toLowerCase();
  return lower.length > 1 && lower.endsWith("s") ? lower.slice(0, -1) : lower;
}
