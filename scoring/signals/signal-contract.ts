/**
 * The signal contract, defined once: every category of signal a lender sends, each field's kind, whether it
 * is optional, its limits and its closed vocabulary. Every other form is derived from this table, never
 * written by hand:
 * - the engine's zod schemas and TypeScript types (./signal-schema.ts) and the JSON Schema (docs/signal-schema.json);
 * - the GraphQL enums and signal inputs (graphql/schema/signals/contract.generated.graphql) and the Prisma
 *   enums (the generated block of prisma/schema.prisma), written by `npm run contract:generate`
 *   (scripts/generate-signal-contract.ts; `--check` runs in `npm run codegen:check` and fails on drift);
 * - the store's row shapes (`StoreRecord`, used by prisma/store/{transaction,bill,…}.ts) and insert columns
 *   (prisma/store/signal-batch.ts), the upload file's columns and value forms (app/_components/signal-file.ts),
 *   the loan-book file's signal rows (core/loan-book/book-format.ts) and the ingest limits (core/ingest-signals.ts);
 * - the check that refuses a stored bundle breaking the contract at scoring time (./check-signal-contract.ts).
 *
 * Plain data without zod, so the portal's client bundle can read it too. Field order matters: it is the
 * order of the GraphQL input fields and of the engine's schema.
 */

/** The closed vocabularies, by the name the database and the API give them. Adding a value needs a migration. */
export const signalVocabularies = {
  NationalIdType: {
    description: "The national identity scheme of the number: Ethiopia's Fayda, Nigeria's NIN, Kenya's Huduma, India's Aadhaar, or another.",
    values: ["FAYDA", "NIN", "HUDUMA", "AADHAAR", "OTHER"],
  },
  LinkedAccountType: { values: ["BANK", "MOBILE_MONEY", "MFI", "SACCO", "UTILITY", "TELCO"] },
  TransactionDirection: { values: ["CREDIT", "DEBIT"] },
  TransactionCategory: {
    values: ["SALARY", "BUSINESS_INCOME", "P2P", "MERCHANT", "BILL", "AIRTIME", "LOAN_DISBURSEMENT", "LOAN_REPAYMENT", "SAVINGS", "CASH_IN", "CASH_OUT", "OTHER"],
  },
  BillType: { values: ["ELECTRICITY", "WATER", "TELCO", "RENT", "SCHOOL", "OTHER"] },
  LenderType: { values: ["MFI", "SACCO", "BANK", "DIGITAL_LENDER", "OTHER"] },
  BureauStatus: {
    description: "A credit bureau's worst repayment status on the borrower's file.",
    /** From best to worst: the order is the feature's rank. */
    values: ["CURRENT", "DPD_1_29", "DPD_30_59", "DPD_60_89", "DPD_90_PLUS", "WRITTEN_OFF"],
  },
  BehaviouralEventType: { values: ["SIM_SWAP", "DEVICE_CHANGE", "ADDRESS_CHANGE", "PHONE_CHANGE"] },
} as const satisfies Record<string, { description?: string; values: readonly [string, ...string[]] }>;

export type VocabularyName = keyof typeof signalVocabularies;
export type VocabularyValue<V extends VocabularyName> = (typeof signalVocabularies)[V]["values"][number];

/** Limits every form applies (the engine's schema, the ingest checks, the upload form). */
export const signalLimits = {
  /** externalId, account ids: 1 to this many characters. */
  maxIdentifierLength: 200,
  /** Free text (biller, lender, counterparty, device id, bureau name): at most this many characters at ingest. */
  maxTextLength: 200,
  /** Amounts: at most this many digits before the decimal point and decimals after it (the store's DECIMAL(19, 4)). */
  amountIntegerDigits: 15,
  amountDecimals: 4,
  /** A bureau's counts of loans and enquiries: bounded at ingest so a typo (an amount in the wrong column) is caught. */
  maxBureauCount: 1_000,
  /** A loan has at least this many instalments. */
  minInstalments: 1,
} as const;

/** An amount written as text (the API's Decimal, an upload's cell): digits, an optional point and the allowed decimals, never negative. */
export const amountTextPattern = new RegExp(`^\\d{1,${signalLimits.amountIntegerDigits}}(\\.\\d{1,${signalLimits.amountDecimals}})?$`);

/**
 * What a field holds. Each kind has one zod schema (engine), one GraphQL type, one Prisma column type and
 * one upload form; the mappings live beside each derived form and are total over this union.
 */
export type FieldKind =
  | "externalId" // the source system's id, unique per tenant: String
  | "reference" // an id of one of our records (an account): ID
  | "text" // non-empty free text
  | "currency" // ISO 4217, 3 capital letters
  | "phone" // E.164
  | "positiveAmount" // > 0, major currency units
  | "nonNegativeAmount" // ≥ 0, major currency units
  | "day" // YYYY-MM-DD
  | "instant" // ISO 8601 date-time with an offset
  | "dayOrInstant" // either; a day is 00:00 UTC
  | "count" // a whole number ≥ 0
  | "boolean";

export interface ScalarField {
  readonly kind: FieldKind;
  readonly optional?: boolean;
  /** Only in one form: "engine" fields are assigned by the store (an account's id), "ingest" fields never reach the engine (a bureau's name). */
  readonly only?: "engine" | "ingest";
  /** The API's default when the field is left out. */
  readonly default?: boolean;
  readonly description?: string;
}
export interface EnumField {
  readonly kind: "enum";
  readonly vocabulary: VocabularyName;
  readonly optional?: boolean;
  readonly only?: "engine" | "ingest";
  readonly description?: string;
}
export interface ListField {
  readonly kind: "list";
  /** A category of this table (typed as text here: the table's own type cannot name its keys). */
  readonly of: string;
  readonly min: number;
  readonly optional?: boolean;
  readonly only?: "engine" | "ingest";
  readonly description?: string;
}
export type SignalField = ScalarField | EnumField | ListField;

export interface SignalCategory {
  /** The GraphQL input type; absent when the category arrives another way (identity with createBorrower). */
  readonly input?: string;
  /** The key of the category in an ingest batch and in the upload file (IngestSignalsInput). */
  readonly batchKey?: string;
  readonly description?: string;
  readonly fields: Readonly<Record<string, SignalField>>;
}

const enumOf = <V extends VocabularyName>(vocabulary: V, extra: { optional?: boolean; description?: string } = {}) => ({ kind: "enum", vocabulary, ...extra }) as const;

/** The categories, each field in its order. */
export const signalCategories = {
  identity: {
    fields: {
      nationalIdType: enumOf("NationalIdType"),
      idVerified: { kind: "boolean" },
      dateOfBirth: { kind: "day" },
      phone: { kind: "phone" },
      simRegisteredAt: { kind: "dayOrInstant", optional: true },
      nameMatchesAccounts: { kind: "boolean", optional: true },
    },
  },
  account: {
    input: "LinkAccountInput",
    fields: {
      id: { kind: "reference", only: "engine" },
      type: enumOf("LinkedAccountType"),
      provider: { kind: "text" },
      externalReference: { kind: "text", only: "ingest" },
      openedAt: { kind: "dayOrInstant" },
      verified: { kind: "boolean", default: false },
    },
  },
  transaction: {
    input: "TransactionInput",
    batchKey: "transactions",
    fields: {
      externalId: { kind: "externalId", description: "The source system's id: ingesting the same id twice stores it once." },
      accountId: { kind: "reference" },
      occurredAt: { kind: "instant" },
      amount: { kind: "positiveAmount", description: "Positive; the direction says which way it went." },
      currency: { kind: "currency", description: "ISO 4217, e.g. KES." },
      direction: enumOf("TransactionDirection"),
      category: enumOf("TransactionCategory"),
      counterparty: { kind: "text", optional: true },
    },
  },
  bill: {
    input: "BillInput",
    batchKey: "bills",
    fields: {
      externalId: { kind: "externalId" },
      accountId: { kind: "reference", optional: true },
      biller: { kind: "text" },
      billType: enumOf("BillType"),
      dueDate: { kind: "day" },
      amountDue: { kind: "positiveAmount" },
      paidAt: { kind: "dayOrInstant", optional: true },
      amountPaid: { kind: "nonNegativeAmount", optional: true },
    },
  },
  instalment: {
    input: "LoanInstalmentInput",
    fields: {
      dueDate: { kind: "day" },
      amountDue: { kind: "positiveAmount" },
      paidAt: { kind: "dayOrInstant", optional: true },
      amountPaid: { kind: "nonNegativeAmount", optional: true },
    },
  },
  loan: {
    input: "LoanInput",
    batchKey: "loans",
    description: "A loan with another lender and its schedule: the repayment history that scores discipline.",
    fields: {
      externalId: { kind: "externalId" },
      lender: { kind: "text" },
      lenderType: enumOf("LenderType"),
      principal: { kind: "positiveAmount" },
      disbursedAt: { kind: "dayOrInstant" },
      instalments: { kind: "list", of: "instalment", min: signalLimits.minInstalments },
      writtenOffAt: { kind: "dayOrInstant", optional: true },
    },
  },
  event: {
    input: "BehaviouralEventInput",
    batchKey: "events",
    fields: {
      externalId: { kind: "externalId" },
      type: enumOf("BehaviouralEventType"),
      occurredAt: { kind: "instant" },
      deviceId: { kind: "text", optional: true },
    },
  },
  bureau: {
    input: "BureauRecordInput",
    batchKey: "bureauRecords",
    description:
      "What a credit bureau reported about the borrower on a day. Scoring reads the latest one reported before the\nas-of instant, and only under a BUREAU consent.",
    fields: {
      externalId: { kind: "externalId", only: "ingest" },
      bureau: { kind: "text", only: "ingest", description: "The bureau's name, e.g. Metropol." },
      reportedAt: { kind: "dayOrInstant" },
      hasFile: { kind: "boolean", description: "Whether the bureau holds a file on the borrower at all." },
      activeLoans: { kind: "count" },
      worstStatus: enumOf("BureauStatus"),
      inquiriesLast6Months: { kind: "count" },
    },
  },
} as const satisfies Record<string, SignalCategory>;

export type SignalCategoryName = keyof typeof signalCategories;
type Categories = typeof signalCategories;

/** The categories an ingest batch carries, in batch order, with their batch keys. */
export const batchCategories = ["transaction", "bill", "loan", "event", "bureau"] as const satisfies readonly SignalCategoryName[];
export type BatchCategory = (typeof batchCategories)[number];
export type BatchKey = Categories[BatchCategory]["batchKey"];
export const batchKeys = batchCategories.map((category) => signalCategories[category].batchKey) as BatchKey[];

/** The fields of a category in one form, in order ("engine": the bundle; "ingest": the API input, the upload and the store). */
export function fieldsOf(category: SignalCategoryName, form: "engine" | "ingest"): [string, SignalField][] {
  return fieldsInForm(signalCategories[category], form);
}

/**
 * The fields of any category object in one form, in order: fieldsOf for a table other than this one (a form's
 * builder that takes the table as a parameter, so a test can build it from a changed contract).
 */
export function fieldsInForm(category: SignalCategory, form: "engine" | "ingest"): [string, SignalField][] {
  return Object.entries(category.fields).filter(([, field]) => field.only === undefined || field.only === form);
}

/**
 * The fields of one loan instalment as a flat row (the store's LoanRepayment, the upload's instalment CSV):
 * the loan's fields but its schedule, its externalId as `loanExternalId`, then the instalment's fields.
 */
export function loanInstalmentRowFields(): [string, SignalField][] {
  const loanFields = fieldsOf("loan", "ingest")
    .filter(([, field]) => field.kind !== "list")
    .map(([name, field]): [string, SignalField] => [name === "externalId" ? "loanExternalId" : name, field]);
  return [...loanFields, ...fieldsOf("instalment", "ingest")];
}

// ---- Types derived from the table ----

type Fields<C extends SignalCategoryName> = Categories[C]["fields"];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type InForm<F, Form extends "engine" | "ingest"> = F extends { only: infer O } ? (O extends Form ? true : false) : true;
type FormKeys<C extends SignalCategoryName, Form extends "engine" | "ingest"> = { [K in keyof Fields<C>]: InForm<Fields<C>[K], Form> extends true ? K : never }[keyof Fields<C>];
type OptionalKeys<C extends SignalCategoryName, Form extends "engine" | "ingest"> = { [K in FormKeys<C, Form>]: Fields<C>[K] extends { optional: true } ? K : never }[FormKeys<C, Form>];
type RequiredKeys<C extends SignalCategoryName, Form extends "engine" | "ingest"> = Exclude<FormKeys<C, Form>, OptionalKeys<C, Form>>;

/** A field's value in the engine's bundle: JSON values (amounts as numbers in major units, dates as ISO text). */
type EngineValue<F> = F extends { kind: "enum"; vocabulary: infer V extends VocabularyName }
  ? VocabularyValue<V>
  : F extends { kind: "list"; of: infer C extends SignalCategoryName }
    ? EngineRecord<C>[]
    : F extends { kind: "positiveAmount" | "nonNegativeAmount" | "count" }
      ? number
      : F extends { kind: "boolean" }
        ? boolean
        : string;

/** One record of a category as the engine reads it (absent optional fields are left out). */
export type EngineRecord<C extends SignalCategoryName> = Simplify<
  { [K in RequiredKeys<C, "engine">]: EngineValue<Fields<C>[K]> } & { [K in OptionalKeys<C, "engine">]?: EngineValue<Fields<C>[K]> }
>;

/** A field's value in a store row: amounts as exact decimal text, dates and instants as Date. */
type StoreValue<F> = F extends { kind: "enum"; vocabulary: infer V extends VocabularyName }
  ? VocabularyValue<V>
  : F extends { kind: "count" }
    ? number
    : F extends { kind: "boolean" }
      ? boolean
      : F extends { kind: "day" | "instant" | "dayOrInstant" }
        ? Date
        : string;

type DefaultedKeys<C extends SignalCategoryName> = { [K in keyof Fields<C>]: Fields<C>[K] extends { default: boolean } ? K : never }[keyof Fields<C>];

/**
 * One row of a category as the store writes it (optional fields present as null, fields with a default
 * may be left out), before borrowerId and the ids the store adds.
 */
export type StoreRecord<C extends SignalCategoryName, Omitted extends string = never> = Simplify<
  { [K in Exclude<RequiredKeys<C, "ingest">, Omitted | DefaultedKeys<C>>]: StoreValue<Fields<C>[K]> } & {
    [K in Exclude<OptionalKeys<C, "ingest">, Omitted>]: StoreValue<Fields<C>[K]> | null;
  } & { [K in Exclude<DefaultedKeys<C>, Omitted>]?: StoreValue<Fields<C>[K]> }
>;

/** A field's value in a use case's input (core/inputs.ts): amounts as exact decimal text, dates and instants as Date. */
type IngestValue<F> = F extends { kind: "list"; of: infer C extends SignalCategoryName } ? IngestRecord<C>[] : StoreValue<F>;

/**
 * One record of a category as a use case takes it (IngestSignalsInput's items; the SDL's generated input types
 * must be assignable to it): optional fields may be absent or null, references such as an account are ids.
 */
export type IngestRecord<C extends SignalCategoryName> = Simplify<
  { [K in RequiredKeys<C, "ingest">]: IngestValue<Fields<C>[K]> } & { [K in OptionalKeys<C, "ingest">]?: IngestValue<Fields<C>[K]> | null }
>;
