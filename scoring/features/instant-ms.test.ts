import { describe, expect, it } from "vitest";
import { Random } from "../core/random";
import { instantMs } from "./instant-ms";

describe("instantMs", () => {
  it("is Date.parse for ISO instants across years 100–9999", () => {
    const random = new Random(20261202);
    const low = Date.UTC(100, 0, 1);
    const high = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    for (let i = 0; i < 20_000; i++) {
      const iso = new Date(Math.floor(low + random.nextFloat() * (high - low))).toISOString();
      expect(instantMs(iso)).toBe(Date.parse(iso));
    }
  });

  it.each([
    "2026-02-28T23:59:59.999Z",
    "2026-02-29T00:00:00.000Z",
    "2024-02-29T12:00:00.000Z",
    "2026-04-31T00:00:00.000Z",
    "2026-12-31T23:59:59.999Z",
    "2026-13-01T00:00:00.000Z",
    "2026-00-10T00:00:00.000Z",
    "2026-01-00T00:00:00.000Z",
    "2026-01-10T24:00:00.000Z",
    "2026-01-10T23:60:00.000Z",
    "2026-01-10T23:59:60.000Z",
    "2026-01-1aT00:00:00.000Z",
    "0099-06-01T00:00:00.000Z",
    "0000-01-01T00:00:00.000Z",
    "2026-01-10T09:15:30.123z",
    "2026-01-10T09:15:30Z",
    "2026-01-10T09:15:30.123+03:00",
    "2026-01-10",
    "+010000-01-01T00:00:00.000Z",
    "not a date at all, 24 ch",
    "",
  ])("is Date.parse for %j", (text) => {
    expect(Object.is(instantMs(text), Date.parse(text))).toBe(true);
  });
});
