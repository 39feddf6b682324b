import "server-only";
import type { Db } from "@/prisma/store/database";
import { listRecentSignInFailures, openSignInAttempt, settleSignInAttempt } from "@/prisma/store/sign-in-attempt";
import { findUserByEmail } from "@/prisma/store/user";
import type { Role } from "@/prisma/store/vocabulary";
import { hashPassword, verifyPassword } from "./security/password";
import { SIGN_IN_THROTTLE } from "./sign-in-throttle";

/** What the session token carries: enough to find the caller again, nothing secret. */
export interface SessionUser {
  userId: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string;
}

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: "INVALID_CREDENTIALS" | "TOO_MANY_ATTEMPTS"; retryAfter?: Date };

// Verified against when the email is unknown, so a miss costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined;

async function checkPassword(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const user = await findUserByEmail(db, email);
  if (!user) {
    decoyHash ??= hashPassword("decoy password, never valid");
    await verifyPassword(await decoyHash, password);
    return null;
  }
  const matches = await verifyPassword(user.passwordHash, password);
  if (!matches || user.disabledAt) return null;
  return { userId: user.id, tenantId: user.tenantId, role: user.role, name: user.name, email: user.email };
}

/**
 * Signs in with email and password: the user when they match an active account; INVALID_CREDENTIALS for an
 * unknown email, a wrong password or a disabled account alike; TOO_MANY_ATTEMPTS while the email is
 * throttled (SIGN_IN_THROTTLE). Every attempt is logged with its time and the caller's IP address when known.
 */
export async function authenticateUser(db: Db, email: string, password: string, attempt: { now: Date; ipAddress: string | null }): Promise<SignInResult> {
  const windowMs = SIGN_IN_THROTTLE.windowMinutes * 60_000;
  // Logged first, as a failure, so parallel guesses count each other; at most `failures` passwords are
  // checked per window however many attempts arrive at once.
  const attemptId = await openSignInAttempt(db, { email, ipAddress: attempt.ipAddress, attemptedAt: attempt.now });
  const failures = await listRecentSignInFailures(db, email, new Date(attempt.now.getTime() - windowMs), SIGN_IN_THROTTLE.failures + 1);
  if (failures.length > SIGN_IN_THROTTLE.failures) {
    await settleSignInAttempt(db, attemptId, "THROTTLED");
    // The lock ends when the oldest of the `failures` attempts before this one leaves the window.
    return { ok: false, reason: "TOO_MANY_ATTEMPTS", retryAfter: new Date((failures.at(-1) as Date).getTime() + windowMs) };
  }
  const user = await checkPassword(db, email, password);
  if (!user) return { ok: false, reason: "INVALID_CREDENTIALS" };
  await settleSignInAttempt(db, attemptId, "SUCCEEDED");
  return { ok: true, user };
}
