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
  return write(value, "$");
}

function write(value: unknown, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new ScoringError("INVALID_ARTIFACT", `canonicalJson: ${path} is ${value}, which JSON cannot represent`, path);
      return Object.is(value, -0) ? "0" : String(value);
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
        return write(Array.from(value as unknown as ArrayLike<number>), path);
      }
      if (Array.isArray(value)) return `[${value.map((item, i) => write(item === undefined ? null : item, `${path}[${i}]`)).join(",")}]`;
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`).join(",")}}`;
    }
    default:
      throw new ScoringError("INVALID_ARTIFACT", `canonicalJson: ${path} is a ${typeof value}, which JSON cannot represent`, path);
  }
}

/** SHA-256 (FIPS 180-4, via @noble/hashes) of the UTF-8 canonical JSON of `value`, as lowercase hex. */
export function contentHash(value: unknown): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(value))));
}
