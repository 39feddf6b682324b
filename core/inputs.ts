// The typed inputs of the use cases, owned by the core. Every transport's own input types (the GraphQL SDL's,
// the REST bodies') must be assignable to these: graphql/resolvers pass their generated argument types
// straight in, so a drift between SDL and core fails the type check.
import type {
  CommitteeVerdict,
  ConsentPurpose,
  DataCategory,
  LinkedAccountType,
  NationalIdType,
  OutcomeStatus,
  Recommendation,
  Role,
} from "@/prisma/store/vocabulary";
import type { IngestRecord } from "@/scoring/signals/signal-contract";
import type { ApiKeyScope } from "./actor";

/** A decimal amount as text ("25000.00"): money never passes through a binary float. */
type Decimal = string;
type Optional<T> = T | null | undefined;

export type RiskLevel = "LOW" | "MEDIUM" | "HIGH" | "VERY_HIGH";
export type ApplicationStatus = "AWAITING_DECISION" | "DECIDED";

export interface CalculateScoreInput {
  borrowerId: string;
  purpose: ConsentPurpose;
  requestedAmount: Decimal;
  requestedTenorDays: number;
  asOf?: Optional<Date>;
}

export interface CreateApiKeyInput {
  name: string;
  role: Role;
  scopes: ApiKeyScope[];
}

export interface CreateBorrowerInput {
  externalId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: Date;
  nationalId: string;
  nationalIdType: NationalIdType;
  phone: string;
}

export interface GrantConsentInput {
  borrowerId: string;
  purpose: ConsentPurpose;
  dataCategories: DataCategory[];
  dataLifeDays: number;
  validFrom: Date;
  expiresAt: Date;
  statement: string;
}

// The signal records of an ingest, derived from the signal contract (scoring/signals/signal-contract.ts), where
// each field is declared once.
export type TransactionInput = IngestRecord<"transaction">;
export type BillInput = IngestRecord<"bill">;
export type LoanInstalmentInput = IngestRecord<"instalment">;
export type LoanInput = IngestRecord<"loan">;
export type BehaviouralEventInput = IngestRecord<"event">;
/** What a credit bureau reported about the borrower as of `reportedAt` (read by scoring only under a BUREAU consent). */
export type BureauRecordInput = IngestRecord<"bureau">;

export interface IngestSignalsInput {
  borrowerId: string;
  transactions?: TransactionInput[];
  bills?: BillInput[];
  loans?: LoanInput[];
  events?: BehaviouralEventInput[];
  bureauRecords?: BureauRecordInput[];
}

export interface IngestCount {
  received: number;
  stored: number;
  duplicates: number;
}

export interface IngestSignalsResult {
  transactions: IngestCount;
  bills: IngestCount;
  loanInstalments: IngestCount;
  events: IngestCount;
  bureauRecords: IngestCount;
}

export interface LinkAccountInput {
  borrowerId: string;
  type: LinkedAccountType;
  provider: string;
  externalReference: string;
  openedAt: Date;
  verified?: boolean;
}

export interface ApplicationFilter {
  borrowerId?: Optional<string>;
  flagged?: Optional<boolean>;
  from?: Optional<Date>;
  to?: Optional<Date>;
  recommendation?: Optional<Recommendation>;
  riskLevel?: Optional<RiskLevel>;
  status?: Optional<ApplicationStatus>;
}

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  role: Role;
  borrowerId?: Optional<string>;
}

export interface DraftPolicyInput {
  name: string;
  document: unknown;
}

export interface QuickScoreIndicators {
  accountTenureMonths?: Optional<number>;
  ageYears?: Optional<number>;
  billPaymentOnTimeShare?: Optional<number>;
  idVerified?: Optional<boolean>;
  incomeStabilityIndex?: Optional<number>;
  loanRepaymentOnTimeShare?: Optional<number>;
  mobileMoneyActiveDayShare?: Optional<number>;
  monthlyIncome?: Optional<number>;
  monthsOfHistory?: Optional<number>;
  monthsWithInflowShare?: Optional<number>;
  previousLoans?: Optional<number>;
  simTenureMonths?: Optional<number>;
}

export interface RecordCommitteeDecisionInput {
  scoreId: string;
  verdict: CommitteeVerdict;
  amount?: Optional<Decimal>;
  tenorDays?: Optional<number>;
  note?: Optional<string>;
  /** The decision in force that this one replaces; required (with a note) once a score has a decision. */
  supersedesDecisionId?: Optional<string>;
}

export interface RecordOutcomeInput {
  scoreId: string;
  status: OutcomeStatus;
  maxDaysLate: number;
  observedAt: Date;
  defaultedAt?: Optional<Date>;
  recoveredAmount?: Optional<Decimal>;
}
