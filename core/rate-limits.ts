import "server-only";
import type { Db } from "@/prisma/store/database";
import { consumeRateLimit, type RateLimitDecision, type RateLimitRule } from "@/prisma/store/rate-limit";
import type { Actor } from "./actor";

export type { RateLimitDecision } from "@/prisma/store/rate-limit";

/**
 * Requests per minute, per API key, per signed-in user and per client address (every HTTP request, with or
 * without credentials). Chosen in docs/security.md; an operator may change them with
 * MICROTRUST_RATE_LIMIT_API_KEY / _USER / _IP (requests per minute).
 */
export function rateLimitRules(env: Record<string, string | undefined> = process.env): Record<"apiKey" | "user" | "ip", RateLimitRule> {
  const perMinute = (name: string, fallback: number): number => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    apiKey: { name: "api-key", points: perMinute("MICROTRUST_RATE_LIMIT_API_KEY", 1200), windowSeconds: 60 },
    user: { name: "user", points: perMinute("MICROTRUST_RATE_LIMIT_USER", 300), windowSeconds: 60 },
    ip: { name: "ip", points: perMinute("MICROTRUST_RATE_LIMIT_IP", 1200), windowSeconds: 60 },
  };
}

/**
 * Counts a request against its client address (before credentials are checked, so guessing keys is
 * limited too). An unknown address (no proxy header) is not limited here: keys and users still are.
 */
export function limitRequestsFromAddress(db: Db, ipAddress: string | null): Promise<RateLimitDecision> {
  if (!ipAddress) return Promise.resolve({ allowed: true });
  return consumeRateLimit(db, rateLimitRules().ip, ipAddress);
}

/** Counts a request against the API key or user making it. */
export function limitRequestsOfActor(db: Db, actor: Actor): Promise<RateLimitDecision> {
  const rules = rateLimitRules();
  return actor.kind === "API_KEY" ? consumeRateLimit(db, rules.apiKey, actor.id) : consumeRateLimit(db, rules.user, actor.id);
}
