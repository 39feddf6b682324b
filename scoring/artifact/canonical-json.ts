import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { ScoringError } from "../core/errors";

/**
 * Canonical JSON (in the spirit of RFC 8785, JSON Canonicalization Scheme): object keys sorted by
 * UTF-16 code units, no whitespace, numbers in ECMAScript's shortest round-trip form (Number#toString,
 * so every finite double reads back bit-identical), typed arrays written as arrays, a Date as its ISO-8601
 * string (what JSON.stringify writes), `undefined` properties omitted. The one canonical JSON of the project:
 * model artifacts, signal bundles, policy documents, stored results and the audit chain all hash it. The same value always gives the same string, which is what a content hash needs.
 * @throws ScoringError INVALID_ARTIFACT on a non-finite number (JSON has none; silently writing null,
 * as JSON.stringify does, would change the model on reload), a function, a bigint or a symbol.
 */
export function canonicalJson(value: unknown): string {
  try {
    return write(value);
  } catch (error) {
    // Only a failure pays for naming the path: the second pass tracks it.
    if (error instanceof ScoringError) {
      const failure = findFailure(value, "$");
      throw new ScoringError("INVALID_ARTIFACT", `canonicalJson: ${failure?.path ?? "$"} ${failure?.reason ?? "cannot be written"}`, failure?.path);
    }
    throw error;
  }
}

function write(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new ScoringError("INVALID_ARTIFACT", "canonicalJson: a non-finite number");
      return Object.is(value, -0) ? "0" : String(value);
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return write(Array.from(value as unknown as ArrayLike<number>));
      if (Array.isArray(value)) return `[${value.map((item) => write(item === undefined ? null : item)).join(",")}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k])}`).join(",")}}`;
    }
    default:
      throw new ScoringError("INVALID_ARTIFACT", `canonicalJson: a ${typeof value}`);
  }
}

/** Where and why `value` cannot be written: the first path in write order, e.g. $.weights[2], "is NaN, which JSON cannot represent". */
function findFailure(value: unknown, path: string): { path: string; reason: string } | null {
  if (typeof value === "number" && !Number.isFinite(value)) return { path, reason: `is ${value}, which JSON cannot represent` };
  if (value === null || typeof value === "string" || typeof value === "boolean" || typeof value === "number") return null;
  if (typeof value !== "object") return { path, reason: `is a ${typeof value}, which JSON cannot represent` };
  if (value instanceof Date) return null;
  const items: [string, unknown][] = ArrayBuffer.isView(value)
    ? Array.from(value as unknown as ArrayLike<number>).map((item, i) => [`${path}[${i}]`, item])
    : Array.isArray(value)
      ? value.map((item, i) => [`${path}[${i}]`, item ?? null])
      : Object.entries(value as Record<string, unknown>).filter(([, member]) => member !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, member]) => [`${path}.${k}`, member]);
  for (const [itemPath, item] of items) {
    const found = findFailure(item, itemPath);
    if (found) return found;
  }
  return null;
}

/** SHA-256 (FIPS 180-4, via @noble/hashes) of the UTF-8 canonical JSON of `value`, as lowercase hex. */
export function contentHash(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));
}
