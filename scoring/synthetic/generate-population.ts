import { requireArgument } from "../core/errors";
import { deriveSeed, Random } from "../core/random";
import { bureauStatuses, type Account, type BehaviouralEvent, type Bill, type BorrowerContext, type Loan, type SignalBundle, type Transaction, type TransactionCategory } from "../signals/signal-schema";

/**
 * A synthetic population of thin-file borrowers whose signals and 12-month default outcome share latent
 * causes. The generative story (segments, traits, behaviours, outcome, fraud) is documented in
 * docs/synthetic-population.md; the constants below are its parameters.
 */

export const segments = ["salaried", "marketTrader", "seasonalFarmer", "gigWorker", "student"] as const;
export type Segment = (typeof segments)[number];
export const fraudPatterns = ["simSwapTakeover", "syntheticIdentity", "loanStacking"] as const;
export type FraudPattern = (typeof fraudPatterns)[number];
export const markets = ["KE", "NG", "ET", "IN"] as const;
export type Market = (typeof markets)[number];

export interface PopulationOptions {
  /** Seed of the whole population; borrower i uses the stream `deriveSeed(seed, i)`. */
  readonly seed: number;
  /** Number of borrowers. */
  readonly size: number;
  /** Application instant (ISO 8601): signals are generated before it, the outcome over the 12 months after. */
  readonly asOf: string;
  /** Market: currency, national-ID type, phone prefix and income scale. Default "KE". */
  readonly market?: Market;
  /** Share of applicants following a fraud pattern. Default 0.03. */
  readonly fraudShare?: number;
  /** Index of the first borrower, so a population can be generated in batches with identical rows. Default 0. */
  readonly startIndex?: number;
}

/** One generated applicant: the signals a lender would hold, and what happened next. */
export interface SyntheticBorrower {
  readonly id: string;
  readonly index: number;
  readonly segment: Segment;
  readonly fraudPattern: FraudPattern | null;
  readonly asOf: string;
  readonly bundle: SignalBundle;
  readonly context: BorrowerContext;
  /** The generator's true probability of default over 12 months (unknowable to a lender; for evaluation only). */
  readonly probabilityOfDefault: number;
  /** Whether the borrower defaulted (90+ days past due) within 12 months of asOf: a Bernoulli draw of probabilityOfDefault. */
  readonly defaulted: boolean;
}

interface MarketProfile {
  readonly currency: string;
  readonly nationalIdType: "HUDUMA" | "NIN" | "FAYDA" | "AADHAAR";
  readonly phonePrefix: string;
  readonly phoneDigits: number;
  /** Local currency units per KES of the segment medians below (rough purchasing-power scale). */
  readonly incomeScale: number;
}

const marketProfiles: Readonly<Record<Market, MarketProfile>> = {
  KE: { currency: "KES", nationalIdType: "HUDUMA", phonePrefix: "+2547", phoneDigits: 8, incomeScale: 1 },
  NG: { currency: "NGN", nationalIdType: "NIN", phonePrefix: "+2348", phoneDigits: 9, incomeScale: 8 },
  ET: { currency: "ETB", nationalIdType: "FAYDA", phonePrefix: "+2519", phoneDigits: 8, incomeScale: 0.9 },
  IN: { currency: "INR", nationalIdType: "AADHAAR", phonePrefix: "+919", phoneDigits: 9, incomeScale: 0.7 },
};

interface SegmentProfile {
  readonly share: number;
  /** Median monthly income in KES. */
  readonly medianIncome: number;
  readonly regularity: number;
  readonly shockRate: number;
  /** Additive log-odds of default beyond the traits. */
  readonly riskOffset: number;
  readonly bankShare: number;
  readonly mobileMoneyIntensity: number;
}

const segmentProfiles: Readonly<Record<Segment, SegmentProfile>> = {
  salaried: { share: 0.22, medianIncome: 38_000, regularity: 0.85, shockRate: 0.15, riskOffset: -0.35, bankShare: 0.9, mobileMoneyIntensity: 0 },
  marketTrader: { share: 0.3, medianIncome: 26_000, regularity: 0.6, shockRate: 0.25, riskOffset: 0, bankShare: 0.25, mobileMoneyIntensity: 0.6 },
  seasonalFarmer: { share: 0.18, medianIncome: 18_000, regularity: 0.35, shockRate: 0.35, riskOffset: 0.15, bankShare: 0.2, mobileMoneyIntensity: -0.3 },
  gigWorker: { share: 0.18, medianIncome: 22_000, regularity: 0.45, shockRate: 0.3, riskOffset: 0.2, bankShare: 0.3, mobileMoneyIntensity: 0.3 },
  student: { share: 0.12, medianIncome: 9_000, regularity: 0.4, shockRate: 0.2, riskOffset: 0.3, bankShare: 0.35, mobileMoneyIntensity: 0.2 },
};

/** Intercept of the default model, set so the population's default rate is about 12 %. */
const DEFAULT_LOG_ODDS_INTERCEPT = -3.0;
const MS_PER_DAY = 86_400_000;
/** Transactions are generated for at most this many days before asOf (the longest feature window is 365). */
const TRANSACTION_HISTORY_DAYS = 400;

/**
 * Generates `size` borrowers. Borrower i depends only on (seed, startIndex + i, asOf, market,
 * fraudShare): the same options give the same bytes, and a population generated in batches equals the
 * one generated at once.
 * @throws ScoringError INVALID_ARGUMENT for a non-integer seed or size, an unparseable asOf or a fraudShare outside [0, 1].
 */
export function generatePopulation(options: PopulationOptions): SyntheticBorrower[] {
  requireArgument(Number.isInteger(options.size) && options.size >= 0, "generatePopulation: size", `a non-negative integer, got ${options.size}`);
  const start = options.startIndex ?? 0;
  requireArgument(Number.isInteger(start) && start >= 0, "generatePopulation: startIndex", `a non-negative integer, got ${start}`);
  const borrowers: SyntheticBorrower[] = [];
  for (let i = 0; i < options.size; i++) borrowers.push(generateBorrower(options, start + i));
  return borrowers;
}

/**
 * Borrower `index` of the population described by `options` (its `size` and `startIndex` are ignored).
 * @throws ScoringError INVALID_ARGUMENT as `generatePopulation`.
 */
export function generateBorrower(options: Omit<PopulationOptions, "size" | "startIndex">, index: number): SyntheticBorrower {
  requireArgument(Number.isInteger(options.seed), "generateBorrower: seed", `an integer, got ${options.seed}`);
  requireArgument(Number.isInteger(index) && index >= 0, "generateBorrower: index", `a non-negative integer, got ${index}`);
  const asOfMs = Date.parse(options.asOf);
  requireArgument(Number.isFinite(asOfMs), "generateBorrower: asOf", `an ISO 8601 date or date-time, got "${options.asOf}"`);
  const fraudShare = options.fraudShare ?? 0.03;
  requireArgument(fraudShare >= 0 && fraudShare <= 1, "generateBorrower: fraudShare", `in [0, 1], got ${fraudShare}`);
  const market = marketProfiles[options.market ?? "KE"];
  requireArgument(market !== undefined, "generateBorrower: market", `one of ${markets.join(", ")}, got ${options.market}`);
  return new BorrowerBuilder(new Random(deriveSeed(options.seed, index)), index, options.asOf, asOfMs, market, fraudShare).build();
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const roundMoney = (x: number): number => Math.max(0.01, Math.round(x * 100) / 100);

/** Latent traits that drive both behaviour and default. */
interface Traits {
  readonly segment: Segment;
  /** Monthly income in local currency. */
  readonly monthlyIncome: number;
  readonly incomeZ: number;
  /** 0–1: how regular income is in timing and amount. */
  readonly regularity: number;
  /** Standard normal: repayment and bill discipline. */
  readonly discipline: number;
  /** Standard normal: how much the borrower lives on mobile money. */
  readonly engagement: number;
  /** Days of history before asOf. */
  readonly historyDays: number;
  readonly thinFile: boolean;
  /** Income shock: [start, end) in days before asOf (age), or null. */
  readonly shock: { readonly fromAge: number; readonly toAge: number } | null;
  readonly futureShock: boolean;
  readonly fraud: FraudPattern | null;
}

class BorrowerBuilder {
  private readonly transactions: Transaction[] = [];
  private readonly accounts: Account[] = [];
  private transactionCount = 0;

  constructor(
    private readonly random: Random,
    private readonly index: number,
    private readonly asOf: string,
    private readonly asOfMs: number,
    private readonly market: MarketProfile,
    private readonly fraudShare: number,
  ) {}

  build(): SyntheticBorrower {
    const traits = this.drawTraits();
    const segment = segmentProfiles[traits.segment];
    // A borrower whose transaction feed the lender does not receive has no linked wallet: missing, not inactive.
    const hasTransactions = this.random.nextFloat() > (traits.thinFile ? 0.15 : 0.02);
    const mobileMoney = hasTransactions ? this.addAccount("mm", "MOBILE_MONEY", "M-Wallet", traits.historyDays + this.uniform(30, 900)) : "";
    const bank = this.random.nextFloat() < segment.bankShare ? this.addAccount("bank", "BANK", "Community Bank", traits.historyDays + this.uniform(0, 1500)) : null;
    if (this.random.nextFloat() < 0.6) this.addAccount("telco", "TELCO", "Telco", traits.historyDays + this.uniform(60, 2000));
    if (hasTransactions) this.generateCashFlow(traits, mobileMoney, bank ?? mobileMoney);
    const bills = this.random.nextFloat() < (traits.thinFile ? 0.35 : 0.75) ? this.generateBills(traits, mobileMoney, hasTransactions) : [];
    const hasLoanRecord = traits.fraud === "loanStacking" || this.random.nextFloat() < (traits.thinFile ? 0.25 : 0.55);
    const loans = hasLoanRecord ? this.generateLoans(traits, mobileMoney, hasTransactions) : [];
    const { events, context, identityVerified, nameMatches } = this.generateIdentitySignals(traits);
    if (traits.fraud !== null) this.generateFraudInflow(traits, mobileMoney, hasTransactions);
    const bureau = this.random.nextFloat() < 0.15 ? this.generateBureau(traits) : undefined;

    const dateOfBirth = this.isoDate(this.asOfMs - this.uniform(traits.segment === "student" ? 18 : 21, traits.segment === "student" ? 26 : 62) * 365.25 * MS_PER_DAY);
    const simAgeDays = traits.fraud === "simSwapTakeover" || traits.fraud === "syntheticIdentity" ? this.uniform(5, 60) : traits.historyDays + this.uniform(0, 2500);
    const bundle: SignalBundle = {
      identity: {
        nationalIdType: this.market.nationalIdType,
        idVerified: identityVerified,
        dateOfBirth,
        phone: this.phoneNumber(),
        ...(this.random.nextFloat() < 0.85 ? { simRegisteredAt: this.isoDate(this.asOfMs - simAgeDays * MS_PER_DAY) } : {}),
        ...(this.random.nextFloat() < 0.7 ? { nameMatchesAccounts: nameMatches } : {}),
      },
      accounts: this.accounts,
      transactions: this.transactions.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0)),
      bills,
      loans,
      events,
      ...(bureau ? { bureau } : {}),
    };
    const probabilityOfDefault = this.probabilityOfDefault(traits, loans);
    return {
      id: `syn-${this.index}`,
      index: this.index,
      segment: traits.segment,
      fraudPattern: traits.fraud,
      asOf: this.asOf,
      bundle,
      context,
      probabilityOfDefault,
      defaulted: this.random.nextFloat() < probabilityOfDefault,
    };
  }

  // ── latent traits ───────────────────────────────────────────────────────────────────────────────
  private drawTraits(): Traits {
    const segment = this.pickSegment();
    const profile = segmentProfiles[segment];
    const incomeZ = this.random.nextGaussian();
    const discipline = this.random.nextGaussian();
    const fraud = this.random.nextFloat() < this.fraudShare ? fraudPatterns[this.random.nextInt(fraudPatterns.length)] : null;
    const thinFile = fraud === "syntheticIdentity" || this.random.nextFloat() < 0.18;
    const historyDays = thinFile ? this.uniform(20, 150) : this.uniform(180, 730);
    let shock: Traits["shock"] = null;
    if (this.random.nextFloat() < profile.shockRate) {
      const fromAge = this.uniform(20, Math.min(historyDays, 300));
      shock = { fromAge, toAge: Math.max(0, fromAge - this.uniform(45, 120)) };
    }
    return {
      segment,
      incomeZ,
      monthlyIncome: profile.medianIncome * this.market.incomeScale * Math.exp(0.5 * incomeZ),
      regularity: clamp(profile.regularity + 0.15 * this.random.nextGaussian(), 0.05, 0.98),
      discipline,
      engagement: 0.3 * discipline + 0.95 * this.random.nextGaussian() + profile.mobileMoneyIntensity,
      historyDays,
      thinFile,
      shock,
      futureShock: this.random.nextFloat() < 0.12,
      fraud,
    };
  }

  private pickSegment(): Segment {
    let u = this.random.nextFloat();
    for (const segment of segments) {
      u -= segmentProfiles[segment].share;
      if (u < 0) return segment;
    }
    return segments[segments.length - 1];
  }

  /**
   * The outcome model: log-odds = intercept + segment offset − 1.0·discipline − 0.45·income z
   * − 1.2·(regularity − 0.6) + 1.0·(shock ongoing at asOf) + 0.4·(shock in the past) + 1.4·(shock after
   * asOf, unobservable) + 0.3·(thin file) + 0.15·(loans in the last 90 days) + N(0, 0.5²);
   * fraud patterns default with probability 0.55–0.8 whatever the traits.
   */
  private probabilityOfDefault(traits: Traits, loans: readonly Loan[]): number {
    if (traits.fraud !== null) return this.uniform(0.55, 0.8);
    const recentLoans = loans.filter((loan) => this.ageOf(loan.disbursedAt) <= 90).length;
    const shockOngoing = traits.shock !== null && traits.shock.toAge <= 0 ? 1 : 0;
    const shockPast = traits.shock !== null && traits.shock.toAge > 0 ? 1 : 0;
    const logOdds =
      DEFAULT_LOG_ODDS_INTERCEPT +
      segmentProfiles[traits.segment].riskOffset -
      1.0 * traits.discipline -
      0.45 * traits.incomeZ -
      1.2 * (traits.regularity - 0.6) +
      1.0 * shockOngoing +
      0.4 * shockPast +
      1.4 * (traits.futureShock ? 1 : 0) +
      0.3 * (traits.thinFile ? 1 : 0) +
      0.15 * recentLoans +
      0.5 * this.random.nextGaussian();
    return logistic(logOdds);
  }

  // ── cash flow ───────────────────────────────────────────────────────────────────────────────────
  private generateCashFlow(traits: Traits, mobileMoney: string, incomeAccount: string): void {
    const days = Math.floor(Math.min(traits.historyDays, TRANSACTION_HISTORY_DAYS));
    const amountSpread = 0.1 + 0.7 * (1 - traits.regularity);
    const dailyActivity = logistic(-0.6 + 0.9 * traits.engagement);
    const dailySpendShare = 0.8 + 0.1 * this.random.nextGaussian() - 0.05 * traits.discipline;
    // Saving habits follow discipline with their own noise, like bills and loans (else savings would be a clean read of δ).
    const savingBehaviour = traits.discipline + 0.8 * this.random.nextGaussian();
    const saveShare = clamp(0.16 * logistic(-0.5 + 0.9 * savingBehaviour + 0.4 * traits.incomeZ), 0, 0.25);
    const payday = this.random.nextInt(28);
    let balance = 0;
    for (let age = days - 1; age >= 0; age--) {
      const shockFactor = traits.shock !== null && age < traits.shock.fromAge && age >= traits.shock.toAge ? 0.3 : 1;
      const income = this.incomeOnDay(traits, age, payday, amountSpread) * shockFactor;
      if (income > 0) {
        const category: TransactionCategory = traits.segment === "salaried" ? "SALARY" : traits.segment === "student" ? "P2P" : "BUSINESS_INCOME";
        const paidAge = category === "SALARY" ? Math.max(0, age - Math.round(Math.abs((1 - traits.regularity) * 6 * this.random.nextGaussian()))) : age;
        this.addTransaction(category === "SALARY" ? incomeAccount : mobileMoney, paidAge, income, "CREDIT", category);
        balance += income;
      }
      if (this.random.nextFloat() < dailyActivity) {
        const spend = Math.min(balance, ((traits.monthlyIncome * dailySpendShare) / 30 / dailyActivity) * Math.exp(0.4 * this.random.nextGaussian()));
        if (spend > 1) {
          const u = this.random.nextFloat();
          const category: TransactionCategory = u < 0.55 ? "MERCHANT" : u < 0.75 ? "P2P" : u < 0.88 ? "CASH_OUT" : "AIRTIME";
          this.addTransaction(mobileMoney, age, spend, "DEBIT", category);
          balance -= spend;
        }
        if (this.random.nextFloat() < 0.08) this.addTransaction(mobileMoney, age, traits.monthlyIncome * 0.05 * Math.exp(0.5 * this.random.nextGaussian()), "CREDIT", "P2P");
      }
      if (age % 30 === payday % 30 && saveShare > 0.01 && this.random.nextFloat() < 0.4 + 0.5 * logistic(savingBehaviour)) {
        const saved = Math.min(balance, traits.monthlyIncome * saveShare);
        if (saved > 1) {
          this.addTransaction(mobileMoney, age, saved, "DEBIT", "SAVINGS");
          balance -= saved;
        }
      }
    }
  }

  /**
   * Income credited `age` days before asOf (0 when none that day). Expected income per 30 days is
   * `monthlyIncome` in every segment; segments differ in cadence: salaried on a payday (jittered by
   * irregularity, sometimes missed), traders and gig workers in many small credits, farmers mostly in two
   * 60-day harvest seasons (70 % of the year's income), students in occasional transfers.
   */
  private incomeOnDay(traits: Traits, age: number, payday: number, amountSpread: number): number {
    const noise = (): number => Math.exp(amountSpread * this.random.nextGaussian() - (amountSpread * amountSpread) / 2);
    switch (traits.segment) {
      case "salaried": {
        if (age % 30 !== payday) return 0;
        return this.random.nextFloat() < 0.3 * (1 - traits.regularity) ? 0 : traits.monthlyIncome * (1 + 0.3 * (noise() - 1));
      }
      case "marketTrader":
      case "gigWorker": {
        const perMonth = (traits.segment === "marketTrader" ? 14 : 9) * (0.4 + traits.regularity);
        return this.random.nextFloat() < perMonth / 30 ? (traits.monthlyIncome / perMonth) * noise() : 0;
      }
      case "seasonalFarmer": {
        const dayOfYear = Math.floor(this.asOfMs / MS_PER_DAY - age) % 365;
        const harvest = (dayOfYear >= 60 && dayOfYear < 120) || (dayOfYear >= 240 && dayOfYear < 300);
        const rate = harvest ? 0.12 : 0.02 + 0.05 * traits.regularity;
        const yearShare = harvest ? 0.7 : 0.3;
        const seasonDays = harvest ? 120 : 245;
        return this.random.nextFloat() < rate ? ((traits.monthlyIncome * 12 * yearShare) / (seasonDays * rate)) * noise() : 0;
      }
      case "student": {
        const rate = 0.08 + 0.1 * traits.regularity;
        return this.random.nextFloat() < rate ? (traits.monthlyIncome / (30 * rate)) * noise() : 0;
      }
    }
  }

  // ── bills ───────────────────────────────────────────────────────────────────────────────────────
  private generateBills(traits: Traits, mobileMoney: string, hasTransactions: boolean): Bill[] {
    const utility = this.addAccount("utility", "UTILITY", "Power & Water", traits.historyDays + this.uniform(30, 1500));
    const billers: { biller: string; billType: Bill["billType"]; share: number }[] = [{ biller: "National Power", billType: "ELECTRICITY", share: 0.04 }];
    if (this.random.nextFloat() < 0.5) billers.push({ biller: "City Water", billType: "WATER", share: 0.02 });
    if (this.random.nextFloat() < 0.35) billers.push({ biller: "Landlord", billType: "RENT", share: 0.2 });
    if (this.random.nextFloat() < 0.2) billers.push({ biller: "School", billType: "SCHOOL", share: 0.08 });
    const behaviour = traits.discipline + 0.8 * this.random.nextGaussian();
    const bills: Bill[] = [];
    const months = Math.floor(Math.min(traits.historyDays, 420) / 30);
    const dueOffset = this.random.nextInt(30);
    for (const { biller, billType, share } of billers) {
      for (let m = months; m >= 0; m--) {
        const dueAge = m * 30 + dueOffset - 25;
        const dueMs = this.asOfMs - dueAge * MS_PER_DAY;
        const amountDue = roundMoney(traits.monthlyIncome * share * Math.exp(0.2 * this.random.nextGaussian()));
        const shockActive = traits.shock !== null && dueAge < traits.shock.fromAge && dueAge >= traits.shock.toAge ? 1.2 : 0;
        const pOnTime = logistic(1.5 + 1.3 * behaviour - shockActive);
        const bill: Bill = { externalId: `bill-${billType}-${m}`, accountId: utility, biller, billType, dueDate: this.isoDate(dueMs), amountDue };
        if (this.random.nextFloat() < 0.03 * logistic(-2 * behaviour) * 4) {
          bills.push(bill);
          continue;
        }
        const daysLate = this.random.nextFloat() < pOnTime ? -this.random.nextInt(5) : 1 + Math.floor(-Math.log(1 - this.random.nextFloat()) * (3 + 15 * logistic(-behaviour)));
        const paidMs = dueMs + (daysLate + 0.5) * MS_PER_DAY;
        bills.push({ ...bill, paidAt: this.isoInstant(paidMs), amountPaid: amountDue });
        if (hasTransactions && paidMs < this.asOfMs) this.addTransactionAt(mobileMoney, paidMs, amountDue, "DEBIT", "BILL");
      }
    }
    return bills;
  }

  // ── loans with other lenders ────────────────────────────────────────────────────────────────────
  private generateLoans(traits: Traits, mobileMoney: string, hasTransactions: boolean): Loan[] {
    const count = 1 + this.random.nextInt(traits.thinFile ? 2 : 5);
    const behaviour = traits.discipline + 0.8 * this.random.nextGaussian();
    const lenders: { lender: string; lenderType: Loan["lenderType"] }[] = [
      { lender: "Umoja MFI", lenderType: "MFI" },
      { lender: "Harambee SACCO", lenderType: "SACCO" },
      { lender: "QuickCash App", lenderType: "DIGITAL_LENDER" },
      { lender: "Community Bank", lenderType: "BANK" },
    ];
    const loans: Loan[] = [];
    for (let k = 0; k < count; k++) {
      const { lender, lenderType } = lenders[this.random.nextInt(lenders.length)];
      const disbursedAge = this.uniform(5, Math.max(10, Math.min(traits.historyDays, 720)));
      const disbursedMs = this.asOfMs - disbursedAge * MS_PER_DAY;
      const principal = roundMoney(traits.monthlyIncome * this.uniform(0.2, 1.5));
      const term = lenderType === "DIGITAL_LENDER" ? 1 : 1 + this.random.nextInt(6);
      const amountDue = roundMoney((principal * 1.15) / term);
      if (hasTransactions && disbursedAge < TRANSACTION_HISTORY_DAYS) this.addTransactionAt(mobileMoney, disbursedMs, principal, "CREDIT", "LOAN_DISBURSEMENT");
      const defaults = this.random.nextFloat() < 0.25 * logistic(-1.5 - 1.5 * behaviour) * 4;
      const instalments: Loan["instalments"] = [];
      let writtenOffMs = NaN;
      for (let n = 1; n <= term; n++) {
        const dueMs = disbursedMs + n * 30 * MS_PER_DAY;
        const dueDate = this.isoDate(dueMs);
        if (defaults && n >= Math.ceil(term / 2)) {
          instalments.push({ dueDate, amountDue });
          if (Number.isNaN(writtenOffMs)) writtenOffMs = dueMs + 150 * MS_PER_DAY;
          continue;
        }
        const shockActive = traits.shock !== null && this.ageOfMs(dueMs) < traits.shock.fromAge && this.ageOfMs(dueMs) >= traits.shock.toAge ? 1 : 0;
        const pOnTime = logistic(2.0 + 1.4 * behaviour - shockActive);
        const daysLate = this.random.nextFloat() < pOnTime ? -this.random.nextInt(3) : 1 + Math.floor(-Math.log(1 - this.random.nextFloat()) * (4 + 20 * logistic(-behaviour)));
        const paidMs = dueMs + (daysLate + 0.5) * MS_PER_DAY;
        instalments.push({ dueDate, amountDue, paidAt: this.isoInstant(paidMs), amountPaid: amountDue });
        if (hasTransactions && paidMs < this.asOfMs && this.ageOfMs(paidMs) < TRANSACTION_HISTORY_DAYS) this.addTransactionAt(mobileMoney, paidMs, amountDue, "DEBIT", "LOAN_REPAYMENT");
      }
      loans.push({
        externalId: `loan-${k}`,
        lender,
        lenderType,
        principal,
        disbursedAt: this.isoDate(disbursedMs),
        instalments,
        ...(Number.isNaN(writtenOffMs) ? {} : { writtenOffAt: this.isoDate(writtenOffMs) }),
      });
    }
    if (traits.fraud === "loanStacking") {
      for (let k = 0; k < 2 + this.random.nextInt(3); k++) {
        const disbursedMs = this.asOfMs - this.uniform(3, 45) * MS_PER_DAY;
        const principal = roundMoney(traits.monthlyIncome * this.uniform(0.3, 0.8));
        loans.push({
          externalId: `stack-${k}`,
          lender: `Digital Lender ${k + 1}`,
          lenderType: "DIGITAL_LENDER",
          principal,
          disbursedAt: this.isoDate(disbursedMs),
          instalments: [{ dueDate: this.isoDate(disbursedMs + 30 * MS_PER_DAY), amountDue: roundMoney(principal * 1.2) }],
        });
        if (hasTransactions) this.addTransactionAt(mobileMoney, disbursedMs, principal, "CREDIT", "LOAN_DISBURSEMENT");
      }
    }
    return loans;
  }

  // ── identity, events, cross-borrower context, fraud ─────────────────────────────────────────────
  private generateIdentitySignals(traits: Traits): { events: BehaviouralEvent[]; context: BorrowerContext; identityVerified: boolean; nameMatches: boolean } {
    const events: BehaviouralEvent[] = [];
    const addEvent = (type: BehaviouralEvent["type"], age: number): void => {
      events.push({ externalId: `event-${events.length}`, type, occurredAt: this.isoInstant(this.asOfMs - age * MS_PER_DAY), ...(type === "DEVICE_CHANGE" ? { deviceId: `device-${this.index}-${events.length}` } : {}) });
    };
    if (this.random.nextFloat() < 0.04) addEvent("SIM_SWAP", this.uniform(1, 365));
    if (this.random.nextFloat() < 0.12) addEvent("DEVICE_CHANGE", this.uniform(1, 365));
    if (this.random.nextFloat() < 0.1 + 0.1 * logistic(-traits.discipline)) addEvent("ADDRESS_CHANGE", this.uniform(1, 365));
    let borrowersSharingPhone = this.random.nextFloat() < 0.03 ? 1 : 0;
    let borrowersSharingDevice = this.random.nextFloat() < 0.04 ? 1 + this.random.nextInt(2) : 0;
    let applicationsLast30Days = this.random.nextFloat() < 0.25 ? 1 + this.random.nextInt(2) : 0;
    let identityVerified = this.random.nextFloat() < 0.9;
    let nameMatches = this.random.nextFloat() < 0.97;
    switch (traits.fraud) {
      case "simSwapTakeover":
        addEvent("SIM_SWAP", this.uniform(0.5, 14));
        addEvent("DEVICE_CHANGE", this.uniform(0.2, 10));
        nameMatches = this.random.nextFloat() < 0.5;
        break;
      case "syntheticIdentity":
        identityVerified = this.random.nextFloat() < 0.3;
        nameMatches = this.random.nextFloat() < 0.4;
        borrowersSharingDevice = 3 + this.random.nextInt(12);
        borrowersSharingPhone = this.random.nextFloat() < 0.5 ? 1 + this.random.nextInt(6) : 0;
        break;
      case "loanStacking":
        applicationsLast30Days = 3 + this.random.nextInt(6);
        break;
      case null:
        break;
    }
    events.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : 1));
    events.forEach((event, k) => (event.externalId = `event-${k}`));
    return { events, context: { borrowersSharingPhone, borrowersSharingDevice, applicationsLast30Days }, identityVerified, nameMatches };
  }

  /** Fraud patterns receive unusually large inflows just before applying (to look creditworthy). */
  private generateFraudInflow(traits: Traits, mobileMoney: string, hasTransactions: boolean): void {
    if (!hasTransactions || traits.fraud === "loanStacking") return;
    const transfers = 2 + this.random.nextInt(4);
    for (let k = 0; k < transfers; k++) this.addTransaction(mobileMoney, this.uniform(0.1, 10), traits.monthlyIncome * this.uniform(0.8, 2.5), "CREDIT", "P2P");
  }

  private generateBureau(traits: Traits): SignalBundle["bureau"] {
    const hasFile = this.random.nextFloat() < 0.7;
    const rank = clamp(Math.floor(logistic(-1.2 - 1.2 * (traits.discipline + 0.7 * this.random.nextGaussian())) * 6), 0, 5);
    return {
      hasFile,
      activeLoans: hasFile ? this.random.nextInt(4) : 0,
      worstStatus: hasFile ? bureauStatuses[rank] : "CURRENT",
      inquiriesLast6Months: this.random.nextInt(traits.fraud === "loanStacking" ? 12 : 4),
      reportedAt: this.isoInstant(this.asOfMs - this.uniform(1, 60) * MS_PER_DAY),
    };
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────
  private uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.random.nextFloat();
  }

  private addAccount(prefix: string, type: Account["type"], provider: string, ageDays: number): string {
    const id = `${prefix}-${this.accounts.length + 1}`;
    this.accounts.push({ id, type, provider, openedAt: this.isoDate(this.asOfMs - ageDays * MS_PER_DAY), verified: this.random.nextFloat() < 0.85 });
    return id;
  }

  /** A transaction `age` whole days before asOf, at a random time of that day. */
  private addTransaction(accountId: string, age: number, amount: number, direction: Transaction["direction"], category: TransactionCategory): void {
    this.addTransactionAt(accountId, this.asOfMs - (age + this.random.nextFloat()) * MS_PER_DAY, amount, direction, category);
  }

  private addTransactionAt(accountId: string, atMs: number, amount: number, direction: Transaction["direction"], category: TransactionCategory): void {
    this.transactionCount += 1;
    this.transactions.push({ externalId: `tx-${this.transactionCount}`, accountId, occurredAt: this.isoInstant(atMs), amount: roundMoney(amount), currency: this.market.currency, direction, category });
  }

  private phoneNumber(): string {
    let digits = "";
    for (let k = 0; k < this.market.phoneDigits; k++) digits += String(this.random.nextInt(10));
    return `${this.market.phonePrefix}${digits}`;
  }

  private isoInstant(ms: number): string {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
  }

  private isoDate(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
  }

  private ageOfMs(ms: number): number {
    return (this.asOfMs - ms) / MS_PER_DAY;
  }

  private ageOf(iso: string): number {
    return this.ageOfMs(Date.parse(iso));
  }
}
