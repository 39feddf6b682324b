// The closed set of error codes the API answers with, in one table. Clients branch on `extensions.code`;
// anything outside the table is masked as INTERNAL_SERVER_ERROR after it has been logged.
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { asConflict, isDomainError, type DomainErrorCode, type InputIssue } from "@/core/errors";

export const errorCodes = {
  UNAUTHENTICATED: { httpStatus: 401, meaning: "No valid session or API key." },
  FORBIDDEN: { httpStatus: 403, meaning: "Authenticated, but the role or key scope does not allow this." },
  BAD_USER_INPUT: { httpStatus: 400, meaning: "The request is malformed or an argument is invalid; `extensions.field` names it." },
  NOT_FOUND: { httpStatus: 404, meaning: "No such object in the caller's tenant." },
  CONFLICT: { httpStatus: 409, meaning: "The change clashes with existing data (e.g. a duplicate external id)." },
  CONSENT_REQUIRED: { httpStatus: 403, meaning: "The borrower has not given (or has revoked) the consent this needs." },
  RATE_LIMITED: { httpStatus: 429, meaning: "Too many requests from this key, user or address; retry after `Retry-After` seconds (also `extensions.retryAfterSeconds`)." },
  DEADLINE_EXCEEDED: { httpStatus: 503, meaning: "The request ran past its deadline or its client went away; its work was stopped." },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, meaning: "An unexpected failure; details are in the server log, never in the response." },
} as const;

export type ErrorCode = keyof typeof errorCodes;
// Every code the core can throw has its row (a type error otherwise).
export const domainErrorStatus: Record<DomainErrorCode, { httpStatus: number }> = errorCodes;

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

/** An error the API reports as is (errors raised by the transport itself; the core throws DomainError). */
export function apiError(code: ErrorCode, message: string, details: { field?: string; issues?: InputIssue[] } = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/** Refuses the whole request before any field runs (bad credentials): HTTP 401, Apollo drops `http` from the body. */
export const unauthenticatedRequest = (message: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: errorCodes.UNAUTHENTICATED.httpStatus } } });
/** Refuses the whole request for now (a rate limit): HTTP 429 with Retry-After. */
export const rateLimitedRequest = (retryAfterSeconds: number, message: string): GraphQLError =>
  new GraphQLError(message, {
    extensions: { code: "RATE_LIMITED", retryAfterSeconds, http: { status: errorCodes.RATE_LIMITED.httpStatus, headers: new Map([["retry-after", String(retryAfterSeconds)]]) } },
  });
export const badUserInput = (field: string, message: string): GraphQLError => apiError("BAD_USER_INPUT", message, { field });
export const unauthenticated = (message = "Sign in or send an API key."): GraphQLError => apiError("UNAUTHENTICATED", message);
export const forbidden = (message: string): GraphQLError => apiError("FORBIDDEN", message);

/** A domain error of the core as the API reports it: its code, and the field and issues when it names them. */
export function toGraphQLError(error: unknown): GraphQLError | null {
  const domainError = isDomainError(error) ? error : asConflict(error);
  if (!domainError) return null;
  return apiError(domainError.code, domainError.message, { ...(domainError.field ? { field: domainError.field } : {}), ...(domainError.issues ? { issues: [...domainError.issues] } : {}) });
}

/**
 * The argument path a variable coercion error names: `Variable "$input" got invalid value … at
 * "input.transactions[0]"; Field "amount" of required type …` → `input.transactions[0].amount`; the
 * variable's name when no deeper path is given; undefined for other messages.
 */
export function coercionPath(message: string): string | undefined {
  const variable = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message);
  if (!variable) return undefined;
  const at = / at "([^"]+)";/.exec(message)?.[1] ?? variable[1];
  const missing = /; Field "([A-Za-z_][A-Za-z0-9_]*)" of required type/.exec(message)?.[1] ?? /; Field "([A-Za-z_][A-Za-z0-9_]*)" is not defined/.exec(message)?.[1];
  return missing ? `${at}.${missing}` : at;
}

/**
 * Apollo's formatError: keeps errors of the closed set (without stack traces), maps Apollo's request errors
 * to BAD_USER_INPUT, and logs then masks everything else.
 */
export function formatApiError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const domainError = toGraphQLError(unwrapResolverError(error));
  if (domainError) return { message: domainError.message, locations: formatted.locations, path: formatted.path, extensions: domainError.extensions };
  const code = formatted.extensions?.code;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  if (isErrorCode(code) && code !== "INTERNAL_SERVER_ERROR") {
    const field = extensions.field ?? coercionPath(formatted.message);
    return { ...formatted, extensions: { ...extensions, ...(field ? { field } : {}) } };
  }
  if (typeof code === "string" && apolloRequestErrorCodes.has(code)) {
    const field = typeof extensions.field === "string" ? extensions.field : undefined;
    return { message: formatted.message, locations: formatted.locations, extensions: { code: "BAD_USER_INPUT", reason: code, ...(field ? { field } : {}) } };
  }
  console.error("[graphql] unexpected error", { path: formatted.path, error });
  return { message: "Internal server error", path: formatted.path, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
