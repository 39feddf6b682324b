import { describe, expect, it } from "vitest";
import { isoDate, isoInstant } from "./iso-instant";

// A fixed-seed LCG: the sample is the same on every run.
function* samples(count: number, from: number, to: number, seed = 20_261_122): Generator<number> {
  let state = seed;
  for (let index = 0; index < count; index += 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const high = state;
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    yield from + Math.floor(((high * 2_147_483_648 + state) / 2 ** 62) * (to - from));
  }
}

describe("isoInstant", () => {
  it("writes exactly what Date#toISOString writes, across years 0–9999", () => {
    const from = Date.parse("0000-01-01T00:00:00.000Z");
    const to = Date.parse("9999-12-31T23:59:59.999Z");
    for (const ms of samples(20_000, from, to)) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });

  it("is exact at the edges: epoch, day and leap-day boundaries, century rules", () => {
    const instants = ["1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2000-02-29T23:59:59.999Z", "2000-03-01T00:00:00.000Z", "1900-02-28T12:00:00.001Z", "1900-03-01T00:00:00.000Z", "2024-12-31T23:59:59.999Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"];
    for (const text of instants) expect(isoInstant(Date.parse(text))).toBe(text);
  });

  it("falls back to Date for what it does not format itself (extended years, fractions)", () => {
    const extended = Date.parse("+010000-01-01T00:00:00.000Z");
    expect(isoInstant(extended)).toBe("+010000-01-01T00:00:00.000Z");
    expect(isoInstant(-62_198_755_200_000)).toBe(new Date(-62_198_755_200_000).toISOString());
    expect(isoInstant(1.5)).toBe(new Date(1.5).toISOString());
  });
});

describe("isoDate", () => {
  it("writes the UTC calendar day of a day number", () => {
    for (const days of samples(5_000, -719_528, 2_932_896)) expect(isoDate(days)).toBe(new Date(days * 86_400_000).toISOString().slice(0, 10));
    expect(isoDate(0)).toBe("1970-01-01");
    expect(isoDate(-1)).toBe("1969-12-31");
    expect(isoDate(11_016)).toBe("2000-02-29");
  });
});
