// The HTTP contract of /api/graphql, through the same handler the route exports, on a fresh embedded
// database: bad bodies get a 400 GraphQL error (never a stack trace), credentials are checked.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { getDatabase } from "@/prisma/store/database";

process.env.MICROTRUST_DATA_DIR = mkdtempSync(path.join(tmpdir(), "microtrust-http-"));
delete process.env.DATABASE_URL;
process.env.AUTH_SECRET = "test-auth-secret";

const { handleGraphQLRequest } = await import("./handle-graphql-request");

function post(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return handleGraphQLRequest(new NextRequest("http://localhost/api/graphql", { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
}

describe("/api/graphql over HTTP", () => {
  beforeAll(async () => {
    const database = await getDatabase();
    await database.withSqlSession((sql) => applyMigrations(sql));
  });
  afterAll(async () => (await getDatabase()).close());

  it("answers a body that is not JSON with 400 and a GraphQL error", async () => {
    const response = await post('{"query": "{ health { status } }"');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_USER_INPUT" } }] });
  });

  it.each([
    ["unparsable GraphQL", "{ health { status ", "GRAPHQL_PARSE_FAILED"],
    ["a field that does not exist", "{ nothingHere }", "GRAPHQL_VALIDATION_FAILED"],
  ])("answers %s with 400 BAD_USER_INPUT and no stack trace", async (_label, query, reason) => {
    const response = await post(JSON.stringify({ query }));
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", reason });
    expect(text).not.toMatch(/stacktrace|\n\s+at /);
  });

  it("accepts application/json with a charset parameter", async () => {
    const response = await post(JSON.stringify({ query: "{ health { status } }" }), { "content-type": "application/json; charset=utf-8" });
    expect(await response.json()).toEqual({ data: { health: { status: "ok" } } });
  });

  it("serves GET queries", async () => {
    const response = await handleGraphQLRequest(
      new NextRequest(`http://localhost/api/graphql?query=${encodeURIComponent("{ health { status } }")}`, { headers: { "apollo-require-preflight": "true" } }),
    );
    expect(await response.json()).toEqual({ data: { health: { status: "ok" } } });
  });

  it("answers a protected field without credentials with UNAUTHENTICATED", async () => {
    const response = await post(JSON.stringify({ query: "{ tenant { name } }" }));
    expect((await response.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  it("refuses an unknown API key outright with 401", async () => {
    const response = await post(JSON.stringify({ query: "{ health { status } }" }), { authorization: "Bearer mt_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].extensions).toEqual({ code: "UNAUTHENTICATED" });
  });
});
