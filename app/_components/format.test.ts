import { describe, expect, it } from "vitest";
import { computeFeatures } from "@/scoring/features/compute-features";
import { countOf, describePayment, describePoints, describeRiskLevel, describeScoreBand, formatDate, formatDateTime, formatMoney, formatPercent, formatPoints, humanizeEnum } from "./format";

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

describe("describePayment: the bill timeline in the words of the features", () => {
  it.each([
    [{ amountDue: "2000.00", amountPaid: "2000.00", daysLate: 0 }, "On time"],
    [{ amountDue: "2000.00", amountPaid: null, daysLate: 0 }, "On time"],
    [{ amountDue: "2000.00", amountPaid: "1990.00", daysLate: 0 }, "Paid short by KES 10"],
    [{ amountDue: "2000.00", amountPaid: "1990.00", daysLate: 3 }, "Paid short by KES 10, 3 days late"],
    [{ amountDue: "2000.00", amountPaid: "2000.00", daysLate: 1 }, "1 day late"],
    [{ amountDue: "2000.00", amountPaid: "2000.00", daysLate: 45 }, "45 days late"],
    [{ amountDue: "2000.00", amountPaid: null, daysLate: null }, "Unpaid"],
  ])("%o → %s", (payment, text) => {
    expect(describePayment(payment, "KES").text).toBe(text);
  });

  it("says 'On time' exactly when the features count the bill as paid in full by its due day (the observed short payment)", () => {
    const asOf = "2026-06-30T00:00:00.000Z";
    for (const amountPaid of [2000, 1990, 1999.99, 2100]) {
      const bill = { externalId: "b", biller: "Kenya Power", billType: "ELECTRICITY" as const, dueDate: "2026-05-10", amountDue: 2000, paidAt: "2026-05-10T08:00:00.000Z", amountPaid };
      const features = computeFeatures({ accounts: [], transactions: [], bills: [bill], loans: [], events: [] }, undefined, asOf);
      const shown = describePayment({ amountDue: "2000.00", amountPaid: amountPaid.toFixed(2), daysLate: 0 }, "KES").text;
      expect(shown === "On time", `${amountPaid}: ${shown}`).toBe(features.billOnTimeShare365 === 1);
    }
  });
});

describe("the model's band and the policy's risk level are two things, named the same way everywhere", () => {
  it("names the band as a position on the model's scale, never as a risk level", () => {
    const bands = ["A", "B", "C", "D", "E"].map((name) => ({ name }));
    expect(describeScoreBand("E", bands)).toBe("score band E of A–E");
    expect(describeScoreBand("E")).toBe("score band E");
    expect(describeScoreBand("E", bands)).not.toMatch(/risk/);
  });

  it("names the policy's level as the policy's", () => {
    expect(describeRiskLevel("VERY_HIGH")).toBe("policy risk level very high");
    expect(describeRiskLevel("MEDIUM")).toBe("policy risk level medium");
  });
});
