// Issue 11's abuse suite: each class of attack and careless input the production run broke, tried again
// through the same HTTP handlers the routes export (/api/graphql and the REST routes), on PGlite and, when
// DATABASE_URL is set, on PostgreSQL. No assertion on wall-clock time: each case asserts the refusal, its
// code and that no work was done (no audit row, nothing stored).
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { openDatabase, type Database } from "@/prisma/store/database";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { createApiKey } from "@/prisma/store/api-key";
import { consumeRateLimit } from "@/prisma/store/rate-limit";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { generateApiKeyToken } from "@/core/security/api-key-token";
import { hashPassword } from "@/core/security/password";
import { QUERY_LIMITS } from "./limits";

process.env.AUTH_SECRET = "abuse-test-auth-secret";
process.env.MICROTRUST_ID_HASH_KEY = "abuse-test-id-hash-key";
delete process.env.NEXTAUTH_URL;
const { handleGraphQLRequest } = await import("./http/handle-graphql-request");
const { handleRestRequest } = await import("./http/handle-rest-request");
const { calculateScoreOperation, recordOutcomeOperation } = await import("./http/rest-operations");
const { endUserSessions } = await import("@/core/resolve-session-caller");

const databaseKey = Symbol.for("microtrust.database");
const origin = "http://localhost";

interface Json {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

describe.each(testDatabaseKinds())("abuse suite on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let adminKey: string;
  let analystKey: string;
  let adminUserId: string;
  let analystUserId: string;
  let borrowerId: string;
  let otherBorrowerId: string;
  let accountId: string;
  let otherAccountId: string;

  const cookieFor = async (userId: string, role: string, sessionVersion = 0): Promise<string> =>
    `next-auth.session-token=${await encode({ token: { userId, tenantId, role, sessionVersion } as never, secret: process.env.AUTH_SECRET as string })}`;

  const graphql = async (body: unknown, headers: Record<string, string> = {}, init: { signal?: AbortSignal } = {}): Promise<{ status: number; json: Json; headers: Headers }> => {
    const response = await handleGraphQLRequest(
      new NextRequest(`${origin}/api/graphql`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...headers }, signal: init.signal }),
    );
    return { status: response.status, json: (await response.json()) as Json, headers: response.headers };
  };
  const asKey = (key: string) => ({ authorization: `Bearer ${key}` });
  const auditCount = () => database.db.auditEvent.count({ where: { tenantId } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    (globalThis as Record<symbol, unknown>)[databaseKey] = Promise.resolve(database);
    const tenant = await ensureTenant(database.db, { slug: `abuse-${kind}`, name: "Abuse MFI" });
    tenantId = tenant.id;
    await registerDefaultScoring(database.db, tenantId);
    const passwordHash = await hashPassword("a long enough password");
    adminUserId = (await createUser(database.db, tenantId, { email: `admin-${kind}@abuse.test`, name: "Admin", role: "ADMIN", passwordHash })).id;
    analystUserId = (await createUser(database.db, tenantId, { email: `analyst-${kind}@abuse.test`, name: "Analyst", role: "ANALYST", passwordHash })).id;
    for (const [role, assign] of [["ADMIN", (token: string) => (adminKey = token)], ["ANALYST", (token: string) => (analystKey = token)]] as const) {
      const generated = generateApiKeyToken();
      await createApiKey(database.db, tenantId, { name: `${role} key`, prefix: generated.prefix, secretHash: generated.secretHash, role, scopes: ["READ", "WRITE"], createdByUserId: null });
      assign(generated.token);
    }
    const created = async (externalId: string, nationalId: string) => {
      const result = await graphql(
        { query: "mutation ($input: CreateBorrowerInput!) { createBorrower(input: $input) { id } }", variables: { input: { externalId, nationalIdType: "NIN", nationalId, givenName: "Ada", familyName: "Obi", phone: "+2348012345678", dateOfBirth: "1990-01-01" } } },
        asKey(analystKey),
      );
      return (result.json.data?.createBorrower as { id: string }).id;
    };
    borrowerId = await created("ABUSE-1", "ABUSE0001");
    otherBorrowerId = await created("ABUSE-2", "ABUSE0002");
    const link = async (id: string, reference: string) => {
      const result = await graphql({ query: "mutation ($input: LinkAccountInput!) { linkAccount(input: $input) { id } }", variables: { input: { borrowerId: id, type: "MOBILE_MONEY", provider: "M-Pesa", externalReference: reference, openedAt: "2024-01-01T00:00:00Z", verified: true } } }, asKey(analystKey));
      return (result.json.data?.linkAccount as { id: string }).id;
    };
    accountId = await link(borrowerId, "ACC-1");
    otherAccountId = await link(otherBorrowerId, "ACC-2");
  }, 120_000);

  afterAll(async () => {
    delete (globalThis as Record<symbol, unknown>)[databaseKey];
    await database.destroy();
  });

  describe("1. unbounded queries", () => {
    it("refuses a query nested past the depth limit over the Borrower ↔ CreditScore cycle, before any resolver", async () => {
      const nest = (depth: number): string => (depth === 0 ? "id" : depth % 2 === 1 ? `borrower { ${nest(depth - 1)} }` : `creditScores { ${nest(depth - 1)} }`);
      const { status, json } = await graphql({ query: `{ borrower(id: "${borrowerId}") { creditScores { ${nest(9)} } } }` }, asKey(analystKey));
      expect(status).toBe(400);
      expect(json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/depth/i), extensions: { code: "BAD_USER_INPUT", reason: "GRAPHQL_VALIDATION_FAILED" } });
      expect(json.data).toBeUndefined();
    });

    it("refuses 200,000 aliases without credentials while parsing (token limit)", async () => {
      const aliases = Array.from({ length: 200_000 }, (_, i) => `a${i}: health { status }`).join(" ");
      const { status, json } = await graphql({ query: `{ ${aliases} }` });
      expect(status).toBe(400);
      expect(json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/token/i), extensions: { code: "BAD_USER_INPUT" } });
    });

    it("refuses a body over the cap without reading it: at once by Content-Length, after the cap when chunked", async () => {
      let pulled = 0;
      const chunk = new Uint8Array(1024 * 1024).fill(0x20);
      const endless = () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += chunk.byteLength;
            if (pulled > 50 * 1024 * 1024) controller.close();
            else controller.enqueue(chunk);
          },
        });
      const send = (headers: Record<string, string>) =>
        handleGraphQLRequest(new NextRequest(`${origin}/api/graphql`, { method: "POST", body: endless(), headers: { "content-type": "application/json", ...headers }, duplex: "half" } as never));
      const declared = await send({ "content-length": String(50 * 1024 * 1024) });
      expect(declared.status).toBe(413);
      expect((await declared.json()).errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", reason: "PAYLOAD_TOO_LARGE" });
      pulled = 0;
      const chunked = await send({});
      expect(chunked.status).toBe(413);
      expect(pulled).toBeLessThanOrEqual(QUERY_LIMITS.maxBodyBytes + 2 * chunk.byteLength);
    });

    it("writes nothing for 500 aliased quickScore fields, nor for more writing fields than the cap", async () => {
      const before = await auditCount();
      const quick = (count: number) => `mutation { ${Array.from({ length: count }, (_, i) => `q${i}: quickScore(indicators: { monthlyIncome: 100 }) { id }`).join(" ")} }`;
      const many = await graphql({ query: quick(500) }, asKey(analystKey));
      expect(many.status).toBe(400);
      const overCap = await graphql({ query: quick(QUERY_LIMITS.maxWritingFields + 1) }, asKey(analystKey));
      expect(overCap.status).toBe(400);
      expect(overCap.json.errors?.[0]).toMatchObject({ message: expect.stringMatching(/writing fields/), extensions: { code: "BAD_USER_INPUT" } });
      expect(await auditCount()).toBe(before);
      const allowed = await graphql({ query: quick(QUERY_LIMITS.maxWritingFields) }, asKey(analystKey));
      expect(allowed.json.errors).toBeUndefined();
      expect(await auditCount()).toBe(before + QUERY_LIMITS.maxWritingFields);
    });

    it("stops the work of a request whose client has gone: no field runs, nothing is written", async () => {
      const before = await auditCount();
      const gone = new AbortController();
      gone.abort();
      const { json } = await graphql({ query: "mutation { a: quickScore(indicators: { monthlyIncome: 100 }) { id } b: quickScore(indicators: { monthlyIncome: 200 }) { id } }" }, asKey(analystKey), { signal: gone.signal });
      // The first field fails and, being non-null, ends the mutation: the second never starts.
      expect(json.errors?.map((error) => error.extensions.code)).toEqual(["DEADLINE_EXCEEDED"]);
      expect(await auditCount()).toBe(before);
    });
    // PGlite answers in the same event-loop turn (WebAssembly in process), so no timer or disconnect event can
    // fire between its statements; over a network connection they do.
    it.runIf(kind === "postgresql")("stops a request whose client leaves while it runs: the fields not yet started never run", async () => {
      const before = await auditCount();
      const client = new AbortController();
      const pending = graphql({ query: "mutation { a: quickScore(indicators: { monthlyIncome: 100 }) { id } b: quickScore(indicators: { monthlyIncome: 200 }) { id } }" }, asKey(analystKey), { signal: client.signal });
      setImmediate(() => client.abort());
      const { json } = await pending;
      expect(json.errors?.[0].extensions.code).toBe("DEADLINE_EXCEEDED");
      expect(await auditCount()).toBeLessThanOrEqual(before + 1);
    });
  });

  describe("4. cross-site requests and browser headers", () => {
    const restCall = async (body: string, headers: Record<string, string>) => {
      const response = await handleRestRequest(new NextRequest(`${origin}/api/credit-scores/calculate`, { method: "POST", body, headers }), calculateScoreOperation);
      return { status: response.status, json: (await response.json()) as { error?: { code: string } } };
    };
    const scoreRequest = () => JSON.stringify({ borrowerId, requestedAmount: "15000", requestedTenorDays: 60 });

    it("refuses a cookie-authenticated text/plain POST from another origin, and a JSON one too", async () => {
      const cookie = await cookieFor(analystUserId, "ANALYST");
      const before = await database.db.creditScore.count({ where: { tenantId } });
      const simple = await restCall(scoreRequest(), { cookie, origin: "http://evil.example", "content-type": "text/plain" });
      expect(simple.status).toBe(415);
      const json = await restCall(scoreRequest(), { cookie, origin: "http://evil.example", "content-type": "application/json" });
      expect(json).toMatchObject({ status: 403, json: { error: { code: "FORBIDDEN" } } });
      const outcome = await handleRestRequest(
        new NextRequest(`${origin}/api/outcomes`, { method: "POST", body: JSON.stringify({ scoreId: "x", status: "WRITTEN_OFF", maxDaysLate: 0, defaultedAt: new Date().toISOString(), observedAt: new Date().toISOString() }), headers: { cookie, origin: "http://evil.example", "content-type": "text/plain" } }),
        recordOutcomeOperation,
      );
      expect(outcome.status).toBe(415);
      expect(await database.db.creditScore.count({ where: { tenantId } })).toBe(before);
      const sameOrigin = await restCall(scoreRequest(), { cookie, origin, "content-type": "application/json" });
      expect(sameOrigin.json.error?.code).toBe("CONSENT_REQUIRED");
    });

    it("sends the security headers from the proxy: CSP with a nonce and frame-ancestors 'none', nosniff, referrer policy, HSTS on https", async () => {
      const { proxy } = await import("@/proxy");
      const page = proxy(new NextRequest(`${origin}/analyst`));
      const csp = page.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:\/\//);
      expect(page.headers.get("x-content-type-options")).toBe("nosniff");
      expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(page.headers.get("strict-transport-security")).toBeNull();
      const secure = proxy(new NextRequest("https://credit.example.org/api/graphql"));
      expect(secure.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      expect(secure.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    });
  });

  describe("5. abuse controls", () => {
    const withLimits = async (limits: Record<string, string>, work: () => Promise<void>) => {
      Object.assign(process.env, limits);
      try {
        await work();
      } finally {
        for (const name of Object.keys(limits)) delete process.env[name];
      }
    };

    it("answers 429 with Retry-After per API key, per user and per address, over GraphQL and REST", async () => {
      await withLimits({ MICROTRUST_RATE_LIMIT_API_KEY: "3", MICROTRUST_RATE_LIMIT_USER: "2", MICROTRUST_RATE_LIMIT_IP: "4" }, async () => {
        const health = { query: "{ health { status } }" };
        const byKey = [];
        for (let i = 0; i < 4; i += 1) byKey.push(await graphql(health, asKey(adminKey)));
        expect(byKey.map((result) => result.status)).toEqual([200, 200, 200, 429]);
        expect(byKey[3].json.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
        expect(Number(byKey[3].headers.get("retry-after"))).toBeGreaterThan(0);
        const cookie = await cookieFor(adminUserId, "ADMIN");
        const byUser = [];
        for (let i = 0; i < 3; i += 1) byUser.push((await graphql(health, { cookie })).status);
        expect(byUser).toEqual([200, 200, 429]);
        const address = { "x-forwarded-for": `198.51.100.${kind === "pglite" ? 1 : 2}` };
        const byAddress = [];
        for (let i = 0; i < 5; i += 1) byAddress.push((await graphql(health, address)).status);
        expect(byAddress).toEqual([200, 200, 200, 200, 429]);
        const rest = await handleRestRequest(new NextRequest(`${origin}/api/credit-scores/calculate`, { method: "POST", body: "{}", headers: { ...asKey(adminKey), "content-type": "application/json" } }), calculateScoreOperation);
        expect(rest.status).toBe(400);
        const limited = await handleRestRequest(
          new NextRequest(`${origin}/api/credit-scores/calculate`, { method: "POST", body: JSON.stringify({ borrowerId, requestedAmount: "1", requestedTenorDays: 30 }), headers: { ...asKey(adminKey), "content-type": "application/json" } }),
          calculateScoreOperation,
        );
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      });
    });

    it("holds a limit across instances: the counters live in the database", async () => {
      const rule = { name: "shared", points: 3, windowSeconds: 60 };
      const subject = randomUUID();
      // A second instance is a second connection pool to the same database (PGlite allows one per directory).
      const second: Database = database.connectionString ? await openDatabase({ databaseUrl: database.connectionString }) : database;
      try {
        expect(await consumeRateLimit(database.db, rule, subject, 2)).toEqual({ allowed: true });
        expect(await consumeRateLimit(second.db, rule, subject)).toEqual({ allowed: true });
        expect(await consumeRateLimit(second.db, rule, subject)).toMatchObject({ allowed: false });
        expect(await database.db.rateLimit.findUnique({ where: { key: `shared:${subject}` } })).toMatchObject({ points: 4 });
      } finally {
        if (second !== database) await second.close();
      }
    });

    it("ends a session on sign-out and on a role change: the old cookie is refused", async () => {
      const tenantQuery = { query: "{ tenant { name } }" };
      const user = await createUser(database.db, tenantId, { email: `session-${kind}@abuse.test`, name: "Session", role: "ANALYST", passwordHash: "x" });
      const cookie = await cookieFor(user.id, "ANALYST");
      expect((await graphql(tenantQuery, { cookie })).json.data).toEqual({ tenant: { name: "Abuse MFI" } });
      await endUserSessions(database.db, { userId: user.id, tenantId, sessionVersion: 0 });
      expect((await graphql(tenantQuery, { cookie })).json.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
      const renewed = await cookieFor(user.id, "ANALYST", 1);
      expect((await graphql(tenantQuery, { cookie: renewed })).json.data).toBeTruthy();
      const adminCookie = await cookieFor(adminUserId, "ADMIN");
      expect((await graphql({ query: `mutation { setUserRole(id: "${user.id}", role: COMMITTEE) { role } }` }, { cookie: adminCookie })).json.errors).toBeUndefined();
      expect((await graphql(tenantQuery, { cookie: renewed })).json.errors?.[0].extensions.code).toBe("UNAUTHENTICATED");
    });

    it("lets no API key create or raise an administrator, disable one, or mint keys", async () => {
      const create = (role: string, email: string) => graphql({ query: `mutation { createUser(input: { email: "${email}", name: "N", role: ${role}, password: "a long enough password" }) { id } }` }, asKey(adminKey));
      expect((await create("ADMIN", `escalate-${kind}@abuse.test`)).json.errors?.[0].extensions.code).toBe("FORBIDDEN");
      const analyst = await create("ANALYST", `plain-${kind}@abuse.test`);
      const id = (analyst.json.data?.createUser as { id: string }).id;
      expect((await graphql({ query: `mutation { setUserRole(id: "${id}", role: ADMIN) { id } }` }, asKey(adminKey))).json.errors?.[0].extensions.code).toBe("FORBIDDEN");
      expect((await graphql({ query: `mutation { disableUser(id: "${adminUserId}") { id } }` }, asKey(adminKey))).json.errors?.[0].extensions.code).toBe("FORBIDDEN");
      expect((await graphql({ query: 'mutation { createApiKey(input: { name: "minted", role: ADMIN, scopes: [READ, WRITE] }) { secret } }' }, asKey(adminKey))).json.errors?.[0].extensions.code).toBe("FORBIDDEN");
      expect(await database.db.user.count({ where: { tenantId, role: "ADMIN" } })).toBe(1);
    });
  });

  describe("6. races", () => {
    it("gives 8 concurrent drafts of the same name each their own version, and keeps exactly one ACTIVE policy", async () => {
      const cookie = await cookieFor(adminUserId, "ADMIN");
      const results = await Promise.all(
        Array.from({ length: 8 }, () => graphql({ query: "mutation ($input: DraftPolicyInput!) { draftPolicy(input: $input) { version } }", variables: { input: { name: "Raced", document: DEFAULT_DECISION_POLICY } } }, { cookie })),
      );
      expect(results.map((result) => result.json.errors)).toEqual(Array(8).fill(undefined));
      expect(new Set(results.map((result) => (result.json.data?.draftPolicy as { version: string }).version)).size).toBe(8);
      expect(await database.db.policyVersion.count({ where: { tenantId, status: "ACTIVE" } })).toBe(1);
      await expect(
        database.withSqlSession((sql) => sql.query(`INSERT INTO "PolicyVersion" (id, "tenantId", name, version, status, document, "documentSha256") VALUES ('forced', $1, 'Forced', '1', 'ACTIVE', '{}', repeat('0', 64))`, [tenantId])),
      ).rejects.toThrow(/PolicyVersion_one_active_per_tenant|unique/);
    });

    it("answers concurrent duplicates with CONFLICT naming the field, never INTERNAL_SERVER_ERROR", async () => {
      const input = { externalId: "RACE-1", nationalIdType: "NIN", givenName: "Race", familyName: "Case", phone: "+2348012345678", dateOfBirth: "1990-01-01" };
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => graphql({ query: "mutation ($input: CreateBorrowerInput!) { createBorrower(input: $input) { id } }", variables: { input: { ...input, nationalId: `RACE000${i}` } } }, asKey(analystKey))),
      );
      const codes = results.map((result) => result.json.errors?.[0].extensions.code ?? "OK");
      expect(codes.filter((code) => code === "OK")).toHaveLength(1);
      expect(codes.filter((code) => code === "CONFLICT")).toHaveLength(7);
      expect(results.flatMap((result) => result.json.errors ?? []).every((error) => typeof error.extensions.field === "string" && /externalId/.test(error.extensions.field as string))).toBe(true);
    });
  });

  describe("7. bad input", () => {
    const ingest = (input: Record<string, unknown>) => graphql({ query: "mutation ($input: IngestSignalsInput!) { ingestSignals(input: $input) { transactions { stored duplicates } } }", variables: { input } }, asKey(analystKey));
    const transaction = (overrides: Record<string, unknown> = {}) => ({ accountId, externalId: `T-${randomUUID()}`, amount: "100.00", currency: "KES", direction: "CREDIT", category: "SALARY", occurredAt: "2026-06-01T00:00:00Z", ...overrides });
    const refusal = async (input: Record<string, unknown>) => (await ingest(input)).json.errors?.[0];

    it.each([
      ["a NUL byte", { counterparty: "Shop\u0000" }, "input.transactions[0].counterparty"],
      ["1 MB of counterparty", { counterparty: "c".repeat(1_000_000) }, "input.transactions[0].counterparty"],
      ["2026-02-30", { occurredAt: "2026-02-30T10:00:00Z" }, "input.transactions[0].occurredAt"],
      ["the year 0001", { occurredAt: "0001-01-01T00:00:00Z" }, "input.transactions[0].occurredAt"],
      ["the year 9999", { occurredAt: "9999-12-31T00:00:00Z" }, "input.transactions[0].occurredAt"],
      ["a future date", { occurredAt: "2099-01-01T00:00:00Z" }, "transactions[0].occurredAt"],
      ["an over-long counterparty", { counterparty: "c".repeat(201) }, "transactions[0].counterparty"],
      ["a missing amount", { amount: undefined }, "input.transactions[0].amount"],
    ])("refuses %s with BAD_USER_INPUT naming the path, storing nothing", async (_label, overrides, field) => {
      const before = await database.db.transaction.count({ where: { tenantId } });
      expect(await refusal({ borrowerId, transactions: [transaction(overrides)] })).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field } });
      expect(await database.db.transaction.count({ where: { tenantId } })).toBe(before);
    });

    it("names the argument path of an invalid literal, not its type", async () => {
      const literal = `mutation { ingestSignals(input: { borrowerId: "${borrowerId}", transactions: [{ accountId: "${accountId}", externalId: "L-1", amount: "1", currency: "KES", direction: CREDIT, category: SALARY, occurredAt: "2026-02-30T00:00:00Z" }] }) { transactions { stored } } }`;
      expect((await graphql({ query: literal }, asKey(analystKey))).json.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ingestSignals.input.transactions[0].occurredAt" });
      expect((await graphql({ query: '{ borrower(id: 12.5) { id } }' }, asKey(analystKey))).json.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "borrower.id" });
    });

    it("refuses an over-long id argument and a NUL in a literal, naming them", async () => {
      expect((await graphql({ query: `{ borrower(id: "${"x".repeat(1_000)}") { id } }` }, asKey(analystKey))).json.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "borrower.id" });
      expect((await graphql({ query: '{ borrowers(search: "a\\u0000b") { pageInfo { hasNextPage } } }' }, asKey(analystKey))).json.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "borrowers.search" });
    });

    it("refuses a second borrower's transaction reusing another's externalId as CONFLICT naming the item, not a silent duplicate", async () => {
      const shared = `SHARED-${randomUUID()}`;
      expect((await ingest({ borrowerId, transactions: [transaction({ externalId: shared })] })).json.data).toEqual({ ingestSignals: { transactions: { stored: 1, duplicates: 0 } } });
      const clash = await ingest({ borrowerId: otherBorrowerId, transactions: [transaction({ externalId: `OWN-${randomUUID()}`, accountId: otherAccountId }), transaction({ externalId: shared, accountId: otherAccountId })] });
      expect(clash.json.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "transactions[1].externalId" });
      expect(await database.db.transaction.count({ where: { tenantId, borrowerId: otherBorrowerId } })).toBe(0);
      expect((await ingest({ borrowerId, transactions: [transaction({ externalId: shared })] })).json.data).toEqual({ ingestSignals: { transactions: { stored: 0, duplicates: 1 } } });
    });

    it("refuses a consent from 1900 to 9999 and an outcome of PAID_OFF 36,500 days late", async () => {
      const consent = await graphql(
        { query: "mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }", variables: { input: { borrowerId, purpose: "LOAN_UNDERWRITING", dataCategories: ["IDENTITY"], dataLifeDays: 365, validFrom: "1900-01-01T00:00:00Z", expiresAt: "2100-12-31T00:00:00Z", statement: "I agree." } } },
        asKey(analystKey),
      );
      expect(consent.json.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "validFrom" });
      const now = new Date();
      const granted = await graphql(
        { query: "mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }", variables: { input: { borrowerId, purpose: "LOAN_UNDERWRITING", dataCategories: ["IDENTITY", "TRANSACTIONS"], dataLifeDays: 365, validFrom: now.toISOString(), expiresAt: new Date(now.getTime() + 86_400_000 * 30).toISOString(), statement: "I agree." } } },
        asKey(analystKey),
      );
      expect(granted.json.errors).toBeUndefined();
      const scored = await graphql({ query: `mutation { calculateScore(input: { borrowerId: "${borrowerId}", purpose: LOAN_UNDERWRITING, requestedAmount: "15000", requestedTenorDays: 60 }) { id } }` }, asKey(analystKey));
      const scoreId = (scored.json.data?.calculateScore as { id: string }).id;
      const outcome = await graphql({ query: `mutation { recordOutcome(input: { scoreId: "${scoreId}", status: PAID_OFF, maxDaysLate: 36500, observedAt: "${new Date().toISOString()}" }) { id } }` }, asKey(analystKey));
      expect(outcome.json.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "maxDaysLate" });
    });

    it("stores the documented batch of 20,000 rows in one request, and refuses 20,001 counting loan instalments", async () => {
      const rows = Array.from({ length: 20_000 }, (_, i) => transaction({ externalId: `BIG-${kind}-${i}` }));
      const body = JSON.stringify({ query: "mutation ($input: IngestSignalsInput!) { ingestSignals(input: $input) { transactions { stored } } }", variables: { input: { borrowerId, transactions: rows } } });
      expect(body.length).toBeLessThan(QUERY_LIMITS.maxBodyBytes);
      const stored = await graphql(body, asKey(analystKey));
      expect(stored.json).toEqual({ data: { ingestSignals: { transactions: { stored: 20_000 } } } });
      const instalments = Array.from({ length: 20_001 }, (_, k) => ({ dueDate: `2026-01-${String((k % 28) + 1).padStart(2, "0")}`, amountDue: "1" }));
      const tooMany = await ingest({ borrowerId, loans: [{ externalId: "HUGE", lender: "MFI", lenderType: "MFI", principal: "1000", disbursedAt: "2025-01-01T00:00:00Z", instalments }] });
      expect(tooMany.json.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });
    }, 120_000);
  });
});
