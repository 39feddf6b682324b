import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMatrix } from "../data/matrix";
import { canonicalJson, contentHash } from "./canonical-json";
import { digestTrainingData } from "./data-digest";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined properties", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: "x" }, u: undefined })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}');
  });

  it("writes a Date as its ISO-8601 string, the bytes the audit chain hashes", () => {
    const value = { at: new Date("2026-11-22T09:30:00Z"), s: 'quote " and \u2028' };
    expect(canonicalJson(value)).toBe('{"at":"2026-11-22T09:30:00.000Z","s":"quote \\" and \u2028"}');
    expect(JSON.parse(canonicalJson(value))).toEqual({ at: "2026-11-22T09:30:00.000Z", s: 'quote " and \u2028' });
  });

  it("writes typed arrays as arrays", () => {
    expect(canonicalJson({ w: Float64Array.of(0.1, -2) })).toBe('{"w":[0.1,-2]}');
  });

  it("round-trips every finite double bit for bit (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true })), (values) => {
        const back = JSON.parse(canonicalJson(values)) as number[];
        back.forEach((v, i) => expect(Object.is(v, values[i]) || (v === 0 && values[i] === 0)).toBe(true));
      }),
    );
  });

  it("refuses NaN and infinities instead of writing null", () => {
    expect(() => canonicalJson({ a: [1, NaN] })).toThrow(/\$\.a\[1\]/);
    expect(() => canonicalJson({ a: Infinity })).toThrow(/INVALID|JSON/);
  });

  it("hashes with SHA-256 of the canonical text, independent of key order", () => {
    expect(contentHash({ b: 2, a: 1 })).toBe(contentHash({ a: 1, b: 2 }));
    expect(contentHash({ a: 1, b: 2 })).toBe(bytesToHex(sha256(utf8ToBytes('{"a":1,"b":2}'))));
    // FIPS 180-4 test vector: SHA-256("abc").
    expect(bytesToHex(sha256(utf8ToBytes("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("digestTrainingData", () => {
  const features = [{ name: "a", kind: "numeric" as const }];
  it("changes with any value, label or row order, and treats every NaN alike", () => {
    const base = digestTrainingData(createMatrix(features, [Float64Array.of(1, NaN)]), [0, 1]);
    expect(digestTrainingData(createMatrix(features, [Float64Array.of(1, NaN)]), [0, 1])).toBe(base);
    expect(digestTrainingData(createMatrix(features, [Float64Array.of(1, 0 / 0)]), [0, 1])).toBe(base);
    expect(digestTrainingData(createMatrix(features, [Float64Array.of(1, 2)]), [0, 1])).not.toBe(base);
    expect(digestTrainingData(createMatrix(features, [Float64Array.of(1, NaN)]), [1, 0])).not.toBe(base);
    expect(digestTrainingData(createMatrix(features, [Float64Array.of(NaN, 1)]), [0, 1])).not.toBe(base);
  });
});
