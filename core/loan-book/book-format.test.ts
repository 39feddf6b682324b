import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBook } from "./book-format";

const loanJson = { borrowerExternalId: "B-1", externalId: "L-1", disbursedAt: "2024-01-01T09:00:00Z", amount: "20000.00", tenorDays: 90, status: "DEFAULT", maxDaysLate: 120, defaultedAt: "2024-06-01T09:00:00Z", observedAt: "2025-01-01T09:00:00Z" };

describe("parseBook with CSV files", () => {
  it("reads a CSV loans file as the same rows as its JSON Lines twin", () => {
    const csv = ["borrowerExternalId,externalId,disbursedAt,amount,tenorDays,status,maxDaysLate,defaultedAt,observedAt", "B-1,L-1,2024-01-01T09:00:00Z,20000.00,90,DEFAULT,120,2024-06-01T09:00:00Z,2025-01-01T09:00:00Z", "B-2,L-2,2024-02-01T09:00:00Z,15000,60,PAID_OFF,0,,2025-02-01T09:00:00Z"].join("\r\n");
    const jsonLines = [JSON.stringify(loanJson), JSON.stringify({ borrowerExternalId: "B-2", externalId: "L-2", disbursedAt: "2024-02-01T09:00:00Z", amount: "15000", tenorDays: 60, status: "PAID_OFF", maxDaysLate: 0, observedAt: "2025-02-01T09:00:00Z" })].join("\n");
    const fromCsv = parseBook([{ category: "loans", fileName: "loans.csv", content: csv }]);
    const fromJson = parseBook([{ category: "loans", fileName: "loans.jsonl", content: jsonLines }]);
    expect(fromCsv.refusals).toEqual([]);
    expect(fromCsv.rowsRead.loans).toBe(2);
    expect(fromCsv.loans.map((located) => located.row)).toEqual(fromJson.loans.map((located) => located.row));
    expect(fromCsv.loans.map((located) => located.line)).toEqual([2, 3]);
    expect(fromCsv.loans[1].row.defaultedAt).toBeUndefined();
  });

  it("refuses a bad cell with its file, line and field, and an unknown column by name", () => {
    const csv = ["externalId,givenName,familyName,dateOfBirth,nationalIdType,nationalId,phone", 'B-1,Amina,"Otieno\nWanjiru",1990-01-01,HUDUMA,12345678,+254700000001', "B-2,Brian,Mwangi,01/02/1990,HUDUMA,12345679,+254700000002"].join("\n");
    const book = parseBook([{ category: "borrowers", fileName: "borrowers.csv", content: csv }]);
    expect(book.borrowers).toHaveLength(1);
    expect(book.borrowers[0].line).toBe(2);
    expect(book.refusals).toEqual([{ file: "borrowers.csv", line: 4, field: "dateOfBirth", reason: expect.any(String) }]);
    const extra = parseBook([{ category: "accounts", fileName: "accounts.CSV", content: "borrowerExternalId,type,provider,externalReference,openedAt,verified,colour\nB-1,MOBILE_MONEY,M-Pesa,0700,2023-01-01T00:00:00Z,true,blue\n" }]);
    expect(extra.refusals).toEqual([{ file: "accounts.CSV", line: 2, field: "colour", reason: "not a field of this file (see docs/loan-book-import.md)" }]);
  });

  it("keeps signals in JSON Lines: a signals CSV is one refusal naming the category", () => {
    const book = parseBook([{ category: "signals", fileName: "signals.csv", content: "borrowerExternalId\nB-1\n" }]);
    expect(book.signals).toEqual([]);
    expect(book.refusals).toEqual([{ file: "signals.csv", line: 0, field: "category", reason: expect.stringContaining("JSON Lines") }]);
  });
});

describe("the CSV example book (docs/examples/loan-book-csv)", () => {
  it("parses without a refusal into the same rows as the same borrowers of the JSON Lines example book", () => {
    const read = (path: string) => readFileSync(path, "utf8");
    const csvBook = parseBook(["borrowers.csv", "loans.csv", "signals.jsonl"].map((fileName) => ({ category: fileName.split(".")[0], fileName, content: read(`docs/examples/loan-book-csv/${fileName}`) })));
    expect(csvBook.refusals).toEqual([]);
    const ids = new Set(csvBook.borrowers.map((located) => located.row.externalId));
    expect(ids.size).toBe(5);
    const jsonBook = parseBook(["borrowers", "loans"].map((category) => ({ category, fileName: `${category}.jsonl`, content: read(`docs/examples/loan-book/${category}.jsonl`) })));
    expect(csvBook.borrowers.map((located) => located.row)).toEqual(jsonBook.borrowers.filter((located) => ids.has(located.row.externalId)).map((located) => located.row));
    expect(csvBook.loans.map((located) => located.row)).toEqual(jsonBook.loans.filter((located) => ids.has(located.row.borrowerExternalId)).map((located) => located.row));
    expect(csvBook.loans.some((located) => located.row.status === "DEFAULT")).toBe(true);
  });
});
