import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Lexer, parse, Source, TokenKind, validate, specifiedRules, type DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";
import { coercionPath } from "./errors";
import { findBadString, maxCostlyFieldsRule, maxWritingFieldsRule, QUERY_LIMITS, queryLimitsForApollo } from "./limits";
import { createGraphQLSchema } from "./schema";

const schema = createGraphQLSchema();
const { validationRules } = queryLimitsForApollo();
const errorsOf = (document: DocumentNode) => validate(schema, document, [...specifiedRules, ...validationRules]).map((error) => error.message);

function tokenCount(text: string): number {
  const lexer = new Lexer(new Source(text));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

describe("query limits", () => {
  const documentsDirectory = path.join(process.cwd(), "graphql", "documents");
  const files = readdirSync(documentsDirectory).map((file) => readFileSync(path.join(documentsDirectory, file), "utf8"));

  it("let every operation the portal sends through", () => {
    expect(errorsOf(parse(files.join("\n")))).toEqual([]);
    // A file holds a module's operations and their fragments: each operation sent is smaller than its file.
    expect(Math.max(...files.map(tokenCount))).toBeLessThan(QUERY_LIMITS.maxTokens);
  });

  it("refuse a query nested past the depth limit over the Borrower ↔ CreditScore cycle", () => {
    const nest = (depth: number): string => (depth === 0 ? "id" : depth % 2 === 1 ? `borrower { ${nest(depth - 1)} }` : `creditScores { ${nest(depth - 1)} }`);
    const deep = parse(`query ($id: ID!) { borrower(id: $id) { creditScores { ${nest(QUERY_LIMITS.maxDepth)} } } }`);
    expect(errorsOf(deep).join()).toMatch(/depth/i);
  });

  it("refuse more aliases than allowed", () => {
    const aliases = Array.from({ length: QUERY_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: health { status }`).join(" ");
    expect(errorsOf(parse(`{ ${aliases} }`)).join()).toMatch(/alias/i);
  });

  it("cap the writing fields of one request, counting aliased and fragment-spread ones", () => {
    const rule = [maxWritingFieldsRule(2)];
    const quick = (alias: string) => `${alias}: quickScore(indicators: {}) { id }`;
    expect(validate(schema, parse(`mutation { ${quick("a")} ${quick("b")} }`), rule)).toEqual([]);
    expect(validate(schema, parse(`mutation { ${quick("a")} ...F } fragment F on Mutation { ${quick("b")} ${quick("c")} }`), rule)[0]?.message).toMatch(/At most 2 writing fields/);
    expect(validate(schema, parse(`mutation { a: revokeApiKey(id: "1") { id } b: revokeApiKey(id: "2") { id } c: revokeApiKey(id: "3") { id } }`), rule)).toHaveLength(1);
    expect(validate(schema, parse(`{ a: health { status } b: health { status } c: health { status } }`), rule)).toEqual([]);
  });

  it("cap the costly fields of one request, counting aliases and each spread of a fragment", () => {
    const rule = [maxCostlyFieldsRule({ signalSummary: 2 })];
    const summary = (alias: string) => `${alias}: borrower(id: "${alias}") { signalSummary { transactionCount } }`;
    expect(validate(schema, parse(`{ ${summary("a")} ${summary("b")} }`), rule)).toEqual([]);
    expect(validate(schema, parse(`{ ${summary("a")} ${summary("b")} ${summary("c")} }`), rule)[0]?.message).toMatch(/At most 2 signalSummary fields per request \(this one has 3\)/);
    const spread = ["a", "b", "c"].map((alias) => `${alias}: borrower(id: "${alias}") { ...S }`).join(" ");
    expect(validate(schema, parse(`{ ${spread} } fragment S on Borrower { signalSummary { transactionCount } }`), rule)).toHaveLength(1);
    expect(validate(schema, parse(`{ ${summary("a")} }`), [maxCostlyFieldsRule(QUERY_LIMITS.maxCostlyFields)])).toEqual([]);
  });
});

describe("findBadString", () => {
  it.each([
    [{ input: { transactions: [{ counterparty: "ok" }, { counterparty: "bad\u0000" }] } }, "input.transactions[1].counterparty"],
    [{ input: { statement: "x".repeat(QUERY_LIMITS.maxStringLength + 1) } }, "input.statement"],
    [{ input: { borrowerId: "x".repeat(QUERY_LIMITS.maxIdLength + 1) } }, "input.borrowerId"],
    [{ id: "y".repeat(QUERY_LIMITS.maxIdLength + 1) }, "id"],
  ])("names the path of the first string no field may hold", (variables, field) => {
    expect(findBadString(variables, "")?.field).toBe(field);
  });

  it("lets ordinary values through", () => {
    expect(findBadString({ input: { statement: "I agree.", borrowerId: "c".repeat(25), amounts: [1, 2], nested: { when: null } } }, "")).toBeNull();
  });
});

describe("coercionPath", () => {
  it.each([
    ['Variable "$input" got invalid value "2026-02-30T00:00:00Z" at "input.transactions[0].occurredAt"; DateTime: expected …', "input.transactions[0].occurredAt"],
    ['Variable "$input" got invalid value { borrowerId: "b" } at "input.transactions[2]"; Field "amount" of required type "Decimal!" was not provided.', "input.transactions[2].amount"],
    ['Variable "$input" got invalid value { nope: 1 }; Field "nope" is not defined by type "GrantConsentInput".', "input.nope"],
    ['Variable "$id" of required type "ID!" was not provided.', "id"],
    ["Cannot query field \"nothing\" on type \"Query\".", undefined],
  ])("%s → %s", (message, field) => {
    expect(coercionPath(message)).toBe(field);
  });
});
