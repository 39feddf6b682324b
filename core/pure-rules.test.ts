// Table-driven tests of the services' pure rules: which consents cover which categories, what counts as an
// override, which batch items are invalid.
import { describe, expect, it } from "vitest";
import type { ConsentRecord } from "@/prisma/store/consent";
import type { LoanInput, TransactionInput } from "./inputs";
import { coverConsentedCategories } from "./calculate-score";
import { batchRows, findBatchIssues, withBatchDefaults } from "./ingest-signals";
import { consentStatus } from "./list-consents";
import { isOverride } from "./record-committee-decision";

const DAY = 86_400_000;
const now = new Date("2026-11-22T00:00:00Z");

function consent(id: string, dataCategories: ConsentRecord["dataCategories"], dataLifeDays: number, overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id,
    tenantId: "t",
    borrowerId: "b",
    purpose: "LOAN_UNDERWRITING",
    dataCategories,
    statement: "s",
    validFrom: new Date("2026-01-01T00:00:00Z"),
    expiresAt: new Date("2027-01-01T00:00:00Z"),
    dataLifeDays,
    grantedAt: new Date("2026-01-01T00:00:00Z"),
    revokedAt: null,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    ...overrides,
  };
}

describe("coverConsentedCategories", () => {
  it("reads each category under the consent with the longest data life, from now − that life to asOf", () => {
    const asOf = new Date("2026-11-01T00:00:00Z");
    const coverage = coverConsentedCategories([consent("c1", ["TRANSACTIONS", "BILLS"], 90), consent("c2", ["TRANSACTIONS"], 365)], asOf, now);
    expect(coverage.categories).toEqual(["BILLS", "TRANSACTIONS"]);
    expect(coverage.readUnder).toEqual({ BILLS: "c1", TRANSACTIONS: "c2" });
    expect(coverage.consentIds).toEqual(["c1", "c2"]);
    expect(coverage.windows.TRANSACTIONS).toEqual({ after: new Date(now.getTime() - 365 * DAY), before: asOf });
    expect(coverage.windows.BILLS).toEqual({ after: new Date(now.getTime() - 90 * DAY), before: asOf });
  });

  it("covers nothing without consents, and names no consent it does not read under", () => {
    expect(coverConsentedCategories([], now, now)).toEqual({ consentIds: [], categories: [], windows: {}, readUnder: {} });
    expect(coverConsentedCategories([consent("short", ["BILLS"], 10), consent("long", ["BILLS"], 20)], now, now).consentIds).toEqual(["long"]);
  });

  it("on a tie in data life keeps the category under the consent listed first (granted first), and lists the consents read under in id order", () => {
    const coverage = coverConsentedCategories([consent("z-first", ["TRANSACTIONS", "IDENTITY"], 365), consent("a-later", ["TRANSACTIONS", "BILLS"], 365)], now, now);
    expect(coverage.readUnder).toEqual({ BILLS: "a-later", IDENTITY: "z-first", TRANSACTIONS: "z-first" });
    expect(coverage.consentIds).toEqual(["a-later", "z-first"]);
    // In category order these would be z-identity, a-transactions.
    const byCategory = coverConsentedCategories([consent("z-identity", ["IDENTITY"], 30), consent("a-transactions", ["TRANSACTIONS"], 30)], now, now);
    expect(byCategory.consentIds).toEqual(["a-transactions", "z-identity"]);
  });
});

describe("consentStatus", () => {
  it.each([
    ["ACTIVE", {}],
    ["PENDING", { validFrom: new Date(now.getTime() + DAY) }],
    ["EXPIRED", { expiresAt: now }],
    ["REVOKED", { revokedAt: new Date(now.getTime() - 1) }],
    ["REVOKED", { revokedAt: new Date(now.getTime() - 1), expiresAt: new Date(now.getTime() - DAY) }],
  ] as const)("%s for %o", (status, overrides) => {
    expect(consentStatus(consent("c", ["BILLS"], 30, overrides), now)).toBe(status);
  });
});

describe("isOverride", () => {
  it.each([
    ["APPROVED", "REJECT", 1000, 5000, true],
    ["APPROVED", "REVIEW", 5000, 5000, false],
    ["APPROVED", "APPROVE", 5000.01, 5000, true],
    ["APPROVED", "APPROVE", 4000, 5000, false],
    ["DECLINED", "APPROVE", null, 5000, true],
    ["DECLINED", "REVIEW", null, 5000, false],
    ["DECLINED", "REJECT", null, 0, false],
    ["REFERRED", "APPROVE", null, 5000, false],
    ["REFERRED", "REJECT", null, 0, false],
  ] as const)("%s on %s (amount %s, limit %s) → %s", (verdict, recommendation, amount, limit, expected) => {
    expect(isOverride(verdict, recommendation, amount, limit)).toBe(expected);
  });
});

describe("ingest batches", () => {
  const transaction: TransactionInput = { externalId: "t1", accountId: "acc", occurredAt: now, amount: "10.50", currency: "KES", direction: "CREDIT", category: "P2P" };
  const loan = { externalId: "L1", lender: "MFI", lenderType: "MFI", principal: "1000", disbursedAt: now, instalments: [{ dueDate: now, amountDue: "550" }, { dueDate: now, amountDue: "550", paidAt: now, amountPaid: "550" }] } satisfies LoanInput;

  it("accepts a valid batch and names instalments <loan>#<n>", () => {
    const batch = withBatchDefaults({ borrowerId: "b", transactions: [transaction], loans: [loan] });
    expect(findBatchIssues(batch, new Set(["acc"]), now)).toEqual([]);
    expect(batchRows(batch, "b").loanInstalments.map((row) => row.externalId)).toEqual(["L1#1", "L1#2"]);
  });

  it("names every invalid field of every item", () => {
    const batch = withBatchDefaults({
      borrowerId: "b",
      transactions: [transaction, { ...transaction, amount: "0", currency: "usd" }, { ...transaction, externalId: "t3", amount: "1.23456", accountId: "other" }],
      loans: [{ ...loan, instalments: [] }, { ...loan, instalments: [{ dueDate: now, amountDue: "550", amountPaid: "550" }] }],
    });
    expect(findBatchIssues(batch, new Set(["acc"]), now).map((issue) => issue.field)).toEqual([
      "transactions[1].externalId",
      "transactions[1].amount",
      "transactions[1].currency",
      "transactions[2].amount",
      "transactions[2].accountId",
      "loans[1].externalId",
      "loans[0].instalments",
      "loans[1].instalments[0].amountPaid",
    ]);
  });

  it("refuses future-dated signals, over-long free text, and counts every instalment towards the batch cap", () => {
    const later = new Date(now.getTime() + 86_400_000);
    const batch = withBatchDefaults({
      borrowerId: "b",
      transactions: [{ ...transaction, occurredAt: later, counterparty: "c".repeat(1_000_000) }],
      bills: [{ externalId: "b1", billType: "WATER", biller: "", amountDue: "10", dueDate: later }],
      events: [{ externalId: "e1", type: "SIM_SWAP", occurredAt: later, deviceId: "d".repeat(201) }],
    });
    expect(findBatchIssues(batch, new Set(["acc"]), now).map((issue) => issue.field)).toEqual([
      "transactions[0].counterparty",
      "transactions[0].occurredAt",
      "bills[0].biller",
      "events[0].deviceId",
      "events[0].occurredAt",
    ]);
    const huge = withBatchDefaults({ borrowerId: "b", loans: [{ ...loan, instalments: Array.from({ length: 20_001 }, () => ({ dueDate: now, amountDue: "1" })) }] });
    expect(findBatchIssues(huge, new Set(["acc"]), now)).toEqual([{ field: "input", message: expect.stringContaining("this one has 20001") }]);
  });
});
