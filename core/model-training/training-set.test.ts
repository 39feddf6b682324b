// A training set built from scorings never contains a feature computed after that scoring's asOf: the rows
// are the frozen vectors, and a frozen vector is the same whatever happened after its asOf (later signals,
// later payments, later outcomes). Property-tested on synthetic borrowers, whose bundles run past asOf.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFeatures } from "@/scoring/features/compute-features";
import type { SignalBundle } from "@/scoring/signals/signal-schema";
import { generateBorrower } from "@/scoring/synthetic/generate-population";
import { featuresAsJson, featureVectorFromJson, isDefault, rowsFromScorings } from "./training-set";

const GENERATED_AS_OF = "2026-01-01T00:00:00.000Z";
const MS_PER_DAY = 86_400_000;

/** The bundle as it stood at `t`: every item dated at or after t removed, payments and write-offs after t undone. */
function asItStoodAt(bundle: SignalBundle, t: number): SignalBundle {
  const before = (iso: string | undefined) => iso !== undefined && Date.parse(iso) < t;
  const unpaidAfter = <T extends { paidAt?: string; amountPaid?: number }>(item: T): T => {
    if (item.paidAt === undefined || before(item.paidAt)) return item;
    const { paidAt: _paidAt, amountPaid: _amountPaid, ...rest } = item;
    return rest as T;
  };
  return {
    ...bundle,
    accounts: bundle.accounts.filter((a) => before(a.openedAt)),
    transactions: bundle.transactions.filter((x) => before(x.occurredAt)),
    bills: bundle.bills.filter((b) => Date.parse(b.dueDate) < t).map(unpaidAfter),
    loans: bundle.loans
      .filter((l) => before(l.disbursedAt))
      .map((l) => {
        const { writtenOffAt, ...rest } = l;
        return { ...rest, ...(writtenOffAt !== undefined && before(writtenOffAt) ? { writtenOffAt } : {}), instalments: l.instalments.filter((i) => Date.parse(i.dueDate) < t).map(unpaidAfter) };
      }),
    events: bundle.events.filter((e) => before(e.occurredAt)),
    ...(bundle.bureau ? (before(bundle.bureau.reportedAt) ? { bureau: bundle.bureau } : { bureau: undefined }) : {}),
  };
}

describe("training rows from scorings", () => {
  it("never carry a feature computed after the scoring's asOf (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 300 }), fc.constantFrom("PAID_OFF", "LATE", "DEFAULT", "WRITTEN_OFF"), (index, daysBack, status) => {
        const borrower = generateBorrower({ seed: 11, asOf: GENERATED_AS_OF }, index);
        const asOfMs = Date.parse(GENERATED_AS_OF) - daysBack * MS_PER_DAY;
        const asOf = new Date(asOfMs).toISOString();
        // What a scoring at asOf froze (its bundle may hold signals dated after asOf: they must not count).
        const frozen = featuresAsJson(computeFeatures(borrower.bundle, borrower.context, asOf));
        const [row] = rowsFromScorings([{ asOf: new Date(asOfMs), status, features: JSON.parse(JSON.stringify(frozen)) }]);
        const knowableAtAsOf = computeFeatures(asItStoodAt(borrower.bundle, asOfMs), borrower.context, asOf);
        expect(row.features).toEqual(knowableAtAsOf);
        expect(row.decidedAtMs).toBe(asOfMs);
        expect(row.defaulted).toBe(isDefault(status));
      }),
      { numRuns: 40, seed: 5 },
    );
  });

  it("reads stored vectors back exactly: null is missing, unknown names are ignored", () => {
    const vector = featureVectorFromJson({ priorLoanCount: 3, loanDefaults: null, notAFeature: 9 });
    expect(vector.priorLoanCount).toBe(3);
    expect(Number.isNaN(vector.loanDefaults)).toBe(true);
    expect("notAFeature" in vector).toBe(false);
    expect(featuresAsJson(vector).loanDefaults).toBeNull();
  });

  it("counts DEFAULT and WRITTEN_OFF as defaults, PAID_OFF and LATE not", () => {
    expect(["PAID_OFF", "LATE", "DEFAULT", "WRITTEN_OFF"].map(isDefault)).toEqual([false, false, true, true]);
  });
});
