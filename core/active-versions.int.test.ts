// Issue 14: a scoring runs under its own tenant's active model and policy, never another tenant's newer one.
// Two tenants each have an ACTIVE model of different content (B's calibration is shifted, so its
// probabilities differ) and B's versions are the newest in the database: the subqueries of
// prisma/store/scoring-context.ts must filter by tenant, or A's scoring would name B's model. Through the
// store and the core, on PGlite and, when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { contentHash } from "@/scoring/artifact/canonical-json";
import { findActiveModelVersion } from "@/prisma/store/model-version";
import { publishPolicyVersion } from "@/prisma/store/policy-version";
import { readScoringContext } from "@/prisma/store/scoring-context";
import { activateShiftedDefaultModel, createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore } from "./calculate-score";
import { resolveSessionCaller } from "./resolve-session-caller";

const now = new Date("2026-06-01T12:00:00.000Z");

interface TenantUnderTest {
  tenantId: string;
  analyst: Actor;
  borrowerId: string;
  modelVersionId: string;
  policyVersionId: string;
}

describe.each(testDatabaseKinds())("each tenant scores under its own active versions on %s", (kind) => {
  let database: TestDatabase;
  let a: TenantUnderTest;
  let b: TenantUnderTest;
  const scopeOf = (tenant: TenantUnderTest): UseCaseScope => ({ db: database.db, actor: tenant.analyst, now, request: { id: "active-versions", ipAddress: null } });
  const request = (tenant: TenantUnderTest) => ({ borrowerId: tenant.borrowerId, purpose: "LOAN_UNDERWRITING" as const, requestedAmount: "10000", requestedTenorDays: 30, asOf: now });

  async function setUpTenant(slug: string): Promise<Omit<TenantUnderTest, "modelVersionId" | "policyVersionId">> {
    const { tenantId } = await createScoringTenant(database.db, slug);
    const analystId = await createFixtureUser(database.db, tenantId, "ANALYST", `analyst@${slug}.test`);
    const analyst = (await resolveSessionCaller(database.db, { userId: analystId, tenantId })) as Actor;
    const borrower = await createBareBorrower(database.db, tenantId, slug);
    await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z") });
    return { tenantId, analyst, borrowerId: borrower.id };
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const tenantA = await setUpTenant(`versions-a-${kind}`);
    const modelA = await findActiveModelVersion(database.db, tenantA.tenantId);
    const policyA = await database.db.policyVersion.findFirstOrThrow({ where: { tenantId: tenantA.tenantId, status: "ACTIVE" } });
    a = { ...tenantA, modelVersionId: modelA?.id as string, policyVersionId: policyA.id };

    // B is set up after A, and then moves to a newer model and policy of its own: B's are the newest ACTIVE rows.
    const tenantB = await setUpTenant(`versions-b-${kind}`);
    const modelB = await activateShiftedDefaultModel(database.db, tenantB.tenantId, 0.75);
    const stricter = { ...DEFAULT_DECISION_POLICY, name: "stricter" };
    const { version: policyB } = await database.db.$transaction((tx) => publishPolicyVersion(tx, tenantB.tenantId, { name: "stricter", document: stricter as object, documentSha256: contentHash(stricter) }));
    b = { ...tenantB, modelVersionId: modelB.id, policyVersionId: policyB.id };
  }, 120_000);
  afterAll(async () => database.destroy());

  it("has two different ACTIVE models, B's the newest in the database", async () => {
    const [newest] = await database.db.modelVersion.findMany({ where: { status: "ACTIVE" }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 1 });
    expect(newest.id).toBe(b.modelVersionId);
    expect(a.modelVersionId).not.toBe(b.modelVersionId);
    const artifacts = await database.db.modelVersion.findMany({ where: { id: { in: [a.modelVersionId, b.modelVersionId] } }, select: { artifactSha256: true } });
    expect(new Set(artifacts.map((row) => row.artifactSha256)).size).toBe(2);
  });

  it("reads each tenant's own active model and policy in the scoring context", async () => {
    for (const tenant of [a, b]) {
      const context = await readScoringContext(database.db, tenant.tenantId, tenant.borrowerId, "LOAN_UNDERWRITING", [now]);
      expect(context).toMatchObject({ activeModelVersionId: tenant.modelVersionId, activePolicyVersionId: tenant.policyVersionId });
    }
  });

  it("names tenant A's model and policy in A's scoring, B's in B's, and the two models score differently", async () => {
    const scoreA = await calculateScore(scopeOf(a), request(a));
    const scoreB = await calculateScore(scopeOf(b), request(b));
    expect(scoreA).toMatchObject({ modelVersionId: a.modelVersionId, policyVersionId: a.policyVersionId });
    expect(scoreB).toMatchObject({ modelVersionId: b.modelVersionId, policyVersionId: b.policyVersionId });
    // The two borrowers have the same (identity-only) data: only the model tells their scorings apart.
    expect(scoreA.features).toEqual(scoreB.features);
    expect(scoreA.probabilityOfDefault).not.toBe(scoreB.probabilityOfDefault);
  });
});
