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

  it("reports every value of the wrong form at once, by row, in plain words (not GraphQL's coercion text)", () => {
    const csv = [
      "externalId,accountId,occurredAt,amount,currency,direction,category,counterparty",
      "t1,acc,2026-01-02T10:00:00Z,150.50,KES,CREDIT,SALARY,Employer",
      "t2,acc,2026-01-03,\"1,200\",KES,OUT,MERCHANT,",
      "t3,acc,2026-02-30T10:00:00Z,,KES,DEBIT,GROCERIES,",
    ].join("\n");
    const result = readSignalFile("tx.csv", csv, "transactions");
    expect(result).toEqual({
      ok: false,
      issues: [
        { field: "row 3 (transactions[1].occurredAt)", message: "\"2026-01-03\" is not a date and time with a time zone: write e.g. 2026-03-01T09:30:00Z or 2026-03-01T12:30:00+03:00" },
        { field: "row 3 (transactions[1].amount)", message: expect.stringMatching(/^"1,200" is not an amount: write it in major units/) },
        { field: "row 3 (transactions[1].direction)", message: "\"OUT\" is not one of CREDIT, DEBIT" },
        { field: "row 4 (transactions[2].occurredAt)", message: expect.stringContaining("is not a date and time") },
        { field: "row 4 (transactions[2].amount)", message: "is missing" },
        { field: "row 4 (transactions[2].category)", message: expect.stringMatching(/^"GROCERIES" is not one of SALARY, BUSINESS_INCOME, /) },
      ],
    });
  });

  it("checks nested loan instalments, misspelt fields and bureau records of a JSON batch", () => {
    const batch = {
      loans: [{ externalId: "L1", lender: "Faulu", lenderType: "MFI", principal: 5000, disbursedAt: "2026-03-01", instalments: [{ dueDate: "2026-04-01T00:00:00Z", amountDue: "-5" }] }],
      bureauRecords: [{ externalId: "B1", bureau: "Metropol", reportedAt: "2026-06-30", hasFile: "yes", activeLoans: 1.5, worstStatus: "CURRENT", inquiriesLast6Months: 0, score: 600 }],
    };
    const result = readSignalFile("s.json", JSON.stringify(batch), "transactions");
    expect(!result.ok && result.issues.map((issue) => issue.field)).toEqual([
      "loans[0].instalments[0].dueDate",
      "loans[0].instalments[0].amountDue",
      "bureauRecords[0].hasFile",
      "bureauRecords[0].activeLoans",
      "bureauRecords[0].score",
    ]);
  });

  it("reads bureau record CSV cells as the numbers and yes/no they stand for, and a plain day for disbursedAt", () => {
    const bureau = readSignalFile("b.csv", "externalId,bureau,reportedAt,hasFile,activeLoans,worstStatus,inquiriesLast6Months\nB1,Metropol,2026-06-30,TRUE,2,DPD_1_29,0\n", "bureauRecords");
    expect(bureau.ok && bureau.batch.bureauRecords).toEqual([{ externalId: "B1", bureau: "Metropol", reportedAt: "2026-06-30", hasFile: true, activeLoans: 2, worstStatus: "DPD_1_29", inquiriesLast6Months: 0 }]);
    const notCount = readSignalFile("b.csv", "externalId,bureau,reportedAt,hasFile,activeLoans,worstStatus,inquiriesLast6Months\nB1,Metropol,2026-06-30,maybe,two,CURRENT,0\n", "bureauRecords");
    expect(!notCount.ok && notCount.issues).toEqual([
      { field: "row 2 (bureauRecords[0].hasFile)", message: "\"maybe\" is not true or false" },
      { field: "row 2 (bureauRecords[0].activeLoans)", message: "\"two\" is not a whole number of 0 or more" },
    ]);
  });
});
