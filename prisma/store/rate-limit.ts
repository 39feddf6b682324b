// Request counters kept in the RateLimit table through rate-limiter-flexible's Prisma store: every app
// instance counts in the same rows, so a limit holds however many instances run.
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "./database";

export interface RateLimitRule {
  /** Prefix of the counter keys ("api-key", "user", "ip", …). */
  name: string;
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const limiters = new WeakMap<Db, Map<string, RateLimiterPrisma>>();

function limiterFor(db: Db, rule: RateLimitRule): RateLimiterPrisma {
  const ofDb = limiters.get(db) ?? new Map<string, RateLimiterPrisma>();
  limiters.set(db, ofDb);
  const id = `${rule.name}:${rule.points}/${rule.windowSeconds}`;
  let limiter = ofDb.get(id);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimit",
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
