// Request counters kept in the RateLimit table through rate-limiter-flexible's PostgreSQL store: every app
// instance counts in the same rows, so a limit holds however many instances run. The store sends one
// INSERT … ON CONFLICT DO UPDATE … RETURNING per request, on the driver itself (the pg pool, or the embedded
// instance), not through Prisma's engine, whose per-statement pipeline cost several milliseconds of CPU per
// request with the library's Prisma store (docs/benchmarks.md). The table is created by the migrations
// (the app's role may not create tables), in the shape the store expects.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { directStatementsOf, type Db } from "./database";

export interface RateLimitRule {
  /** Prefix of the counter keys ("api-key", "user", "ip", …). */
  name: string;
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const limiters = new WeakMap<Db, Map<string, RateLimiterPostgres>>();

/** The store's client: a `query({ text, values })` that resolves to `{ rows }`, run on the database's driver. */
function storeClientOf(db: Db): { query(statement: { text: string; values?: unknown[] }): Promise<{ rows: unknown[] }> } {
  const run = directStatementsOf(db);
  return { query: async ({ text, values }) => ({ rows: await run(text, values ?? []) }) };
}

function limiterFor(db: Db, rule: RateLimitRule): RateLimiterPostgres {
  const ofDb = limiters.get(db) ?? new Map<string, RateLimiterPostgres>();
  limiters.set(db, ofDb);
  const id = `${rule.name}:${rule.points}/${rule.windowSeconds}`;
  let limiter = ofDb.get(id);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: storeClientOf(db),
      storeType: "client",
      tableName: "RateLimit",
      tableCreated: true,
      // Counters an hour past their window are deleted every five minutes (on a timer that does not keep the process alive).
      clearExpiredByTimeout: true,
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.windowSeconds,
      // When the database cannot be reached the request fails anyway; counting in memory meanwhile keeps
      // the limit per instance instead of dropping it.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.windowSeconds }),
    });
    ofDb.set(id, limiter);
  }
  return limiter;
}

/** Counts one request of `subject` against `rule`; refused once the window's points are spent. */
export async function consumeRateLimit(db: Db, rule: RateLimitRule, subject: string, points = 1): Promise<RateLimitDecision> {
  try {
    await limiterFor(db, rule).consume(subject, points);
    return { allowed: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    throw rejection;
  }
}
