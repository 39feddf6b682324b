import type { Actor, UseCaseScope } from "@/core/actor";
import type { JobQueue } from "@/core/jobs/job-queue";
import type { Db } from "@/prisma/store/database";

/** Whoever is calling, resolved from the session cookie or the API key. */
export type Caller = Actor;

export interface GraphQLContext {
  db: Db;
  /** From the X-Request-Id header when well-formed, else generated; logged with every unexpected error. */
  requestId: string;
  /** Null when the request carries no credentials: only @public fields answer. */
  caller: Caller | null;
  /** The request's clock, read once so one request sees one time. */
  now: Date;
  /** The queue jobs are started on; the process-wide one (core/jobs/job-worker.ts getJobQueue) when absent. */
  jobQueue?: JobQueue;
  /** The client's address as the server saw it (X-Forwarded-For's first hop behind a proxy), when known. */
  ipAddress?: string | null;
  /** Aborts when the request's deadline passes or its client disconnects: fields not yet started then fail (graphql/limits.ts). */
  signal?: AbortSignal;
}

/** The caller of a field guarded by @auth (the directive has already refused a missing caller). */
export function requireCaller(context: GraphQLContext): Caller {
  if (!context.caller) throw new Error("requireCaller: called from a field without @auth");
  return context.caller;
}

/** The use-case scope of a field guarded by @auth: the one bridge from a GraphQL request to the core. */
export function scopeOf(context: GraphQLContext): UseCaseScope {
  return { db: context.db, actor: requireCaller(context), now: context.now, request: { id: context.requestId, ipAddress: context.ipAddress ?? null } };
}
