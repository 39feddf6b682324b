// The closed set of error codes the API answers with, in one table. Clients branch on `extensions.code`;
// anything outside the table is masked as INTERNAL_SERVER_ERROR after it has been logged.
import { GraphQLError, type GraphQLFormattedError } from "graphql";

export const errorCodes = {
  UNAUTHENTICATED: { httpStatus: 401, meaning: "No valid session or API key." },
  FORBIDDEN: { httpStatus: 403, meaning: "Authenticated, but the role or key scope does not allow this." },
  BAD_USER_INPUT: { httpStatus: 400, meaning: "The request is malformed or an argument is invalid; `extensions.field` names it." },
  NOT_FOUND: { httpStatus: 404, meaning: "No such object in the caller's tenant." },
  CONFLICT: { httpStatus: 409, meaning: "The change clashes with existing data (e.g. a duplicate external id)." },
  CONSENT_REQUIRED: { httpStatus: 403, meaning: "The borrower has not given (or has revoked) the consent this needs." },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, meaning: "An unexpected failure; details are in the server log, never in the response." },
} as const;

export type ErrorCode = keyof typeof errorCodes;

// Apollo's own request-level failures (unparsable query, failed validation, bad HTTP request): all the
// caller's fault, reported as BAD_USER_INPUT with Apollo's code kept as `reason`.
const apolloRequestErrorCodes = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorCodes, value);
}

/** One invalid item of a batch, e.g. `{ field: "transactions[3].amount", message: "…" }`. */
export interface InputIssue {
  field: string;
  message: string;
}

/** An error the API reports as is. `field` names the offending argument (BAD_USER_INPUT); `issues` lists every invalid item of a batch. */
export function apiError(code: ErrorCode, message: string, details: { field?: string; issues?: InputIssue[] } = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export const unauthenticated = (message = "Sign in or send an API key."): GraphQLError => apiError("UNAUTHENTICATED", message);

/** Refuses the whole request before any field runs (bad credentials): HTTP 401, Apollo drops `http` from the body. */
export const unauthenticatedRequest = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: errorCodes.UNAUTHENTICATED.httpStatus } } });
export const forbidden = (message: string): GraphQLError => apiError("FORBIDDEN", message);
export const badUserInput = (field: string, message: string): GraphQLError => apiError("BAD_USER_INPUT", message, { field });
/** BAD_USER_INPUT for a batch: `field` names the first invalid item, `issues` all of them. */
export const badUserInputIssues = (issues: InputIssue[]): GraphQLError =>
  apiError("BAD_USER_INPUT", `${issues.length} invalid item(s): ${issues.slice(0, 5).map((issue) => `${issue.field}: ${issue.message}`).join("; ")}`, { field: issues[0]?.field, issues });
export const notFound = (message: string): GraphQLError => apiError("NOT_FOUND", message);
export const conflict = (field: string, message: string): GraphQLError => apiError("CONFLICT", message, { field });

/**
 * Apollo's formatError: keeps errors of the closed set (without stack traces), maps Apollo's request errors
 * to BAD_USER_INPUT, and logs then masks everything else.
 */
export function formatApiError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  if (isErrorCode(code) && code !== "INTERNAL_SERVER_ERROR") {
    return { ...formatted, extensions };
  }
  if (typeof code === "string" && apolloRequestErrorCodes.has(code)) {
    return { message: formatted.message, locations: formatted.locations, extensions: { code: "BAD_USER_INPUT", reason: code } };
  }
  console.error("[graphql] unexpected error", { path: formatted.path, error });
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
