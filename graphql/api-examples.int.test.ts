// docs/api.md's worked examples cannot drift: every one is executed in order, as a partner would send it
// (POST /api/graphql through the real handler, with an ADMIN API key; createApiKey with an administrator's
// session), and must answer without errors in the documented shape (the same fields, the same JSON types,
// the same ids where an earlier example gave them). Every root field of the schema has an example, marked
// query or mutation as it is. docs/api.http, the same requests as a REST Client collection, is generated from
// them and must be current. `API_EXAMPLES_WRITE=1` rewrites the documented responses and docs/api.http.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobQueue } from "@/core/jobs/job-queue";
import { runModelComparison } from "@/core/model-comparison/run-model-comparison";
import { runPolicySimulation } from "@/core/policy-simulation/run-policy-simulation";
import { generateApiKeyToken } from "@/core/security/api-key-token";
import { createApiKey } from "@/prisma/store/api-key";
import { createFixtureUser, createScoringTenant, shiftedDefaultArtifact } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, type TestDatabase } from "@/prisma/testing/test-database";
import { createGraphQLSchema } from "./schema";

process.env.AUTH_SECRET = "api-examples-auth-secret";
process.env.MICROTRUST_ID_HASH_KEY ??= "api-examples-id-hash-key";
delete process.env.NEXTAUTH_URL;
const { handleGraphQLRequest } = await import("./http/handle-graphql-request");

const databaseKey = Symbol.for("microtrust.database");
const jobQueueKey = Symbol.for("microtrust.jobQueue");
const apiMdPath = fileURLToPath(new URL("../docs/api.md", import.meta.url));
const apiHttpPath = fileURLToPath(new URL("../docs/api.http", import.meta.url));
const writing = process.env.API_EXAMPLES_WRITE === "1";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface ApiExample {
  name: string;
  kind: "query" | "mutation";
  /** Who sends it: the ADMIN API key (default), the administrator's session, or a second person's (a COMMITTEE member's) session. */
  as: "key" | "session" | "second";
  /** Placeholder name → path of the value in `data` (e.g. borrowerId → createBorrower.id). */
  captures: [string, string][];
  /** The error code the example documents (a refusal a partner should expect), when it shows one. */
  error: string | null;
  /** Jobs (placeholders) the worker runs to the end before the next example: a simulation must finish before it is evidence. */
  runs: string[];
  query: string;
  variables: Json | undefined;
  response: Json;
  /** Where the response block's JSON sits in docs/api.md, for rewriting it. */
  responseStart: number;
  responseEnd: number;
}

const fenced = (lang: string) => new RegExp("```" + lang + "\\n([\\s\\S]*?)\\n```", "g");

/** The examples of docs/api.md's "Worked examples" section, in order. */
export function parseApiExamples(markdown: string): ApiExample[] {
  const start = markdown.indexOf("\n## Worked examples");
  if (start < 0) throw new Error("docs/api.md has no '## Worked examples' section");
  const next = markdown.indexOf("\n## ", start + 1);
  const end = next < 0 ? markdown.length : next;
  const headings = [...markdown.slice(start, end).matchAll(/^### `(\w+)` \((query|mutation)\)$/gm)].map((match) => ({ name: match[1], kind: match[2] as "query" | "mutation", at: start + (match.index ?? 0) }));
  return headings.map((heading, i) => {
    const bodyEnd = headings[i + 1]?.at ?? end;
    const body = markdown.slice(heading.at, bodyEnd);
    const meta = /<!-- example: (.*?) -->/.exec(body)?.[1] ?? "";
    const field = (key: string) => meta.split(";").map((part) => part.trim()).find((part) => part.startsWith(`${key}:`))?.slice(key.length + 1).trim();
    const query = [...body.matchAll(fenced("graphql"))][0]?.[1];
    const jsonBlocks = [...body.matchAll(fenced("json"))];
    const variablesAt = body.indexOf("Variables:");
    const responseAt = body.indexOf("Response:");
    if (!query || responseAt < 0) throw new Error(`docs/api.md: example ${heading.name} needs a graphql block and a Response: block`);
    const variablesBlock = variablesAt >= 0 ? jsonBlocks.find((block) => (block.index ?? 0) > variablesAt && (block.index ?? 0) < responseAt) : undefined;
    const responseBlock = jsonBlocks.find((block) => (block.index ?? 0) > responseAt);
    if (!responseBlock) throw new Error(`docs/api.md: example ${heading.name} has no response JSON`);
    const responseStart = heading.at + (responseBlock.index ?? 0) + "```json\n".length;
    return {
      name: heading.name,
      kind: heading.kind,
      as: field("as") === "session" ? "session" : field("as") === "second" ? "second" : "key",
      captures: (field("capture") ?? "")
        .split(",")
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => pair.split("=") as [string, string]),
      error: field("error") ?? null,
      runs: (field("run") ?? "")
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
      query,
      variables: variablesBlock ? (JSON.parse(variablesBlock[1]) as Json) : undefined,
      response: JSON.parse(responseBlock[1]) as Json,
      responseStart,
      responseEnd: responseStart + responseBlock[1].length,
    };
  });
}

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, M: 30 * 86_400_000, y: 365 * 86_400_000 };

/** `{{name}}` from the values earlier responses gave, `{{$datetime iso8601 [n unit]}}` as REST Client reads it. */
/** Values a partner supplies from a file rather than an earlier response: a model artifact to register. */
const supplied = new Map<string, Json>([["candidateArtifact", shiftedDefaultArtifact(0.25).artifact as Json]]);

function substitute(value: Json | undefined, bound: Map<string, string>, now: number): Json | undefined {
  if (typeof value === "string") {
    const datetime = /^\{\{\$datetime iso8601(?: (-?\d+) (\w))?\}\}$/.exec(value);
    if (datetime) return new Date(now + (datetime[1] ? Number(datetime[1]) * units[datetime[2]] : 0)).toISOString();
    const name = /^\{\{(\w+)\}\}$/.exec(value)?.[1];
    if (name && supplied.has(name)) return supplied.get(name) as Json;
    if (name) {
      const found = bound.get(name);
      if (found === undefined) throw new Error(`{{${name}}} is used before an example captures it`);
      return found;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, bound, now) as Json);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, bound, now) as Json]));
  return value;
}

const typeOf = (value: Json): string => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/** Every difference of shape between the documented response and the actual one (fields, JSON types, captured ids). */
function shapeDifferences(documented: Json, actual: Json, bound: Map<string, string>, path = "$"): string[] {
  if (typeof documented === "string" && /^\{\{\w+\}\}$/.test(documented)) {
    const expected = bound.get(documented.slice(2, -2));
    return actual === expected ? [] : [`${path}: expected ${documented} = ${expected}, got ${JSON.stringify(actual)}`];
  }
  if (typeOf(documented) !== typeOf(actual)) return [`${path}: documented ${typeOf(documented)}, got ${typeOf(actual)}`];
  if (Array.isArray(documented) && Array.isArray(actual)) {
    if (documented.length === 0 || actual.length === 0) return [];
    return actual.flatMap((item, i) => shapeDifferences(documented[Math.min(i, documented.length - 1)], item, bound, `${path}[${i}]`));
  }
  if (documented && typeof documented === "object" && actual && typeof actual === "object" && !Array.isArray(actual) && !Array.isArray(documented)) {
    const keys = new Set([...Object.keys(documented), ...Object.keys(actual)]);
    return [...keys].flatMap((key) => {
      if (!(key in documented)) return [`${path}.${key}: not documented`];
      if (!(key in actual)) return [`${path}.${key}: documented, not answered`];
      return shapeDifferences(documented[key], actual[key], bound, `${path}.${key}`);
    });
  }
  return [];
}

/** The actual response with every value an example captured written as its placeholder, as the docs show it. */
function withPlaceholders(value: Json, bound: Map<string, string>): Json {
  if (typeof value === "string") {
    for (const [name, captured] of bound) if (captured === value) return `{{${name}}}`;
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => withPlaceholders(item, bound));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withPlaceholders(item, bound)]));
  return value;
}

const pathValue = (data: Json, path: string): Json => path.split(".").reduce<Json>((node, key) => (node && typeof node === "object" && !Array.isArray(node) ? node[key] : null), data);

/** docs/api.http: the examples as a REST Client collection; captured ids become references to the earlier response. */
export function renderApiHttp(examples: readonly ApiExample[]): string {
  const references = new Map<string, string>();
  for (const example of examples) for (const [name, path] of example.captures) references.set(name, `{{${example.name}.response.body.$.data.${path}}}`);
  const lines = [
    "# MicroTrust API: every operation of docs/api.md, runnable with the REST Client extension (VS Code) in order,",
    "# top to bottom: later requests use the ids earlier responses gave. Generated from docs/api.md by",
    "# graphql/api-examples.int.test.ts (API_EXAMPLES_WRITE=1): edit docs/api.md, not this file.",
    "#",
    "# Set baseUrl and an ADMIN API key with READ and WRITE (portal: Administration → API keys). createApiKey needs",
    "# an administrator's signed-in session instead: paste the portal's session cookie into sessionCookie. Four-eyes",
    "# changes are proposed in that session and approved or rejected in a second person's (secondSessionCookie).",
    "@baseUrl = http://localhost:3000",
    "@apiKey = mt_replace_with_your_key",
    "@sessionCookie = next-auth.session-token=replace-with-your-session-cookie",
    "@secondSessionCookie = next-auth.session-token=replace-with-a-second-persons-session-cookie",
    "# registerModelVersion: replace \"{{candidateArtifact}}\" with the JSON of a model artifact (npm run scoring -- train).",
    "",
  ];
  for (const example of examples) {
    const variables = example.variables === undefined ? undefined : JSON.stringify(example.variables, null, 2).replace(/"\{\{(\w+)\}\}"/g, (whole, name: string) => (references.has(name) ? `"${references.get(name)}"` : whole));
    lines.push(
      `### ${example.name} (${example.kind})`,
      `# @name ${example.name}`,
      "POST {{baseUrl}}/api/graphql",
      example.as === "session" ? "Cookie: {{sessionCookie}}" : example.as === "second" ? "Cookie: {{secondSessionCookie}}" : "Authorization: Bearer {{apiKey}}",
      "Content-Type: application/json",
      "X-Request-Type: GraphQL",
      "",
      example.query,
      ...(variables ? ["", variables] : []),
      "",
      ...(example.runs.length > 0 ? ["# Wait for the job(s) to finish (poll policySimulation) before the next request.", ""] : []),
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

describe("docs/api.md worked examples", () => {
  let database: TestDatabase;
  let jobQueue: JobQueue;
  let apiKey: string;
  let cookie: string;
  let secondCookie: string;
  let tenantId: string;
  const markdown = readFileSync(apiMdPath, "utf8");
  const examples = parseApiExamples(markdown);

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    (globalThis as Record<symbol, unknown>)[databaseKey] = Promise.resolve(database);
    jobQueue = new JobQueue(database, undefined, { supervise: false });
    (globalThis as Record<symbol, unknown>)[jobQueueKey] = Promise.resolve(jobQueue);
    ({ tenantId } = await createScoringTenant(database.db, "demo-mfi"));
    const adminId = await createFixtureUser(database.db, tenantId, "ADMIN", "admin@demo-mfi.example");
    cookie = `next-auth.session-token=${await encode({ token: { userId: adminId, tenantId, role: "ADMIN", sessionVersion: 0 }, secret: process.env.AUTH_SECRET as string })}`;
    const committeeId = await createFixtureUser(database.db, tenantId, "COMMITTEE", "committee@demo-mfi.example");
    secondCookie = `next-auth.session-token=${await encode({ token: { userId: committeeId, tenantId, role: "COMMITTEE", sessionVersion: 0 }, secret: process.env.AUTH_SECRET as string })}`;
    const token = generateApiKeyToken();
    await createApiKey(database.db, tenantId, { name: "Partner integration", prefix: token.prefix, secretHash: token.secretHash, role: "ADMIN", scopes: ["READ", "WRITE"], createdByUserId: adminId });
    apiKey = token.token;
  }, 180_000);

  afterAll(async () => {
    delete (globalThis as Record<symbol, unknown>)[databaseKey];
    delete (globalThis as Record<symbol, unknown>)[jobQueueKey];
    await jobQueue?.stop({ graceful: true });
    await database?.destroy();
  });

  it("has one example per root field of the schema, named query or mutation as it is", () => {
    const schema = createGraphQLSchema();
    const rootFields = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => `${name} (query)`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `${name} (mutation)`),
    ].sort();
    expect(examples.map((example) => `${example.name} (${example.kind})`).sort()).toEqual(rootFields);
    for (const example of examples) expect(example.query, example.name).toMatch(new RegExp(`^${example.kind}\\b[\\s\\S]*\\b${example.name}\\(?`));
  });

  it("answers every example, in order, in the documented shape", async () => {
    const bound = new Map<string, string>();
    let rewritten = markdown;
    const rewrites: { start: number; end: number; text: string }[] = [];
    for (const example of examples) {
      const variables = substitute(example.variables, bound, Date.now());
      const request = new NextRequest("http://localhost/api/graphql", {
        method: "POST",
        body: JSON.stringify({ query: example.query, ...(variables === undefined ? {} : { variables }) }),
        headers: { "content-type": "application/json", ...(example.as === "session" ? { cookie } : example.as === "second" ? { cookie: secondCookie } : { authorization: `Bearer ${apiKey}` }) },
      });
      const response = await handleGraphQLRequest(request);
      const body = (await response.json()) as { data?: Json; errors?: unknown };
      if (example.error) {
        expect((body.errors as { extensions?: { code?: string } }[] | undefined)?.[0]?.extensions?.code, `${example.name}: ${JSON.stringify(body.errors)}`).toBe(example.error);
      } else {
        expect(body.errors, `${example.name}: ${JSON.stringify(body.errors)}`).toBeUndefined();
        expect(response.status, example.name).toBe(200);
      }
      for (const [name, path] of example.captures) {
        const value = pathValue(body.data ?? null, path);
        expect(typeof value, `${example.name} captures ${name} from data.${path}`).toBe("string");
        bound.set(name, value as string);
      }
      // The worker's part, run here in order (a deployment's worker does it in the background).
      for (const name of example.runs) {
        const jobId = bound.get(name) as string;
        const job = await database.db.job.findFirstOrThrow({ where: { tenantId, id: jobId } });
        const run = job.kind === "MODEL_COMPARISON" ? runModelComparison : runPolicySimulation;
        await run(database, { tenantId, jobId }, new Date());
      }
      if (writing) rewrites.push({ start: example.responseStart, end: example.responseEnd, text: JSON.stringify(withPlaceholders(body as Json, bound), null, 2) });
      else expect(shapeDifferences(example.response, body as Json, bound), `${example.name}: docs/api.md's response differs in shape (regenerate with API_EXAMPLES_WRITE=1)`).toEqual([]);
    }
    if (writing) {
      for (const rewrite of rewrites.reverse()) rewritten = rewritten.slice(0, rewrite.start) + rewrite.text + rewritten.slice(rewrite.end);
      writeFileSync(apiMdPath, rewritten);
    }
  });

  it("ships docs/api.http generated from the same examples", () => {
    const rendered = renderApiHttp(examples);
    if (writing) writeFileSync(apiHttpPath, rendered);
    expect(readFileSync(apiHttpPath, "utf8")).toBe(rendered);
  });
});
