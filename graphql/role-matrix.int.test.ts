// Issue 14: who may call what, written down here independently of the SDL's @auth lists, and checked through
// the real request path: the handler /api/graphql exports (graphql/http/handle-graphql-request.ts), with a
// next-auth session cookie minted as the app mints it and with an API key (Authorization: Bearer). Every root
// field is called by every role: FORBIDDEN exactly where the table says so, never elsewhere. Then "a BORROWER
// sees only their own" for every field that returns borrower data. On PGlite and, when DATABASE_URL is set,
// PostgreSQL. The rate limits stay on at their defaults (no X-Forwarded-For: not counted per address; a
// user makes well under 300 requests a minute here), as graphql/abuse.int.test.ts leaves them.
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { createApiKey } from "@/prisma/store/api-key";
import { ensureLinkedAccount } from "@/prisma/store/linked-account";
import type { Role } from "@/prisma/store/vocabulary";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor } from "@/core/actor";
import { calculateScore } from "@/core/calculate-score";
import { JobQueue } from "@/core/jobs/job-queue";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { generateApiKeyToken } from "@/core/security/api-key-token";
import { createGraphQLSchema } from "./schema";

process.env.AUTH_SECRET = "role-matrix-auth-secret";
process.env.MICROTRUST_ID_HASH_KEY ??= "role-matrix-id-hash-key";
delete process.env.NEXTAUTH_URL;
const { handleGraphQLRequest } = await import("./http/handle-graphql-request");

const databaseKey = Symbol.for("microtrust.database");
const jobQueueKey = Symbol.for("microtrust.jobQueue");

const ALL: readonly Role[] = ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR", "BORROWER"];
const STAFF: readonly Role[] = ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"];

/** What the calls need: ids made in beforeAll. */
interface Fixtures {
  ownBorrowerId: string;
  otherBorrowerId: string;
  ownScoreId: string;
  otherScoreId: string;
  otherConsentId: string;
  victimUserId: string;
}

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

interface MatrixEntry {
  /** The roles that may call the field ("public": anyone, signed in or not). */
  allowed: readonly Role[] | "public";
  /** The field is open to these roles only when signed in: their API keys are refused (FORBIDDEN). */
  signedInOnly?: true;
  /** A call an allowed role can make successfully (or fail for a reason other than access). */
  call: (fixtures: Fixtures) => Operation;
}

let unique = 0;
const next = (): number => (unique += 1);
const nowIso = (): string => new Date().toISOString();
const DAY = 86_400_000;

/** The access rules, from the product's roles: officers (ANALYST) enter and score, the committee decides, auditors read and verify, a BORROWER sees their own. */
const matrix: Record<string, MatrixEntry> = {
  "Query.health": { allowed: "public", call: () => ({ query: "{ health { status } }" }) },
  "Query.me": { allowed: ALL, call: () => ({ query: "{ me { id role } }" }) },
  "Query.tenant": { allowed: ALL, call: () => ({ query: "{ tenant { id } }" }) },
  "Query.borrower": { allowed: ALL, call: (f) => ({ query: "query ($id: ID!) { borrower(id: $id) { id } }", variables: { id: f.ownBorrowerId } }) },
  "Query.borrowers": { allowed: STAFF, call: () => ({ query: "{ borrowers(first: 5) { edges { node { id } } } }" }) },
  "Query.consents": { allowed: ALL, call: (f) => ({ query: "query ($id: ID!) { consents(borrowerId: $id) { id } }", variables: { id: f.ownBorrowerId } }) },
  "Query.creditScore": { allowed: ALL, call: (f) => ({ query: "query ($id: ID!) { creditScore(id: $id) { id } }", variables: { id: f.ownScoreId } }) },
  "Query.applications": { allowed: STAFF, call: () => ({ query: "{ applications(first: 5) { totalCount } }" }) },
  "Query.modelVersions": { allowed: STAFF, call: () => ({ query: "{ modelVersions { id } }" }) },
  "Query.portfolioPerformance": { allowed: ["ADMIN", "COMMITTEE", "AUDITOR"], call: () => ({ query: "{ portfolioPerformance { scored } }" }) },
  "Query.policyVersions": { allowed: STAFF, call: () => ({ query: "{ policyVersions { id } }" }) },
  "Query.auditTrail": {
    allowed: ["ADMIN", "COMMITTEE", "AUDITOR"],
    call: (f) => ({ query: "query ($id: ID!, $from: DateTime!, $to: DateTime!) { auditTrail(borrowerId: $id, from: $from, to: $to) { id } }", variables: { id: f.otherBorrowerId, from: "2020-01-01T00:00:00Z", to: nowIso() } }),
  },
  "Query.verifyAuditChain": { allowed: ["ADMIN", "AUDITOR"], call: () => ({ query: "{ verifyAuditChain { valid } }" }) },
  "Query.auditVerification": { allowed: ["ADMIN", "AUDITOR"], call: () => ({ query: "{ auditVerification { id } }" }) },
  "Query.jobs": { allowed: ["ADMIN", "ANALYST"], call: () => ({ query: "{ jobs { id } }" }) },
  "Query.job": { allowed: ["ADMIN", "ANALYST"], call: () => ({ query: "query ($id: ID!) { job(id: $id) { id } }", variables: { id: randomUUID() } }) },
  "Query.policySimulation": { allowed: STAFF, call: () => ({ query: "query ($id: ID!) { policySimulation(id: $id) { id } }", variables: { id: randomUUID() } }) },
  "Query.policySimulations": { allowed: STAFF, call: () => ({ query: "{ policySimulations { id } }" }) },
  "Query.comparePolicySimulations": { allowed: STAFF, call: () => ({ query: "query ($a: ID!, $b: ID!) { comparePolicySimulations(first: $a, second: $b) { draftDifference { figure } } }", variables: { a: randomUUID(), b: randomUUID() } }) },
  "Query.protectedAttributes": { allowed: STAFF, call: () => ({ query: "{ protectedAttributes { attribute } }" }) },
  "Query.fairnessReport": { allowed: STAFF, call: () => ({ query: "query ($from: DateTime!, $to: DateTime!) { fairnessReport(attribute: \"SEX\", from: $from, to: $to) { groups { group } } }", variables: { from: "2026-01-01T00:00:00Z", to: "2026-06-01T00:00:00Z" } }) },
  "Query.apiKeys": { allowed: ["ADMIN"], call: () => ({ query: "{ apiKeys { id } }" }) },
  "Query.users": { allowed: ["ADMIN"], call: () => ({ query: "{ users { id } }" }) },

  "Mutation.createBorrower": {
    allowed: ["ADMIN", "ANALYST"],
    call: () => {
      const n = next();
      return {
        query: "mutation ($input: CreateBorrowerInput!) { createBorrower(input: $input) { id } }",
        variables: { input: { externalId: `MATRIX-${n}`, nationalIdType: "NIN", nationalId: `MATRIX${String(n).padStart(5, "0")}`, givenName: "Matrix", familyName: `Borrower ${n}`, phone: "+2348012345678", dateOfBirth: "1990-01-01" } },
      };
    },
  },
  "Mutation.linkAccount": {
    allowed: ["ADMIN", "ANALYST"],
    call: (f) => ({
      query: "mutation ($input: LinkAccountInput!) { linkAccount(input: $input) { id } }",
      variables: { input: { borrowerId: f.ownBorrowerId, type: "MOBILE_MONEY", provider: "M-Pesa", externalReference: `matrix-${next()}`, openedAt: "2024-01-01T00:00:00Z", verified: true } },
    }),
  },
  "Mutation.ingestSignals": {
    allowed: ["ADMIN", "ANALYST"],
    call: (f) => ({ query: "mutation ($id: ID!) { ingestSignals(input: { borrowerId: $id }) { transactions { received } } }", variables: { id: f.ownBorrowerId } }),
  },
  "Mutation.grantConsent": {
    allowed: ["ADMIN", "ANALYST", "BORROWER"],
    call: (f) => ({
      query: "mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id } }",
      variables: { input: { borrowerId: f.ownBorrowerId, purpose: "MONITORING", dataCategories: ["IDENTITY"], statement: "Matrix consent.", validFrom: new Date(Date.now() - DAY).toISOString(), expiresAt: new Date(Date.now() + 365 * DAY).toISOString(), dataLifeDays: 365 } },
    }),
  },
  "Mutation.revokeConsent": { allowed: ["ADMIN", "ANALYST", "BORROWER"], call: () => ({ query: "mutation ($id: ID!) { revokeConsent(id: $id) { id } }", variables: { id: randomUUID() } }) },
  "Mutation.calculateScore": {
    allowed: ["ADMIN", "ANALYST"],
    call: (f) => ({ query: "mutation ($id: ID!) { calculateScore(input: { borrowerId: $id, purpose: LOAN_UNDERWRITING, requestedAmount: \"5000\", requestedTenorDays: 30 }) { id } }", variables: { id: f.otherBorrowerId } }),
  },
  "Mutation.quickScore": { allowed: ["ADMIN", "ANALYST", "COMMITTEE", "BORROWER"], call: () => ({ query: "mutation { quickScore(indicators: { monthlyIncome: 20000 }) { id } }" }) },
  "Mutation.replayScore": { allowed: ["ADMIN", "COMMITTEE", "AUDITOR"], call: (f) => ({ query: "mutation ($id: ID!) { replayScore(scoreId: $id) { identical } }", variables: { id: f.otherScoreId } }) },
  "Mutation.explainScore": { allowed: ALL, call: (f) => ({ query: "mutation ($id: ID!) { explainScore(scoreId: $id) { text } }", variables: { id: f.ownScoreId } }) },
  "Mutation.recordCommitteeDecision": {
    allowed: ["ADMIN", "COMMITTEE"],
    call: (f) => ({ query: "mutation ($id: ID!) { recordCommitteeDecision(input: { scoreId: $id, verdict: REFERRED, note: \"Matrix: referred for a visit.\" }) { id } }", variables: { id: f.otherScoreId } }),
  },
  "Mutation.recordOutcome": {
    allowed: ["ADMIN", "ANALYST"],
    call: (f) => ({ query: "mutation ($id: ID!, $at: DateTime!) { recordOutcome(input: { scoreId: $id, status: PAID_OFF, maxDaysLate: 0, observedAt: $at }) { id } }", variables: { id: f.otherScoreId, at: nowIso() } }),
  },
  "Mutation.draftPolicy": {
    allowed: ["ADMIN"],
    call: () => ({ query: "mutation ($input: DraftPolicyInput!) { draftPolicy(input: $input) { id } }", variables: { input: { name: "matrix-policy", document: DEFAULT_DECISION_POLICY } } }),
  },
  "Query.changeProposals": { allowed: STAFF, call: () => ({ query: "{ changeProposals { id } }" }) },
  // Four eyes are two people: API keys are refused even for an allowed role. An unknown id is NOT_FOUND, not an access refusal.
  "Mutation.proposeChange": {
    allowed: ["ADMIN"],
    signedInOnly: true,
    call: () => ({ query: 'mutation ($id: ID!) { proposeChange(input: { kind: ACTIVATE_MODEL, subjectId: $id, note: "matrix" }) { id } }', variables: { id: randomUUID() } }),
  },
  "Mutation.approveChange": {
    allowed: ["ADMIN", "COMMITTEE"],
    signedInOnly: true,
    call: () => ({ query: "mutation ($id: ID!) { approveChange(input: { proposalId: $id }) { id } }", variables: { id: randomUUID() } }),
  },
  "Mutation.rejectChange": {
    allowed: ["ADMIN", "COMMITTEE"],
    signedInOnly: true,
    call: () => ({ query: 'mutation ($id: ID!) { rejectChange(input: { proposalId: $id, note: "matrix" }) { id } }', variables: { id: randomUUID() } }),
  },
  "Mutation.startPortfolioRescore": {
    allowed: ["ADMIN", "ANALYST"],
    call: () => ({ query: 'mutation { startPortfolioRescore(input: { purpose: MONITORING, defaultRequestedAmount: "1000", defaultRequestedTenorDays: 30 }) { id } }' }),
  },
  "Mutation.startAuditVerification": { allowed: ["ADMIN", "AUDITOR"], call: () => ({ query: "mutation { startAuditVerification { id } }" }) },
  "Mutation.cancelAuditVerification": { allowed: ["ADMIN", "AUDITOR"], call: () => ({ query: "mutation ($id: ID!) { cancelAuditVerification(id: $id) { id } }", variables: { id: randomUUID() } }) },
  "Mutation.cancelJob": { allowed: ["ADMIN", "ANALYST"], call: () => ({ query: "mutation ($id: ID!) { cancelJob(id: $id) { id } }", variables: { id: randomUUID() } }) },
  "Mutation.startPolicySimulation": {
    allowed: ["ADMIN", "COMMITTEE", "ANALYST"],
    call: () => ({ query: "mutation ($input: PolicySimulationInput!) { startPolicySimulation(input: $input) { id } }", variables: { input: { policyVersionId: randomUUID(), from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" } } }),
  },
  "Mutation.recordProtectedAttributes": {
    allowed: ["ADMIN"],
    call: (f) => ({ query: "mutation ($entries: [ProtectedAttributeInput!]!) { recordProtectedAttributes(entries: $entries) }", variables: { entries: [{ borrowerId: f.ownBorrowerId, attribute: "REGION", value: "North" }] } }),
  },
  "Mutation.uploadLoanBookFile": {
    allowed: ["ADMIN"],
    call: () => ({ query: 'mutation { uploadLoanBookFile(input: { category: "loans", fileName: "matrix.jsonl", content: "{}" }) { id } }' }),
  },
  "Mutation.importLoanBook": { allowed: ["ADMIN"], call: () => ({ query: "mutation ($id: ID!) { importLoanBook(input: { uploadIds: [$id] }) { id } }", variables: { id: randomUUID() } }) },
  "Mutation.trainModel": { allowed: ["ADMIN"], call: () => ({ query: 'mutation { trainModel(input: { name: "matrix-model" }) { id } }' }) },
  "Mutation.createApiKey": {
    allowed: ["ADMIN"],
    signedInOnly: true,
    call: () => ({ query: 'mutation { createApiKey(input: { name: "matrix key", role: ANALYST, scopes: [READ] }) { secret } }' }),
  },
  "Mutation.revokeApiKey": { allowed: ["ADMIN"], call: () => ({ query: "mutation ($id: ID!) { revokeApiKey(id: $id) { id } }", variables: { id: randomUUID() } }) },
  "Mutation.createUser": {
    allowed: ["ADMIN"],
    call: () => ({ query: "mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }", variables: { input: { email: `matrix-${next()}@matrix.test`, name: "Matrix User", role: "ANALYST", password: "a long enough password" } } }),
  },
  "Mutation.setUserRole": { allowed: ["ADMIN"], call: (f) => ({ query: "mutation ($id: ID!) { setUserRole(id: $id, role: AUDITOR) { id } }", variables: { id: f.victimUserId } }) },
  "Mutation.disableUser": { allowed: ["ADMIN"], call: (f) => ({ query: "mutation ($id: ID!) { disableUser(id: $id) { id } }", variables: { id: f.victimUserId } }) },
  "Query.auditTimeline": {
    allowed: ["ADMIN", "AUDITOR"],
    call: () => ({ query: "query ($filter: AuditTimelineFilter!) { auditTimeline(filter: $filter) { totalCount } }", variables: { filter: { from: "2020-01-01T00:00:00Z", to: nowIso() } } }),
  },
  "Query.borrowerRequests": { allowed: ALL, call: (f) => ({ query: "query ($id: ID!) { borrowerRequests(borrowerId: $id) { id } }", variables: { id: f.ownBorrowerId } }) },
  // Refused for its too short statement (BAD_USER_INPUT) by the roles allowed: the fixtures stay uncontested.
  "Mutation.requestHumanReview": { allowed: ["ADMIN", "BORROWER"], call: (f) => ({ query: 'mutation ($id: ID!) { requestHumanReview(input: { scoreId: $id, statement: "short" }) { id } }', variables: { id: f.ownScoreId } }) },
  // An unknown borrower (NOT_FOUND): nothing of the fixtures is erased.
  "Mutation.requestErasure": { allowed: ["ADMIN", "BORROWER"], call: () => ({ query: "mutation ($id: ID!) { requestErasure(input: { borrowerId: $id }) { id } }", variables: { id: randomUUID() } }) },
  "Query.modelVersion": { allowed: STAFF, call: () => ({ query: "query ($id: ID!) { modelVersion(id: $id) { id isChallenger } }", variables: { id: randomUUID() } }) },
  "Query.modelChallenger": { allowed: STAFF, call: () => ({ query: "{ modelChallenger { setBy } }" }) },
  "Query.modelComparison": { allowed: STAFF, call: () => ({ query: "query ($id: ID!) { modelComparison(id: $id) { id } }", variables: { id: randomUUID() } }) },
  "Query.modelComparisons": { allowed: STAFF, call: () => ({ query: "{ modelComparisons { id } }" }) },
  "Query.modelCard": { allowed: STAFF, call: () => ({ query: "query ($id: ID!) { modelCard(id: $id) { title } }", variables: { id: randomUUID() } }) },
  "Mutation.setChallenger": { allowed: ["ADMIN"], call: () => ({ query: "mutation ($id: ID!) { setChallenger(modelVersionId: $id) { setBy } }", variables: { id: randomUUID() } }) },
  "Mutation.registerModelVersion": { allowed: ["ADMIN"], call: () => ({ query: 'mutation { registerModelVersion(input: { name: "m", version: "1", artifact: {} }) { id } }' }) },
  "Mutation.clearChallenger": { allowed: ["ADMIN"], call: () => ({ query: "mutation { clearChallenger }" }) },
  "Mutation.startModelComparison": { allowed: ["ADMIN", "ANALYST"], call: () => ({ query: "mutation { startModelComparison(input: {}) { id } }" }) },
};

/** Whether the table lets `role` call `field` with this kind of credential. */
function isAllowed(entry: MatrixEntry, role: Role, credential: "session" | "apiKey"): boolean {
  if (entry.allowed === "public") return true;
  if (credential === "apiKey" && entry.signedInOnly) return false;
  return entry.allowed.includes(role);
}

interface Json {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe.each(testDatabaseKinds())("role matrix through /api/graphql on %s", (kind) => {
  let database: TestDatabase;
  let jobQueue: JobQueue;
  let fixtures: Fixtures;
  let tenantId: string;
  const cookies = new Map<Role, string>();
  const apiKeys = new Map<Role, string>();
  /** ANALYST keys with one scope each: READ calls Query fields only, WRITE Mutation fields only. */
  const scopedKeys = new Map<"READ" | "WRITE", string>();

  async function post(operation: Operation, headers: Record<string, string>): Promise<{ status: number; json: Json }> {
    const response = await handleGraphQLRequest(new NextRequest("http://localhost/api/graphql", { method: "POST", body: JSON.stringify(operation), headers: { "content-type": "application/json", ...headers } }));
    return { status: response.status, json: (await response.json()) as Json };
  }
  const asSession = (role: Role) => ({ cookie: cookies.get(role) as string });
  const asKey = (role: Role) => ({ authorization: `Bearer ${apiKeys.get(role) as string}` });
  const codeOf = (json: Json): string | undefined => json.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    (globalThis as Record<symbol, unknown>)[databaseKey] = Promise.resolve(database);
    // startPortfolioRescore queues on the process-wide queue: this one only queues (no worker), as in graphql/tenant-isolation.int.test.ts.
    jobQueue = new JobQueue(database, undefined, { supervise: false });
    (globalThis as Record<symbol, unknown>)[jobQueueKey] = Promise.resolve(jobQueue);
    const { db } = database;
    ({ tenantId } = await createScoringTenant(db, `matrix-${kind}`));

    const farFuture = new Date(Date.now() + 3650 * DAY);
    const consented = async (label: string) => {
      const borrower = await createBareBorrower(db, tenantId, label);
      await ensureLinkedAccount(db, tenantId, { borrowerId: borrower.id, type: "MOBILE_MONEY", provider: "M-Pesa", externalReference: `${label}-wallet`, openedAt: new Date("2024-01-01T00:00:00Z"), verified: true });
      const consent = await grantFixtureConsent(db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: farFuture });
      return { borrower, consent };
    };
    const own = await consented(`matrix-own-${kind}`);
    const other = await consented(`matrix-other-${kind}`);

    for (const role of ALL) {
      const userId = await createFixtureUser(db, tenantId, role, `${role.toLowerCase()}-${kind}@matrix.test`, role === "BORROWER" ? own.borrower.id : null);
      cookies.set(role, `next-auth.session-token=${await encode({ token: { userId, tenantId, role, sessionVersion: 0 }, secret: process.env.AUTH_SECRET as string })}`);
      if (role === "BORROWER") continue;
      const token = generateApiKeyToken();
      await createApiKey(db, tenantId, { name: `${role} key`, prefix: token.prefix, secretHash: token.secretHash, role, scopes: ["READ", "WRITE"], createdByUserId: null });
      apiKeys.set(role, token.token);
    }
    for (const scope of ["READ", "WRITE"] as const) {
      const token = generateApiKeyToken();
      await createApiKey(db, tenantId, { name: `${scope}-only key`, prefix: token.prefix, secretHash: token.secretHash, role: "ANALYST", scopes: [scope], createdByUserId: null });
      scopedKeys.set(scope, token.token);
    }
    const analystId = (await db.user.findFirstOrThrow({ where: { tenantId, role: "ANALYST" } })).id;
    const analyst = (await resolveSessionCaller(db, { userId: analystId, tenantId })) as Actor;
    const scope = { db, actor: analyst, now: new Date(), request: { id: "matrix-setup", ipAddress: null } };
    const scoreOf = (borrowerId: string) => calculateScore(scope, { borrowerId, purpose: "LOAN_UNDERWRITING", requestedAmount: "5000", requestedTenorDays: 30 });
    fixtures = {
      ownBorrowerId: own.borrower.id,
      otherBorrowerId: other.borrower.id,
      ownScoreId: (await scoreOf(own.borrower.id)).id,
      otherScoreId: (await scoreOf(other.borrower.id)).id,
      otherConsentId: other.consent.id,
      victimUserId: await createFixtureUser(db, tenantId, "ANALYST", `victim-${kind}@matrix.test`),
    };
  }, 180_000);

  afterAll(async () => {
    delete (globalThis as Record<symbol, unknown>)[databaseKey];
    delete (globalThis as Record<symbol, unknown>)[jobQueueKey];
    await jobQueue.stop({ graceful: true });
    await database.destroy();
  });

  it("lists exactly the schema's root fields", () => {
    const schema = createGraphQLSchema();
    const rootFields = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => `Query.${name}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `Mutation.${name}`),
    ].sort();
    expect(Object.keys(matrix).sort()).toEqual(rootFields);
  });

  it("answers every field but health with UNAUTHENTICATED when no credentials are sent", async () => {
    const answers: Record<string, string | undefined> = {};
    for (const [field, entry] of Object.entries(matrix)) answers[field] = codeOf((await post(entry.call(fixtures), {})).json);
    const expected = Object.fromEntries(Object.entries(matrix).map(([field, entry]) => [field, entry.allowed === "public" ? undefined : "UNAUTHENTICATED"]));
    expect(answers).toEqual(expected);
  });

  const callers = [...ALL.map((role) => ["session", role] as const), ...STAFF.map((role) => ["apiKey", role] as const)];

  /** Calls every field with `headers`: "allowed" or "FORBIDDEN" per field (anything else is named as unexpected). */
  async function answersWith(headers: Record<string, string>): Promise<Record<string, string>> {
    const answers: Record<string, string> = {};
    for (const [field, entry] of Object.entries(matrix)) {
      const { status, json } = await post(entry.call(fixtures), headers);
      const code = codeOf(json);
      // An allowed call may fail for its own reasons (NOT_FOUND, BAD_USER_INPUT, CONFLICT), never for access, the rate limit or a crash.
      answers[field] = code === "FORBIDDEN" ? "FORBIDDEN" : code === "UNAUTHENTICATED" || code === "RATE_LIMITED" || code === "INTERNAL_SERVER_ERROR" || status >= 500 ? `unexpected ${code ?? status}` : "allowed";
    }
    return answers;
  }
  const expectedFor = (allowed: (entry: MatrixEntry, field: string) => boolean): Record<string, string> =>
    Object.fromEntries(Object.entries(matrix).map(([field, entry]) => [field, allowed(entry, field) ? "allowed" : "FORBIDDEN"]));

  it.each(callers)("with a %s credential, role %s is refused (FORBIDDEN) exactly where the table says", async (credential, role) => {
    const answers = await answersWith(credential === "session" ? asSession(role) : asKey(role));
    expect(answers).toEqual(expectedFor((entry) => isAllowed(entry, role, credential)));
  });

  it.each(["READ", "WRITE"] as const)("an ANALYST key with only the %s scope is refused (FORBIDDEN) every root field of the other kind", async (scope) => {
    const answers = await answersWith({ authorization: `Bearer ${scopedKeys.get(scope) as string}` });
    const sideOf = (field: string) => (field.startsWith("Query.") ? "READ" : "WRITE");
    expect(answers).toEqual(expectedFor((entry, field) => entry.allowed === "public" || (isAllowed(entry, "ANALYST", "apiKey") && sideOf(field) === scope)));
  });

  describe("a BORROWER sees only their own", () => {
    const asBorrower = (operation: Operation) => post(operation, asSession("BORROWER"));

    it("me names their own borrower record", async () => {
      const { json } = await asBorrower({ query: "{ me { role borrowerId } }" });
      expect(json.data?.me).toEqual({ role: "BORROWER", borrowerId: fixtures.ownBorrowerId });
    });

    it("borrower, with its consents, scores, accounts and signal summary: their own, and null for another", async () => {
      const query = "query ($id: ID!) { borrower(id: $id) { id consents { id } creditScores { id } accounts { id } signalSummary { accounts { id } } } }";
      const own = await asBorrower({ query, variables: { id: fixtures.ownBorrowerId } });
      expect(own.json.errors).toBeUndefined();
      expect(own.json.data?.borrower).toMatchObject({ id: fixtures.ownBorrowerId, creditScores: [{ id: fixtures.ownScoreId }], });
      expect((own.json.data?.borrower as { signalSummary: { accounts: unknown[] } }).signalSummary.accounts.length).toBeGreaterThan(0);
      expect((own.json.data?.borrower as { consents: unknown[] }).consents.length).toBeGreaterThan(0);
      const other = await asBorrower({ query, variables: { id: fixtures.otherBorrowerId } });
      expect(other.json).toEqual({ data: { borrower: null } });
    });

    it("consents: their own, and an empty list for another borrower", async () => {
      const query = "query ($id: ID!) { consents(borrowerId: $id) { id borrowerId } }";
      const own = (await asBorrower({ query, variables: { id: fixtures.ownBorrowerId } })).json.data?.consents as { borrowerId: string }[];
      expect(own.length).toBeGreaterThan(0);
      expect(own.every((consent) => consent.borrowerId === fixtures.ownBorrowerId)).toBe(true);
      expect((await asBorrower({ query, variables: { id: fixtures.otherBorrowerId } })).json).toEqual({ data: { consents: [] } });
    });

    it("creditScore: their own, and null for another borrower's", async () => {
      const query = "query ($id: ID!) { creditScore(id: $id) { id borrower { id } } }";
      expect((await asBorrower({ query, variables: { id: fixtures.ownScoreId } })).json).toEqual({ data: { creditScore: { id: fixtures.ownScoreId, borrower: { id: fixtures.ownBorrowerId } } } });
      expect((await asBorrower({ query, variables: { id: fixtures.otherScoreId } })).json).toEqual({ data: { creditScore: null } });
    });

    it("creditScore.challenger: FORBIDDEN even on their own score (the shadow result is staff-only)", async () => {
      const { json } = await asBorrower({ query: "query ($id: ID!) { creditScore(id: $id) { id challenger { score } } }", variables: { id: fixtures.ownScoreId } });
      expect(codeOf(json)).toBe("FORBIDDEN");
      expect((await post({ query: "query ($id: ID!) { creditScore(id: $id) { challenger { score } } }", variables: { id: fixtures.ownScoreId } }, asSession("ANALYST"))).json).toEqual({ data: { creditScore: { challenger: null } } });
    });

    it("explainScore: their own, and NOT_FOUND for another borrower's", async () => {
      const query = "mutation ($id: ID!) { explainScore(scoreId: $id) { text } }";
      const own = await asBorrower({ query, variables: { id: fixtures.ownScoreId } });
      expect((own.json.data?.explainScore as { text: string }).text.length).toBeGreaterThan(0);
      const other = await asBorrower({ query, variables: { id: fixtures.otherScoreId } });
      expect(codeOf(other.json)).toBe("NOT_FOUND");
      expect(other.json.data ?? null).toBeNull();
    });

    it("grantConsent and revokeConsent: refused (NOT_FOUND) for another borrower, which keeps its consents as they were", async () => {
      const before = await database.db.consent.findMany({ where: { tenantId, borrowerId: fixtures.otherBorrowerId }, orderBy: { id: "asc" } });
      const grant = matrix["Mutation.grantConsent"].call({ ...fixtures, ownBorrowerId: fixtures.otherBorrowerId });
      expect(codeOf((await asBorrower(grant)).json)).toBe("NOT_FOUND");
      expect(codeOf((await asBorrower({ query: "mutation ($id: ID!) { revokeConsent(id: $id) { id } }", variables: { id: fixtures.otherConsentId } })).json)).toBe("NOT_FOUND");
      expect(await database.db.consent.findMany({ where: { tenantId, borrowerId: fixtures.otherBorrowerId }, orderBy: { id: "asc" } })).toEqual(before);
    });
  });
});
