// Sign-in throttling's terms, shared by the server (core/authenticate-user.ts) and the sign-in
// form that explains a refusal. docs/security.md explains the choice.

/**
 * Password guessing is slowed on three keys, all within the last `windowMinutes`:
 * - per (email, address): after `failures` failed attempts from one address for one email (since that
 *   email's last success from there), that address is refused for that email until the oldest of those
 *   failures leaves the window. An attacker's guesses do not lock the owner out: the owner signs in from
 *   another address. Without a known address, the email alone is the key (the strict, older rule).
 * - per address (spraying): after `failuresPerAddress` failed attempts from one address across any emails,
 *   that address is refused for every email until the oldest leaves the window.
 * - per email (a distributed guess from many addresses): after `slowAfterFailures` failures from anywhere,
 *   at most one password per `slowIntervalSeconds` is checked for that email: an attacker gets a few
 *   guesses an hour, the owner waits seconds, never the whole window.
 * Unknown emails are throttled alike, so a refusal does not reveal whether an account exists; refused
 * attempts are logged but do not count.
 */
export const SIGN_IN_THROTTLE = { failures: 5, windowMinutes: 15, failuresPerAddress: 20, slowAfterFailures: 20, slowIntervalSeconds: 30 } as const;

/** The error code the sign-in form receives while an email is throttled. */
export const SIGN_IN_THROTTLED = "TOO_MANY_ATTEMPTS";
