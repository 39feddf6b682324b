import "server-only";
import { startServerAndCreateNextHandler } from "@as-integrations/next";
import { NextRequest, NextResponse } from "next/server";
import type { GraphQLContext } from "../context";
import { errorCodes, type ErrorCode } from "../errors";
import { createApolloServer } from "../server";
import { QUERY_LIMITS } from "../limits";
import { createRequestContext } from "./create-request-context";
import { BodyTooLargeError, readBodyWithin } from "./read-body";

let apolloHandler: ((request: NextRequest) => Promise<Response>) | undefined;

function errorResponse(code: ErrorCode, message: string, details: { status?: number; reason?: string } = {}): NextResponse {
  return NextResponse.json({ errors: [{ message, extensions: { code, ...(details.reason ? { reason: details.reason } : {}) } }] }, { status: details.status ?? errorCodes[code].httpStatus });
}

/**
 * /api/graphql for GET and POST. A body over QUERY_LIMITS.maxBodyBytes is refused (413) before it is read
 * whole; a POST body that is not JSON gets a 400 GraphQL error here (the Next.js integration would throw on
 * it); anything that escapes Apollo is logged and answered 500 without details.
 */
export async function handleGraphQLRequest(incoming: NextRequest): Promise<Response> {
  let request = incoming;
  if (incoming.method === "POST") {
    let body: string;
    try {
      body = await readBodyWithin(incoming, QUERY_LIMITS.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return errorResponse("BAD_USER_INPUT", error.message, { status: 413, reason: "PAYLOAD_TOO_LARGE" });
      throw error;
    }
    try {
      JSON.parse(body);
    } catch {
      return errorResponse("BAD_USER_INPUT", "The request body is not valid JSON.");
    }
    // The integration parses JSON only when the content type is exactly application/json; normalise
    // "application/json; charset=utf-8" and the like so they are not mistaken for a missing body.
    const headers = new Headers(incoming.headers);
    if (headers.get("content-type")?.split(";")[0].trim().toLowerCase() === "application/json") headers.set("content-type", "application/json");
    request = new NextRequest(incoming.url, { method: "POST", headers, body, signal: incoming.signal });
  }
  try {
    apolloHandler ??= startServerAndCreateNextHandler<NextRequest, GraphQLContext>(createApolloServer(), { context: createRequestContext });
    return await apolloHandler(request);
  } catch (error) {
    console.error("[graphql] request failed outside Apollo", error);
    return errorResponse("INTERNAL_SERVER_ERROR", "Internal server error");
  }
}
