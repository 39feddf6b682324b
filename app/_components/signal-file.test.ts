import { describe, expect, it } from "vitest";
import { readSignalFile } from "./signal-file";

describe("readSignalFile", () => {
  it("reads transaction rows as written, drops empty optional cells and maps issues back to CSV rows", () => {
    const csv = "externalId,accountId,occurredAt,amount,currency,direction,category,counterparty\nt1,acc,2026-01-02T10:00:00Z,150.50,KES,CREDIT,SALARY,Employer\nt2,acc,2026-01-03T10:00:00Z,0,KES,DEBIT,MERCHANT,\n";
    const result = readSignalFile("tx.csv", csv, "transactions");
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.batch.transactions).toEqual([
      { externalId: "t1", accountId: "acc", occurredAt: "2026-01-02T10:00:00Z", amount: "150.50", currency: "KES", direction: "CREDIT", category: "SALARY", counterparty: "Employer" },
      { externalId: "t2", accountId: "acc", occurredAt: "2026-01-03T10:00:00Z", amount: "0", currency: "KES", direction: "DEBIT", category: "MERCHANT" },
    ]);
    expect(result.itemCount).toBe(2);
    expect(result.describeField("transactions[1].amount")).toBe("row 3 (transactions[1].amount)");
    expect(result.describeField("input.transactions[0].currency")).toBe("row 2 (input.transactions[0].currency)");
  });

  it("groups loan instalment rows into loans and names each instalment's CSV row", () => {
    const csv = [
      "loanExternalId,lender,lenderType,principal,disbursedAt,dueDate,amountDue,paidAt,amountPaid",
      "L1,Faulu,MFI,5000,2026-01-01,2026-02-01,1100,2026-02-01T09:00:00Z,1100",
      "L2,Tala,DIGITAL_LENDER,2000,2026-03-01,2026-04-01,2200,,",
      "L1,Faulu,MFI,5000,2026-01-01,2026-03-01,1100,,",
    ].join("\n");
    const result = readSignalFile("loans.csv", csv, "loanInstalments");
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.batch.loans.map((loan) => [loan.externalId, loan.instalments.length])).toEqual([
      ["L1", 2],
      ["L2", 1],
    ]);
    expect(result.batch.loans[0].instalments[1]).toEqual({ dueDate: "2026-03-01", amountDue: "1100", paidAt: null, amountPaid: null });
    expect(result.describeField("loans[0].instalments[1].amountDue")).toBe("row 4 (loans[0].instalments[1].amountDue)");
    expect(result.describeField("loans[1].principal")).toBe("row 3 (loans[1].principal)");
  });

  it("names missing and unknown CSV columns before anything is sent", () => {
    const result = readSignalFile("bills.csv", "externalId,biller,dueDate,amountDue,colour\nb1,KPLC,2026-01-01,100,red\n", "bills");
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: "column billType", message: "is required and missing from the header" },
        { field: "column colour", message: expect.stringContaining("is not a bills column") },
      ],
    });
  });

  it("reads a JSON batch and refuses keys that are not part of one", () => {
    const good = readSignalFile("s.json", JSON.stringify({ events: [{ externalId: "e1", type: "SIM_SWAP", occurredAt: "2026-01-01T00:00:00Z" }] }), "transactions");
    expect(good.ok && good.batch.events).toHaveLength(1);
    expect(good.ok && good.describeField("input.events[0].type")).toBe("events[0].type");
    const bad = readSignalFile("s.json", JSON.stringify({ accounts: [], transactions: {} }), "transactions");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((issue) => issue.field)).toEqual(["accounts", "transactions"]);
  });

  it("reports an empty file, unparsable JSON and a header without rows", () => {
    expect(readSignalFile("a.csv", "  \n", "events")).toEqual({ ok: false, issues: [{ field: "file", message: "is empty" }] });
    expect(readSignalFile("a.json", "{ nope", "events").ok).toBe(false);
    expect(readSignalFile("a.csv", "externalId,type,occurredAt\n", "events")).toEqual({ ok: false, issues: [{ field: "file", message: "has a header but no rows" }] });
  });
});
