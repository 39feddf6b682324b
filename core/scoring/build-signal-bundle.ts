// Store rows → the engine's SignalBundle. The store reads every category already in the bundle's shapes;
// it keeps one row per loan instalment while the engine wants loans with their schedules, so instalments
// are grouped by loanExternalId here.
import { createHash } from "node:crypto";
import type { BorrowerContext, Loan, SignalBundle } from "@/scoring/signals/signal-schema";
import type { ScoringSignals } from "@/prisma/store/scoring-signals";
import { refuseBrokenSignals } from "./refuse-broken-signals";

type StoredLoan = Loan & { instalments: Loan["instalments"][number][] };

/**
 * The bundle of the signals read, the lender's cross-borrower counts when identity was read, and
 * bundleSha256 = sha256_hex(canonicalJson(bundle)), the engine's contentHash of the bundle.
 *
 * Every object of the bundle has its keys in canonical (UTF-16 code unit) order: the store builds each row
 * that way and this function adds the loan and bundle keys in that order. With sorted keys, no undefined
 * and only finite numbers, JSON.stringify writes exactly canonicalJson's bytes (both use Number#toString
 * and the same string escaping), natively and without copying an ~89 kB bundle object by object (see
 * hashBundleJson for how those bytes reach the hash). The transactions, most of the bundle, are not written
 * again: their canonical JSON comes from the store as read (signals.transactionsJson).
 * @throws DomainError CONFLICT when the stored rows break the signal contract (refuseBrokenSignals).
 */
export function buildSignalBundle(signals: ScoringSignals): { bundle: SignalBundle; context: BorrowerContext | undefined; bundleSha256: string } {
  const loans = new Map<string, StoredLoan>();
  for (const { loanExternalId, lender, lenderType, principal, disbursedAt, writtenOffAt, ...instalment } of signals.instalments) {
    let loan = loans.get(loanExternalId);
    if (!loan) {
      // A loan's facts come from its first instalment in (dueDate, externalId) order.
      loan = { disbursedAt, externalId: loanExternalId, instalments: [], lender, lenderType, principal, ...(writtenOffAt ? { writtenOffAt } : {}) } as StoredLoan;
      loans.set(loanExternalId, loan);
    }
    loan.instalments.push(instalment);
  }
  const { identity, bureau } = signals;
  const bundle = {
    accounts: signals.accounts,
    bills: signals.bills,
    ...(bureau ? { bureau } : {}),
    events: signals.events,
    ...(identity ? { identity } : {}),
    loans: [...loans.values()],
    transactions: signals.transactions,
  } as SignalBundle;
  refuseBrokenSignals(bundle);
  const bundleSha256 = hashBundleJson(bundle, { transactions: signals.transactionsJson });
  return { bundle, context: signals.context ?? undefined, bundleSha256 };
}

/** Rows of a category written to the hash at a time. */
const ROWS_PER_PIECE = 100;

/**
 * sha256_hex(JSON.stringify(bundle)), the same bytes fed to the hash a hundred rows at a time. V8 returns a
 * long JSON.stringify result as a rope of pieces that must be copied into one flat string before it can be
 * hashed, and for an ~89 kB bundle that copy cost ~2.5 ms per scoring (a quarter of the portfolio job's CPU
 * per scoring, profiled on 2026-12-01); pieces of a hundred rows stay small. A category in `written` is
 * hashed from that text, which must be JSON.stringify of its value. The bundle's top-level values are arrays
 * of rows or single objects, never undefined (absent categories are left out of the object).
 */
function hashBundleJson(bundle: SignalBundle, written: Partial<Record<keyof SignalBundle, string>>): string {
  const hash = createHash("sha256");
  let opening = "{";
  for (const [key, value] of Object.entries(bundle) as [string, unknown][]) {
    if (value === undefined) continue;
    hash.update(`${opening}${JSON.stringify(key)}:`, "utf8");
    opening = ",";
    const text = written[key as keyof SignalBundle];
    if (text !== undefined) {
      hash.update(text, "utf8");
      continue;
    }
    if (!Array.isArray(value)) {
      hash.update(JSON.stringify(value), "utf8");
      continue;
    }
    hash.update("[", "utf8");
    for (let start = 0; start < value.length; start += ROWS_PER_PIECE) {
      if (start > 0) hash.update(",", "utf8");
      const piece = JSON.stringify(value.slice(start, start + ROWS_PER_PIECE));
      hash.update(piece.slice(1, -1), "utf8");
    }
    hash.update("]", "utf8");
  }
  hash.update(opening === "{" ? "{}" : "}", "utf8");
  return hash.digest("hex");
}
