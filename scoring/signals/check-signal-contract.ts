import { fieldsOf, signalLimits, signalVocabularies, type SignalCategoryName, type SignalField } from "./signal-contract";
import { findCrossRecordIssues, parseSignals, SignalValidationError, type SignalIssue } from "./parse-signals";
import { kindPatterns, type SignalBundle } from "./signal-schema";

type Check = (value: unknown) => boolean;

/**
 * Each kind of field as a JavaScript condition on `x` (the field's value) that accepts no more than the
 * engine's zod schema of that kind (./signal-schema.ts, whose format patterns it reuses through `patterns`);
 * where it is stricter, parseSignals decides.
 */
const kindConditions: Record<Exclude<SignalField["kind"], "enum" | "list">, string> = {
  externalId: `typeof x === "string" && x.length >= 1 && x.length <= ${signalLimits.maxIdentifierLength}`,
  reference: `typeof x === "string" && x.length >= 1 && x.length <= ${signalLimits.maxIdentifierLength}`,
  text: `typeof x === "string" && x.length >= 1`,
  currency: `typeof x === "string" && patterns.currency.test(x)`,
  phone: `typeof x === "string" && patterns.phone.test(x)`,
  positiveAmount: `typeof x === "number" && Number.isFinite(x) && x > 0`,
  nonNegativeAmount: `typeof x === "number" && Number.isFinite(x) && x >= 0`,
  day: `typeof x === "string" && patterns.day.test(x)`,
  instant: `typeof x === "string" && patterns.instant.test(x)`,
  dayOrInstant: `typeof x === "string" && (patterns.day.test(x) || patterns.instant.test(x))`,
  count: `Number.isSafeInteger(x) && x >= 0`,
  boolean: `typeof x === "boolean"`,
};

/**
 * A strict record of the category: every field of the contract's engine form valid, no other key. Compiled
 * from the contract into one function with each field read by its name and checked inline: this runs for
 * every row a scoring reads (~1,000), and a generic loop over the fields (keyed reads by a variable name, a
 * call per field, a set lookup per key) cost several times as much. A key whose value is undefined counts as
 * another key here, so such a row goes to parseSignals, which decides.
 */
function compileRecord(category: SignalCategoryName): Check {
  const enums: ReadonlySet<unknown>[] = [];
  const lists: Check[] = [];
  const lines = fieldsOf(category, "engine").map(([name, field]) => {
    let condition: string;
    if (field.kind === "enum") {
      enums.push(new Set<unknown>(signalVocabularies[field.vocabulary].values));
      condition = `enums[${enums.length - 1}].has(x)`;
    } else if (field.kind === "list") {
      lists.push(compileRecord(field.of as SignalCategoryName));
      condition = `Array.isArray(x) && x.length >= ${field.min} && x.every(lists[${lists.length - 1}])`;
    } else condition = kindConditions[field.kind];
    const read = `x = value[${JSON.stringify(name)}];`;
    return field.optional ? `${read} if (x !== undefined) { if (!(${condition})) return false; present++; }` : `${read} if (!(${condition})) return false; present++;`;
  });
  const body = `return function matches(value) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    let x;
    let present = 0;
    ${lines.join("\n    ")}
    let keys = 0;
    for (const key in value) keys++;
    return keys === present;
  };`;
  // The source is built from the contract's own constant table (field names JSON-quoted), never from input.
  return new Function("patterns", "enums", "lists", body)(kindPatterns, enums, lists) as Check;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

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
