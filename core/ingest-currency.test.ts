import { describe, expect, it } from "vitest";
import { findCurrencyIssues } from "./ingest-signals";

describe("one currency per borrower at ingest", () => {
  it("names every transaction not in the borrower's stored currency", () => {
    expect(findCurrencyIssues([{ currency: "KES" }, { currency: "USD" }, { currency: "KES" }, { currency: "NGN" }], "KES")).toEqual([
      { field: "transactions[1].currency", message: "must be KES like the borrower's stored transactions: one currency per borrower" },
      { field: "transactions[3].currency", message: "must be KES like the borrower's stored transactions: one currency per borrower" },
    ]);
  });

  it("takes the batch's first currency for a borrower with no stored transaction", () => {
    expect(findCurrencyIssues([{ currency: "USD" }, { currency: "USD" }], null)).toEqual([]);
    expect(findCurrencyIssues([{ currency: "USD" }, { currency: "KES" }], null)).toEqual([{ field: "transactions[1].currency", message: "must be USD like transactions[0]: one currency per borrower" }]);
  });

  it("refuses a whole batch in another currency than the stored one", () => {
    expect(findCurrencyIssues([{ currency: "USD" }], "KES")).toHaveLength(1);
    expect(findCurrencyIssues([], "KES")).toEqual([]);
  });
});
