// The sign-in log: one row per password attempt, the basis of sign-in throttling.
import type { Db } from "./database";
import { normaliseEmail } from "./user";

export interface NewSignInAttempt {
  email: string;
  succeeded: boolean;
  throttled: boolean;
  ipAddress: string | null;
  attemptedAt: Date;
}

export async function recordSignInAttempt(db: Db, attempt: NewSignInAttempt): Promise<void> {
  await db.signInAttempt.create({ data: { ...attempt, email: normaliseEmail(attempt.email) } });
}

/**
 * When the latest `limit` failed attempts for an email happened (newest first), counting only attempts
 * whose password was checked (not throttled refusals), after `since` and after the email's latest
 * successful sign-in (a success starts the count again).
 */
export async function listRecentSignInFailures(db: Db, email: string, since: Date, limit: number): Promise<Date[]> {
  const normalised = normaliseEmail(email);
  const lastSuccess = await db.signInAttempt.findFirst({ where: { email: normalised, succeeded: true, attemptedAt: { gte: since } }, orderBy: { attemptedAt: "desc" }, select: { attemptedAt: true } });
  const failures = await db.signInAttempt.findMany({
    where: { email: normalised, succeeded: false, throttled: false, attemptedAt: { gt: lastSuccess && lastSuccess.attemptedAt > since ? lastSuccess.attemptedAt : since } },
    orderBy: { attemptedAt: "desc" },
    take: limit,
    select: { attemptedAt: true },
  });
  return failures.map((failure) => failure.attemptedAt);
}
