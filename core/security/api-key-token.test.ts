import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateApiKeyToken, hashApiKeyToken, matchesApiKeyHash, parseApiKeyPrefix } from "./api-key-token";

describe("API key tokens", () => {
  it("carry their lookup prefix and 256 random bits, and store only the sha256 of the whole token", () => {
    const { token, prefix, secretHash } = generateApiKeyToken();
    expect(token).toMatch(/^mt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKeyPrefix(token)).toBe(prefix);
    expect(secretHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(secretHash).not.toContain(token.slice(16));
  });

  it("are distinct each time", () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateApiKeyToken().token));
    expect(tokens.size).toBe(50);
  });

  it("match only their own hash", () => {
    const { token, secretHash } = generateApiKeyToken();
    expect(matchesApiKeyHash(token, secretHash)).toBe(true);
    expect(matchesApiKeyHash(`${token}x`, secretHash)).toBe(false);
    expect(matchesApiKeyHash(token, hashApiKeyToken("other"))).toBe(false);
    expect(matchesApiKeyHash(token, "not-hex")).toBe(false);
  });

  it.each(["", "mt_short_x", "Bearer mt_0123456789ab_" + "A".repeat(43), "mt_0123456789AB_" + "A".repeat(43)])("rejects the malformed token %j", (token) => {
    expect(parseApiKeyPrefix(token)).toBeNull();
  });
});
