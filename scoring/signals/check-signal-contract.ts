import { fieldsOf, signalLimits, signalVocabularies, type SignalCategoryName, type SignalField } from "./signal-contract";
import { findCrossRecordIssues, parseSignals, SignalValidationError, type SignalIssue } from "./parse-signals";
import { kindPatterns, type SignalBundle } from "./signal-schema";

type Check = (value: unknown) => boolean;

const isIdentifier: Check = (value) => typeof value === "string" && value.length >= 1 && value.length <= signalLimits.maxIdentifierLength;
const matches =
  (pattern: RegExp): Check =>
  (value) =>
    typeof value === "string" && pattern.test(value);

/**
 * Each kind of field as a predicate that accepts no more than the engine's zod schema of that kind
 * (./signal-schema.ts, whose format patterns it reuses); where it is stricter, parseSignals decides.
 */
const kindChecks: Record<Exclude<SignalField["kind"], "enum" | "list">, Check> = {
  externalId: isIdentifier,
  reference: isIdentifier,
  text: (value) => typeof value === "string" && value.length >= 1,
  currency: matches(kindPatterns.currency),
  phone: matches(kindPatterns.phone),
  positiveAmount: (value) => typeof value === "number" && Number.isFinite(value) && value > 0,
  nonNegativeAmount: (value) => typeof value === "number" && Number.isFinite(value) && value >= 0,
  day: matches(kindPatterns.day),
  instant: matches(kindPatterns.instant),
  dayOrInstant: (value) => typeof value === "string" && (kindPatterns.day.test(value) || kindPatterns.instant.test(value)),
  count: (value) => Number.isSafeInteger(value) && (value as number) >= 0,
  boolean: (value) => typeof value === "boolean",
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function compileField(field: SignalField): Check {
  let check: Check;
  if (field.kind === "enum") {
    const values = new Set<unknown>(signalVocabularies[field.vocabulary].values);
    check = (value) => values.has(value);
  } else if (field.kind === "list") {
    const item = compileRecord(field.of as SignalCategoryName);
    check = (value) => Array.isArray(value) && value.length >= field.min && value.every(item);
  } else check = kindChecks[field.kind];
  return field.optional ? (value) => value === undefined || check(value) : check;
}

/** A strict record of the category: every field of the contract's engine form valid, no other key. */
function compileRecord(category: SignalCategoryName): Check {
  const fields = fieldsOf(category, "engine");
  const names = fields.map(([name]) => name);
  const checks = fields.map(([, field]) => compileField(field));
  const known = new Set(names);
  // Indexed loops and for…in: this runs for every row a scoring reads, and allocates nothing.
  return (value) => {
    if (!isPlainObject(value)) return false;
    for (let i = 0; i < names.length; i++) if (!checks[i](value[names[i]])) return false;
    for (const key in value) if (!known.has(key)) return false;
    return true;
  };
}

const bundleLists: [string, Check][] = [
  ["accounts", compileRecord("account")],
  ["transactions", compileRecord("transaction")],
  ["bills", compileRecord("bill")],
  ["loans", compileRecord("loan")],
  ["events", compileRecord("event")],
];
const bundleOptionals: [string, Check][] = [
  ["identity", compileRecord("identity")],
  ["bureau", compileRecord("bureau")],
];
const bundleKeys = new Set([...bundleLists, ...bundleOptionals].map(([name]) => name));

/**
 * Whether every record of the bundle has the contract's form (the checks of the zod schema, compiled from
 * the contract into plain predicates: ~10× cheaper than parsing, and no copy of the bundle). Accepts no
 * bundle the schema refuses; cross-record rules are not part of it.
 */
export function matchesContractShape(bundle: unknown): bundle is SignalBundle {
  if (!isPlainObject(bundle)) return false;
  for (const key of Object.keys(bundle)) if (!bundleKeys.has(key)) return false;
  for (const [name, item] of bundleLists) {
    const list = bundle[name];
    if (!Array.isArray(list) || !list.every(item)) return false;
  }
  for (const [name, check] of bundleOptionals) if (bundle[name] !== undefined && !check(bundle[name])) return false;
  return true;
}

const itemPath = /^(accounts|transactions|bills|loans|events)\[(\d+)\]/;

/** Each issue with the item it is about named by its id, since a position in a bundle read from the store means nothing to a person. */
function nameItems(bundle: unknown, issues: readonly SignalIssue[]): SignalIssue[] {
  return issues.map((issue) => {
    const match = itemPath.exec(issue.path);
    const item = match && isPlainObject(bundle) && Array.isArray(bundle[match[1]]) ? (bundle[match[1]] as unknown[])[Number(match[2])] : undefined;
    const id = isPlainObject(item) ? (match?.[1] === "accounts" ? item.id : item.externalId) : undefined;
    return typeof id === "string" ? { path: issue.path, message: `${issue.message} (${match?.[1] === "accounts" ? "account id" : "externalId"} "${id}")` } : issue;
  });
}

/**
 * Refuses a bundle that breaks the signal contract, with the same verdict as `parseSignals` (every field's
 * kind, limit and vocabulary, strict objects, one currency, account references, unique ids, amountPaid
 * only with paidAt), for bundles that did not come through it: the scoring path reads rows written by
 * earlier versions or by hand. The valid case costs a walk with compiled predicates; only a bundle that
 * fails it is parsed by zod, for the issues.
 * @throws SignalValidationError (code INVALID_SIGNALS) whose issues name each offending item by path and id,
 * e.g. `transactions[3].currency: must be KES like transactions[0]: one currency per bundle (externalId "tx-9")`.
 */
export function checkSignalContract(bundle: unknown): asserts bundle is SignalBundle {
  if (matchesContractShape(bundle)) {
    const issues = findCrossRecordIssues(bundle);
    if (issues.length === 0) return;
    throw new SignalValidationError("checkSignalContract", nameItems(bundle, issues));
  }
  const parsed = parseSignals(bundle);
  if (!parsed.success) throw new SignalValidationError("checkSignalContract", nameItems(bundle, parsed.error.issues));
}
