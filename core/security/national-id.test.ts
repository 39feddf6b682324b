import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashNationalId, lastFourOfNationalId, normaliseNationalId } from "./national-id";

describe("national id protection", () => {
  it("normalises separators and case, so one number has one hash", () => {
    expect(normaliseNationalId(" ab-12.34/56 78 ")).toBe("AB12345678");
    expect(hashNationalId("k", "NIN", "ab-1234 5678")).toBe(hashNationalId("k", "NIN", "AB12345678"));
  });

  it("is HMAC-SHA256 of type:number under the key (RFC 2104), so another key or type gives another hash", () => {
    expect(hashNationalId("key", "HUDUMA", "12345678")).toBe(createHmac("sha256", "key").update("HUDUMA:12345678").digest("hex"));
    expect(hashNationalId("other", "HUDUMA", "12345678")).not.toBe(hashNationalId("key", "HUDUMA", "12345678"));
    expect(hashNationalId("key", "NIN", "12345678")).not.toBe(hashNationalId("key", "HUDUMA", "12345678"));
  });

  it("keeps only the last four characters in clear", () => {
    expect(lastFourOfNationalId("12-345 678")).toBe("5678");
  });
});
