import { Kind } from "graphql";
import { describe, expect, it } from "vitest";
import { DateScalar, DateTime } from "./scalars";

describe("Date", () => {
  it("reads ISO calendar dates as midnight UTC and writes them back unchanged", () => {
    const date = DateScalar.parseValue("1990-04-17");
    expect(date).toEqual(new Date("1990-04-17T00:00:00Z"));
    expect(DateScalar.serialize(date)).toBe("1990-04-17");
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: "2024-02-29" })).toEqual(new Date("2024-02-29T00:00:00Z"));
  });

  it.each(["2023-02-29", "2026-02-30", "1990-13-01", "1990-4-17", "17/04/1990", "1990-04-17T00:00:00Z", 19900417, "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])("refuses %j", (value) => {
    expect(() => DateScalar.parseValue(value)).toThrow(/^Date: expected a real ISO-8601 calendar date/);
  });
});

describe("DateTime", () => {
  it("reads instants with a zone and writes UTC ISO strings", () => {
    expect(DateTime.parseValue("2026-11-22T12:30:00+03:00")).toEqual(new Date("2026-11-22T09:30:00Z"));
    expect(DateTime.serialize(new Date("2026-11-22T09:30:00Z"))).toBe("2026-11-22T09:30:00.000Z");
  });

  it.each(["2026-11-22T09:30:00", "2026-11-22", "yesterday", 0, "2026-02-30T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T09:60:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-22T09:30:00+25:00"])(
    "refuses %j (no zone, no time, not a string, not a real instant, out of range)",
    (value) => {
      expect(() => DateTime.parseValue(value)).toThrow(/^DateTime: expected a real ISO-8601 instant/);
    },
  );

  it("keeps the instant named, with its offset, at the edges of the range", () => {
    expect(DateTime.parseValue("1900-01-01T00:00:00+01:00")).toEqual(new Date("1899-12-31T23:00:00Z"));
    expect(DateTime.parseValue("2100-12-31T23:59:59.999Z")).toEqual(new Date("2100-12-31T23:59:59.999Z"));
  });
});
