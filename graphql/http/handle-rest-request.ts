import "server-only";
import type { ApolloServer } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import type { GraphQLContext } from "../context";
import { errorCodes, formatApiError, isErrorCode, type ErrorCode } from "../errors";
import { createApolloServer } from "../server";
import { createRequestContext } from "./create-request-context";

let server: ApolloServer<GraphQLContext> | undefined;

function apollo(): ApolloServer<GraphQLContext> {
  if (!server) {
    server = createApolloServer();
    server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
  }
  return server;
}

/** The REST error body: `{ error: { code, message, field } }`, with the code's HTTP status. */
export function restError(code: ErrorCode, message: string, field?: string, issues?: unknown): Response {
  return Response.json({ error: { code, message, ...(field ? { field } : {}), ...(issues ? { issues } : {}) } }, { status: errorCodes[code].httpStatus });
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
  let json: unknown;
  try {
    json = JSON.parse(await request.text());
  } catch {
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
      return restError(formatted.extensions?.code as ErrorCode, formatted.message);
    }
    console.error("[rest] request failed", error);
    return restError("INTERNAL_SERVER_ERROR", "Internal server error");
  }
}
