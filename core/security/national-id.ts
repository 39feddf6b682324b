import "server-only";
import { createHmac } from "node:crypto";

/** Upper case with spaces, dashes, dots and slashes removed: "12-345 678" and "12345678" are one number. */
export function normaliseNationalId(nationalId: string): string {
  return nationalId.toUpperCase().replace(/[\s\-./]/g, "");
}

/**
 * HMAC-SHA256 (RFC 2104) of "<type>:<normalised number>" under the deployment's key, hex. Keyed, so a leaked
 * table cannot be reversed by hashing every possible id number; deterministic, so duplicates are found.
 */
export function hashNationalId(key: string, type: string, nationalId: string): string {
  return createHmac("sha256", key).update(`${type}:${normaliseNationalId(nationalId)}`, "utf8").digest("hex");
}

/** The last four characters of the normalised number, the only part ever stored in clear. */
export function lastFourOfNationalId(nationalId: string): string {
  return normaliseNationalId(nationalId).slice(-4);
}
