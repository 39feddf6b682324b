import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Matrix } from "../data/matrix";
import { canonicalJson } from "./canonical-json";

/**
 * SHA-256 (FIPS 180-4) of the canonical training data: the canonical JSON of the feature spec, then
 * every column as little-endian IEEE-754 doubles (missing values written as one fixed quiet-NaN
 * pattern, since NaN payloads differ between engines), then the labels the same way. Two data sets
 * digest equal exactly when they have the same features, values, row order and labels.
 * Pure; no throws beyond canonicalJson's.
 */
export function digestTrainingData(x: Matrix, labels: ArrayLike<number>): string {
  const hash = sha256.create();
  hash.update(utf8ToBytes(canonicalJson({ features: x.features, rows: x.rows, labels: labels.length })));
  const encode = (values: ArrayLike<number>): Uint8Array => {
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (Number.isNaN(v)) {
        view.setUint32(i * 8, 0, true);
        view.setUint32(i * 8 + 4, 0x7ff80000, true);
      } else view.setFloat64(i * 8, v, true);
    }
    return bytes;
  };
  for (const column of x.columns) hash.update(encode(column));
  hash.update(encode(labels));
  return bytesToHex(hash.digest());
}
