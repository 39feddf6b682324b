// Issue 14 (mutation testing of the core): calculateScore through its public function, each check of the
// request at its boundary with the clock passed in (`now`), the consent gate's refusal and its audit event,
// the tenant's missing model or policy, and what a scoring records and audits. The time rules of a consent in
// force are in consent-boundaries.int.test.ts. On PGlite and, when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BorrowerRecord } from "@/prisma/store/borrower";
import { ensureTenant } from "@/prisma/store/tenant";
import { activateModelVersion } from "@/prisma/store/model-version";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent, shiftedDefaultArtifact } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import type { Actor, UseCaseScope } from "./actor";
import { authenticateApiKey } from "./authenticate-api-key";
import { calculateScore } from "./calculate-score";
import { createApiKey } from "./create-api-key";
import { setChallenger } from "./model-lifecycle/manage-challenger";
import { resolveSessionCaller } from "./resolve-session-caller";
import { expectDomainError } from "./testing/expect-domain-error";

const DAY = 86_400_000;
const now = new Date("2026-06-01T12:00:00.000Z");
const at = (offsetMs: number, from: Date = now): Date => new Date(from.getTime() + offsetMs);
const longAgo = new Date("2020-01-01T00:00:00.000Z");
const farAhead = new Date("2030-01-01T00:00:00.000Z");

describe.each(testDatabaseKinds())("calculateScore on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let analyst: Actor;
  let consented: BorrowerRecord;
  const scope = (actor: Actor = analyst, instant: Date = now): UseCaseScope => ({ db: database.db, actor, now: instant, request: { id: "calculate-score-cases", ipAddress: "203.0.113.7" } });
  const request = (borrowerId: string, extra: { requestedAmount?: string; requestedTenorDays?: number; asOf?: Date | null } = {}) => ({ borrowerId, purpose: "LOAN_UNDERWRITING" as const, requestedAmount: "10000", requestedTenorDays: 30, ...extra });
  const scoreCount = () => database.db.creditScore.count({ where: { tenantId } });
  const actorIn = async (tenant: string, label: string) => (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenant, "ANALYST", `${label}-${kind}@calculate.test`), tenantId: tenant })) as Actor;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `calculate-${kind}`));
    analyst = await actorIn(tenantId, "analyst");
    consented = await createBareBorrower(database.db, tenantId, `calculate-${kind}`);
    await grantFixtureConsent(database.db, tenantId, consented.id, { validFrom: longAgo, expiresAt: farAhead });
  }, 120_000);
  afterAll(async () => database.destroy());

  it("refuses a requested amount that is not positive with at most 4 decimals, writing nothing", async () => {
    const before = await scoreCount();
    for (const requestedAmount of ["0", "0.0000", "-5", "1.23456", "1234567890123456", "12a", " "]) {
      await expectDomainError(calculateScore(scope(), request(consented.id, { requestedAmount })), "BAD_USER_INPUT", "requestedAmount", "requestedAmount: a positive amount with at most 4 decimals");
    }
    expect(await scoreCount()).toBe(before);
  });

  it("refuses a tenor outside 1–3650 whole days, and an asOf after now", async () => {
    for (const requestedTenorDays of [0, 3651, 1.5]) {
      await expectDomainError(calculateScore(scope(), request(consented.id, { requestedTenorDays })), "BAD_USER_INPUT", "requestedTenorDays", "requestedTenorDays: a whole number of days from 1 to 3650.");
    }
    await expectDomainError(calculateScore(scope(), request(consented.id, { asOf: at(1) })), "BAD_USER_INPUT", "asOf", "asOf: cannot be in the future.");
  });

  it("takes tenors of 1 and 3650 days, a trimmed amount normalised, asOf now when none is given", async () => {
    const shortest = await calculateScore(scope(), request(consented.id, { requestedTenorDays: 1, requestedAmount: " 2500.5000 ", asOf: null }));
    expect(shortest).toMatchObject({ requestedTenorDays: 1, asOf: now, scoredAt: now });
    expect(shortest.requestedAmount.toString()).toBe("2500.5");
    expect(shortest.tenorDays).toBeLessThanOrEqual(1);
    const longest = await calculateScore(scope(), request(consented.id, { requestedTenorDays: 3650, asOf: now }));
    expect(longest.requestedTenorDays).toBe(3650);
  });

  it("records who scored, under which consent, model and policy, and audits the scoring with its hash", async () => {
    const score = await calculateScore(scope(), request(consented.id, { asOf: at(-DAY) }));
    const consent = await database.db.consent.findFirstOrThrow({ where: { tenantId, borrowerId: consented.id } });
    const [model, policy] = await Promise.all([
      database.db.modelVersion.findFirstOrThrow({ where: { tenantId, status: "ACTIVE" } }),
      database.db.policyVersion.findFirstOrThrow({ where: { tenantId, status: "ACTIVE" } }),
    ]);
    expect(score).toMatchObject({
      borrowerId: consented.id,
      modelVersionId: model.id,
      policyVersionId: policy.id,
      policySha256: policy.documentSha256,
      purpose: "LOAN_UNDERWRITING",
      consentIds: [consent.id],
      callerKind: analyst.kind,
      callerId: analyst.id,
      callerRole: "ANALYST",
      requestId: "calculate-score-cases",
      ipAddress: "203.0.113.7",
      apiKeyHash: null,
      asOf: at(-DAY),
      scoredAt: now,
      challengerModelVersionId: null,
    });
    expect(score.score).toBe(Math.round(score.scoreExact));
    const result = score.result as { decision: { fraudFlags: unknown[]; humanReviewFlags: unknown[]; recommendation: string; riskLevel: string; tenorDays: number }; score: { riskBucket: { name: string }; confidence: number; probabilityOfDefault: number } };
    expect(score).toMatchObject({
      recommendation: result.decision.recommendation,
      riskLevel: result.decision.riskLevel,
      tenorDays: result.decision.tenorDays,
      riskBucket: result.score.riskBucket.name,
      confidence: result.score.confidence,
      probabilityOfDefault: result.score.probabilityOfDefault,
      flagged: result.decision.fraudFlags.length > 0 || result.decision.humanReviewFlags.length > 0,
    });
    expect(score.inputs).toMatchObject({
      categories: ["IDENTITY", "TRANSACTIONS"],
      readUnder: { IDENTITY: consent.id, TRANSACTIONS: consent.id },
      windows: { IDENTITY: { after: at(-3650 * DAY).toISOString(), before: at(-DAY).toISOString() }, TRANSACTIONS: { after: at(-3650 * DAY).toISOString(), before: at(-DAY).toISOString() } },
      accountIds: [],
      rows: { transactions: 0, bills: 0, loanInstalments: 0, events: 0, bureau: 0 },
    });
    const events = await database.db.auditEvent.findMany({ where: { tenantId, entityId: score.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "creditScore.calculated", entityType: "CreditScore", borrowerId: consented.id, actorId: analyst.id, requestId: "calculate-score-cases" });
    expect(events[0].payload).toMatchObject({
      recordHash: score.recordHash,
      purpose: "LOAN_UNDERWRITING",
      consentIds: [consent.id],
      modelVersionId: model.id,
      policySha256: policy.documentSha256,
      score: score.score,
      recommendation: score.recommendation,
      recommendedLimit: score.recommendedLimit.toString(),
    });
    expect(events[0].payload).not.toHaveProperty("challengerModelVersionId");
  });

  it("counts the borrower's applications of the 30 days before asOf: one exactly 30 days before counts, one a millisecond earlier does not", async () => {
    const borrower = await createBareBorrower(database.db, tenantId, `applications-${kind}`);
    await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: longAgo, expiresAt: farAhead });
    for (const asOf of [at(-30 * DAY - 1), at(-30 * DAY), at(-1)]) await calculateScore(scope(), request(borrower.id, { asOf }));
    const score = await calculateScore(scope(), request(borrower.id, { asOf: now }));
    expect((score.inputs as { borrowerContext: { applicationsLast30Days: number } }).borrowerContext.applicationsLast30Days).toBe(2);
  });

  it("records the API key a partner scored with (its hash), and no key for a user", async () => {
    const admin = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "ADMIN", `admin-${kind}@calculate.test`), tenantId })) as Actor;
    const { apiKey, secret } = await createApiKey(scope(admin), { name: "partner", role: "ANALYST", scopes: ["READ", "WRITE"] });
    const partner = await authenticateApiKey(database.db, `Bearer ${secret}`, now);
    const byKey = await calculateScore(scope(partner), request(consented.id));
    expect(byKey).toMatchObject({ callerKind: "API_KEY", callerId: apiKey.id, apiKeyHash: apiKey.secretHash });
    expect((await calculateScore(scope(), request(consented.id))).apiKeyHash).toBeNull();
  });

  it("reads each category under the consent allowing the longest data life, and names only the consents it reads under", async () => {
    const borrower = await createBareBorrower(database.db, tenantId, `coverage-${kind}`);
    const short = await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: longAgo, expiresAt: farAhead, dataLifeDays: 30, dataCategories: ["IDENTITY", "BILLS"] });
    const long = await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: at(-DAY), expiresAt: farAhead, dataLifeDays: 400, dataCategories: ["IDENTITY"] });
    const covered = await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: at(-DAY), expiresAt: farAhead, dataLifeDays: 30, dataCategories: ["IDENTITY"] });
    await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: longAgo, expiresAt: farAhead, purpose: "MONITORING", dataCategories: ["TRANSACTIONS"] });
    const score = await calculateScore(scope(), request(borrower.id));
    expect(score.consentIds).toEqual([long.id, short.id].sort());
    expect(score.consentIds).not.toContain(covered.id);
    expect(score.inputs).toMatchObject({
      categories: ["BILLS", "IDENTITY"],
      readUnder: { BILLS: short.id, IDENTITY: long.id },
      windows: { BILLS: { after: at(-30 * DAY).toISOString(), before: now.toISOString() }, IDENTITY: { after: at(-400 * DAY).toISOString(), before: now.toISOString() } },
    });
  });

  it("refuses a borrower without a consent in force for the purpose with CONSENT_REQUIRED, audited, and writes no score", async () => {
    const borrower = await createBareBorrower(database.db, tenantId, `no-consent-${kind}`);
    await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: longAgo, expiresAt: farAhead, purpose: "MONITORING" });
    const before = await scoreCount();
    await expectDomainError(calculateScore(scope(), request(borrower.id, { asOf: at(-DAY) })), "CONSENT_REQUIRED", undefined, "No consent for LOAN_UNDERWRITING is in force");
    expect(await scoreCount()).toBe(before);
    const events = await database.db.auditEvent.findMany({ where: { tenantId, entityId: borrower.id, action: "creditScore.refused" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ entityType: "Borrower", borrowerId: borrower.id, actorId: analyst.id, payload: { reason: "CONSENT_REQUIRED", purpose: "LOAN_UNDERWRITING", asOf: at(-DAY).toISOString(), callerRole: "ANALYST" } });
  });

  it("refuses an unknown or another tenant's borrower (NOT_FOUND), and a tenant without an active model or policy (CONFLICT)", async () => {
    await expectDomainError(calculateScore(scope(), request("no-such-borrower")), "NOT_FOUND", undefined, "No borrower with this id.");
    const bare = await ensureTenant(database.db, { slug: `calculate-bare-${kind}`, name: "Bare MFI" });
    const bareAnalyst = await actorIn(bare.id, "bare-analyst");
    await expectDomainError(calculateScore(scope(bareAnalyst), request(consented.id)), "NOT_FOUND", undefined, "No borrower with this id.");
    const borrower = await createBareBorrower(database.db, bare.id, `bare-${kind}`);
    await grantFixtureConsent(database.db, bare.id, borrower.id, { validFrom: longAgo, expiresAt: farAhead });
    await expectDomainError(calculateScore(scope(bareAnalyst), request(borrower.id)), "CONFLICT", "modelVersion", "The tenant has no active model version.");
    await registerDefaultScoring(database.db, bare.id);
    await database.db.policyVersion.updateMany({ where: { tenantId: bare.id }, data: { status: "RETIRED" } });
    await expectDomainError(calculateScore(scope(bareAnalyst), request(borrower.id)), "CONFLICT", "policyVersion", "The tenant has no active decision policy.");
    expect(await database.db.creditScore.count({ where: { tenantId: bare.id } })).toBe(0);
  });

  it("flags a scoring exactly when its decision has a fraud or human-review flag", async () => {
    const asOf = new Date("2026-05-01T00:00:00.000Z");
    const borrowers = await seedScoringPopulation(database.db, tenantId, `flags-${kind}`, { borrowers: 6, signalsPerBorrower: 300, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: farAhead });
    const flagged: boolean[] = [];
    for (const borrower of borrowers) {
      const score = await calculateScore(scope(), { ...request(borrower.id, { requestedAmount: "20000", requestedTenorDays: 90 }), asOf });
      const { decision } = score.result as { decision: { fraudFlags: unknown[]; humanReviewFlags: unknown[] } };
      expect(score.flagged).toBe(decision.fraudFlags.length > 0 || decision.humanReviewFlags.length > 0);
      flagged.push(score.flagged);
    }
    // The fixed population has both kinds of scoring.
    expect(flagged).toContain(true);
    expect(flagged).toContain(false);
  });

  // Last: it changes the tenant's champion.
  it("never scores the champion in shadow against itself: a challenger made champion by another path scores alone", async () => {
    const admin = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "ADMIN", `champion-admin-${kind}@calculate.test`), tenantId })) as Actor;
    const { artifact, contentHash: hash } = shiftedDefaultArtifact(0.25);
    const candidate = await database.db.modelVersion.create({ data: { tenantId, name: "candidate", version: "1", kind: "microtrust-ensemble", artifact: artifact as object, artifactSha256: hash } });
    await setChallenger(scope(admin), candidate.id);
    expect((await calculateScore(scope(), request(consented.id))).challengerModelVersionId).toBe(candidate.id);
    // Activated without the approval flow (which clears the challenger): champion and challenger are one version.
    await database.db.$transaction((tx) => activateModelVersion(tx, tenantId, candidate.id));
    const alone = await calculateScore(scope(), request(consented.id));
    expect(alone).toMatchObject({ modelVersionId: candidate.id, challengerModelVersionId: null, challengerResult: null });
  });
});
