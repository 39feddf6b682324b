import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth, drops undefined members and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: undefined } })).toBe('{"a":{"d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it("gives equal bytes for equal values built in different orders", () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });

  it("writes dates as ISO-8601 and round-trips through JSON.parse", () => {
    const value = { at: new Date("2026-11-22T09:30:00Z"), s: 'quote " and \u2028' };
    expect(JSON.parse(canonicalJson(value))).toEqual({ at: "2026-11-22T09:30:00.000Z", s: 'quote " and \u2028' });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 10n, () => 1])("refuses %s", (value) => {
    expect(() => canonicalJson({ value })).toThrow(TypeError);
  });
});
