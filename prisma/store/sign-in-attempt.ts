// The sign-in log: one row per password attempt, the basis of sign-in throttling.
import type { Db } from "./database";
import { normaliseEmail } from "./user";

export interface NewSignInAttempt {
  email: string;
  ipAddress: string | null;
  attemptedAt: Date;
}

/**
 * Logs an attempt before its password is checked, as a failure: concurrent attempts count it at once, so
 * a burst of parallel guesses cannot all pass the throttle check before any is recorded. Returns its id,
 * for settleSignInAttempt.
 */
export async function openSignInAttempt(db: Db, attempt: NewSignInAttempt): Promise<string> {
  const row = await db.signInAttempt.create({ data: { ...attempt, email: normaliseEmail(attempt.email), succeeded: false }, select: { id: true } });
  return row.id;
}

/** Records how an opened attempt ended: refused by throttling (no longer counted), or succeeded. */
export async function settleSignInAttempt(db: Db, id: string, outcome: "THROTTLED" | "SUCCEEDED"): Promise<void> {
  await db.signInAttempt.update({ where: { id }, data: outcome === "THROTTLED" ? { throttled: true } : { succeeded: true } });
}

/**
 * When the latest `limit` failed attempts for an email happened (newest first), counting attempts whose
 * password was checked or is being checked (not throttled refusals), after `since` and after the email's
 * latest successful sign-in (a success starts the count again). With `ipAddress`, only attempts from that
 * address count (and only a success from there restarts the count).
 */
export async function listRecentSignInFailures(db: Db, email: string, since: Date, limit: number, ipAddress?: string): Promise<Date[]> {
  const normalised = normaliseEmail(email);
  const from = ipAddress === undefined ? {} : { ipAddress };
  const lastSuccess = await db.signInAttempt.findFirst({ where: { email: normalised, ...from, succeeded: true, attemptedAt: { gte: since } }, orderBy: { attemptedAt: "desc" }, select: { attemptedAt: true } });
  const failures = await db.signInAttempt.findMany({
    where: { email: normalised, ...from, succeeded: false, throttled: false, attemptedAt: { gt: lastSuccess && lastSuccess.attemptedAt > since ? lastSuccess.attemptedAt : since } },
    orderBy: { attemptedAt: "desc" },
    take: limit,
    select: { attemptedAt: true },
  });
  return failures.map((failure) => failure.attemptedAt);
}

/** When the latest `limit` failed attempts from an address happened (newest first), whatever the email, after `since`. */
export async function listRecentSignInFailuresFromAddress(db: Db, ipAddress: string, since: Date, limit: number): Promise<Date[]> {
  const failures = await db.signInAttempt.findMany({
    where: { ipAddress, succeeded: false, throttled: false, attemptedAt: { gt: since } },
    orderBy: { attemptedAt: "desc" },
    take: limit,
    select: { attemptedAt: true },
  });
  return failures.map((failure) => failure.attemptedAt);
}
