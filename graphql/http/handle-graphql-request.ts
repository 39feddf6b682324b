import "server-only";
import { startServerAndCreateNextHandler } from "@as-integrations/next";
import { NextRequest, NextResponse } from "next/server";
import type { GraphQLContext } from "../context";
import { errorCodes, type ErrorCode } from "../errors";
import { createApolloServer } from "../server";
import { createRequestContext } from "./create-request-context";

let apolloHandler: ((request: NextRequest) => Promise<Response>) | undefined;

function errorResponse(code: ErrorCode, message: string): NextResponse {
  return NextResponse.json({ errors: [{ message, extensions: { code } }] }, { status: errorCodes[code].httpStatus });
}

/**
 * /api/graphql for GET and POST. A POST body that is not JSON gets a 400 GraphQL error here (the Next.js
 * integration would throw on it); anything that escapes Apollo is logged and answered 500 without details.
 */
export async function handleGraphQLRequest(incoming: NextRequest): Promise<Response> {
  let request = incoming;
  if (incoming.method === "POST") {
    const body = await incoming.text();
    try {
      JSON.parse(body);
    } catch {
      return errorResponse("BAD_USER_INPUT", "The request body is not valid JSON.");
    }
    // The integration parses JSON only when the content type is exactly application/json; normalise
    // "application/json; charset=utf-8" and the like so they are not mistaken for a missing body.
    const headers = new Headers(incoming.headers);
    if (headers.get("content-type")?.split(";")[0].trim().toLowerCase() === "application/json") headers.set("content-type", "application/json");
    request = new NextRequest(incoming.url, { method: "POST", headers, body });
  }
  try {
    apolloHandler ??= startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), { context: createRequestContext });
    return await apolloHandler(request);
  } catch (error) {
    console.error("[graphql] request failed outside Apollo", error);
    return errorResponse("INTERNAL_SERVER_ERROR", "Internal server error");
  }
}
