// Tenant isolation over EVERY Query and Mutation field: a case per root field (a new field without a case
// fails the first test), each run as tenant B's API key and as B's signed-in administrator against tenant A's
// ids, asserting that no data of A comes back and that A's data is unchanged.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobQueue } from "@/core/jobs/job-queue";
import { insertJob } from "@/prisma/store/job";
import { createApiKey as insertApiKey, listApiKeys } from "@/prisma/store/api-key";
import { listAuditEvents } from "@/prisma/store/audit-event";
import { createBorrower, listBorrowers } from "@/prisma/store/borrower";
import { createConsent } from "@/prisma/store/consent";
import { ensureLinkedAccount } from "@/prisma/store/linked-account";
import { readDefaultModelArtifact, registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { contentHash } from "@/scoring/artifact/canonical-json";
import { insertChangeProposal } from "@/prisma/store/change-proposal";
import { insertLoanBookUpload } from "@/prisma/store/loan-book-upload";
import { createDraftPolicyVersion } from "@/prisma/store/policy-version";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { listFieldsWithoutAuth, readFieldAuth } from "./auth-directive";
import type { Caller } from "./context";
import { generateApiKeyToken } from "@/core/security/api-key-token";
import { hashNationalId, lastFourOfNationalId } from "@/core/security/national-id";
import { createGraphQLSchema } from "./schema";
import { authenticateApiKey } from "@/core/authenticate-api-key";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { recordProtectedAttributes } from "@/core/fairness/protected-attributes";
import { runPolicySimulation } from "@/core/policy-simulation/run-policy-simulation";
import { startPolicySimulation } from "@/core/policy-simulation/start-policy-simulation";
import { runAuditVerification, startAuditVerification } from "@/core/jobs/audit-verification";
import { startTestApi, type OperationResult, type TestApi } from "./testing/graphql-test-api";

process.env.MICROTRUST_ID_HASH_KEY ??= "test-id-hash-key";

interface TenantA {
  tenantId: string;
  borrowerId: string;
  apiKeyId: string;
  userId: string;
  accountId: string;
  consentId: string;
  creditScoreId: string;
  jobId: string;
  modelVersionId: string;
  draftPolicyId: string;
  proposalId: string;
  uploadId: string;
  simulationId: string;
  auditVerificationId: string;
  /** Every string that would betray A's data if it appeared in a response to B. */
  markers: string[];
}

interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

interface IsolationCase {
  operation(a: TenantA): Operation;
  /** Extra checks of what B got back (beyond "no marker of A"); `attempt` counts B's callers, API key first. */
  expectForB?(result: OperationResult, caller: Caller, attempt: number): void;
}

const nationalIdOfA = "A-NAT-98765432";
const notFoundForB = (result: OperationResult): void => expect(result.errors?.[0].extensions?.code).toBe("NOT_FOUND");
const emptyForB = (field: string) => (result: OperationResult): void => expect(result).toEqual({ data: { [field]: [] } });

const cases: Record<string, IsolationCase> = {
  "Query.health": { operation: () => ({ query: "{ health { status } }" }) },
  "Query.me": {
    operation: () => ({ query: "{ me { id kind role name email borrowerId scopes } }" }),
    expectForB: (result, caller) => expect(result.data?.me).toMatchObject({ id: caller.id }),
  },
  "Query.tenant": {
    operation: () => ({ query: "{ tenant { id slug name } }" }),
    expectForB: (result, caller) => expect(result.data?.tenant).toMatchObject({ id: caller.tenantId }),
  },
  "Query.borrower": {
    operation: (a) => ({ query: "query ($id: ID!) { borrower(id: $id) { id givenName } }", variables: { id: a.borrowerId } }),
    expectForB: (result) => expect(result).toEqual({ data: { borrower: null } }),
  },
  "Query.borrowers": {
    // A cursor that sorts before every id, so the page would start at A's borrower were it not scoped.
    operation: () => ({
      query: "query ($after: String) { borrowers(first: 100, after: $after) { edges { node { id externalId givenName } } } }",
      variables: { after: Buffer.from("0", "utf8").toString("base64url") },
    }),
  },
  "Query.apiKeys": { operation: () => ({ query: "{ apiKeys { id name prefix } }" }) },
  "Mutation.createBorrower": {
    // The same external id and national id as A's borrower: B must get its own borrower, not a CONFLICT
    // (which would reveal that A has this person).
    operation: () => ({
      query: "mutation ($input: CreateBorrowerInput!) { createBorrower(input: $input) { id externalId } }",
      variables: { input: { externalId: "A-EXT-1", nationalIdType: "HUDUMA", nationalId: nationalIdOfA, givenName: "Bea", familyName: "Otieno", phone: "+254700000002", dateOfBirth: "1991-02-03" } },
    }),
    expectForB: (result, _caller, attempt) => {
      // First call: created in B. Second: B's own borrower from the first call now conflicts.
      if (attempt === 0) expect(result.errors).toBeUndefined();
      else expect(result.errors?.[0].extensions).toEqual({ code: "CONFLICT", field: "nationalId" });
    },
  },
  "Mutation.createApiKey": {
    operation: () => ({ query: 'mutation { createApiKey(input: { name: "b-key", role: ANALYST, scopes: [READ] }) { apiKey { id } secret } }' }),
    expectForB: (result, caller) => {
      if (caller.kind === "API_KEY") expect(result.errors?.[0].extensions?.code).toBe("FORBIDDEN");
      else expect(result.errors).toBeUndefined();
    },
  },
  "Query.consents": {
    operation: (a) => ({ query: "query ($id: ID!) { consents(borrowerId: $id) { id statement } }", variables: { id: a.borrowerId } }),
    expectForB: emptyForB("consents"),
  },
  "Query.creditScore": {
    operation: (a) => ({ query: "query ($id: ID!) { creditScore(id: $id) { id score } }", variables: { id: a.creditScoreId } }),
    expectForB: (result) => expect(result).toEqual({ data: { creditScore: null } }),
  },
  "Query.applications": {
    operation: (a) => ({ query: "query ($b: ID) { applications(first: 100, filter: { borrowerId: $b }) { totalCount edges { node { id } } } }", variables: { b: a.borrowerId } }),
    expectForB: (result) => expect(result.data?.applications).toEqual({ totalCount: 0, edges: [] }),
  },
  "Query.auditTrail": {
    operation: (a) => ({ query: 'query ($id: ID!) { auditTrail(borrowerId: $id, from: "2020-01-01T00:00:00Z", to: "2029-12-31T00:00:00Z") { id action payload } }', variables: { id: a.borrowerId } }),
    expectForB: emptyForB("auditTrail"),
  },
  "Query.verifyAuditChain": { operation: () => ({ query: "{ verifyAuditChain { valid checkedEvents headHash checkpoint { seq signature } } }" }) },
  "Query.auditVerification": {
    operation: (a) => ({ query: "query ($id: ID) { auditVerification(id: $id) { id state result { headHash checkpoint { signature } } } }", variables: { id: a.auditVerificationId } }),
    expectForB: (result) => expect(result).toEqual({ data: { auditVerification: null } }),
  },
  "Mutation.startAuditVerification": { operation: () => ({ query: "mutation { startAuditVerification { id state total } }" }) },
  "Mutation.cancelAuditVerification": { operation: (a) => ({ query: "mutation ($id: ID!) { cancelAuditVerification(id: $id) { id state } }", variables: { id: a.auditVerificationId } }), expectForB: notFoundForB },
  "Query.jobs": { operation: () => ({ query: "{ jobs { id state startedBy input } }" }) },
  "Query.job": {
    operation: (a) => ({ query: "query ($id: ID!) { job(id: $id) { id state } }", variables: { id: a.jobId } }),
    expectForB: (result) => expect(result).toEqual({ data: { job: null } }),
  },
  "Mutation.startPortfolioRescore": {
    operation: () => ({ query: 'mutation { startPortfolioRescore(input: { purpose: MONITORING, defaultRequestedAmount: "1000", defaultRequestedTenorDays: 30 }) { id state total } }' }),
    expectForB: (result) => expect(result.data?.startPortfolioRescore).toMatchObject({ state: "QUEUED", total: null }),
  },
  "Mutation.cancelJob": { operation: (a) => ({ query: "mutation ($id: ID!) { cancelJob(id: $id) { id state } }", variables: { id: a.jobId } }), expectForB: notFoundForB },
  "Query.modelVersions": { operation: () => ({ query: "{ modelVersions { id artifactSha256 } }" }) },
  "Query.portfolioPerformance": {
    operation: () => ({ query: "{ portfolioPerformance { scored withOutcome byMonth { month scored } } }" }),
    expectForB: (result) => expect(result.data?.portfolioPerformance).toMatchObject({ scored: 0, byMonth: [] }),
  },
  "Query.policyVersions": { operation: () => ({ query: "{ policyVersions { id documentSha256 } }" }) },
  "Query.users": { operation: () => ({ query: "{ users { id email name } }" }) },
  "Mutation.linkAccount": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { linkAccount(input: { borrowerId: $id, type: BANK, provider: "Bank", externalReference: "b-ref", openedAt: "2020-01-01T00:00:00Z" }) { id } }', variables: { id: a.borrowerId } }),
    expectForB: notFoundForB,
  },
  "Mutation.ingestSignals": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { ingestSignals(input: { borrowerId: $id, events: [{ externalId: "b-ev", type: SIM_SWAP, occurredAt: "2026-01-01T00:00:00Z" }] }) { events { stored } } }', variables: { id: a.borrowerId } }),
    expectForB: notFoundForB,
  },
  "Mutation.grantConsent": {
    operation: (a) => ({
      query: 'mutation ($id: ID!) { grantConsent(input: { borrowerId: $id, purpose: LOAN_UNDERWRITING, dataCategories: [TRANSACTIONS], statement: "x", validFrom: "2026-01-01T00:00:00Z", expiresAt: "2030-01-01T00:00:00Z", dataLifeDays: 30 }) { id } }',
      variables: { id: a.borrowerId },
    }),
    expectForB: notFoundForB,
  },
  "Mutation.revokeConsent": {
    operation: (a) => ({ query: "mutation ($id: ID!) { revokeConsent(id: $id) { id revokedAt } }", variables: { id: a.consentId } }),
    expectForB: notFoundForB,
  },
  "Mutation.calculateScore": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { calculateScore(input: { borrowerId: $id, purpose: LOAN_UNDERWRITING, requestedAmount: "1000", requestedTenorDays: 30 }) { id } }', variables: { id: a.borrowerId } }),
    expectForB: notFoundForB,
  },
  "Mutation.quickScore": {
    // B has no model of its own: it must not be scored with A's.
    operation: () => ({ query: "mutation { quickScore(indicators: { billPaymentOnTimeShare: 0.9 }) { id modelVersion { id } } }" }),
    expectForB: (result) => expect(result.errors?.[0].extensions).toEqual({ code: "CONFLICT", field: "modelVersion" }),
  },
  "Mutation.replayScore": {
    operation: (a) => ({ query: "mutation ($id: ID!) { replayScore(scoreId: $id) { identical original } }", variables: { id: a.creditScoreId } }),
    expectForB: notFoundForB,
  },
  "Mutation.explainScore": {
    operation: (a) => ({ query: "mutation ($id: ID!) { explainScore(scoreId: $id) { text } }", variables: { id: a.creditScoreId } }),
    expectForB: notFoundForB,
  },
  "Mutation.recordCommitteeDecision": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { recordCommitteeDecision(input: { scoreId: $id, verdict: DECLINED, note: "n" }) { id } }', variables: { id: a.creditScoreId } }),
    expectForB: notFoundForB,
  },
  "Mutation.recordOutcome": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { recordOutcome(input: { scoreId: $id, status: PAID_OFF, maxDaysLate: 0, observedAt: "2026-01-01T00:00:00Z" }) { id } }', variables: { id: a.creditScoreId } }),
    expectForB: notFoundForB,
  },
  "Mutation.draftPolicy": {
    operation: () => ({ query: "mutation ($document: JSON!) { draftPolicy(input: { name: \"B policy\", document: $document }) { id status } }", variables: { document: DEFAULT_DECISION_POLICY } }),
    expectForB: (result) => expect(result.data?.draftPolicy).toMatchObject({ status: "DRAFT" }),
  },
  "Query.changeProposals": { operation: () => ({ query: "{ changeProposals { id subjectId subjectLabel note } }" }), expectForB: emptyForB("changeProposals") },
  // Four eyes need people: B's API key is refused before anything is read; B's user finds nothing of A's.
  "Mutation.proposeChange": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { proposeChange(input: { kind: PUBLISH_POLICY, subjectId: $id, note: "n" }) { id } }', variables: { id: a.draftPolicyId } }),
    expectForB: (result, _caller, attempt) => expect(result.errors?.[0].extensions?.code).toBe(attempt === 0 ? "FORBIDDEN" : "NOT_FOUND"),
  },
  "Mutation.approveChange": {
    operation: (a) => ({ query: "mutation ($id: ID!) { approveChange(input: { proposalId: $id }) { id } }", variables: { id: a.proposalId } }),
    expectForB: (result, _caller, attempt) => expect(result.errors?.[0].extensions?.code).toBe(attempt === 0 ? "FORBIDDEN" : "NOT_FOUND"),
  },
  "Mutation.rejectChange": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { rejectChange(input: { proposalId: $id, note: "n" }) { id } }', variables: { id: a.proposalId } }),
    expectForB: (result, _caller, attempt) => expect(result.errors?.[0].extensions?.code).toBe(attempt === 0 ? "FORBIDDEN" : "NOT_FOUND"),
  },
  "Mutation.createUser": {
    operation: () => ({ query: 'mutation { createUser(input: { email: "new-officer@tenant-b.test", name: "New", role: ANALYST, password: "a long enough password" }) { id email } }' }),
    expectForB: (result, _caller, attempt) => {
      if (attempt === 0) expect(result.errors).toBeUndefined();
      else expect(result.errors?.[0].extensions).toEqual({ code: "CONFLICT", field: "email" });
    },
  },
  "Mutation.setUserRole": {
    operation: (a) => ({ query: "mutation ($id: ID!) { setUserRole(id: $id, role: AUDITOR) { id role } }", variables: { id: a.userId } }),
    expectForB: notFoundForB,
  },
  "Mutation.disableUser": {
    operation: (a) => ({ query: "mutation ($id: ID!) { disableUser(id: $id) { id disabled } }", variables: { id: a.userId } }),
    expectForB: notFoundForB,
  },
  "Query.policySimulation": {
    operation: (a) => ({ query: "query ($id: ID!) { policySimulation(id: $id) { id policyVersionId } }", variables: { id: a.simulationId } }),
    expectForB: (result) => expect(result).toEqual({ data: { policySimulation: null } }),
  },
  "Query.policySimulations": { operation: () => ({ query: "{ policySimulations { id policyVersionId } }" }), expectForB: emptyForB("policySimulations") },
  "Query.comparePolicySimulations": {
    operation: (a) => ({ query: "query ($id: ID!) { comparePolicySimulations(first: $id, second: $id) { draftDifference { figure difference } } }", variables: { id: a.simulationId } }),
    expectForB: notFoundForB,
  },
  "Mutation.startPolicySimulation": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { startPolicySimulation(input: { policyVersionId: $id, from: "2026-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z" }) { id } }', variables: { id: a.draftPolicyId } }),
    expectForB: (result) => expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.policyVersionId" }),
  },
  "Query.protectedAttributes": { operation: () => ({ query: "{ protectedAttributes { attribute borrowers } }" }), expectForB: emptyForB("protectedAttributes") },
  "Query.fairnessReport": {
    // B has no policy of its own: A's applications and attributes are never read for it.
    operation: () => ({ query: 'query { fairnessReport(attribute: "REGION", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z") { groups { group applications } } }' }),
    expectForB: (result) => expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT"),
  },
  "Mutation.recordProtectedAttributes": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { recordProtectedAttributes(entries: [{ borrowerId: $id, attribute: "REGION", value: "B overwrite" }]) }', variables: { id: a.borrowerId } }),
    expectForB: (result) => expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "entries.0.borrowerId" }),
  },
  "Mutation.revokeApiKey": {
    operation: (a) => ({ query: "mutation ($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }", variables: { id: a.apiKeyId } }),
    expectForB: (result) => expect(result.errors?.[0].extensions?.code).toBe("NOT_FOUND"),
  },
  "Query.auditTimeline": {
    operation: () => ({ query: '{ auditTimeline(filter: { from: "2020-01-01T00:00:00Z", to: "2029-12-31T00:00:00Z" }, first: 50) { totalCount events { action payload } actors { name } } }' }),
    expectForB: (result) => expect(result.errors).toBeUndefined(),
  },
  "Query.borrowerRequests": {
    operation: (a) => ({ query: "query ($id: ID!) { borrowerRequests(borrowerId: $id) { id statement } }", variables: { id: a.borrowerId } }),
    expectForB: emptyForB("borrowerRequests"),
  },
  "Mutation.requestHumanReview": {
    operation: (a) => ({ query: 'mutation ($id: ID!) { requestHumanReview(input: { scoreId: $id, statement: "Please look at this decision again." }) { id } }', variables: { id: a.creditScoreId } }),
    expectForB: notFoundForB,
  },
  "Mutation.requestErasure": {
    operation: (a) => ({ query: "mutation ($id: ID!) { requestErasure(input: { borrowerId: $id }) { id } }", variables: { id: a.borrowerId } }),
    expectForB: notFoundForB,
  },
  "Query.modelVersion": {
    operation: (a) => ({ query: "query ($id: ID!) { modelVersion(id: $id) { id name } }", variables: { id: a.modelVersionId } }),
    expectForB: (result) => expect(result).toEqual({ data: { modelVersion: null } }),
  },
  "Query.modelChallenger": { operation: () => ({ query: "{ modelChallenger { setBy } }" }), expectForB: (result) => expect(result).toEqual({ data: { modelChallenger: null } }) },
  "Query.modelComparison": {
    operation: (a) => ({ query: "query ($id: ID!) { modelComparison(id: $id) { id } }", variables: { id: a.jobId } }),
    expectForB: (result) => expect(result).toEqual({ data: { modelComparison: null } }),
  },
  "Query.modelComparisons": { operation: () => ({ query: "{ modelComparisons { id } }" }), expectForB: emptyForB("modelComparisons") },
  "Query.modelCard": { operation: (a) => ({ query: "query ($id: ID!) { modelCard(id: $id) { title } }", variables: { id: a.modelVersionId } }), expectForB: notFoundForB },
  "Mutation.setChallenger": { operation: (a) => ({ query: "mutation ($id: ID!) { setChallenger(modelVersionId: $id) { setBy } }", variables: { id: a.modelVersionId } }), expectForB: notFoundForB },
  "Mutation.registerModelVersion": {
    // B registers its own DRAFT (the same artifact A runs is no conflict in B's tenant).
    operation: () => ({ query: "mutation ($artifact: JSON!) { registerModelVersion(input: { name: \"b-model\", version: \"1\", artifact: $artifact }) { id status } }", variables: { artifact: readDefaultModelArtifact().artifact } }),
    expectForB: (result, _caller, attempt) => {
      if (attempt === 0) expect(result.data?.registerModelVersion).toMatchObject({ status: "DRAFT" });
      else expect(result.errors?.[0].extensions?.code).toBe("CONFLICT");
    },
  },
  "Mutation.clearChallenger": { operation: () => ({ query: "mutation { clearChallenger }" }), expectForB: (result) => expect(result).toEqual({ data: { clearChallenger: false } }) },
  // B uploads and trains on its own: A's uploaded files are not B's to import.
  "Mutation.uploadLoanBookFile": {
    operation: () => ({ query: 'mutation { uploadLoanBookFile(input: { category: "borrowers", fileName: "b.jsonl", content: "" }) { id fileName } }' }),
    expectForB: (result) => expect(result.errors === undefined || result.errors[0].extensions?.code === "BAD_USER_INPUT").toBe(true),
  },
  "Mutation.importLoanBook": {
    operation: (a) => ({ query: "mutation ($id: ID!) { importLoanBook(input: { uploadIds: [$id] }) { id } }", variables: { id: a.uploadId } }),
    expectForB: (result) => expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "uploadIds" }),
  },
  "Mutation.trainModel": {
    operation: () => ({ query: 'mutation { trainModel(input: { name: "b-model", useLoanBook: true, useScorings: true }) { id } }' }),
    expectForB: (result) => expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT"),
  },
  "Mutation.startModelComparison": {
    operation: (a) => ({ query: "mutation ($id: ID!) { startModelComparison(input: { challengerModelVersionId: $id }) { id } }", variables: { id: a.modelVersionId } }),
    expectForB: notFoundForB,
  },
};

const schema = createGraphQLSchema();
const rootFields = [
  ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => `Query.${name}`),
  ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `Mutation.${name}`),
].sort();

describe.each([testDatabaseKinds().at(-1) ?? "pglite"])("tenant isolation on %s", (kind) => {
  let database: TestDatabase;
  let api: TestApi;
  let jobQueue: JobQueue;
  let a: TenantA;
  const callersOfB: Caller[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { db } = database;
    jobQueue = new JobQueue(database, undefined, { supervise: false });
    api = await startTestApi(db, { jobQueue });
    const tenantA = await ensureTenant(db, { slug: "tenant-a-marker", name: "Tenant A Marker MFI" });
    const borrowerA = await createBorrower(db, tenantA.id, {
      externalId: "A-EXT-1",
      nationalIdType: "HUDUMA",
      nationalIdHash: hashNationalId(process.env.MICROTRUST_ID_HASH_KEY as string, "HUDUMA", nationalIdOfA),
      nationalIdLast4: lastFourOfNationalId(nationalIdOfA),
      givenName: "Alicemarker",
      familyName: "Zawadimarker",
      phone: "+254799999999",
      dateOfBirth: new Date("1985-05-05T00:00:00Z"),
    });
    const userA = await createUser(db, tenantA.id, { email: "admin@tenant-a-marker.test", name: "A Admin Marker", role: "ADMIN", passwordHash: "x" });
    const tokenA = generateApiKeyToken();
    const keyA = await insertApiKey(db, tenantA.id, { name: "A key marker", prefix: tokenA.prefix, secretHash: tokenA.secretHash, role: "ADMIN", scopes: ["READ", "WRITE"], createdByUserId: userA.id });
    const scoringA = await registerDefaultScoring(db, tenantA.id);
    const accountA = await ensureLinkedAccount(db, tenantA.id, { borrowerId: borrowerA.id, type: "MOBILE_MONEY", provider: "A Wallet Marker", externalReference: "a-wallet-marker", openedAt: new Date("2024-01-01T00:00:00Z"), verified: true });
    const consentA = await createConsent(db, tenantA.id, { borrowerId: borrowerA.id, purpose: "LOAN_UNDERWRITING", dataCategories: ["TRANSACTIONS", "IDENTITY"], statement: "A consent statement marker", validFrom: new Date("2026-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z"), dataLifeDays: 365, grantedAt: new Date("2026-01-01T00:00:00Z") });
    const adminOfA = await resolveSessionCaller(db, { userId: userA.id, tenantId: tenantA.id });
    const scored = await api.execute(adminOfA, 'mutation ($id: ID!) { calculateScore(input: { borrowerId: $id, purpose: LOAN_UNDERWRITING, requestedAmount: "5000", requestedTenorDays: 60 }) { id } }', { id: borrowerA.id });
    const creditScoreId = (scored.data?.calculateScore as { id: string } | undefined)?.id;
    if (!creditScoreId) throw new Error(`A's scoring failed: ${JSON.stringify(scored.errors)}`);
    const jobA = await insertJob(db, tenantA.id, { id: randomUUID(), kind: "PORTFOLIO_RESCORE", idempotencyKey: "a-job-marker", input: { format: 1 }, startedByKind: "USER", startedById: userA.id, startedByName: "A Admin Marker", createdAt: new Date() });
    const draftA = await db.$transaction((tx) => createDraftPolicyVersion(tx, tenantA.id, { name: "A draft marker", document: DEFAULT_DECISION_POLICY as object, documentSha256: contentHash(DEFAULT_DECISION_POLICY) }));
    const proposalA = await db.$transaction((tx) =>
      insertChangeProposal(tx, tenantA.id, { kind: "PUBLISH_POLICY", subjectId: draftA.id, evidenceJobId: null, note: "A proposal note marker", proposedById: userA.id, proposedByName: "A Admin Marker", proposedAt: new Date() }),
    );
    const actorOfA = adminOfA as Caller;
    const scopeOfA = { db, actor: actorOfA, now: new Date(), request: { id: "isolation", ipAddress: null } };
    const simulationA = await startPolicySimulation(scopeOfA, { policyVersionId: draftA.id, from: new Date("2026-01-01T00:00:00Z"), to: new Date("2028-01-01T00:00:00Z") }, jobQueue);
    await runPolicySimulation(database, { tenantId: tenantA.id, jobId: simulationA.id }, new Date());
    await recordProtectedAttributes(scopeOfA, [{ borrowerId: borrowerA.id, attribute: "REGION", value: "A-region-marker" }]);
    const verificationA = await startAuditVerification(scopeOfA, { idempotencyKey: "a-verification-marker" }, jobQueue);
    await runAuditVerification(database, { tenantId: tenantA.id, jobId: verificationA.job.id }, new Date());
    const uploadA = await insertLoanBookUpload(db, tenantA.id, { category: "borrowers", fileName: "a-book-marker.jsonl", content: "{}\n", sha256: "a".repeat(64), sizeBytes: 3, uploadedBy: userA.id, createdAt: new Date() });
    a = {
      uploadId: uploadA.id,
      simulationId: simulationA.id,
      auditVerificationId: verificationA.job.id,
      jobId: jobA.id,
      modelVersionId: scoringA.model.id,
      draftPolicyId: draftA.id,
      proposalId: proposalA.id,
      tenantId: tenantA.id,
      borrowerId: borrowerA.id,
      apiKeyId: keyA.id,
      userId: userA.id,
      accountId: accountA.id,
      consentId: consentA.id,
      creditScoreId,
      markers: [
        tenantA.id, tenantA.slug, tenantA.name, borrowerA.id, "Alicemarker", "Zawadimarker", "+254799999999", userA.id, userA.email, "A Admin Marker", keyA.id, keyA.prefix, "A key marker",
        accountA.id, "A Wallet Marker", jobA.id, "a-job-marker", consentA.id, "A consent statement marker", creditScoreId, scoringA.model.id, scoringA.policy.id,
        draftA.id, "A draft marker", proposalA.id, "A proposal note marker", uploadA.id, "a-book-marker.jsonl", simulationA.id, "A-region-marker", verificationA.job.id,
      ],
    };

    const tenantB = await ensureTenant(db, { slug: "tenant-b", name: "Tenant B" });
    const adminB = await createUser(db, tenantB.id, { email: "admin@tenant-b.test", name: "B Admin", role: "ADMIN", passwordHash: "x" });
    const tokenB = generateApiKeyToken();
    await insertApiKey(db, tenantB.id, { name: "B key", prefix: tokenB.prefix, secretHash: tokenB.secretHash, role: "ADMIN", scopes: ["READ", "WRITE"], createdByUserId: adminB.id });
    callersOfB.push(await authenticateApiKey(db, `Bearer ${tokenB.token}`, new Date()));
    const sessionCaller = await resolveSessionCaller(db, { userId: adminB.id, tenantId: tenantB.id });
    if (!sessionCaller) throw new Error("B's admin did not resolve");
    callersOfB.push(sessionCaller);
  });

  afterAll(async () => {
    await api.stop();
    await jobQueue.stop({ graceful: true });
    await database.destroy();
  });

  async function snapshotTenantA(): Promise<string> {
    const { db } = database;
    return JSON.stringify({
      borrowers: await listBorrowers(db, a.tenantId, { first: 1000 }),
      apiKeys: await listApiKeys(db, a.tenantId),
      audit: await listAuditEvents(db, a.tenantId, { first: 1000 }),
      users: await db.user.findMany({ where: { tenantId: a.tenantId }, orderBy: { id: "asc" } }),
      accounts: await db.linkedAccount.findMany({ where: { tenantId: a.tenantId }, orderBy: { id: "asc" } }),
      consents: await db.consent.findMany({ where: { tenantId: a.tenantId }, orderBy: { id: "asc" } }),
      scores: await db.creditScore.findMany({ where: { tenantId: a.tenantId }, orderBy: { id: "asc" }, select: { id: true, recordHash: true } }),
      decisions: await db.committeeDecision.count({ where: { tenantId: a.tenantId } }),
      outcomes: await db.outcome.count({ where: { tenantId: a.tenantId } }),
      narratives: await db.creditScoreNarrative.count({ where: { tenantId: a.tenantId } }),
      policies: await db.policyVersion.findMany({ where: { tenantId: a.tenantId }, orderBy: { id: "asc" }, select: { id: true, status: true } }),
      proposals: await db.changeProposal.findMany({ where: { tenantId: a.tenantId }, orderBy: { id: "asc" } }),
      signals: await db.behaviouralEvent.count({ where: { tenantId: a.tenantId } }),
      jobs: await db.job.findMany({ where: { tenantId: a.tenantId }, orderBy: { id: "asc" }, select: { id: true, state: true } }),
      protectedAttributes: await db.protectedAttribute.findMany({ where: { tenantId: a.tenantId }, orderBy: [{ borrowerId: "asc" }, { attribute: "asc" }] }),
    });
  }

  it("has an isolation case for every Query and Mutation field, and every field declares its access", () => {
    expect(Object.keys(cases).sort()).toEqual(rootFields);
    expect(listFieldsWithoutAuth(schema)).toEqual([]);
  });

  it.each(rootFields)("%s returns and changes no data of tenant A for tenant B's API key or user", async (field) => {
    const isolationCase = cases[field];
    for (const [attempt, caller] of callersOfB.entries()) {
      const before = await snapshotTenantA();
      const { query, variables } = isolationCase.operation(a);
      const result = await api.execute(caller, query, variables);
      const body = JSON.stringify(result);
      for (const marker of a.markers) expect(body, `${field} as ${caller.kind} leaked "${marker}"`).not.toContain(marker);
      isolationCase.expectForB?.(result, caller, attempt);
      expect(await snapshotTenantA(), `${field} as ${caller.kind} changed tenant A`).toBe(before);
    }
  });

  it.each(rootFields)("%s without credentials answers UNAUTHENTICATED unless it is @public", async (field) => {
    const [typeName, fieldName] = field.split(".");
    const definition = (typeName === "Query" ? schema.getQueryType() : schema.getMutationType())?.getFields()[fieldName];
    const { query, variables } = cases[field].operation(a);
    const result = await api.execute(null, query, variables);
    if (readFieldAuth(schema, definition ?? {})?.kind === "public") {
      expect(result.errors).toBeUndefined();
    } else {
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
      expect(Object.values(result.data ?? {}).every((value) => value === null)).toBe(true);
    }
  });

  it("refuses a revoked API key, and one whose secret does not match", async () => {
    const { db } = database;
    const tokenA = generateApiKeyToken();
    const key = await insertApiKey(db, a.tenantId, { name: "soon revoked", prefix: tokenA.prefix, secretHash: tokenA.secretHash, role: "ANALYST", scopes: ["READ"], createdByUserId: null });
    const caller = await authenticateApiKey(db, `Bearer ${tokenA.token}`, new Date());
    expect(caller).toMatchObject({ kind: "API_KEY", tenantId: a.tenantId, role: "ANALYST", scopes: ["READ"] });
    const adminOfA = await resolveSessionCaller(db, { userId: (await db.user.findFirstOrThrow({ where: { tenantId: a.tenantId, role: "ADMIN" } })).id, tenantId: a.tenantId });
    const revoked = await api.execute(adminOfA, "mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }", { id: key.id });
    expect(revoked.errors).toBeUndefined();
    await expect(authenticateApiKey(db, `Bearer ${tokenA.token}`, new Date())).rejects.toMatchObject({ message: "This API key has been revoked.", code: "UNAUTHENTICATED" });
    const forged = tokenA.token.slice(0, -4) + (tokenA.token.endsWith("AAAA") ? "BBBB" : "AAAA");
    await expect(authenticateApiKey(db, `Bearer ${forged}`, new Date())).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(authenticateApiKey(db, "Basic dXNlcjpwYXNz", new Date())).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("lets a role or key scope call only what its field allows", async () => {
    const { db } = database;
    const analyst = await createUser(db, a.tenantId, { email: "analyst@tenant-a-marker.test", name: "Analyst", role: "ANALYST", passwordHash: "x" });
    const analystCaller = await resolveSessionCaller(db, { userId: analyst.id, tenantId: a.tenantId });
    const keysAsAnalyst = await api.execute(analystCaller, "{ apiKeys { id } }");
    expect(keysAsAnalyst.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const token = generateApiKeyToken();
    await insertApiKey(db, a.tenantId, { name: "read only", prefix: token.prefix, secretHash: token.secretHash, role: "ANALYST", scopes: ["READ"], createdByUserId: null });
    const readOnly = await authenticateApiKey(db, `Bearer ${token.token}`, new Date());
    const write = await api.execute(readOnly, cases["Mutation.createBorrower"].operation(a).query, { input: { externalId: "X", nationalIdType: "NIN", nationalId: "12345678901", givenName: "X", familyName: "Y", phone: "+2348012345678", dateOfBirth: "1990-01-01" } });
    expect(write.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await api.execute(readOnly, "{ borrowers(first: 5) { edges { node { id } } } }")).errors).toBeUndefined();
  });

  it("shows a BORROWER user their own record only", async () => {
    const { db } = database;
    const own = await createBorrower(db, a.tenantId, { externalId: "A-OWN", nationalIdType: "NIN", nationalIdHash: "f".repeat(64), nationalIdLast4: "0001", givenName: "Own", familyName: "Record", phone: "+2348000000001", dateOfBirth: new Date("1999-09-09T00:00:00Z") });
    const user = await createUser(db, a.tenantId, { email: "own@tenant-a-marker.test", name: "Own", role: "BORROWER", passwordHash: "x", borrowerId: own.id });
    const caller = await resolveSessionCaller(db, { userId: user.id, tenantId: a.tenantId });
    const query = "query ($id: ID!) { borrower(id: $id) { id } }";
    expect((await api.execute(caller, query, { id: own.id })).data).toEqual({ borrower: { id: own.id } });
    expect((await api.execute(caller, query, { id: a.borrowerId })).data).toEqual({ borrower: null });
    expect((await api.execute(caller, "{ borrowers(first: 5) { edges { node { id } } } }")).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
