import { describe, expect, it } from "vitest";
import type { UseCaseScope } from "./actor";
import { listBorrowers, maxBorrowersPerPage } from "./list-borrowers";

// Arguments are checked before the database is touched: a scope whose db throws proves it.
const context = {
  db: new Proxy({}, { get: () => { throw new Error("database reached"); } }),
  actor: { kind: "USER", id: "u", tenantId: "t", role: "ANALYST", name: "U", email: null, borrowerId: null, scopes: [] },
  request: { id: "r", ipAddress: null },
  now: new Date("2026-11-22T00:00:00Z"),
} as unknown as UseCaseScope;

describe("listBorrowers", () => {
  it.each([0, -1, maxBorrowersPerPage + 1, 2.5])("refuses first = %d as BAD_USER_INPUT on first", async (first) => {
    await expect(listBorrowers(context, { first })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("refuses a search longer than 100 characters", async () => {
    await expect(listBorrowers(context, { first: 10, search: "x".repeat(101) })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "search" });
  });

  it("accepts the bounds 1 and 100 and goes on to the database", async () => {
    await expect(listBorrowers(context, { first: 1 })).rejects.toThrow("database reached");
    await expect(listBorrowers(context, { first: maxBorrowersPerPage })).rejects.toThrow("database reached");
  });
});
