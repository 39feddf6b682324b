/**
 * The closed set of errors the scoring library throws. Every message names the function (and, where
 * relevant, the field or feature) so a caller can tell the user what to fix.
 */
export type ScoringErrorCode =
  | "INVALID_ARGUMENT" // a hyperparameter or argument outside its documented domain
  | "SHAPE_MISMATCH" // wrong number of rows or columns, or features in another order
  | "NOT_FITTED" // a model used before fit
  | "INVALID_DATA" // data the model cannot learn from (one class only, non-finite target, …)
  | "INVALID_ARTIFACT"; // a serialised model that is malformed, of another format version or tampered with

export class ScoringError extends Error {
  readonly code: ScoringErrorCode;
  readonly field: string | undefined;

  constructor(code: ScoringErrorCode, message: string, field?: string) {
    super(message);
    this.name = "ScoringError";
    this.code = code;
    this.field = field;
  }
}

/** Throws INVALID_ARGUMENT unless `condition` holds. `where` is "function: parameter". */
export function requireArgument(condition: boolean, where: string, expectation: string): asserts condition {
  if (!condition) throw new ScoringError("INVALID_ARGUMENT", `${where} must be ${expectation}`, where.split(": ")[1]);
}
