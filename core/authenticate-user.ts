import "server-only";
import type { Db } from "@/prisma/store/database";
import { listRecentSignInFailures, listRecentSignInFailuresFromAddress, openSignInAttempt, settleSignInAttempt } from "@/prisma/store/sign-in-attempt";
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
  /** The user's session version at sign-in: the token is valid while it is still the user's. */
  sessionVersion: number;
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
  return { userId: user.id, tenantId: user.tenantId, role: user.role, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
}

/** Why and until when an attempt is refused without its password being checked (SIGN_IN_THROTTLE), or null. */
async function throttledUntil(db: Db, email: string, attempt: { now: Date; ipAddress: string | null }): Promise<Date | null> {
  const { failures, windowMinutes, failuresPerAddress, slowAfterFailures, slowIntervalSeconds } = SIGN_IN_THROTTLE;
  const windowMs = windowMinutes * 60_000;
  const since = new Date(attempt.now.getTime() - windowMs);
  // Each list includes this attempt (logged first), hence the + 1.
  const fromHere = await listRecentSignInFailures(db, email, since, failures + 1, attempt.ipAddress ?? undefined);
  if (fromHere.length > failures) return new Date((fromHere.at(-1) as Date).getTime() + windowMs);
  if (attempt.ipAddress) {
    const sprayed = await listRecentSignInFailuresFromAddress(db, attempt.ipAddress, since, failuresPerAddress + 1);
    if (sprayed.length > failuresPerAddress) return new Date((sprayed.at(-1) as Date).getTime() + windowMs);
    const everywhere = await listRecentSignInFailures(db, email, since, slowAfterFailures + 1);
    // everywhere[0] is this attempt; [1] the latest other one whose password was checked or is being checked.
    if (everywhere.length > slowAfterFailures) {
      const slotFreeAt = new Date(everywhere[1].getTime() + slowIntervalSeconds * 1000);
      if (slotFreeAt > attempt.now) return slotFreeAt;
    }
  }
  return null;
}

/**
 * Signs in with email and password: the user when they match an active account; INVALID_CREDENTIALS for an
 * unknown email, a wrong password or a disabled account alike; TOO_MANY_ATTEMPTS while the email is
 * throttled from this address, the address is spraying, or the email is in slow mode (SIGN_IN_THROTTLE).
 * Every attempt is logged with its time and the caller's IP address when known.
 */
export async function authenticateUser(db: Db, email: string, password: string, attempt: { now: Date; ipAddress: string | null }): Promise<SignInResult> {
  // An address is at most 100 characters, an email at most 254, a password at most 200: anything longer
  // is refused unchecked (hashing megabytes is a cheap way to burn CPU; storing them fills the log).
  if (email.length > 254 || password.length > 200) return { ok: false, reason: "INVALID_CREDENTIALS" };
  const logged = { ...attempt, ipAddress: attempt.ipAddress?.slice(0, 100) ?? null };
  // Logged first, as a failure, so parallel guesses count each other; at most the allowed number of
  // passwords are checked per window however many attempts arrive at once.
  const attemptId = await openSignInAttempt(db, { email, ipAddress: logged.ipAddress, attemptedAt: logged.now });
  const retryAfter = await throttledUntil(db, email, logged);
  if (retryAfter) {
    await settleSignInAttempt(db, attemptId, "THROTTLED");
    return { ok: false, reason: "TOO_MANY_ATTEMPTS", retryAfter };
  }
  const user = await checkPassword(db, email, password);
  if (!user) return { ok: false, reason: "INVALID_CREDENTIALS" };
  await settleSignInAttempt(db, attemptId, "SUCCEEDED");
  return { ok: true, user };
}
