import { describe, expect, it } from "vitest";
import { countOf, describePoints, formatDate, formatDateTime, formatMoney, formatPercent, formatPoints, humanizeEnum } from "./format";

describe("portal formats", () => {
  it.each([
    [12.44, "+12.4"],
    [-3, "−3.0"],
    [0, "+0.0"],
  ])("formatPoints(%s) = %s, with a true minus sign", (points, text) => {
    expect(formatPoints(points)).toBe(text);
  });

  it.each([
    [0.2, "less than 1 point"],
    [-0.49, "less than 1 point"],
    [0.5, "about 1 point"],
    [-1.2, "about 1 point"],
    [29.7, "about 30 points"],
    [1234.4, "about 1,234 points"],
  ])("describePoints(%s) = %s", (points, text) => {
    expect(describePoints(points)).toBe(text);
  });

  it("keeps Decimal strings exact up to two places and shows missing values as a dash", () => {
    expect(formatMoney("20000.50", "KES")).toBe("KES 20,000.5");
    expect(formatMoney(null)).toBe("—");
    expect(formatPercent(0.0694, 2)).toBe("6.94 %");
    expect(formatPercent(null)).toBe("—");
  });

  it("shows instants and days in UTC, whatever the machine's zone", () => {
    expect(formatDateTime("2026-11-22T23:30:00.000Z")).toBe("22 Nov 2026, 23:30 UTC");
    expect(formatDate("2026-02-01")).toBe("1 Feb 2026");
    expect(formatDate("2026-02-01T23:59:00-05:00")).toBe("2 Feb 2026");
  });

  it("turns enum values into words", () => {
    expect(humanizeEnum("LOAN_UNDERWRITING")).toBe("Loan underwriting");
    expect(humanizeEnum("VERY_HIGH")).toBe("Very high");
  });
});

describe("countOf", () => {
  it.each([
    [0, "day", undefined, "0 days"],
    [1, "day", undefined, "1 day"],
    [2, "day", undefined, "2 days"],
    [1200, "borrower", undefined, "1,200 borrowers"],
    [1, "entry", "entries", "1 entry"],
    [3, "entry", "entries", "3 entries"],
  ])("%d %s (plural %s) → %s", (count, singular, plural, expected) => {
    expect(countOf(count, singular, plural)).toBe(expected);
  });
});
