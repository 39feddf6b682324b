import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { getDatabase } from "@/prisma/store/database";
import { isDomainError } from "@/core/errors";
import type { Caller, GraphQLContext } from "../context";
import { unauthenticatedRequest } from "../errors";
import { resolveSecret } from "@/core/security/secrets";
import { authenticateApiKey } from "@/core/authenticate-api-key";
import { resolveSessionCaller } from "@/core/resolve-session-caller";

const requestIdPattern = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The GraphQL context of one HTTP request. An Authorization header wins over the session cookie, and a bad
 * one is refused outright (UNAUTHENTICATED) rather than silently ignored.
 */
export async function createRequestContext(request: NextRequest): Promise<GraphQLContext> {
  const { db } = await getDatabase();
  const now = new Date();
  const presentedRequestId = request.headers.get("x-request-id");
  const requestId = presentedRequestId && requestIdPattern.test(presentedRequestId) ? presentedRequestId : randomUUID();
  const authorization = request.headers.get("authorization");
  let caller: Caller | null = null;
  if (authorization) {
    try {
      caller = await authenticateApiKey(db, authorization, now);
    } catch (error) {
      // A bad key refuses the whole request (HTTP 401) before any field runs.
      if (isDomainError(error) && error.code === "UNAUTHENTICATED") throw unauthenticatedRequest(error.message);
      throw error;
    }
  } else {
    const token = await getToken({ req: request, secret: resolveSecret("authSecret") });
    if (token?.userId && token.tenantId) caller = await resolveSessionCaller(db, { userId: token.userId, tenantId: token.tenantId });
  }
  const ipAddress = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
  return { db, requestId, caller, now, ipAddress };
}
