import type { Db } from "@/prisma/store/database";
import type { ApiKeyScope, Role } from "./generated/resolvers-types";

/** Whoever is calling, resolved from the session cookie or the API key; tenantId scopes everything they touch. */
export interface Caller {
  kind: "USER" | "API_KEY";
  /** The user's or the API key's id. */
  id: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string | null;
  /** For BORROWER users: their own borrower record. */
  borrowerId: string | null;
  /** API keys only; users get their role's full rights. */
  scopes: ApiKeyScope[];
  /** API keys only: sha256 of the key's secret, recorded with every scoring the key asks for. */
  apiKeyHash?: string | null;
}

export interface GraphQLContext {
  db: Db;
  /** From the X-Request-Id header when well-formed, else generated; logged with every unexpected error. */
  requestId: string;
  /** Null when the request carries no credentials: only @public fields answer. */
  caller: Caller | null;
  /** The request's clock, read once so one request sees one time. */
  now: Date;
  /** The client's address as the server saw it (X-Forwarded-For's first hop behind a proxy), when known. */
  ipAddress?: string | null;
}

/** The caller of a field guarded by @auth (the directive has already refused a missing caller). */
export function requireCaller(context: GraphQLContext): Caller {
  if (!context.caller) throw new Error("requireCaller: called from a field without @auth");
  return context.caller;
}
