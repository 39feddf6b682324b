import { describe, expect, it } from "vitest";
import type { Loan, SignalBundle, Transaction } from "../signals/signal-schema";
import { computeFeatures } from "./compute-features";
import { DAYS_LATE_CAP, DEBT_SERVICE_RATIO_CAP, DECAY_HALF_LIFE_DAYS, INFLOW_SPIKE_CAP } from "./feature-catalog";

// Hand-computed cases for the branches the window tests do not reach: caps, ratios with a zero
// denominator, trends over six periods, identity and bureau records, history over several sources.

const DAY = 86_400_000;
const AS_OF = "2026-01-01T00:00:00.000Z";
const asOfMs = Date.parse(AS_OF);
const ago = (days: number): string => new Date(asOfMs - days * DAY).toISOString();
const dayAgo = (days: number): string => ago(days).slice(0, 10);
const empty: SignalBundle = { accounts: [], transactions: [], bills: [], loans: [], events: [] };
const account = { id: "mm", type: "MOBILE_MONEY" as const, provider: "W", openedAt: dayAgo(500), verified: true };
let n = 0;
const tx = (age: number, amount: number, direction: Transaction["direction"], category: Transaction["category"], accountId = "mm"): Transaction => ({
  externalId: `t${n++}`, accountId, occurredAt: ago(age), amount, currency: "KES", direction, category,
});
const features = (bundle: Partial<SignalBundle>) => computeFeatures({ ...empty, accounts: [account], ...bundle }, undefined, AS_OF);
const loan = (instalments: Loan["instalments"], extra: Partial<Loan> = {}): Loan => ({ externalId: `l${n++}`, lender: "M", lenderType: "MFI", principal: 100, disbursedAt: dayAgo(400), instalments, ...extra });

describe("cash flow", () => {
  // 30-day periods: period p holds ages [30p, 30p + 30). History of 400 days: 12 complete periods.
  const history = tx(400, 1, "DEBIT", "AIRTIME");

  it("income trend: (last 3 periods − the 3 before) / their sum, with six complete periods", () => {
    const incomes = [300, 300, 300, 100, 100, 100].map((amount, p) => tx(30 * p + 10, amount, "CREDIT", "SALARY"));
    expect(features({ transactions: [history, ...incomes] }).incomeTrend180).toBeCloseTo((900 - 300) / 1200, 12);
  });

  it("income volatility and inflow variation: population CV of the monthly totals", () => {
    // Incomes 100, 300 in alternating periods over 12 periods: mean 200, SD 100 → CV 0.5.
    const incomes = Array.from({ length: 12 }, (_, p) => tx(30 * p + 10, p % 2 === 0 ? 100 : 300, "CREDIT", "BUSINESS_INCOME"));
    const f = features({ transactions: [history, ...incomes] });
    expect(f.incomeVolatility365).toBeCloseTo(0.5, 12);
    expect(f.inflowVariation180).toBeCloseTo(0.5, 12);
    expect(f.monthsWithInflowShare365).toBe(1);
  });

  it("inflow spike: this period over the mean of the five before, capped at INFLOW_SPIKE_CAP", () => {
    const prior = [1, 2, 3, 4, 5].map((p) => tx(30 * p + 10, 100, "CREDIT", "P2P"));
    expect(features({ transactions: [history, ...prior, tx(5, 300, "CREDIT", "P2P")] }).inflowSpike30).toBe(3);
    expect(features({ transactions: [history, ...prior, tx(5, 1e6, "CREDIT", "P2P")] }).inflowSpike30).toBe(INFLOW_SPIKE_CAP);
    expect(features({ transactions: [history, tx(5, 300, "CREDIT", "P2P")] }).inflowSpike30).toBeNaN();
  });

  it("savings share: savings over inflow in 180 days, at most 1; loan flows are neither inflow nor outflow", () => {
    const f = features({ transactions: [history, tx(10, 100, "CREDIT", "P2P"), tx(20, 500, "DEBIT", "SAVINGS"), tx(30, 5000, "CREDIT", "LOAN_DISBURSEMENT"), tx(40, 5000, "DEBIT", "LOAN_REPAYMENT")] });
    expect(f.savingsShare180).toBe(1);
    expect(f.monthlyInflow90).toBeCloseTo(100 / 3, 12);
    expect(f.netInflowShare90).toBeCloseTo((100 - 500) / 600, 12);
  });

  it("mobile money: active weeks and the longest run of inactive days, on the mobile-money account only", () => {
    const bank = { id: "bank", type: "BANK" as const, provider: "B", openedAt: dayAgo(500), verified: false };
    const f = computeFeatures({ ...empty, accounts: [account, bank], transactions: [tx(3, 5, "DEBIT", "AIRTIME"), tx(100, 5, "DEBIT", "AIRTIME"), tx(50, 5, "DEBIT", "AIRTIME", "bank")] }, undefined, AS_OF);
    expect(f.mobileMoneyActiveWeekShare180).toBe(2 / 25);
    expect(f.mobileMoneyLongestGapDays180).toBe(100 - 3 - 1); // days 4…99
    expect(f.mobileMoneyActiveDayShare90).toBe(1 / 90);
    expect(f.verifiedAccountCount).toBe(1);
    expect(f.oldestAccountMonths).toBeCloseTo(500 / 30, 12);
  });
});

describe("debt service ratio (instalments due in the capacity window ÷ inflow there)", () => {
  const history = tx(400, 1, "DEBIT", "AIRTIME");
  const due = (age: number, amount: number) => loan([{ dueDate: dayAgo(age), amountDue: amount, paidAt: ago(age), amountPaid: amount }], { disbursedAt: dayAgo(age + 30) });

  it("divides, and caps at DEBT_SERVICE_RATIO_CAP", () => {
    expect(features({ transactions: [history, tx(10, 1000, "CREDIT", "P2P")], loans: [due(20, 250)] }).debtServiceRatio90).toBe(0.25);
    expect(features({ transactions: [history, tx(10, 10, "CREDIT", "P2P")], loans: [due(20, 250)] }).debtServiceRatio90).toBe(DEBT_SERVICE_RATIO_CAP);
  });

  it("is the cap with instalments due but no inflow, 0 with neither", () => {
    expect(features({ transactions: [history], loans: [due(20, 250)] }).debtServiceRatio90).toBe(DEBT_SERVICE_RATIO_CAP);
    expect(features({ transactions: [history] }).debtServiceRatio90).toBe(0);
  });
});

describe("loans", () => {
  it(`counts a default at ${DAYS_LATE_CAP} days late, not one day earlier; caps days late at ${DAYS_LATE_CAP}`, () => {
    const lateBy = (days: number) => loan([{ dueDate: dayAgo(300), amountDue: 100, paidAt: ago(300 - days), amountPaid: 100 }]);
    expect(features({ loans: [lateBy(DAYS_LATE_CAP - 1)] }).loanDefaults).toBe(0);
    expect(features({ loans: [lateBy(DAYS_LATE_CAP)] }).loanDefaults).toBe(1);
    const f = features({ loans: [lateBy(200)] });
    expect(f.loanMeanDaysLate).toBe(DAYS_LATE_CAP);
    expect(f.loanMaxDaysPastDue365).toBe(200);
    expect(f.loansInArrears).toBe(0);
    expect(f.loanDecayedDaysLate).toBe(DAYS_LATE_CAP);
  });

  it("weights days late by 0.5^(age ÷ half-life) and counts a written-off loan once, not in arrears", () => {
    const w = (age: number) => Math.pow(0.5, age / DECAY_HALF_LIFE_DAYS);
    const f = features({
      loans: [
        loan([
          { dueDate: dayAgo(200), amountDue: 100, paidAt: ago(190), amountPaid: 100 },
          { dueDate: dayAgo(50), amountDue: 100, paidAt: ago(50), amountPaid: 100 },
        ]),
        loan([{ dueDate: dayAgo(100), amountDue: 100 }], { writtenOffAt: dayAgo(10) }),
      ],
    });
    expect(f.loanDecayedDaysLate).toBeCloseTo((w(200) * 10 + w(50) * 0 + w(100) * DAYS_LATE_CAP) / (w(200) + w(50) + w(100)), 12);
    expect(f.loanDefaults).toBe(1);
    expect(f.loansInArrears).toBe(0);
    expect(f.loanOnTimeShare).toBe(1 / 3);
  });
});

describe("identity, bureau and history", () => {
  it("reads the bureau's worst status as its rank, and no rank without a file", () => {
    const bureau = { hasFile: true, activeLoans: 2, worstStatus: "DPD_30_59" as const, inquiriesLast6Months: 4, reportedAt: dayAgo(5) };
    expect(features({ bureau }).bureauWorstStatusRank).toBe(2);
    const none = features({ bureau: { ...bureau, hasFile: false } });
    expect(none.bureauWorstStatusRank).toBeNaN();
    expect(none.bureauInquiries6m).toBe(4);
  });

  it("reads identity flags, SIM tenure and age (capped at 130 years); absent answers stay NaN", () => {
    const identity = { nationalIdType: "NIN" as const, idVerified: true, dateOfBirth: "1800-01-01", phone: "+2348012345678" };
    const f = features({ identity });
    expect([f.identityUnverified, f.ageYears]).toEqual([0, 130]);
    expect(f.nameMismatch).toBeNaN();
    expect(f.simTenureMonths).toBeNaN();
    const g = features({ identity: { ...identity, nameMatchesAccounts: false, simRegisteredAt: dayAgo(90), dateOfBirth: "2000-01-01" } });
    expect(g.nameMismatch).toBe(1);
    expect(g.simTenureMonths).toBeCloseTo(3, 12);
    expect(g.ageYears).toBeCloseTo((asOfMs - Date.parse("2000-01-01")) / DAY / 365.25, 12);
    expect(features({}).identityUnverified).toBeNaN();
  });

  it("dates the history by its oldest signal, whichever source it comes from", () => {
    const bill = { externalId: "b", biller: "P", billType: "WATER" as const, dueDate: dayAgo(250), amountDue: 10 };
    expect(features({ transactions: [tx(100, 1, "DEBIT", "AIRTIME")], bills: [bill], loans: [loan([{ dueDate: dayAgo(120), amountDue: 10 }], { disbursedAt: dayAgo(150) })] }).historyMonths).toBeCloseTo(250 / 30, 12);
    expect(features({ transactions: [tx(100, 1, "DEBIT", "AIRTIME")], loans: [loan([{ dueDate: dayAgo(120), amountDue: 10 }], { disbursedAt: dayAgo(310) })] }).historyMonths).toBeCloseTo(310 / 30, 12);
    expect(features({ transactions: [tx(330, 1, "DEBIT", "AIRTIME")], bills: [bill] }).historyMonths).toBeCloseTo(330 / 30, 12);
  });
});
