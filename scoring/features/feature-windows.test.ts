import { describe, expect, it } from "vitest";
import type { SignalBundle, Transaction } from "../signals/signal-schema";
import { computeFeatures } from "./compute-features";
import type { FeatureName } from "./feature-catalog";

// Every time window of computeFeatures, tested at its edge with the as-of instant passed in: one probe
// signal sits at the fixed instant PROBE, and as-of is moved to PROBE + edge + δ for δ of one day or one
// millisecond either side, and exactly 0. Everything else in the bundle is placed relative to as-of, so
// only the probe crosses the edge. The rule of each window (age < N, age ≤ N, …) is the documented one
// (compute-features.ts and docs/features.md): "windows are counted back from as-of", "signals dated at or
// after as-of are ignored", "a bill counts once its due day has ended".

const DAY = 86_400_000;
const PROBE_DATE = "2025-01-01";
const PROBE = `${PROBE_DATE}T00:00:00.000Z`;
const probeMs = Date.parse(PROBE);
const iso = (ms: number): string => new Date(ms).toISOString();

/** The probe is inside the window when as-of − probe (= edge + δ, in days) satisfies the rule. */
type Rule = "age < N" | "age <= N" | "age > N" | "age >= N";
const inside: Record<Rule, (delta: number) => boolean> = {
  "age < N": (delta) => delta < 0,
  "age <= N": (delta) => delta <= 0,
  "age > N": (delta) => delta > 0,
  "age >= N": (delta) => delta >= 0,
};

interface WindowCase {
  readonly name: string;
  readonly feature: FeatureName;
  readonly rule: Rule;
  /** N, in days. */
  readonly edgeDays: number;
  /** The bundle for this as-of; the probe at PROBE (or the PROBE_DATE calendar day). */
  readonly build: (asOfMs: number) => SignalBundle;
  readonly valueInside: number;
  readonly valueOutside: number;
}

const empty: SignalBundle = { accounts: [], transactions: [], bills: [], loans: [], events: [] };
const mobileMoney = (asOfMs: number) => ({ id: "mm", type: "MOBILE_MONEY" as const, provider: "W", openedAt: iso(asOfMs - 500 * DAY), verified: true });
let txCounter = 0;
const tx = (occurredMs: number, amount: number, direction: Transaction["direction"], category: Transaction["category"]): Transaction => ({
  externalId: `t${txCounter++}`, accountId: "mm", occurredAt: iso(occurredMs), amount, currency: "KES", direction, category,
});
/** An airtime purchase 400 days before as-of: fixes the history (and so every window) at its full length. */
const oldHistory = (asOfMs: number) => tx(asOfMs - 400 * DAY, 1, "DEBIT", "AIRTIME");
const cashFlow = (asOfMs: number, ...transactions: Transaction[]): SignalBundle => ({ ...empty, accounts: [mobileMoney(asOfMs)], transactions: [oldHistory(asOfMs), ...transactions] });

const cases: WindowCase[] = [
  // Cash flow: whole days of age, day = ⌊age⌋, inside when day < N (so age < N).
  { name: "inflow in the last 90 days", feature: "monthlyInflow90", rule: "age < N", edgeDays: 90, build: (a) => cashFlow(a, tx(probeMs, 900, "CREDIT", "P2P")), valueInside: 300, valueOutside: 0 },
  { name: "outflow in the last 90 days", feature: "netInflowShare90", rule: "age < N", edgeDays: 90, build: (a) => cashFlow(a, tx(probeMs, 100, "DEBIT", "MERCHANT"), tx(a - 10 * DAY, 100, "CREDIT", "P2P")), valueInside: 0, valueOutside: 1 },
  { name: "income in the last 180 days", feature: "monthlyIncome180", rule: "age < N", edgeDays: 180, build: (a) => cashFlow(a, tx(probeMs, 1800, "CREDIT", "SALARY")), valueInside: 300, valueOutside: 0 },
  { name: "savings in the last 180 days", feature: "savingsShare180", rule: "age < N", edgeDays: 180, build: (a) => cashFlow(a, tx(probeMs, 50, "DEBIT", "SAVINGS"), tx(a - 10 * DAY, 100, "CREDIT", "P2P")), valueInside: 0.5, valueOutside: 0 },
  { name: "mobile-money active days in the last 90", feature: "mobileMoneyActiveDayShare90", rule: "age < N", edgeDays: 90, build: (a) => cashFlow(a, tx(probeMs, 5, "DEBIT", "AIRTIME")), valueInside: 1 / 90, valueOutside: 0 },
  { name: "mobile-money active weeks: 25 whole weeks (175 days) of the 180", feature: "mobileMoneyActiveWeekShare180", rule: "age < N", edgeDays: 175, build: (a) => cashFlow(a, tx(probeMs, 5, "DEBIT", "AIRTIME")), valueInside: 1 / 25, valueOutside: 0 },
  // Income on days 5, 35 and 364 (⌊age⌋ of the probe inside): gaps 30 and 329, CV 149.5/179.5.
  { name: "income days of the last 365 (interval regularity)", feature: "incomeIntervalRegularity", rule: "age < N", edgeDays: 365, build: (a) => cashFlow(a, tx(probeMs, 10, "CREDIT", "SALARY"), tx(a - 5 * DAY, 10, "CREDIT", "SALARY"), tx(a - 35 * DAY, 10, "CREDIT", "SALARY")), valueInside: 1 / (1 + 149.5 / 179.5), valueOutside: NaN },
  { name: "twelve 30-day periods of inflow (360 days)", feature: "monthsWithInflowShare365", rule: "age < N", edgeDays: 360, build: (a) => cashFlow(a, tx(probeMs, 10, "CREDIT", "P2P")), valueInside: 1 / 12, valueOutside: 0 },
  // Capacity needs 30 days of history, mobile-money features 7 days of an account.
  { name: "cash-flow history of at least 30 days", feature: "debtServiceRatio90", rule: "age >= N", edgeDays: 30, build: (a) => ({ ...empty, accounts: [mobileMoney(a)], transactions: [tx(probeMs, 300, "CREDIT", "P2P")] }), valueInside: 0, valueOutside: NaN },
  { name: "a mobile-money account open at least 7 days", feature: "mobileMoneyActiveDayShare90", rule: "age >= N", edgeDays: 7, build: () => ({ ...empty, accounts: [{ id: "mm", type: "MOBILE_MONEY", provider: "W", openedAt: PROBE, verified: true }] }), valueInside: 0, valueOutside: NaN },
  // Events and loans: fractional age in days, inside when age ≤ N.
  { name: "SIM swap in the last 30 days", feature: "simSwapLast30Days", rule: "age <= N", edgeDays: 30, build: () => ({ ...empty, events: [{ externalId: "e", type: "SIM_SWAP", occurredAt: PROBE }] }), valueInside: 1, valueOutside: 0 },
  { name: "device changes in the last 90 days", feature: "deviceChanges90", rule: "age <= N", edgeDays: 90, build: () => ({ ...empty, events: [{ externalId: "e", type: "DEVICE_CHANGE", occurredAt: PROBE }] }), valueInside: 1, valueOutside: 0 },
  { name: "address changes in the last 365 days", feature: "addressChanges365", rule: "age <= N", edgeDays: 365, build: () => ({ ...empty, events: [{ externalId: "e", type: "ADDRESS_CHANGE", occurredAt: PROBE }] }), valueInside: 1, valueOutside: 0 },
  { name: "loans disbursed in the last 90 days", feature: "loansDisbursed90", rule: "age <= N", edgeDays: 90, build: () => ({ ...empty, loans: [{ externalId: "l", lender: "M", lenderType: "MFI", principal: 100, disbursedAt: PROBE, instalments: [{ dueDate: "2025-02-01", amountDue: 110 }] }] }), valueInside: 1, valueOutside: 0 },
  // Bills and instalments: age of the due day, inside when ≤ N.
  { name: "bills due in the last 365 days", feature: "billOnTimeShare365", rule: "age <= N", edgeDays: 365, build: () => ({ ...empty, bills: [{ externalId: "b", biller: "P", billType: "ELECTRICITY", dueDate: PROBE_DATE, amountDue: 10, paidAt: iso(probeMs - DAY), amountPaid: 10 }] }), valueInside: 1, valueOutside: NaN },
  {
    name: "days past due on instalments due in the last 365 days", feature: "loanMaxDaysPastDue365", rule: "age <= N", edgeDays: 365,
    build: () => ({ ...empty, loans: [{ externalId: "l", lender: "M", lenderType: "MFI", principal: 100, disbursedAt: iso(probeMs - 30 * DAY), instalments: [{ dueDate: PROBE_DATE, amountDue: 110, paidAt: iso(probeMs + 5 * DAY), amountPaid: 110 }] }] }),
    valueInside: 5, valueOutside: NaN,
  },
  {
    name: "instalments due in the 90-day capacity window (debt service ratio)", feature: "debtServiceRatio90", rule: "age <= N", edgeDays: 90,
    build: (a) => ({ ...cashFlow(a, tx(a - 10 * DAY, 1000, "CREDIT", "P2P")), loans: [{ externalId: "l", lender: "M", lenderType: "MFI", principal: 400, disbursedAt: iso(probeMs - 30 * DAY), instalments: [{ dueDate: PROBE_DATE, amountDue: 500, paidAt: PROBE, amountPaid: 500 }] }] }),
    valueInside: 0.5, valueOutside: 0,
  },
  // Nothing at or after as-of is known.
  { name: "a transaction exactly at as-of is not yet known", feature: "monthlyInflow90", rule: "age > N", edgeDays: 0, build: (a) => cashFlow(a, tx(probeMs, 900, "CREDIT", "P2P")), valueInside: 300, valueOutside: 0 },
  { name: "an event exactly at as-of is not yet known", feature: "simSwapLast30Days", rule: "age > N", edgeDays: 0, build: () => ({ ...empty, events: [{ externalId: "e", type: "SIM_SWAP", occurredAt: PROBE }] }), valueInside: 1, valueOutside: 0 },
  { name: "a loan disbursed exactly at as-of is not yet known", feature: "priorLoanCount", rule: "age > N", edgeDays: 0, build: () => ({ ...empty, loans: [{ externalId: "l", lender: "M", lenderType: "MFI", principal: 100, disbursedAt: PROBE, instalments: [{ dueDate: "2025-02-01", amountDue: 110 }] }] }), valueInside: 1, valueOutside: 0 },
  { name: "an account opened exactly at as-of is not yet known", feature: "verifiedAccountCount", rule: "age > N", edgeDays: 0, build: () => ({ ...empty, accounts: [{ id: "b", type: "BANK", provider: "B", openedAt: PROBE, verified: true }] }), valueInside: 1, valueOutside: 0 },
  { name: "a bureau report dated exactly at as-of is not yet known", feature: "bureauInquiries6m", rule: "age > N", edgeDays: 0, build: () => ({ ...empty, bureau: { hasFile: true, activeLoans: 1, worstStatus: "CURRENT", inquiriesLast6Months: 3, reportedAt: PROBE } }), valueInside: 3, valueOutside: NaN },
  {
    name: "a write-off exactly at as-of is not yet known", feature: "loanDefaults", rule: "age > N", edgeDays: 0,
    build: () => ({ ...empty, loans: [{ externalId: "l", lender: "M", lenderType: "MFI", principal: 100, disbursedAt: iso(probeMs - 100 * DAY), writtenOffAt: PROBE, instalments: [{ dueDate: "2025-06-01", amountDue: 110 }] }] }),
    valueInside: 1, valueOutside: 0,
  },
  {
    name: "a repayment exactly at as-of is not yet known (the loan stays in arrears)", feature: "loansInArrears", rule: "age > N", edgeDays: 0,
    build: () => ({ ...empty, loans: [{ externalId: "l", lender: "M", lenderType: "MFI", principal: 100, disbursedAt: iso(probeMs - 60 * DAY), instalments: [{ dueDate: "2024-12-02", amountDue: 110, paidAt: PROBE, amountPaid: 110 }] }] }),
    valueInside: 0, valueOutside: 1,
  },
  { name: "a bill counts once its due day has ended", feature: "billOnTimeShare365", rule: "age >= N", edgeDays: 1, build: () => ({ ...empty, bills: [{ externalId: "b", biller: "P", billType: "WATER", dueDate: PROBE_DATE, amountDue: 10, paidAt: iso(probeMs - DAY), amountPaid: 10 }] }), valueInside: 1, valueOutside: NaN },
];

const deltas: readonly [string, number][] = [
  ["one day before", -DAY],
  ["one millisecond before", -1],
  ["exactly at", 0],
  ["one millisecond after", 1],
  ["one day after", DAY],
];

function expectValue(actual: number, expected: number, label: string): void {
  if (Number.isNaN(expected)) expect(actual, label).toBeNaN();
  else expect(actual, label).toBeCloseTo(expected, 9);
}

describe("computeFeatures: every window at its edge, as-of passed in", () => {
  it.each(cases.map((c) => [c.name, c.rule.replace("N", String(c.edgeDays)), c]))("%s (%s)", (_name, _rule, c) => {
    expect(Object.is(c.valueInside, c.valueOutside), "the case must tell inside from outside").toBe(false);
    for (const [where, delta] of deltas) {
      const asOfMs = probeMs + c.edgeDays * DAY + delta;
      const features = computeFeatures(c.build(asOfMs), undefined, iso(asOfMs));
      const expected = inside[c.rule](delta) ? c.valueInside : c.valueOutside;
      expectValue(features[c.feature], expected, `${c.feature}, as-of ${where} the edge (${iso(asOfMs)})`);
    }
  });
});
