import { describe, expect, it } from "vitest";
import { preparedStatementNames } from "./database";

describe("preparedStatementNames", () => {
  it("gives one SQL text one name, always the same, and different texts different names", () => {
    const name = preparedStatementNames();
    const first = name({ sql: "SELECT 1" });
    expect(first).toMatch(/^mt_[0-9a-f]{32}$/);
    expect(name({ sql: "SELECT 1" })).toBe(first);
    expect(name({ sql: "SELECT 2" })).not.toBe(first);
    // Names depend on the text only, so every process (and connection) names a statement alike.
    expect(preparedStatementNames()({ sql: "SELECT 1" })).toBe(first);
  });

  it("names at most `limit` texts; later texts run unnamed while named ones keep their names", () => {
    const name = preparedStatementNames(2);
    const a = name({ sql: "SELECT 'a'" });
    name({ sql: "SELECT 'b'" });
    expect(name({ sql: "SELECT 'c'" })).toBe("");
    expect(name({ sql: "SELECT 'a'" })).toBe(a);
  });
});
