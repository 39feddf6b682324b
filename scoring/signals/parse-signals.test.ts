import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generatePopulation } from "../synthetic/generate-population";
import { parseBorrowerContext, parseSignals } from "./parse-signals";
import { renderSignalJsonSchema } from "./signal-json-schema";
import type { SignalBundle } from "./signal-schema";

const minimal: SignalBundle = {
  identity: { nationalIdType: "HUDUMA", idVerified: true, dateOfBirth: "1990-04-12", phone: "+254712345678" },
  accounts: [{ id: "mm-1", type: "MOBILE_MONEY", provider: "M-Wallet", openedAt: "2020-01-01", verified: true }],
  transactions: [0, 1, 2, 3].map((k) => ({
    externalId: `tx-${k}`,
    accountId: "mm-1",
    occurredAt: `2025-0${k + 1}-05T10:00:00Z`,
    amount: 100 + k,
    currency: "KES",
    direction: "CREDIT" as const,
    category: "BUSINESS_INCOME" as const,
  })),
  bills: [],
  loans: [],
  events: [],
};

function issuesOf(input: unknown): string[] {
  const result = parseSignals(input);
  if (result.success) throw new Error("expected a validation error");
  return result.error.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe("parseSignals", () => {
  it("accepts a well-formed bundle and returns it typed", () => {
    const result = parseSignals(minimal);
    expect(result.success).toBe(true);
    if (result.success) expect(result.data).toEqual(minimal);
  });

  it("accepts every bundle the synthetic generator makes", () => {
    for (const borrower of generatePopulation({ seed: 3, size: 25, asOf: "2026-01-01T00:00:00Z" })) {
      const result = parseSignals(borrower.bundle);
      expect(result.success ? "" : result.error.message).toBe("");
      expect(parseBorrowerContext(borrower.context).success).toBe(true);
    }
  });

  it("names the item and field of a non-positive amount", () => {
    const bad = structuredClone(minimal);
    bad.transactions[3].amount = 0;
    expect(issuesOf(bad)).toEqual(["transactions[3].amount: must be > 0"]);
  });

  it.each([
    ["identity.phone", (b: SignalBundle) => Object.assign(b.identity!, { phone: "0712345678" }), "identity.phone: must be an E.164 phone number (+ and 7–15 digits)"],
    ["a calendar date", (b: SignalBundle) => Object.assign(b.identity!, { dateOfBirth: "1990-02-30" }), "identity.dateOfBirth: must be a date YYYY-MM-DD"],
    ["an instant without offset", (b: SignalBundle) => Object.assign(b.transactions[1], { occurredAt: "2025-02-05T10:00:00" }), "transactions[1].occurredAt: must be an ISO 8601 date-time with offset (Z or ±hh:mm)"],
    ["an enum", (b: SignalBundle) => Object.assign(b.transactions[2], { category: "GIFT" }), "transactions[2].category: must be one of SALARY | BUSINESS_INCOME | P2P | MERCHANT | BILL | AIRTIME | LOAN_DISBURSEMENT | LOAN_REPAYMENT | SAVINGS | CASH_IN | CASH_OUT | OTHER"],
    ["a missing field", (b: SignalBundle) => delete (b.accounts[0] as Partial<SignalBundle["accounts"][0]>).provider, "accounts[0].provider: is required (string)"],
    ["an unknown field", (b: SignalBundle) => Object.assign(b.transactions[0], { balance: 5 }), "transactions[0]: has unknown field(s) balance"],
    ["a currency code", (b: SignalBundle) => Object.assign(b.transactions[0], { currency: "kes" }), "transactions[0].currency: must be an ISO 4217 code of 3 capital letters"],
  ])("names the field of %s", (_, mutate, expected) => {
    const bad = structuredClone(minimal);
    mutate(bad);
    expect(issuesOf(bad)).toContain(expected);
  });

  it("refuses mixed currencies, unknown accounts, duplicate ids and a paid amount without a date", () => {
    const bad = structuredClone(minimal);
    bad.transactions[2].currency = "UGX";
    bad.transactions[1].accountId = "bank-9";
    bad.transactions[3].externalId = "tx-0";
    bad.bills.push({ externalId: "b-1", biller: "Power", billType: "ELECTRICITY", dueDate: "2025-03-01", amountDue: 10, amountPaid: 10 });
    expect(issuesOf(bad)).toEqual([
      'transactions[3].externalId: duplicates externalId "tx-0"',
      'transactions[1].accountId: must name an account of the bundle, "bank-9" is not one',
      "transactions[2].currency: must be KES like transactions[0]: one currency per bundle",
      "bills[0].amountPaid: must come with paidAt",
    ]);
  });

  it("reports an error message that lists every issue", () => {
    const result = parseSignals({ ...minimal, loans: [{ externalId: "l", lender: "MFI", lenderType: "MFI", principal: -5, disbursedAt: "2025-01-01", instalments: [] }] });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.code).toBe("INVALID_SIGNALS");
      expect(result.error.message).toBe("parseSignals: loans[0].principal: must be > 0; loans[0].instalments: must have at least 1 item(s)");
    }
  });
});

describe("docs/signal-schema.json", () => {
  it("is the committed output of z.toJSONSchema (run `npx tsx scoring/eval/write-docs.ts` when this fails)", () => {
    const committed = readFileSync(fileURLToPath(new URL("../../docs/signal-schema.json", import.meta.url)), "utf8");
    expect(committed).toBe(renderSignalJsonSchema());
  });

  it("declares every record's fields and required list", () => {
    const schema = JSON.parse(renderSignalJsonSchema());
    expect(schema.required).toEqual(["accounts", "transactions", "bills", "loans", "events"]);
    expect(schema.properties.transactions.items.properties.amount).toEqual({ type: "number", exclusiveMinimum: 0 });
    expect(schema.$defs.BorrowerContext.required).toEqual(["borrowersSharingPhone", "borrowersSharingDevice", "applicationsLast30Days"]);
  });
});
