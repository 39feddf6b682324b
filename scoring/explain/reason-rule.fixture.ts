import type { SignalBundle, Transaction } from "../signals/signal-schema";

// Signal bundles of the cases observed through the API (issue 12, item 3), for the reason-rule tests.

export const AS_OF = "2026-06-30T00:00:00.000Z";
const DAY = 86_400_000;
const asOfMs = Date.parse(AS_OF);
const ago = (days: number): string => new Date(asOfMs - days * DAY).toISOString();
const dayAgo = (days: number): string => ago(days).slice(0, 10);

let serial = 0;
const tx = (age: number, amount: number, direction: Transaction["direction"], category: Transaction["category"]): Transaction => ({
  externalId: `t${serial++}`, accountId: "mm", occurredAt: ago(age), amount, currency: "KES", direction, category,
});

/** A salaried borrower: `monthlyIncome` KES on the same day of each of the last `months` 30-day months, spending most of it weekly. */
export function salariedBundle(options: { months: number; monthlyIncome: number; accountAgeDays: number; billsPaid?: "IN_FULL" | "SLIGHTLY_SHORT" }): SignalBundle {
  const transactions: Transaction[] = [];
  for (let m = 0; m < options.months; m++) {
    transactions.push(tx(30 * m + 5, options.monthlyIncome, "CREDIT", "SALARY"));
    for (let w = 0; w < 4; w++) transactions.push(tx(30 * m + 6 + 7 * w, Math.round(options.monthlyIncome * 0.2), "DEBIT", "MERCHANT"));
  }
  const bills = Array.from({ length: Math.min(options.months, 12) }, (_, m) => ({
    externalId: `b${m}`,
    biller: "Kenya Power",
    billType: "ELECTRICITY" as const,
    dueDate: dayAgo(30 * m + 10),
    amountDue: 2000,
    paidAt: ago(30 * m + 12),
    amountPaid: options.billsPaid === "SLIGHTLY_SHORT" ? 1990 : 2000,
  }));
  return {
    accounts: [{ id: "mm", type: "MOBILE_MONEY", provider: "M-Pesa", openedAt: dayAgo(options.accountAgeDays), verified: true }],
    transactions,
    bills,
    loans: [],
    events: [],
  };
}
