import { z } from "zod";

/**
 * The signal bundle: everything a lender holds about one borrower's behaviour, as raw dated records.
 * Field names match the database layer (prisma/schema.prisma) so a stored borrower maps 1:1 onto a bundle.
 *
 * Conventions (documented in docs/signals.md):
 * - Amounts are decimal numbers in MAJOR currency units (e.g. 1250.50 KES), never minor units.
 * - One currency per bundle: every transaction carries the same ISO 4217 code; bills, loans and
 *   instalments have no currency field and are read in that same currency. A bundle mixing currencies
 *   is refused (convert upstream, at the lender's rate and date, where the conversion can be audited).
 * - Calendar dates are `YYYY-MM-DD` and read as 00:00 UTC of that day; instants are ISO 8601 date-times
 *   with an explicit offset (`Z` or `±hh:mm`). Fields that may be either accept both.
 */

/** A calendar day, `YYYY-MM-DD`. */
const calendarDate = z.iso.date();
/** An instant: ISO 8601 date-time with an offset. */
const instant = z.iso.datetime({ offset: true });
/** A calendar day or an instant (stores differ in precision for these fields). */
const dateOrInstant = z.union([calendarDate, instant]);
/** A money amount in major currency units. */
const positiveAmount = z.number().positive().finite();
const nonNegativeAmount = z.number().nonnegative().finite();
const count = z.number().int().nonnegative();
const identifier = z.string().min(1).max(200);

export const nationalIdTypes = ["FAYDA", "NIN", "HUDUMA", "AADHAAR", "OTHER"] as const;
export const accountTypes = ["BANK", "MOBILE_MONEY", "MFI", "SACCO", "UTILITY", "TELCO"] as const;
export const transactionDirections = ["CREDIT", "DEBIT"] as const;
export const transactionCategories = [
  "SALARY",
  "BUSINESS_INCOME",
  "P2P",
  "MERCHANT",
  "BILL",
  "AIRTIME",
  "LOAN_DISBURSEMENT",
  "LOAN_REPAYMENT",
  "SAVINGS",
  "CASH_IN",
  "CASH_OUT",
  "OTHER",
] as const;
export const billTypes = ["ELECTRICITY", "WATER", "TELCO", "RENT", "SCHOOL", "OTHER"] as const;
export const lenderTypes = ["MFI", "SACCO", "BANK", "DIGITAL_LENDER", "OTHER"] as const;
export const behaviouralEventTypes = ["SIM_SWAP", "DEVICE_CHANGE", "ADDRESS_CHANGE", "PHONE_CHANGE"] as const;
/** Worst repayment status on a bureau file, from best to worst (the order is the feature's rank). */
export const bureauStatuses = ["CURRENT", "DPD_1_29", "DPD_30_59", "DPD_60_89", "DPD_90_PLUS", "WRITTEN_OFF"] as const;

export const identitySchema = z
  .object({
    nationalIdType: z.enum(nationalIdTypes),
    idVerified: z.boolean(),
    dateOfBirth: calendarDate,
    phone: z.e164(),
    simRegisteredAt: dateOrInstant.optional(),
    nameMatchesAccounts: z.boolean().optional(),
  })
  .strict();

export const accountSchema = z
  .object({
    id: identifier,
    type: z.enum(accountTypes),
    provider: z.string().min(1),
    openedAt: dateOrInstant,
    verified: z.boolean(),
  })
  .strict();

export const transactionSchema = z
  .object({
    externalId: identifier,
    accountId: identifier,
    occurredAt: instant,
    amount: positiveAmount,
    currency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code of 3 capital letters"),
    direction: z.enum(transactionDirections),
    category: z.enum(transactionCategories),
    counterparty: z.string().min(1).optional(),
  })
  .strict();

export const billSchema = z
  .object({
    externalId: identifier,
    accountId: identifier.optional(),
    biller: z.string().min(1),
    billType: z.enum(billTypes),
    dueDate: calendarDate,
    amountDue: positiveAmount,
    paidAt: dateOrInstant.optional(),
    amountPaid: nonNegativeAmount.optional(),
  })
  .strict();

export const instalmentSchema = z
  .object({
    dueDate: calendarDate,
    amountDue: positiveAmount,
    paidAt: dateOrInstant.optional(),
    amountPaid: nonNegativeAmount.optional(),
  })
  .strict();

export const loanSchema = z
  .object({
    externalId: identifier,
    lender: z.string().min(1),
    lenderType: z.enum(lenderTypes),
    principal: positiveAmount,
    disbursedAt: dateOrInstant,
    instalments: z.array(instalmentSchema).min(1),
    writtenOffAt: dateOrInstant.optional(),
  })
  .strict();

export const behaviouralEventSchema = z
  .object({
    externalId: identifier,
    type: z.enum(behaviouralEventTypes),
    occurredAt: instant,
    deviceId: z.string().min(1).optional(),
  })
  .strict();

export const bureauRecordSchema = z
  .object({
    hasFile: z.boolean(),
    activeLoans: count,
    worstStatus: z.enum(bureauStatuses),
    inquiriesLast6Months: count,
    reportedAt: dateOrInstant,
  })
  .strict();

/**
 * One borrower's signals. `identity` is optional because some sources (a lender's loan-book export, as in
 * the SuperLender evaluation) carry behaviour but no identity record; every list may be empty.
 */
export const signalBundleSchema = z
  .object({
    identity: identitySchema.optional(),
    accounts: z.array(accountSchema),
    transactions: z.array(transactionSchema),
    bills: z.array(billSchema),
    loans: z.array(loanSchema),
    events: z.array(behaviouralEventSchema),
    bureau: bureauRecordSchema.optional(),
  })
  .strict();

/**
 * What only the lender's own store can know about this application, counted across all its borrowers at
 * the as-of time: passed beside the bundle, never inside it.
 */
export const borrowerContextSchema = z
  .object({
    borrowersSharingPhone: count,
    borrowersSharingDevice: count,
    applicationsLast30Days: count,
  })
  .strict();

export type Identity = z.infer<typeof identitySchema>;
export type Account = z.infer<typeof accountSchema>;
export type Transaction = z.infer<typeof transactionSchema>;
export type Bill = z.infer<typeof billSchema>;
export type Instalment = z.infer<typeof instalmentSchema>;
export type Loan = z.infer<typeof loanSchema>;
export type BehaviouralEvent = z.infer<typeof behaviouralEventSchema>;
export type BureauRecord = z.infer<typeof bureauRecordSchema>;
export type SignalBundle = z.infer<typeof signalBundleSchema>;
export type BorrowerContext = z.infer<typeof borrowerContextSchema>;
export type TransactionCategory = (typeof transactionCategories)[number];
