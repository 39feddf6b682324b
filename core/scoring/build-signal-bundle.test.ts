import { describe, expect, it } from "vitest";
import { contentHash } from "@/scoring/artifact/canonical-json";
import type { ScoringSignals } from "@/prisma/store/scoring-signals";
import { buildSignalBundle } from "./build-signal-bundle";

// The bundle digest is written to the hash a hundred rows at a time (the transactions from their text as read):
// every row count around that boundary (and none) must give the engine's contentHash of the whole bundle.
function signalsWith(rows: number): ScoringSignals {
  const instant = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
  const transactions = Array.from({ length: rows }, (_, i) => ({ accountId: "acc-1", amount: (i + 1) / 7, category: "AIRTIME", ...(i % 3 ? { counterparty: `shop ${i} ✓` } : {}), currency: "KES", direction: i % 2 ? "DEBIT" : "CREDIT", externalId: `t-${i}`, occurredAt: instant(i) }));
  return {
    identity: rows % 2 ? { dateOfBirth: "1990-01-01", idVerified: true, nationalIdType: "HUDUMA", phone: "+254700000001" } : null,
    accounts: [{ id: "acc-1", openedAt: instant(0), provider: "M-PESA \"wallet\" ü", type: "MOBILE_MONEY", verified: true }],
    transactions,
    // As the store reads it: the transactions' canonical JSON.
    transactionsJson: JSON.stringify(transactions),
    bills: Array.from({ length: Math.floor(rows / 2) }, (_, i) => ({ amountDue: 10.5 + i, billType: "WATER", biller: "City Water", dueDate: "2026-02-01", externalId: `b-${i}` })),
    instalments: Array.from({ length: rows }, (_, i) => ({ amountDue: 100.25, disbursedAt: instant(0), dueDate: `2026-0${1 + (i % 9)}-01`, lender: "MFI", lenderType: "MFI", loanExternalId: `L${i % 4}`, principal: 1000 })),
    events: Array.from({ length: rows + 1 }, (_, i) => ({ externalId: `e-${i}`, occurredAt: instant(i), type: "DEVICE_CHANGE" })),
    bureau: rows > 100 ? { activeLoans: 1, hasFile: true, inquiriesLast6Months: 0, reportedAt: instant(5), worstStatus: "CURRENT" } : null,
    context: null,
  };
}

describe("buildSignalBundle's digest", () => {
  it.each([0, 1, 99, 100, 101, 250])("is the contentHash of the bundle with %i rows per category", (rows) => {
    const { bundle, bundleSha256 } = buildSignalBundle(signalsWith(rows));
    expect(bundleSha256).toBe(contentHash(bundle));
  });
});
