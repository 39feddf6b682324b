// Request counters kept in the RateLimit table (fixed windows, the rows rate-limiter-flexible's Prisma store
// wrote before, keys "<rule>:<subject>"): every app instance counts in the same rows, so a limit holds
// however many instances run. One statement per request counts it: the library's store spent a delete and
// an upsert through Prisma's engine on every request (~5 ms of CPU under load, measured 2026-12-01).
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { Prisma } from "../generated/client";
import { queryRows, type Db } from "./database";

export interface RateLimitRule {
  /** Prefix of the counter keys ("api-key", "user", "ip", …). */
  name: string;
  /** Requests allowed per window. */
  points: number;
  windowSeconds: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const insurance = new Map<string, RateLimiterMemory>();

/** The in-memory limiter of a rule, used while the database cannot be reached. */
function insuranceFor(rule: RateLimitRule): RateLimiterMemory {
  const id = `${rule.name}:${rule.points}/${rule.windowSeconds}`;
  let limiter = insurance.get(id);
  if (!limiter) {
    limiter = new RateLimiterMemory({ keyPrefix: rule.name, points: rule.points, duration: rule.windowSeconds });
    insurance.set(id, limiter);
  }
  return limiter;
}

const refusal = (msBeforeNext: number): RateLimitDecision => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) });

/**
 * Counts `points` requests of `subject` against `rule`; refused once the window's points are spent (the
 * refused request is counted too). A row whose window has ended starts a new window; the insert, the
 * increment and the restart are one atomic statement, so concurrent requests on any instance are all
 * counted. When the database cannot be reached, the count goes on in memory (per instance) meanwhile.
 */
export async function consumeRateLimit(db: Db, rule: RateLimitRule, subject: string, points = 1): Promise<RateLimitDecision> {
  const now = new Date();
  const expire = new Date(now.getTime() + rule.windowSeconds * 1000);
  let row: { points: number; expire: Date | null } | undefined;
  try {
    [row] = await queryRows<{ points: number; expire: Date | null }>(
      db,
      Prisma.sql`INSERT INTO "RateLimit" (key, points, expire) VALUES (${`${rule.name}:${subject}`}, ${points}::int, ${expire}::timestamptz)
        ON CONFLICT (key) DO UPDATE SET
          points = CASE WHEN "RateLimit".expire <= ${now}::timestamptz THEN EXCLUDED.points ELSE "RateLimit".points + EXCLUDED.points END,
          expire = CASE WHEN "RateLimit".expire <= ${now}::timestamptz THEN EXCLUDED.expire ELSE "RateLimit".expire END
        RETURNING points, expire`,
    );
  } catch (error) {
    console.error("[rate-limit] counting in memory: the database did not answer:", error instanceof Error ? error.message : error);
    try {
      await insuranceFor(rule).consume(subject, points);
      return { allowed: true };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return refusal(rejection.msBeforeNext);
      throw rejection;
    }
  }
  if (row.points <= rule.points) return { allowed: true };
  return refusal(row.expire === null ? rule.windowSeconds * 1000 : new Date(row.expire).getTime() - now.getTime());
}
