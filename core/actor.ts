import type { Db } from "@/prisma/store/database";
import type { Role } from "@/prisma/store/vocabulary";
import { forbidden } from "./errors";

export type ApiKeyScope = "READ" | "WRITE";

/** Where a call came from, when it came over a network: recorded with every scoring and audit event. */
export interface RequestOrigin {
  /** From the X-Request-Id header when well-formed, else generated; a job's id for work done by a worker. */
  id: string;
  /** The client's address as the server saw it (X-Forwarded-For's first hop behind a proxy), when known. */
  ipAddress: string | null;
}

/**
 * Whoever acts: a signed-in user, another system holding an API key, or the system itself (seeds, jobs a
 * person started keep that person as their actor). The tenant scopes everything they touch.
 */
export interface Actor {
  kind: "USER" | "API_KEY";
  /** The user's or the API key's id. */
  id: string;
  /** The tenant the user or key belongs to: every use case is scoped by it. */
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

/**
 * The plain inputs of every use case besides its own typed input: the database, who acts (and so the tenant:
 * `actor.tenantId`), the instant the call happens at (read once by the adapter, so one call sees one time)
 * and the request it came in on. Nothing here belongs to a transport: GraphQL, REST, the portal, seeds,
 * CLIs and job workers build it.
 */
export interface UseCaseScope {
  db: Db;
  actor: Actor;
  now: Date;
  request: RequestOrigin;
}

/** The one rule for "a BORROWER sees only their own records": whether this actor may see a record of `borrowerId`. */
export function canSeeBorrower(actor: Actor, borrowerId: string): boolean {
  return actor.role !== "BORROWER" || actor.borrowerId === borrowerId;
}

/**
 * Refuses an actor whose role may not run a use case. GraphQL checks roles before a field runs (@auth); this
 * is the same rule for the callers that reach the core another way (REST routes, CLIs, job workers).
 * @throws DomainError FORBIDDEN
 */
export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw forbidden(`This is not open to the ${actor.role} role.`);
}

/** The audit fields of an event this scope causes. */
export function auditActorOf(scope: UseCaseScope): { actorType: Actor["kind"]; actorId: string; requestId: string; occurredAt: Date } {
  return { actorType: scope.actor.kind, actorId: scope.actor.id, requestId: scope.request.id, occurredAt: scope.now };
}
