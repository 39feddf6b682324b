import { requireArgument } from "../core/errors";
import type { BorrowerContext, Instalment, SignalBundle } from "../signals/signal-schema";
import { bureauStatuses } from "../signals/signal-schema";
import { instantMs } from "./instant-ms";
import {
  DAYS_EARLY_CAP,
  DAYS_LATE_CAP,
  DAYS_PER_MONTH,
  DEBT_SERVICE_RATIO_CAP,
  DECAY_HALF_LIFE_DAYS,
  INFLOW_SPIKE_CAP,
  type FeatureVector,
} from "./feature-catalog";

const MS_PER_DAY = 86_400_000;
const DAYS_PER_YEAR = 365.25;
const PERIODS_PER_YEAR = 12;

/**
 * The features of one borrower as of an instant, from signals dated strictly before it.
 *
 * Leakage rule (tested as a property): a signal is dated by its own instant — transactions and events
 * by `occurredAt`, bills and instalments by their due day (counted once the due day has ended), loans by
 * `disbursedAt`, accounts by `openedAt`, the bureau record by `reportedAt` — and anything dated at or
 * after `asOf` is ignored. A payment (`paidAt`) or write-off at or after `asOf` is not yet known, so the
 * bill or instalment counts as unpaid (or the loan as not written off).
 *
 * Windows (30/90/180/365 days) and 30-day periods are counted back from `asOf`; time decay uses
 * weight = 0.5^(age in days ÷ DECAY_HALF_LIFE_DAYS) (exponential decay, as in exponentially weighted
 * moving averages). Definitions, units and ranges of every feature: ./feature-catalog.ts and
 * docs/features.md. A feature that the signals cannot support is NaN, never a default value.
 *
 * @param bundle signals already validated by `parseSignals` (or built by the generator)
 * @param context the lender's cross-borrower counts, or undefined when unknown (those features are NaN)
 * @param asOf an ISO 8601 date or date-time
 * @throws ScoringError INVALID_ARGUMENT when asOf is not a parseable date.
 */
export function computeFeatures(bundle: SignalBundle, context: BorrowerContext | undefined, asOf: string): FeatureVector {
  const asOfMs = Date.parse(asOf);
  requireArgument(Number.isFinite(asOfMs), "computeFeatures: asOf", `an ISO 8601 date or date-time, got "${asOf}"`);
  const cashFlow = summariseTransactions(bundle, asOfMs);
  const bills = summariseBills(bundle, asOfMs);
  const loans = summariseLoans(bundle, asOfMs, cashFlow);
  const profile = summariseProfile(bundle, asOfMs, cashFlow.earliestAgeDays, bills.earliestAgeDays, loans.earliestAgeDays);
  return {
    monthsWithInflowShare365: cashFlow.monthsWithInflowShare365,
    inflowVariation180: cashFlow.inflowVariation180,
    incomeIntervalRegularity: cashFlow.incomeIntervalRegularity,
    incomeTrend180: cashFlow.incomeTrend180,
    incomeVolatility365: cashFlow.incomeVolatility365,
    billOnTimeShare365: bills.onTimeShare365,
    billMeanDaysLate365: bills.meanDaysLate365,
    billDecayedLateShare: bills.decayedLateShare,
    mobileMoneyActiveDayShare90: cashFlow.mobileMoneyActiveDayShare90,
    mobileMoneyActiveWeekShare180: cashFlow.mobileMoneyActiveWeekShare180,
    mobileMoneyLongestGapDays180: cashFlow.mobileMoneyLongestGapDays180,
    loanOnTimeShare: loans.onTimeShare,
    loanMeanDaysLate: loans.meanDaysLate,
    loanDecayedDaysLate: loans.decayedDaysLate,
    loanMeanDaysEarly: loans.meanDaysEarly,
    loanMaxDaysPastDue365: loans.maxDaysPastDue365,
    loanDefaults: loans.defaults,
    loansInArrears: loans.inArrears,
    priorLoanCount: loans.priorLoanCount,
    bureauWorstStatusRank: profile.bureauWorstStatusRank,
    bureauInquiries6m: profile.bureauInquiries6m,
    monthlyInflow90: cashFlow.monthlyInflow90,
    monthlyIncome180: cashFlow.monthlyIncome180,
    netInflowShare90: cashFlow.netInflowShare90,
    debtServiceRatio90: loans.debtServiceRatio90,
    savingsShare180: cashFlow.savingsShare180,
    loansDisbursed90: loans.disbursed90,
    oldestAccountMonths: profile.oldestAccountMonths,
    simTenureMonths: profile.simTenureMonths,
    historyMonths: profile.historyMonths,
    ageYears: profile.ageYears,
    verifiedAccountCount: profile.verifiedAccountCount,
    addressChanges365: profile.addressChanges365,
    simSwapLast30Days: profile.simSwapLast30Days,
    deviceChanges90: profile.deviceChanges90,
    identityUnverified: profile.identityUnverified,
    nameMismatch: profile.nameMismatch,
    borrowersSharingPhone: context ? context.borrowersSharingPhone : NaN,
    borrowersSharingDevice: context ? context.borrowersSharingDevice : NaN,
    applicationsLast30Days: context ? context.applicationsLast30Days : NaN,
    inflowSpike30: cashFlow.inflowSpike30,
  };
}

/** Age in (fractional) days of an instant before asOf; negative or NaN means "not before asOf". */
function ageInDays(asOfMs: number, iso: string): number {
  return (asOfMs - instantMs(iso)) / MS_PER_DAY;
}

/** Weight of a signal `ageDays` old: 0.5^(age ÷ half-life). */
function decayWeight(ageDays: number): number {
  return Math.pow(0.5, ageDays / DECAY_HALF_LIFE_DAYS);
}

/** Population coefficient of variation (SD ÷ mean) of `values`; NaN when the mean is 0. */
function coefficientOfVariation(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  if (!(mean > 0)) return NaN;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return Math.sqrt(squares / values.length) / mean;
}

interface CashFlowSummary {
  /** Age in days of the earliest transaction before asOf (NaN when none). */
  readonly earliestAgeDays: number;
  /** Days the inflow windows of capacity features cover: min(90, history), NaN below 30. */
  readonly capacityWindowDays: number;
  readonly inflowInCapacityWindow: number;
  readonly monthsWithInflowShare365: number;
  readonly inflowVariation180: number;
  readonly incomeIntervalRegularity: number;
  readonly incomeTrend180: number;
  readonly incomeVolatility365: number;
  readonly mobileMoneyActiveDayShare90: number;
  readonly mobileMoneyActiveWeekShare180: number;
  readonly mobileMoneyLongestGapDays180: number;
  readonly monthlyInflow90: number;
  readonly monthlyIncome180: number;
  readonly netInflowShare90: number;
  readonly savingsShare180: number;
  readonly inflowSpike30: number;
}

function summariseTransactions(bundle: SignalBundle, asOfMs: number): CashFlowSummary {
  const mobileMoneyAccounts = new Set<string>();
  let mobileMoneyStartAge = NaN;
  for (const account of bundle.accounts) {
    const age = ageInDays(asOfMs, account.openedAt);
    if (!(age > 0) || account.type !== "MOBILE_MONEY") continue;
    mobileMoneyAccounts.add(account.id);
    if (!(age <= mobileMoneyStartAge)) mobileMoneyStartAge = age;
  }

  const inflowByPeriod = new Float64Array(PERIODS_PER_YEAR);
  const incomeByPeriod = new Float64Array(PERIODS_PER_YEAR);
  const mobileMoneyActiveDays = new Uint8Array(180);
  const incomeDays = new Set<number>();
  let earliestAgeDays = NaN;
  const recent = { inflow90: 0, outflow90: 0, income180: 0, inflow180: 0, savings180: 0 };
  for (const transaction of bundle.transactions) {
    const age = ageInDays(asOfMs, transaction.occurredAt);
    if (!(age > 0)) continue;
    if (!(age <= earliestAgeDays)) earliestAgeDays = age;
    const day = Math.floor(age);
    const period = Math.floor(age / DAYS_PER_MONTH);
    const isLoanFlow = transaction.category === "LOAN_DISBURSEMENT" || transaction.category === "LOAN_REPAYMENT";
    if (day < 180 && mobileMoneyAccounts.has(transaction.accountId)) mobileMoneyActiveDays[day] = 1;
    if (isLoanFlow) continue;
    if (transaction.direction === "CREDIT") {
      const isIncome = transaction.category === "SALARY" || transaction.category === "BUSINESS_INCOME";
      if (period < PERIODS_PER_YEAR) {
        inflowByPeriod[period] += transaction.amount;
        if (isIncome) incomeByPeriod[period] += transaction.amount;
      }
      if (isIncome && day < 365) incomeDays.add(day);
      if (day < 90) recent.inflow90 += transaction.amount;
      if (day < 180) {
        recent.inflow180 += transaction.amount;
        if (isIncome) recent.income180 += transaction.amount;
      }
    } else {
      if (day < 90) recent.outflow90 += transaction.amount;
      if (day < 180 && transaction.category === "SAVINGS") recent.savings180 += transaction.amount;
    }
  }

  const hasHistory = earliestAgeDays > 0;
  const completePeriods = hasHistory ? Math.min(PERIODS_PER_YEAR, Math.floor(earliestAgeDays / DAYS_PER_MONTH)) : 0;
  const inflows = Array.from(inflowByPeriod.subarray(0, completePeriods));
  const incomes = Array.from(incomeByPeriod.subarray(0, completePeriods));

  const capacityWindowDays = hasHistory && earliestAgeDays >= DAYS_PER_MONTH ? Math.min(90, earliestAgeDays) : NaN;
  const incomeWindowDays = hasHistory && earliestAgeDays >= DAYS_PER_MONTH ? Math.min(180, earliestAgeDays) : NaN;
  const recentIncome = incomes.length >= 6 ? incomes[0] + incomes[1] + incomes[2] : NaN;
  const priorIncome = incomes.length >= 6 ? incomes[3] + incomes[4] + incomes[5] : NaN;
  const priorInflows = inflows.slice(1, 6);
  const priorInflowMean = priorInflows.length >= 2 ? priorInflows.reduce((a, b) => a + b, 0) / priorInflows.length : NaN;

  return {
    earliestAgeDays,
    capacityWindowDays,
    inflowInCapacityWindow: recent.inflow90,
    monthsWithInflowShare365: completePeriods > 0 ? inflows.filter((v) => v > 0).length / completePeriods : NaN,
    inflowVariation180: completePeriods >= 3 ? coefficientOfVariation(inflows.slice(0, 6)) : NaN,
    incomeIntervalRegularity: intervalRegularity(incomeDays),
    incomeTrend180: recentIncome + priorIncome > 0 ? (recentIncome - priorIncome) / (recentIncome + priorIncome) : NaN,
    incomeVolatility365: completePeriods >= 3 ? coefficientOfVariation(incomes) : NaN,
    ...summariseMobileMoney(mobileMoneyActiveDays, mobileMoneyStartAge),
    monthlyInflow90: capacityWindowDays > 0 ? (recent.inflow90 / capacityWindowDays) * DAYS_PER_MONTH : NaN,
    monthlyIncome180: incomeWindowDays > 0 ? (recent.income180 / incomeWindowDays) * DAYS_PER_MONTH : NaN,
    netInflowShare90: recent.inflow90 + recent.outflow90 > 0 ? (recent.inflow90 - recent.outflow90) / (recent.inflow90 + recent.outflow90) : NaN,
    savingsShare180: recent.inflow180 > 0 ? Math.min(1, recent.savings180 / recent.inflow180) : NaN,
    inflowSpike30: priorInflowMean > 0 ? Math.min(INFLOW_SPIKE_CAP, inflows[0] / priorInflowMean) : NaN,
  };
}

/** 1 ÷ (1 + CV of the gaps between consecutive days in `days`); NaN with fewer than 3 days. */
function intervalRegularity(days: ReadonlySet<number>): number {
  if (days.size < 3) return NaN;
  const sorted = Array.from(days).sort((a, b) => a - b);
  const gaps: number[] = [];
  for (let k = 1; k < sorted.length; k++) gaps.push(sorted[k] - sorted[k - 1]);
  return 1 / (1 + coefficientOfVariation(gaps));
}

function summariseMobileMoney(activeDays: Uint8Array, startAgeDays: number): Pick<CashFlowSummary, "mobileMoneyActiveDayShare90" | "mobileMoneyActiveWeekShare180" | "mobileMoneyLongestGapDays180"> {
  const observedDays = startAgeDays > 0 ? Math.min(180, Math.floor(startAgeDays)) : 0;
  if (observedDays < 7) return { mobileMoneyActiveDayShare90: NaN, mobileMoneyActiveWeekShare180: NaN, mobileMoneyLongestGapDays180: NaN };
  const days90 = Math.min(90, observedDays);
  let active90 = 0;
  for (let d = 0; d < days90; d++) active90 += activeDays[d];
  const weeks = Math.floor(observedDays / 7);
  let activeWeeks = 0;
  for (let w = 0; w < weeks; w++) {
    let any = 0;
    for (let d = 7 * w; d < 7 * w + 7; d++) any |= activeDays[d];
    activeWeeks += any;
  }
  let longestGap = 0;
  let gap = 0;
  for (let d = 0; d < observedDays; d++) {
    gap = activeDays[d] ? 0 : gap + 1;
    if (gap > longestGap) longestGap = gap;
  }
  return {
    mobileMoneyActiveDayShare90: active90 / days90,
    mobileMoneyActiveWeekShare180: weeks >= 2 ? activeWeeks / weeks : NaN,
    mobileMoneyLongestGapDays180: longestGap,
  };
}

/** Lateness of a bill or instalment as known at asOf: null while its due day has not ended. */
interface Lateness {
  readonly ageDays: number;
  readonly daysLate: number;
  /** Whole days before the due day that it was paid in full (0 when late or unpaid). */
  readonly daysEarly: number;
  readonly paidInFull: boolean;
}

/**
 * Days late of an obligation due on `dueDate`, as known at asOf: paid in full before asOf → whole days
 * between the due day and the payment (0 when paid on or before the due day); otherwise → whole days
 * since the due day (still outstanding). A missing `amountPaid` with a `paidAt` counts as paid in full.
 */
function latenessAsOf(asOfMs: number, item: Pick<Instalment, "dueDate" | "amountDue" | "paidAt" | "amountPaid">): Lateness | null {
  const dueMs = instantMs(item.dueDate);
  if (!(dueMs + MS_PER_DAY <= asOfMs)) return null;
  const paidMs = item.paidAt === undefined ? NaN : instantMs(item.paidAt);
  const paidInFull = paidMs < asOfMs && (item.amountPaid === undefined || item.amountPaid >= item.amountDue);
  const endMs = paidInFull ? paidMs : asOfMs;
  const daysEarly = paidInFull ? Math.max(0, Math.ceil((dueMs - paidMs) / MS_PER_DAY)) : 0;
  return { ageDays: (asOfMs - dueMs) / MS_PER_DAY, daysLate: Math.max(0, Math.floor((endMs - dueMs) / MS_PER_DAY)), daysEarly, paidInFull };
}

function summariseBills(bundle: SignalBundle, asOfMs: number): { earliestAgeDays: number; onTimeShare365: number; meanDaysLate365: number; decayedLateShare: number } {
  let count365 = 0;
  let onTime365 = 0;
  let daysLate365 = 0;
  let weightedLate = 0;
  let weights = 0;
  let earliestAgeDays = NaN;
  for (const bill of bundle.bills) {
    const lateness = latenessAsOf(asOfMs, bill);
    if (lateness === null) continue;
    if (!(lateness.ageDays <= earliestAgeDays)) earliestAgeDays = lateness.ageDays;
    const late = lateness.daysLate > 0 ? 1 : 0;
    const weight = decayWeight(lateness.ageDays);
    weightedLate += weight * late;
    weights += weight;
    if (lateness.ageDays <= 365) {
      count365 += 1;
      onTime365 += 1 - late;
      daysLate365 += Math.min(DAYS_LATE_CAP, lateness.daysLate);
    }
  }
  return {
    earliestAgeDays,
    onTimeShare365: count365 > 0 ? onTime365 / count365 : NaN,
    meanDaysLate365: count365 > 0 ? daysLate365 / count365 : NaN,
    decayedLateShare: weights > 0 ? weightedLate / weights : NaN,
  };
}

interface LoanSummary {
  readonly earliestAgeDays: number;
  readonly onTimeShare: number;
  readonly meanDaysLate: number;
  readonly decayedDaysLate: number;
  readonly meanDaysEarly: number;
  readonly maxDaysPastDue365: number;
  readonly defaults: number;
  readonly inArrears: number;
  readonly priorLoanCount: number;
  readonly disbursed90: number;
  readonly debtServiceRatio90: number;
}

function summariseLoans(bundle: SignalBundle, asOfMs: number, cashFlow: CashFlowSummary): LoanSummary {
  let earliestAgeDays = NaN;
  let instalments = 0;
  let onTime = 0;
  let daysLateSum = 0;
  let daysEarlySum = 0;
  let weightedDaysLate = 0;
  let weights = 0;
  let maxDaysPastDue365 = -1;
  let defaults = 0;
  let inArrears = 0;
  let priorLoanCount = 0;
  let disbursed90 = 0;
  let dueInCapacityWindow = 0;
  for (const loan of bundle.loans) {
    const loanAge = ageInDays(asOfMs, loan.disbursedAt);
    if (!(loanAge > 0)) continue;
    priorLoanCount += 1;
    if (loanAge <= 90) disbursed90 += 1;
    if (!(loanAge <= earliestAgeDays)) earliestAgeDays = loanAge;
    const writtenOff = loan.writtenOffAt !== undefined && ageInDays(asOfMs, loan.writtenOffAt) > 0;
    let seriouslyLate = false;
    let outstanding = false;
    for (const instalment of loan.instalments) {
      const lateness = latenessAsOf(asOfMs, instalment);
      if (lateness === null) continue;
      const capped = Math.min(DAYS_LATE_CAP, lateness.daysLate);
      const weight = decayWeight(lateness.ageDays);
      instalments += 1;
      onTime += lateness.daysLate === 0 ? 1 : 0;
      daysLateSum += capped;
      daysEarlySum += Math.min(DAYS_EARLY_CAP, lateness.daysEarly);
      weightedDaysLate += weight * capped;
      weights += weight;
      if (lateness.ageDays <= 365) maxDaysPastDue365 = Math.max(maxDaysPastDue365, Math.min(365, lateness.daysLate));
      if (lateness.daysLate >= DAYS_LATE_CAP) seriouslyLate = true;
      if (!lateness.paidInFull) outstanding = true;
      if (lateness.ageDays <= cashFlow.capacityWindowDays) dueInCapacityWindow += instalment.amountDue;
    }
    if (writtenOff || seriouslyLate) defaults += 1;
    if (outstanding && !writtenOff) inArrears += 1;
  }
  const inflow = cashFlow.inflowInCapacityWindow;
  let debtServiceRatio90 = NaN;
  if (cashFlow.capacityWindowDays > 0) {
    if (inflow > 0) debtServiceRatio90 = Math.min(DEBT_SERVICE_RATIO_CAP, dueInCapacityWindow / inflow);
    else debtServiceRatio90 = dueInCapacityWindow > 0 ? DEBT_SERVICE_RATIO_CAP : 0;
  }
  return {
    earliestAgeDays,
    onTimeShare: instalments > 0 ? onTime / instalments : NaN,
    meanDaysLate: instalments > 0 ? daysLateSum / instalments : NaN,
    decayedDaysLate: weights > 0 ? weightedDaysLate / weights : NaN,
    meanDaysEarly: instalments > 0 ? daysEarlySum / instalments : NaN,
    maxDaysPastDue365: maxDaysPastDue365 >= 0 ? maxDaysPastDue365 : NaN,
    defaults,
    inArrears,
    priorLoanCount,
    disbursed90,
    debtServiceRatio90,
  };
}

interface ProfileSummary {
  readonly bureauWorstStatusRank: number;
  readonly bureauInquiries6m: number;
  readonly oldestAccountMonths: number;
  readonly simTenureMonths: number;
  readonly historyMonths: number;
  readonly ageYears: number;
  readonly verifiedAccountCount: number;
  readonly addressChanges365: number;
  readonly simSwapLast30Days: number;
  readonly deviceChanges90: number;
  readonly identityUnverified: number;
  readonly nameMismatch: number;
}

function summariseProfile(bundle: SignalBundle, asOfMs: number, ...earliestSignalAges: number[]): ProfileSummary {
  let oldestAccountDays = NaN;
  let verifiedAccountCount = 0;
  for (const account of bundle.accounts) {
    const age = ageInDays(asOfMs, account.openedAt);
    if (!(age > 0)) continue;
    if (!(age <= oldestAccountDays)) oldestAccountDays = age;
    if (account.verified) verifiedAccountCount += 1;
  }
  let addressChanges365 = 0;
  let simSwapLast30Days = 0;
  let deviceChanges90 = 0;
  for (const event of bundle.events) {
    const age = ageInDays(asOfMs, event.occurredAt);
    if (!(age > 0)) continue;
    if (event.type === "ADDRESS_CHANGE" && age <= 365) addressChanges365 += 1;
    if (event.type === "SIM_SWAP" && age <= 30) simSwapLast30Days = 1;
    if (event.type === "DEVICE_CHANGE" && age <= 90) deviceChanges90 += 1;
  }
  const bureau = bundle.bureau !== undefined && ageInDays(asOfMs, bundle.bureau.reportedAt) > 0 ? bundle.bureau : undefined;
  const identity = bundle.identity;
  const simAge = identity?.simRegisteredAt === undefined ? NaN : ageInDays(asOfMs, identity.simRegisteredAt);
  const birthAge = identity === undefined ? NaN : ageInDays(asOfMs, identity.dateOfBirth);
  let historyDays = NaN;
  for (const age of earliestSignalAges) if (age > 0 && !(age <= historyDays)) historyDays = age;
  return {
    bureauWorstStatusRank: bureau?.hasFile ? bureauStatuses.indexOf(bureau.worstStatus) : NaN,
    bureauInquiries6m: bureau ? bureau.inquiriesLast6Months : NaN,
    oldestAccountMonths: oldestAccountDays > 0 ? oldestAccountDays / DAYS_PER_MONTH : NaN,
    simTenureMonths: simAge > 0 ? simAge / DAYS_PER_MONTH : NaN,
    historyMonths: historyDays > 0 ? historyDays / DAYS_PER_MONTH : NaN,
    ageYears: birthAge > 0 ? Math.min(130, birthAge / DAYS_PER_YEAR) : NaN,
    verifiedAccountCount,
    addressChanges365,
    simSwapLast30Days,
    deviceChanges90,
    identityUnverified: identity === undefined ? NaN : identity.idVerified ? 0 : 1,
    nameMismatch: identity?.nameMatchesAccounts === undefined ? NaN : identity.nameMatchesAccounts ? 0 : 1,
  };
}
