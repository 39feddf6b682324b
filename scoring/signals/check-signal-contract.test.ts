import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generatePopulation } from "../synthetic/generate-population";
import { checkSignalContract, matchesContractShape } from "./check-signal-contract";
import { parseSignals, SignalValidationError } from "./parse-signals";
import { fieldsOf, type SignalCategoryName } from "./signal-contract";
import { signalBundleSchema, type SignalBundle } from "./signal-schema";

const population = generatePopulation({ seed: 11, size: 30, asOf: "2026-01-01T00:00:00Z", fraudShare: 0.2 });
const bundles = population.map((borrower) => borrower.bundle);
// Short lists keep each of the property's runs cheap; every kind of record is still there.
const shortBundles = bundles.map((bundle) => ({ ...bundle, transactions: bundle.transactions.slice(0, 12), bills: bundle.bills.slice(0, 4), events: bundle.events.slice(0, 4) }));

/** Values that sit on the edges of the contract's kinds: each is valid for some field and invalid for others. */
const edgeValues: unknown[] = [
  undefined, null, "", " ", "x", "a".repeat(200), "a".repeat(201), "2026-01-01", "2026-02-30", "2024-02-29", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00",
  "2026-01-01T10:00:00+03:00", "2026-01-01T24:00:00Z", "+254712345678", "0712345678", "KES", "kes", "USD", "KESH", 0, -0, 1, -1, 0.5, 1e21, Number.NaN,
  Number.POSITIVE_INFINITY, 2 ** 53, true, false, [], {}, "CREDIT", "OTHER", "MOBILE_MONEY", "CURRENT", "SIM_SWAP", "ELECTRICITY",
];
const listCategories: [keyof SignalBundle, SignalCategoryName][] = [["accounts", "account"], ["transactions", "transaction"], ["bills", "bill"], ["loans", "loan"], ["events", "event"]];

/** A copy of a bundle with one field of one record set to `value` (or removed, or an unknown field added). */
function mutate(bundle: SignalBundle, pick: number, fieldPick: number, value: unknown, how: "set" | "delete" | "extra"): unknown {
  const copy = structuredClone(bundle) as Record<string, unknown>;
  const targets: [Record<string, unknown>, SignalCategoryName][] = [];
  for (const [list, category] of listCategories) for (const item of copy[list] as Record<string, unknown>[]) targets.push([item, category]);
  for (const loan of copy.loans as { instalments: Record<string, unknown>[] }[]) for (const instalment of loan.instalments) targets.push([instalment, "instalment"]);
  if (copy.identity) targets.push([copy.identity as Record<string, unknown>, "identity"]);
  if (copy.bureau) targets.push([copy.bureau as Record<string, unknown>, "bureau"]);
  const [record, category] = targets[pick % targets.length];
  const fields = fieldsOf(category, "engine");
  const [name] = fields[fieldPick % fields.length];
  if (how === "delete") delete record[name];
  else if (how === "extra") record.unexpected = value;
  else record[name] = value;
  return copy;
}

describe("checkSignalContract", () => {
  it("accepts every bundle the synthetic generator makes", () => {
    for (const bundle of bundles) expect(() => checkSignalContract(bundle)).not.toThrow();
    expect(bundles.every((bundle) => matchesContractShape(bundle))).toBe(true);
  });

  it("gives parseSignals' verdict, and its compiled shape test never accepts what the zod schema refuses", () => {
    fc.assert(
      fc.property(
        fc.nat(shortBundles.length - 1),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...edgeValues),
        fc.constantFrom("set", "set", "set", "delete", "extra") as fc.Arbitrary<"set" | "delete" | "extra">,
        (which, pick, fieldPick, value, how) => {
          const candidate = mutate(shortBundles[which], pick, fieldPick, value, how);
          if (matchesContractShape(candidate)) expect(signalBundleSchema.safeParse(candidate).success).toBe(true);
          let refused = false;
          try {
            checkSignalContract(candidate);
          } catch (error) {
            expect(error).toBeInstanceOf(SignalValidationError);
            refused = true;
          }
          expect(refused).toBe(!parseSignals(candidate).success);
        },
      ),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it("refuses mixed currencies naming the item by its externalId", () => {
    const bundle = structuredClone(bundles.find((candidate) => candidate.transactions.length > 3)!);
    const victim = bundle.transactions[3];
    const currency = bundle.transactions[0].currency;
    victim.currency = currency === "USD" ? "KES" : "USD";
    expect(() => checkSignalContract(bundle)).toThrow(SignalValidationError);
    try {
      checkSignalContract(bundle);
    } catch (error) {
      expect((error as SignalValidationError).issues).toEqual([
        { path: "transactions[3].currency", message: `must be ${currency} like transactions[0]: one currency per bundle (externalId "${victim.externalId}")` },
      ]);
    }
  });

  it("names an invalid field of a record by its id too, through the schema's own message", () => {
    const bundle = structuredClone(bundles[0]);
    (bundle.accounts[0] as Record<string, unknown>).type = "CRYPTO";
    expect(() => checkSignalContract(bundle)).toThrow(`accounts[0].type: must be one of BANK | MOBILE_MONEY | MFI | SACCO | UTILITY | TELCO (account id "${bundle.accounts[0].id}")`);
  });
});
