import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getDatabase, type Db } from "@/prisma/store/database";
import { isDomainError } from "@/core/errors";
import type { Caller, GraphQLContext } from "../context";
import { rateLimitedRequest, unauthenticatedRequest } from "../errors";
import { QUERY_LIMITS } from "../limits";
import { clientAddressFrom } from "./client-address";
import { limitRequestsFromAddress, limitRequestsOfActor, type RateLimitDecision } from "@/core/rate-limits";
import { resolveSecret } from "@/core/security/secrets";
import { authenticateApiKey } from "@/core/authenticate-api-key";
import { resolveSessionCaller } from "@/core/resolve-session-caller";

const requestIdPattern = /^[A-Za-z0-9._:-]{1,100}$/;

function refuseWhenLimited(decision: RateLimitDecision, who: string): void {
  if (!decision.allowed) throw rateLimitedRequest(decision.retryAfterSeconds, `Too many requests from this ${who}; retry in ${decision.retryAfterSeconds} s.`);
}

/** The caller of a request's credentials: an API key (a bad one refuses the request), a session, or none. */
async function callerOf(request: NextRequest, db: Db, now: Date): Promise<Caller | null> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    try {
      return await authenticateApiKey(db, authorization, now);
    } catch (error) {
      // A bad key refuses the whole request (HTTP 401) before any field runs.
      if (isDomainError(error) && error.code === "UNAUTHENTICATED") throw unauthenticatedRequest(error.message);
      throw error;
    }
  }
  const token = await getToken({ req: request, secret: resolveSecret("authSecret") });
  return token?.userId && token.tenantId ? resolveSessionCaller(db, { userId: token.userId, tenantId: token.tenantId, sessionVersion: token.sessionVersion ?? 0 }) : null;
}

/**
 * The GraphQL context of one HTTP request. An Authorization header wins over the session cookie, and a bad
 * one is refused outright (UNAUTHENTICATED) rather than silently ignored. Requests are counted per API key or
 * user, or per client address when they carry no valid credentials (RATE_LIMITED, HTTP 429 with Retry-After). The context's signal aborts at the request's deadline or when the client disconnects.
 */
export async function createRequestContext(request: NextRequest): Promise<GraphQLContext> {
  const { db } = await getDatabase();
  const now = new Date();
  const presentedRequestId = request.headers.get("x-request-id");
  const requestId = presentedRequestId && requestIdPattern.test(presentedRequestId) ? presentedRequestId : randomUUID();
  const ipAddress = clientAddressFrom((name) => request.headers.get(name));
  // Requests with valid credentials are counted per API key or user; requests without (anonymous, or with
  // credentials that fail, as guesses do) per client address. One limiter per request: each costs a few
  // round trips, and a principal already has its own.
  let caller: Caller | null;
  try {
    caller = await callerOf(request, db, now);
  } catch (error) {
    refuseWhenLimited(await limitRequestsFromAddress(db, ipAddress), "address");
    throw error;
  }
  if (caller) refuseWhenLimited(await limitRequestsOfActor(db, caller), caller.kind === "API_KEY" ? "API key" : "user");
  else refuseWhenLimited(await limitRequestsFromAddress(db, ipAddress), "address");
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(QUERY_LIMITS.deadlineMs)]);
  return { db, requestId, caller, now, ipAddress, signal };
}
