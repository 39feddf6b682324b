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

/**
 * A unique violation reported by the store (Prisma's P2002) as CONFLICT naming the constrained fields; null for
 * any other error. The one mapping of database uniqueness to the domain: runAudited applies it to every change,
 * and the transports to anything else that reaches them.
 */
export function asConflict(error: unknown): DomainError | null {
  const candidate = error as { code?: unknown; meta?: Record<string, unknown> } | null;
  if (!candidate || candidate.code !== "P2002") return null;
  const fields = uniqueFields(candidate.meta).filter((field) => field !== "tenantId");
  const field = fields.join(",") || "input";
  return conflict(field, `${field}: already exists (a concurrent or earlier change holds this value).`);
}

// Prisma names the constraint's fields in meta.target (native engine) or under meta.driverAdapterError
// (driver adapters); either may be absent.
function uniqueFields(meta: Record<string, unknown> | undefined): string[] {
  if (Array.isArray(meta?.target)) return meta.target.map(String);
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: { fields?: unknown; index?: unknown } } } | undefined)?.cause;
  if (Array.isArray(cause?.constraint?.fields)) return cause.constraint.fields.map((field) => String(field).replaceAll('"', ""));
  if (typeof cause?.constraint?.index === "string") return [cause.constraint.index];
  return [];
}
