// The closed set of domain errors every use case throws. Transports map them once each: GraphQL in
// graphql/errors.ts (extensions.code), HTTP in graphql/http/handle-rest-request.ts (status code).

export const domainErrorCodes = ["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "CONFLICT", "CONSENT_REQUIRED"] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** One invalid item of a batch, e.g. `{ field: "transactions[3].amount", message: "…" }`. */
export interface InputIssue {
  field: string;
  message: string;
}

/** A failure the caller can act on. `field` names the offending input (a path such as `input.requestedAmount` or `transactions[3].amount`); `issues` lists every invalid item of a batch. */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
    readonly issues?: readonly InputIssue[],
  ) {
    super(message);
  }
}

export const unauthenticated = (message = "Sign in or send an API key."): DomainError => new DomainError("UNAUTHENTICATED", message);
export const forbidden = (message: string): DomainError => new DomainError("FORBIDDEN", message);
export const badUserInput = (field: string, message: string): DomainError => new DomainError("BAD_USER_INPUT", message, field);
/** BAD_USER_INPUT for a batch: `field` names the first invalid item, `issues` all of them. */
export const badUserInputIssues = (issues: InputIssue[]): DomainError =>
  new DomainError("BAD_USER_INPUT", `${issues.length} invalid item(s): ${issues.slice(0, 5).map((issue) => `${issue.field}: ${issue.message}`).join("; ")}`, issues[0]?.field, issues);
export const notFound = (message: string): DomainError => new DomainError("NOT_FOUND", message);
export const conflict = (field: string, message: string): DomainError => new DomainError("CONFLICT", message, field);
export const consentRequired = (message: string): DomainError => new DomainError("CONSENT_REQUIRED", message);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
