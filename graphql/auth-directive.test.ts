import { buildSchema, graphql, type GraphQLSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { enforceAuthDirectives, listFieldsWithoutAuth } from "./auth-directive";
import type { Caller, GraphQLContext } from "./context";
import { typeDefs } from "./generated/type-defs";

const directives = `
  directive @auth(roles: [Role!]!) on FIELD_DEFINITION
  directive @public on FIELD_DEFINITION
  enum Role { ADMIN ANALYST COMMITTEE AUDITOR BORROWER }
`;

function schemaOf(sdl: string): GraphQLSchema {
  return buildSchema(directives + sdl);
}

function caller(overrides: Partial<Caller>): Caller {
  return { kind: "USER", id: "u1", tenantId: "t1", role: "ANALYST", name: "U", email: null, borrowerId: null, scopes: [], ...overrides };
}

async function run(schema: GraphQLSchema, source: string, who: Caller | null) {
  const contextValue = { caller: who } as GraphQLContext;
  return graphql({ schema, source, contextValue, rootValue: { open: "o", analysts: "a", change: "c" } });
}

describe("the MicroTrust schema", () => {
  it("declares @auth or @public on every Query and Mutation field", () => {
    expect(listFieldsWithoutAuth(buildSchema(typeDefs))).toEqual([]);
  });
});

describe("listFieldsWithoutAuth", () => {
  it("names fields with neither directive, with both, or with an empty role list", () => {
    const schema = schemaOf(`
      type Query { ok: String @auth(roles: [ADMIN]) bare: String both: String @public @auth(roles: [ADMIN]) empty: String @auth(roles: []) }
      type Mutation { pub: String @public forgot: String }
    `);
    expect(listFieldsWithoutAuth(schema)).toEqual(["Query.bare", "Query.both", "Query.empty", "Mutation.forgot"]);
  });

  it("makes enforceAuthDirectives refuse to build the schema", () => {
    expect(() => enforceAuthDirectives(schemaOf("type Query { forgot: String }"))).toThrow(/Query\.forgot/);
  });
});

describe("enforceAuthDirectives", () => {
  const schema = enforceAuthDirectives(
    schemaOf(`
      type Query { open: String @public analysts: String @auth(roles: [ANALYST, ADMIN]) }
      type Mutation { change: String @auth(roles: [ANALYST]) }
    `),
  );
  const code = (result: Awaited<ReturnType<typeof run>>) => result.errors?.map((error) => error.extensions.code);

  it.each([
    ["no caller, @public field", "{ open }", null, undefined],
    ["no caller, @auth field", "{ analysts }", null, ["UNAUTHENTICATED"]],
    ["a role not listed", "{ analysts }", caller({ role: "BORROWER" }), ["FORBIDDEN"]],
    ["a listed role", "{ analysts }", caller({ role: "ADMIN" }), undefined],
    ["an API key with READ on a query", "{ analysts }", caller({ kind: "API_KEY", scopes: ["READ"] }), undefined],
    ["an API key without READ on a query", "{ analysts }", caller({ kind: "API_KEY", scopes: ["WRITE"] }), ["FORBIDDEN"]],
    ["an API key without WRITE on a mutation", "mutation { change }", caller({ kind: "API_KEY", scopes: ["READ"] }), ["FORBIDDEN"]],
    ["an API key with WRITE on a mutation", "mutation { change }", caller({ kind: "API_KEY", scopes: ["WRITE"] }), undefined],
    ["a user on a mutation (users have no scopes)", "mutation { change }", caller({}), undefined],
  ])("%s", async (_label, source, who, expected) => {
    expect(code(await run(schema, source, who))).toEqual(expected);
  });
});
