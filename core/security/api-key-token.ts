import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Token shape: "mt_<prefix>_<secret>". The prefix (12 hex chars) finds the row; the whole token is hashed.
const tokenPattern = /^mt_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKeyToken {
  token: string;
  prefix: string;
  secretHash: string;
}

/** sha256 of the whole token, hex. A fast hash suffices: the token carries 256 random bits, not a password. */
export function hashApiKeyToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function generateApiKeyToken(): GeneratedApiKeyToken {
  const prefix = randomBytes(6).toString("hex");
  const token = `mt_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, prefix, secretHash: hashApiKeyToken(token) };
}

/** The prefix of a well-formed token, else null. */
export function parseApiKeyPrefix(token: string): string | null {
  return tokenPattern.exec(token)?.[1] ?? null;
}

/** Constant-time comparison of a presented token with the stored hash. */
export function matchesApiKeyHash(token: string, secretHash: string): boolean {
  const presented = Buffer.from(hashApiKeyToken(token), "hex");
  const stored = Buffer.from(secretHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
