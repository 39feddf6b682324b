import { z } from "zod";
import { signalLimits, signalVocabularies, fieldsOf, type EngineRecord, type SignalCategoryName, type SignalField } from "./signal-contract";

/**
 * The signal bundle: everything a lender holds about one borrower's behaviour, as raw dated records. The
 * zod schemas here are built from the signal contract (./signal-contract.ts, the one definition of the
 * categories, fields, limits and vocabularies); field names match the store so a stored borrower maps 1:1
 * onto a bundle.
 *
 * Conventions (documented in docs/signals.md):
 * - Amounts are decimal numbers in MAJOR currency units (e.g. 1250.50 KES), never minor units.
 * - One currency per bundle: every transaction carries the same ISO 4217 code; bills, loans and
 *   instalments have no currency field and are read in that same currency. A bundle mixing currencies
 *   is refused (convert upstream, at the lender's rate and date, where the conversion can be audited).
 * - Calendar dates are `YYYY-MM-DD` and read as 00:00 UTC of that day; instants are ISO 8601 date-times
 *   with an offset (`Z` or `±hh:mm`). Fields that may be either accept both.
 */

/** A calendar day, `YYYY-MM-DD`. */
const calendarDate = z.iso.date();
/** An instant: ISO 8601 date-time with an offset. */
const instant = z.iso.datetime({ offset: true });
/** A calendar day or an instant (stores differ in precision for these fields). */
const dateOrInstant = z.union([calendarDate, instant]);

const currencyPattern = /^[A-Z]{3}$/;

/** The engine's schema of each kind of field (the contract's kinds, total). */
export const kindSchemas = {
  externalId: z.string().min(1).max(signalLimits.maxIdentifierLength),
  reference: z.string().min(1).max(signalLimits.maxIdentifierLength),
  text: z.string().min(1),
  currency: z.string().regex(currencyPattern, "must be an ISO 4217 code of 3 capital letters"),
  phone: z.e164(),
  positiveAmount: z.number().positive().finite(),
  nonNegativeAmount: z.number().nonnegative().finite(),
  day: calendarDate,
  instant,
  dayOrInstant: dateOrInstant,
  count: z.number().int().nonnegative(),
  boolean: z.boolean(),
} satisfies Record<Exclude<SignalField["kind"], "enum" | "list">, z.ZodType>;

function patternOf(schema: z.ZodStringFormat): RegExp {
  const pattern = schema._zod.def.pattern;
  if (!pattern) throw new Error(`signal-schema: zod's ${schema._zod.def.format} schema has no pattern`);
  return pattern;
}

/**
 * The patterns the string kinds are checked with, taken from the zod schemas above (zod's own ISO date,
 * date-time and E.164 expressions), so a check that tests them directly accepts exactly what zod accepts.
 */
export const kindPatterns = {
  day: patternOf(calendarDate),
  instant: patternOf(instant),
  phone: patternOf(kindSchemas.phone),
  currency: currencyPattern,
} as const satisfies Record<string, RegExp>;

function fieldSchema(field: SignalField): z.ZodType {
  const schema =
    field.kind === "enum" ? z.enum(signalVocabularies[field.vocabulary].values) : field.kind === "list" ? z.array(categorySchema(field.of as SignalCategoryName)).min(field.min) : kindSchemas[field.kind];
  return field.optional ? schema.optional() : schema;
}

/** The strict object schema of one category's records as the engine reads them (an unknown field is an error). */
function categorySchema<C extends SignalCategoryName>(category: C): z.ZodType<EngineRecord<C>> {
  return z.strictObject(Object.fromEntries(fieldsOf(category, "engine").map(([name, field]) => [name, fieldSchema(field)]))) as unknown as z.ZodType<EngineRecord<C>>;
}

export const nationalIdTypes = signalVocabularies.NationalIdType.values;
export const accountTypes = signalVocabularies.LinkedAccountType.values;
export const transactionDirections = signalVocabularies.TransactionDirection.values;
export const transactionCategories = signalVocabularies.TransactionCategory.values;
export const billTypes = signalVocabularies.BillType.values;
export const lenderTypes = signalVocabularies.LenderType.values;
export const behaviouralEventTypes = signalVocabularies.BehaviouralEventType.values;
/** Worst repayment status on a bureau file, from best to worst (the order is the feature's rank). */
export const bureauStatuses = signalVocabularies.BureauStatus.values;

export const identitySchema = categorySchema("identity");
export const accountSchema = categorySchema("account");
export const transactionSchema = categorySchema("transaction");
export const billSchema = categorySchema("bill");
export const instalmentSchema = categorySchema("instalment");
export const loanSchema = categorySchema("loan");
export const behaviouralEventSchema = categorySchema("event");
export const bureauRecordSchema = categorySchema("bureau");

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
    borrowersSharingPhone: kindSchemas.count,
    borrowersSharingDevice: kindSchemas.count,
    applicationsLast30Days: kindSchemas.count,
  })
  .strict();

export type Identity = EngineRecord<"identity">;
export type Account = EngineRecord<"account">;
export type Transaction = EngineRecord<"transaction">;
export type Bill = EngineRecord<"bill">;
export type Instalment = EngineRecord<"instalment">;
export type Loan = EngineRecord<"loan">;
export type BehaviouralEvent = EngineRecord<"event">;
export type BureauRecord = EngineRecord<"bureau">;
export type SignalBundle = z.infer<typeof signalBundleSchema>;
export type BorrowerContext = z.infer<typeof borrowerContextSchema>;
export type TransactionCategory = (typeof transactionCategories)[number];
