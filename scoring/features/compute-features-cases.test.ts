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

describe("minimum data for each ratio, and the order signals arrive in", () => {
  const periodsOfIncome = (periods: number, amounts: (p: number) => number) => Array.from({ length: periods }, (_, p) => tx(30 * p + 10, amounts(p), "CREDIT", "SALARY"));
  /** A history of exactly `periods` complete 30-day periods (the oldest signal 30·periods + 5 days old). */
  const since = (periods: number) => tx(30 * periods + 5, 1, "DEBIT", "AIRTIME");

  it("income trend needs six complete periods, and is negative when income falls", () => {
    const falling = periodsOfIncome(6, (p) => (p < 3 ? 100 : 300));
    expect(features({ transactions: [since(6), ...falling] }).incomeTrend180).toBeCloseTo((300 - 900) / 1200, 12);
    expect(features({ transactions: [since(5), ...periodsOfIncome(5, () => 100)] }).incomeTrend180).toBeNaN();
  });

  it("variation and volatility need three complete periods; variation reads the last six only", () => {
    expect(features({ transactions: [since(3), ...periodsOfIncome(3, (p) => (p === 1 ? 300 : 100))] }).inflowVariation180).toBeCloseTo(Math.sqrt(8 / 9) / (5 / 3), 12); // [1, 3, 1] × 100: SD √(8/9), mean 5/3
    expect(features({ transactions: [since(3), ...periodsOfIncome(3, () => 100)] }).incomeVolatility365).toBe(0);
    const two = features({ transactions: [since(2), ...periodsOfIncome(2, () => 100)] });
    expect([two.inflowVariation180, two.incomeVolatility365]).toEqual([NaN, NaN]);
    // Six equal periods, then six of another level: variation 0 (last six), volatility over all twelve.
    const twelve = features({ transactions: [since(12), ...periodsOfIncome(12, (p) => (p < 6 ? 100 : 300))] });
    expect(twelve.inflowVariation180).toBe(0);
    expect(twelve.incomeVolatility365).toBeCloseTo(0.5, 12);
  });

  it("the inflow spike needs two periods before the current one", () => {
    expect(features({ transactions: [since(3), ...periodsOfIncome(3, (p) => (p === 0 ? 400 : 100))] }).inflowSpike30).toBe(4);
    expect(features({ transactions: [since(2), ...periodsOfIncome(2, (p) => (p === 0 ? 400 : 100))] }).inflowSpike30).toBeNaN();
  });

  it("income counts salary and business income only; savings count savings only; no inflow leaves savings share unknown", () => {
    const f = features({ transactions: [since(12), tx(10, 900, "CREDIT", "P2P"), tx(11, 1800, "CREDIT", "BUSINESS_INCOME"), tx(12, 300, "DEBIT", "MERCHANT"), tx(13, 90, "DEBIT", "SAVINGS")] });
    expect(f.monthlyIncome180).toBeCloseTo(1800 / 6, 12);
    expect(f.savingsShare180).toBeCloseTo(90 / 2700, 12);
    expect(features({ transactions: [since(12), tx(13, 90, "DEBIT", "SAVINGS")] }).savingsShare180).toBeNaN();
  });

  it("income per month needs 30 days of history", () => {
    expect(features({ transactions: [tx(20, 500, "CREDIT", "SALARY")] }).monthlyIncome180).toBeNaN();
  });

  it("mobile money: week share needs two whole weeks; the inactive run stops at the account's opening", () => {
    const opened = (days: number) => ({ ...account, openedAt: ago(days) });
    expect(computeFeatures({ ...empty, accounts: [opened(14)], transactions: [tx(3, 5, "DEBIT", "AIRTIME")] }, undefined, AS_OF).mobileMoneyActiveWeekShare180).toBe(0.5);
    expect(computeFeatures({ ...empty, accounts: [opened(13.5)], transactions: [tx(3, 5, "DEBIT", "AIRTIME")] }, undefined, AS_OF).mobileMoneyActiveWeekShare180).toBeNaN();
    expect(computeFeatures({ ...empty, accounts: [opened(100.5)], transactions: [tx(3, 5, "DEBIT", "AIRTIME")] }, undefined, AS_OF).mobileMoneyLongestGapDays180).toBe(100 - 3 - 1);
    // Two mobile-money accounts: observation starts at the older one, whichever is listed first.
    const twoAccounts = [{ ...account, id: "new", openedAt: ago(20) }, { ...account, id: "old", openedAt: ago(60) }];
    expect(computeFeatures({ ...empty, accounts: twoAccounts, transactions: [tx(3, 5, "DEBIT", "AIRTIME", "new")] }, undefined, AS_OF).mobileMoneyActiveDayShare90).toBe(1 / 60);
    expect(computeFeatures({ ...empty, accounts: [...twoAccounts].reverse(), transactions: [tx(3, 5, "DEBIT", "AIRTIME", "new")] }, undefined, AS_OF).mobileMoneyActiveDayShare90).toBe(1 / 60);
  });

  it("dates every history by its oldest signal whatever the order signals are listed in", () => {
    const bill = (age: number) => ({ externalId: `b${age}`, biller: "P", billType: "WATER" as const, dueDate: dayAgo(age), amountDue: 10, paidAt: ago(age), amountPaid: 10 });
    const bank = (age: number) => ({ id: `a${age}`, type: "BANK" as const, provider: "B", openedAt: ago(age), verified: true });
    for (const order of [(xs: number[]) => xs, (xs: number[]) => [...xs].reverse()]) {
      expect(computeFeatures({ ...empty, bills: order([250, 100]).map(bill) }, undefined, AS_OF).historyMonths).toBeCloseTo(250 / 30, 12);
      expect(computeFeatures({ ...empty, accounts: order([300, 40]).map(bank) }, undefined, AS_OF).oldestAccountMonths).toBeCloseTo(300 / 30, 12);
      const loans = order([310, 120]).map((age) => loan([{ dueDate: dayAgo(age - 30), amountDue: 10 }], { disbursedAt: dayAgo(age) }));
      expect(computeFeatures({ ...empty, loans }, undefined, AS_OF).historyMonths).toBeCloseTo(310 / 30, 12);
      const transactions = order([330, 20]).map((age) => tx(age, 1, "DEBIT", "AIRTIME"));
      expect(computeFeatures({ ...empty, accounts: [account], transactions }, undefined, AS_OF).historyMonths).toBeCloseTo(330 / 30, 12);
    }
  });

  it("a paid bill with no amount recorded counts as paid in full; on-time instalments give 0 days past due", () => {
    const bill = { externalId: "b", biller: "P", billType: "WATER" as const, dueDate: dayAgo(20), amountDue: 10, paidAt: ago(21) };
    expect(features({ bills: [bill] }).billOnTimeShare365).toBe(1);
    expect(features({ loans: [loan([{ dueDate: dayAgo(30), amountDue: 10, paidAt: ago(31), amountPaid: 10 }])] }).loanMaxDaysPastDue365).toBe(0);
  });

  it("only a SIM swap sets the SIM-swap flag", () => {
    const events = (["DEVICE_CHANGE", "ADDRESS_CHANGE", "PHONE_CHANGE"] as const).map((type, k) => ({ externalId: `e${k}`, type, occurredAt: ago(5) }));
    expect(features({ events }).simSwapLast30Days).toBe(0);
  });
});

describe("what the remaining edges mean", () => {
  it("income per period counts salary and business income only (volatility of 12 equal incomes stays 0 with other credits around)", () => {
    const incomes = Array.from({ length: 12 }, (_, p) => tx(30 * p + 10, 100, "CREDIT", "SALARY"));
    const gifts = Array.from({ length: 12 }, (_, p) => tx(30 * p + 12, p % 2 === 0 ? 50 : 500, "CREDIT", "P2P"));
    expect(features({ transactions: [tx(400, 1, "DEBIT", "AIRTIME"), ...incomes, ...gifts] }).incomeVolatility365).toBe(0);
  });

  it("income per month is known from exactly 30 days of history", () => {
    expect(features({ transactions: [tx(30, 600, "CREDIT", "SALARY")] }).monthlyIncome180).toBeCloseTo(600, 9);
  });

  it("a SIM registered, or a birth date, exactly at as-of gives no tenure and no age", () => {
    const f = computeFeatures({ ...empty, identity: { nationalIdType: "NIN", idVerified: true, dateOfBirth: AS_OF.slice(0, 10), phone: "+2348012345678", simRegisteredAt: AS_OF } }, undefined, AS_OF);
    expect(f.simTenureMonths).toBeNaN();
    expect(f.ageYears).toBeNaN();
  });

  it("names the as-of it could not read", () => {
    expect(() => computeFeatures(empty, undefined, "soon")).toThrow(expect.objectContaining({ code: "INVALID_ARGUMENT", message: 'computeFeatures: asOf must be an ISO 8601 date or date-time, got "soon"' }));
  });
});
