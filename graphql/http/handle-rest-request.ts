import "server-only";
import type { ApolloServer } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { GraphQLContext } from "../context";
import { errorCodes, formatApiError, isErrorCode, type ErrorCode } from "../errors";
import { createApolloServer } from "../server";
import { createRequestContext } from "./create-request-context";
import { BodyTooLargeError, readBodyWithin } from "./read-body";

let server: ApolloServer<GraphQLContext> | undefined;

function apollo(): ApolloServer<GraphQLContext> {
  if (!server) {
    server = createApolloServer();
    server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
  }
  return server;
}

/** The REST error body: `{ error: { code, message, field } }`, with the code's HTTP status (or `status`). */
export function restError(code: ErrorCode, message: string, field?: string, issues?: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json({ error: { code, message, ...(field ? { field } : {}), ...(issues ? { issues } : {}) } }, { status: init.status ?? errorCodes[code].httpStatus, headers: init.headers });
}

/** A REST body is one small JSON object: a scoring request or an outcome. */
const MAX_REST_BODY_BYTES = 64 * 1024;

/** The origin the app is served at: NEXTAUTH_URL's when set (behind a proxy the request's own URL may be internal). */
function appOrigin(request: NextRequest): string {
  try {
    if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  } catch {
    // An unparsable NEXTAUTH_URL: fall back to the request's origin.
  }
  return request.nextUrl.origin;
}

/**
 * Cross-site request forgery: a browser sends the session cookie with a cross-site "simple" POST
 * (text/plain, form encodings) without asking first. REST bodies must be application/json (which a
 * cross-site page cannot send without a CORS preflight, never granted here), and a request that carries
 * no API key (so rides on the cookie) must come from the app's own origin when the browser names one.
 */
function refuseForgeryRisk(request: NextRequest): Response | null {
  const contentType = request.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (contentType !== "application/json") return restError("BAD_USER_INPUT", "The request body must be sent as Content-Type: application/json.", "content-type", undefined, { status: 415 });
  const origin = request.headers.get("origin");
  if (!request.headers.get("authorization") && origin !== null && origin !== appOrigin(request)) {
    return restError("FORBIDDEN", "Cross-origin requests with a session cookie are refused: send an API key (Authorization: Bearer …).");
  }
  return null;
}

export interface RestOperation<Body, Data> {
  /** zod schema of the JSON body; issues become BAD_USER_INPUT naming the field. */
  body: z.ZodType<Body>;
  /** The GraphQL mutation the route runs: the same schema, @auth checks and services as /api/graphql. */
  document: string;
  variables(body: Body): Record<string, unknown>;
  respond(data: Data, request: NextRequest): unknown;
}

/**
 * A REST adapter over one GraphQL operation for partners that do not speak GraphQL: same credentials
 * (API key or session), same auth rules, same error codes, as JSON `{ error: { code, message, field } }`.
 */
export async function handleRestRequest<Body, Data>(request: NextRequest, operation: RestOperation<Body, Data>): Promise<Response> {
  const forgeryRisk = refuseForgeryRisk(request);
  if (forgeryRisk) return forgeryRisk;
  let json: unknown;
  try {
    json = JSON.parse(await readBodyWithin(request, MAX_REST_BODY_BYTES));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return restError("BAD_USER_INPUT", error.message, undefined, undefined, { status: 413 });
    return restError("BAD_USER_INPUT", "The request body is not valid JSON.");
  }
  const parsed = operation.body.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join(".") || "(body)", message: issue.message }));
    return restError("BAD_USER_INPUT", `${issues[0].field}: ${issues[0].message}`, issues[0].field, issues);
  }
  try {
    const contextValue = await createRequestContext(request);
    const response = await apollo().executeOperation({ query: operation.document, variables: operation.variables(parsed.data) }, { contextValue });
    if (response.body.kind !== "single") throw new Error("handleRestRequest: incremental delivery is not used");
    const { data, errors } = response.body.singleResult;
    if (errors && errors.length > 0) {
      const first = errors[0];
      const code = isErrorCode(first.extensions?.code) ? first.extensions.code : "INTERNAL_SERVER_ERROR";
      const field = typeof first.extensions?.field === "string" ? first.extensions.field : undefined;
      return restError(code, first.message, field, first.extensions?.issues);
    }
    return Response.json(operation.respond(data as Data, request));
  } catch (error) {
    if (error instanceof GraphQLError && isErrorCode(error.extensions.code)) {
      const formatted = formatApiError(error.toJSON(), error);
      const retryAfter = error.extensions.retryAfterSeconds;
      return restError(formatted.extensions?.code as ErrorCode, formatted.message, undefined, undefined, typeof retryAfter === "number" ? { headers: { "retry-after": String(retryAfter) } } : {});
    }
    console.error("[rest] request failed", error);
    return restError("INTERNAL_SERVER_ERROR", "Internal server error");
  }
}
