import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePopulation } from "../synthetic/generate-population";
import type { Bill, Loan, SignalBundle, Transaction } from "../signals/signal-schema";
import { transactionCategories } from "../signals/signal-schema";
import { computeFeatures } from "./compute-features";
import { DECAY_HALF_LIFE_DAYS, featureCatalog, featureNames, type FeatureVector } from "./feature-catalog";

const DAY = 86_400_000;
const AS_OF = "2026-01-01T00:00:00Z";
const asOfMs = Date.parse(AS_OF);
const isoDaysBefore = (days: number): string => new Date(asOfMs - days * DAY).toISOString();
const dateDaysBefore = (days: number): string => isoDaysBefore(days).slice(0, 10);

const empty: SignalBundle = { accounts: [], transactions: [], bills: [], loans: [], events: [] };

function sameFeatures(a: FeatureVector, b: FeatureVector): string[] {
  return featureNames.filter((name) => !Object.is(a[name], b[name]));
}

describe("computeFeatures: hand-computed cases", () => {
  it("gives NaN for every rate and 0 for every count when there are no signals", () => {
    const features = computeFeatures(empty, undefined, AS_OF);
    const counts = ["loanDefaults", "loansInArrears", "priorLoanCount", "loansDisbursed90", "verifiedAccountCount", "addressChanges365", "simSwapLast30Days", "deviceChanges90"];
    for (const name of featureNames) expect(features[name], name).toBe(counts.includes(name) ? 0 : NaN);
  });

  it("reads bills: on-time share, mean days late (unpaid counted to as-of), decayed late share", () => {
    const bills: Bill[] = [
      { externalId: "a", biller: "Power", billType: "ELECTRICITY", dueDate: dateDaysBefore(100), amountDue: 50, paidAt: isoDaysBefore(100.5), amountPaid: 50 },
      { externalId: "b", biller: "Power", billType: "ELECTRICITY", dueDate: dateDaysBefore(40), amountDue: 50, paidAt: isoDaysBefore(30), amountPaid: 50 },
      { externalId: "c", biller: "Power", billType: "ELECTRICITY", dueDate: dateDaysBefore(10), amountDue: 50 },
      // paid after as-of: unknown at as-of, so unpaid (20 days late)
      { externalId: "d", biller: "Water", billType: "WATER", dueDate: dateDaysBefore(20), amountDue: 10, paidAt: "2026-01-05T00:00:00Z", amountPaid: 10 },
      // due day not over yet: not counted
      { externalId: "e", biller: "Water", billType: "WATER", dueDate: dateDaysBefore(0), amountDue: 10 },
    ];
    const f = computeFeatures({ ...empty, bills }, undefined, AS_OF);
    expect(f.billOnTimeShare365).toBe(1 / 4);
    expect(f.billMeanDaysLate365).toBe((0 + 10 + 10 + 20) / 4);
    const w = (age: number) => Math.pow(0.5, age / DECAY_HALF_LIFE_DAYS);
    expect(f.billDecayedLateShare).toBeCloseTo((w(40) + w(10) + w(20)) / (w(100) + w(40) + w(10) + w(20)), 12);
  });

  it("reads loans: on-time share, lateness, arrears, defaults and write-offs known at as-of", () => {
    const loans: Loan[] = [
      {
        externalId: "l1", lender: "MFI", lenderType: "MFI", principal: 1000, disbursedAt: dateDaysBefore(200),
        instalments: [
          { dueDate: dateDaysBefore(170), amountDue: 400, paidAt: isoDaysBefore(170), amountPaid: 400 },
          { dueDate: dateDaysBefore(140), amountDue: 400, paidAt: isoDaysBefore(135), amountPaid: 400 },
          { dueDate: dateDaysBefore(110), amountDue: 400, paidAt: isoDaysBefore(105), amountPaid: 300 }, // partial: unpaid → 110 days late
        ],
      },
      {
        externalId: "l2", lender: "App", lenderType: "DIGITAL_LENDER", principal: 100, disbursedAt: dateDaysBefore(45), writtenOffAt: "2026-02-01",
        instalments: [{ dueDate: dateDaysBefore(15), amountDue: 120 }],
      },
      { externalId: "l3", lender: "App", lenderType: "DIGITAL_LENDER", principal: 100, disbursedAt: "2026-01-10", instalments: [{ dueDate: "2026-02-10", amountDue: 120 }] },
    ];
    const f = computeFeatures({ ...empty, loans }, undefined, AS_OF);
    expect(f.priorLoanCount).toBe(2);
    expect(f.loansDisbursed90).toBe(1);
    expect(f.loanOnTimeShare).toBe(1 / 4);
    expect(f.loanMeanDaysLate).toBe((0 + 5 + 90 + 15) / 4);
    expect(f.loanMaxDaysPastDue365).toBe(110);
    expect(f.loanDefaults).toBe(1); // l1 reached 90+ days; l2's write-off is after as-of
    expect(f.loansInArrears).toBe(2);
    expect(f.historyMonths).toBeCloseTo(200 / 30, 12);
  });

  it("counts whole days a loan instalment was repaid ahead of its due day, capped at 30", () => {
    const loans: Loan[] = [
      {
        externalId: "e", lender: "App", lenderType: "DIGITAL_LENDER", principal: 100, disbursedAt: dateDaysBefore(200),
        instalments: [
          { dueDate: dateDaysBefore(170), amountDue: 50, paidAt: isoDaysBefore(174.5), amountPaid: 50 }, // 4.5 days early → 5 whole days
          { dueDate: dateDaysBefore(140), amountDue: 50, paidAt: isoDaysBefore(190), amountPaid: 50 }, // 50 days early → cap 30
          { dueDate: dateDaysBefore(110), amountDue: 50, paidAt: isoDaysBefore(100), amountPaid: 50 }, // late → 0
        ],
      },
    ];
    expect(computeFeatures({ ...empty, loans }, undefined, AS_OF).loanMeanDaysEarly).toBe((5 + 30 + 0) / 3);
  });

  it("reads cash flow over 30-day periods: inflow months, monthly inflow, net inflow, spike", () => {
    const account = { id: "mm", type: "MOBILE_MONEY" as const, provider: "W", openedAt: dateDaysBefore(400), verified: true };
    const tx = (k: number, age: number, amount: number, direction: "CREDIT" | "DEBIT", category: Transaction["category"]): Transaction => ({
      externalId: `t${k}`, accountId: "mm", occurredAt: isoDaysBefore(age), amount, currency: "KES", direction, category,
    });
    // income of 1000 on day 5 of each of the last 6 periods (ages 5, 35, …, 155) and a debit of 600 each period
    const transactions = [0, 1, 2, 3, 4, 5].flatMap((p) => [tx(2 * p, 30 * p + 5, 1000, "CREDIT", "SALARY"), tx(2 * p + 1, 30 * p + 6, 600, "DEBIT", "MERCHANT")]);
    transactions.push(tx(99, 170.5, 1, "DEBIT", "AIRTIME")); // sets history to 170.5 days: 5 complete periods
    const f = computeFeatures({ ...empty, accounts: [account], transactions }, undefined, AS_OF);
    expect(f.monthsWithInflowShare365).toBe(1);
    expect(f.inflowVariation180).toBe(0);
    expect(f.incomeVolatility365).toBe(0);
    expect(f.incomeTrend180).toBeNaN(); // needs 6 complete periods
    expect(f.monthlyInflow90).toBeCloseTo(1000, 9);
    expect(f.monthlyIncome180).toBeCloseTo((6000 / 170.5) * 30, 9);
    expect(f.netInflowShare90).toBeCloseTo((3000 - 1800) / (3000 + 1800), 12);
    expect(f.inflowSpike30).toBe(1);
    expect(f.incomeIntervalRegularity).toBe(1); // gaps all 30 days
    expect(f.mobileMoneyActiveDayShare90).toBeCloseTo(6 / 90, 12);
    expect(f.mobileMoneyLongestGapDays180).toBe(35 - 6 - 1); // days 7…34
  });

  it("reads identity, events and context", () => {
    const bundle: SignalBundle = {
      ...empty,
      identity: { nationalIdType: "NIN", idVerified: false, dateOfBirth: "2000-01-01", phone: "+2348012345678", simRegisteredAt: dateDaysBefore(60), nameMatchesAccounts: true },
      events: [
        { externalId: "e1", type: "SIM_SWAP", occurredAt: isoDaysBefore(29) },
        { externalId: "e2", type: "DEVICE_CHANGE", occurredAt: isoDaysBefore(100) },
        { externalId: "e3", type: "ADDRESS_CHANGE", occurredAt: isoDaysBefore(364) },
      ],
    };
    const f = computeFeatures(bundle, { borrowersSharingPhone: 2, borrowersSharingDevice: 0, applicationsLast30Days: 4 }, AS_OF);
    expect(f.ageYears).toBeCloseTo((asOfMs - Date.parse("2000-01-01")) / DAY / 365.25, 12);
    expect(f.simTenureMonths).toBeCloseTo(2, 12);
    expect([f.identityUnverified, f.nameMismatch, f.simSwapLast30Days, f.deviceChanges90, f.addressChanges365]).toEqual([1, 0, 1, 0, 1]);
    expect([f.borrowersSharingPhone, f.borrowersSharingDevice, f.applicationsLast30Days]).toEqual([2, 0, 4]);
  });

  it("refuses an unparseable as-of", () => {
    expect(() => computeFeatures(empty, undefined, "yesterday")).toThrow(/computeFeatures: asOf/);
  });
});

describe("computeFeatures: invariants on generated populations", () => {
  const population = generatePopulation({ seed: 11, size: 150, asOf: AS_OF, fraudShare: 0.1 });

  it("keeps every feature inside its documented range (or NaN)", () => {
    for (const borrower of population) {
      const features = computeFeatures(borrower.bundle, borrower.context, borrower.asOf);
      for (const { name, range } of featureCatalog) {
        const value = features[name];
        if (Number.isNaN(value)) continue;
        expect(value >= range[0] && value <= range[1], `${borrower.id} ${name}=${value} outside [${range[0]}, ${range[1]}]`).toBe(true);
      }
    }
  });

  it("is deterministic: same inputs, same bytes", () => {
    for (const borrower of population.slice(0, 20)) {
      const a = computeFeatures(borrower.bundle, borrower.context, borrower.asOf);
      const b = computeFeatures(structuredClone(borrower.bundle), { ...borrower.context }, borrower.asOf);
      expect(JSON.stringify(featureNames.map((n) => a[n]))).toBe(JSON.stringify(featureNames.map((n) => b[n])));
    }
  });

  it("never changes a feature when signals dated at or after as-of are added or changed (property)", () => {
    const offsetDays = fc.double({ min: 0, max: 400, noNaN: true });
    const amount = fc.double({ min: 0.01, max: 1e6, noNaN: true });
    const mutation = fc.record({
      borrower: fc.integer({ min: 0, max: population.length - 1 }),
      asOfDaysBack: fc.integer({ min: 0, max: 300 }),
      newTransactions: fc.array(fc.record({ offset: offsetDays, amount, credit: fc.boolean(), category: fc.constantFrom(...transactionCategories), account: fc.nat() }), { maxLength: 5 }),
      newBills: fc.array(fc.record({ offset: offsetDays, amount, paidAfter: fc.option(offsetDays) }), { maxLength: 3 }),
      newLoans: fc.array(fc.record({ offset: offsetDays, amount }), { maxLength: 2 }),
      newEvents: fc.array(fc.record({ offset: offsetDays, type: fc.constantFrom("SIM_SWAP", "DEVICE_CHANGE", "ADDRESS_CHANGE", "PHONE_CHANGE" as const) }), { maxLength: 3 }),
      newAccount: fc.option(fc.record({ offset: offsetDays, type: fc.constantFrom("BANK", "MOBILE_MONEY", "TELCO" as const) })),
      latePayment: offsetDays,
      futureAmountFactor: fc.double({ min: 0.1, max: 10, noNaN: true }),
      bureauAfter: fc.option(offsetDays),
    });
    fc.assert(
      fc.property(mutation, (m) => {
        const borrower = population[m.borrower];
        const cutMs = Date.parse(borrower.asOf) - m.asOfDaysBack * DAY;
        const asOf = new Date(cutMs).toISOString();
        const at = (offset: number): string => new Date(cutMs + offset * DAY).toISOString();
        const day = (offset: number): string => new Date(cutMs + Math.ceil(offset) * DAY).toISOString().slice(0, 10);
        const future = (iso: string | undefined): boolean => iso === undefined || Date.parse(iso) >= cutMs;
        const changed = structuredClone(borrower.bundle);
        const accountIds = changed.accounts.map((a) => a.id);
        for (const t of changed.transactions) if (future(t.occurredAt)) t.amount *= m.futureAmountFactor;
        m.newTransactions.forEach((t, k) =>
          changed.transactions.push({ externalId: `new-tx-${k}`, accountId: accountIds[t.account % accountIds.length] ?? "x", occurredAt: at(t.offset), amount: t.amount, currency: "KES", direction: t.credit ? "CREDIT" : "DEBIT", category: t.category }),
        );
        for (const bill of changed.bills) {
          if (future(bill.paidAt)) Object.assign(bill, { paidAt: at(m.latePayment), amountPaid: bill.amountDue * m.futureAmountFactor });
          if (Date.parse(bill.dueDate) >= cutMs) bill.amountDue *= m.futureAmountFactor;
        }
        m.newBills.forEach((b, k) => changed.bills.push({ externalId: `new-bill-${k}`, biller: "X", billType: "OTHER", dueDate: day(b.offset), amountDue: b.amount, ...(b.paidAfter === null ? {} : { paidAt: at(b.offset + b.paidAfter), amountPaid: b.amount }) }));
        for (const loan of changed.loans) {
          if (future(loan.writtenOffAt)) loan.writtenOffAt = at(m.latePayment);
          for (const instalment of loan.instalments) if (future(instalment.paidAt)) Object.assign(instalment, { paidAt: at(m.latePayment), amountPaid: instalment.amountDue });
        }
        m.newLoans.forEach((l, k) => changed.loans.push({ externalId: `new-loan-${k}`, lender: "Y", lenderType: "OTHER", principal: l.amount, disbursedAt: at(l.offset), instalments: [{ dueDate: day(l.offset + 30), amountDue: l.amount }] }));
        m.newEvents.forEach((e, k) => changed.events.push({ externalId: `new-event-${k}`, type: e.type, occurredAt: at(e.offset) }));
        if (m.newAccount !== null) changed.accounts.push({ id: "new-account", type: m.newAccount.type, provider: "Z", openedAt: at(m.newAccount.offset), verified: true });
        if (m.bureauAfter !== null) changed.bureau = { hasFile: true, activeLoans: 9, worstStatus: "WRITTEN_OFF", inquiriesLast6Months: 9, reportedAt: at(m.bureauAfter) };
        // a bureau report dated after as-of replaces none in the baseline
        const baseline = structuredClone(borrower.bundle);
        if (m.bureauAfter !== null) delete baseline.bureau;
        const before = computeFeatures(baseline, borrower.context, asOf);
        const after = computeFeatures(changed, borrower.context, asOf);
        expect(sameFeatures(before, after)).toEqual([]);
      }),
      { numRuns: 300, seed: 20261122 },
    );
  });
});
