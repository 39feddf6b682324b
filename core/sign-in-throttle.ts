// Sign-in throttling's terms, shared by the server (core/authenticate-user.ts) and the sign-in
// form that explains a refusal.

/**
 * Password guessing is throttled per email: while `failures` failed attempts fall within the last
 * `windowMinutes` (and after the last successful sign-in), further attempts are refused without checking
 * the password, until the oldest of those failures leaves the window. Unknown emails are throttled alike,
 * so a refusal does not reveal whether an account exists; refused attempts are logged but do not count.
 */
export const SIGN_IN_THROTTLE = { failures: 5, windowMinutes: 15 } as const;

/** The error code the sign-in form receives while an email is throttled. */
export const SIGN_IN_THROTTLED = "TOO_MANY_ATTEMPTS";
