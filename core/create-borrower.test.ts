import { describe, expect, it } from "vitest";
import type { CreateBorrowerInput } from "./inputs";
import { hashNationalId } from "./security/national-id";
import { prepareBorrower } from "./create-borrower";

const now = new Date("2026-11-22T00:00:00Z");
const valid: CreateBorrowerInput = {
  externalId: " APP-1 ",
  nationalIdType: "HUDUMA",
  nationalId: "12 345 678",
  givenName: "Wanjiku",
  familyName: "Kamau",
  phone: "+254700000001",
  dateOfBirth: new Date("1990-04-17T00:00:00Z"),
};

describe("prepareBorrower", () => {
  it("stores the keyed hash and last 4 characters of the id number, never the number", () => {
    const prepared = prepareBorrower(valid, "key", now);
    expect(prepared).toMatchObject({ externalId: "APP-1", nationalIdHash: hashNationalId("key", "HUDUMA", "12345678"), nationalIdLast4: "5678" });
    expect(JSON.stringify(prepared)).not.toContain("12345678");
    expect(prepared).not.toHaveProperty("nationalId");
  });

  it.each([
    ["externalId", { externalId: "  " }],
    ["nationalId", { nationalId: "12" }],
    ["nationalId", { nationalId: "1234;DROP" }],
    ["givenName", { givenName: "" }],
    ["phone", { phone: "0712345678" }],
    ["dateOfBirth", { dateOfBirth: new Date("1899-12-31T00:00:00Z") }],
    ["dateOfBirth", { dateOfBirth: new Date("2027-01-01T00:00:00Z") }],
  ])("refuses a bad %s as BAD_USER_INPUT naming the field", (field, change) => {
    expect(() => prepareBorrower({ ...valid, ...change }, "key", now)).toThrow(expect.objectContaining({ code: "BAD_USER_INPUT", field }));
  });
});
