// Issue 14: a BORROWER reads only their own credit scores; staff read any of their tenant's, and nobody reads
// another tenant's. Through the core, on PGlite and, when DATABASE_URL is set, PostgreSQL (the same rule over
// the real HTTP path is in graphql/role-matrix.int.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore } from "./calculate-score";
import { getCreditScore } from "./get-credit-score";
import { resolveSessionCaller } from "./resolve-session-caller";

const now = new Date("2026-06-01T12:00:00.000Z");

describe.each(testDatabaseKinds())("getCreditScore: a BORROWER sees only their own on %s", (kind) => {
  let database: TestDatabase;
  let actors: { analyst: Actor; auditor: Actor; borrowerA: Actor; borrowerB: Actor; otherTenantAnalyst: Actor };
  let scoreOfA: CreditScoreRecord;
  let scoreOfB: CreditScoreRecord;
  const scope = (actor: Actor): UseCaseScope => ({ db: database.db, actor, now, request: { id: "get-credit-score", ipAddress: null } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { tenantId } = await createScoringTenant(database.db, `own-scores-${kind}`);
    const { tenantId: otherTenantId } = await createScoringTenant(database.db, `own-scores-other-${kind}`);
    const actorOf = async (tenant: string, userId: string) => (await resolveSessionCaller(database.db, { userId, tenantId: tenant })) as Actor;
    const scoredBorrower = async (analyst: Actor) => {
      const borrower = await createBareBorrower(database.db, tenantId, `own-${kind}`);
      await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z") });
      return calculateScore(scope(analyst), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 30, asOf: now });
    };
    const analyst = await actorOf(tenantId, await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@own.test`));
    scoreOfA = await scoredBorrower(analyst);
    scoreOfB = await scoredBorrower(analyst);
    actors = {
      analyst,
      auditor: await actorOf(tenantId, await createFixtureUser(database.db, tenantId, "AUDITOR", `auditor-${kind}@own.test`)),
      borrowerA: await actorOf(tenantId, await createFixtureUser(database.db, tenantId, "BORROWER", `a-${kind}@own.test`, scoreOfA.borrowerId)),
      borrowerB: await actorOf(tenantId, await createFixtureUser(database.db, tenantId, "BORROWER", `b-${kind}@own.test`, scoreOfB.borrowerId)),
      otherTenantAnalyst: await actorOf(otherTenantId, await createFixtureUser(database.db, otherTenantId, "ANALYST", `analyst-${kind}@other.test`)),
    };
  }, 120_000);
  afterAll(async () => database.destroy());

  it("gives a BORROWER their own score and null for another borrower's", async () => {
    expect((await getCreditScore(scope(actors.borrowerA), scoreOfA.id))?.id).toBe(scoreOfA.id);
    expect(await getCreditScore(scope(actors.borrowerA), scoreOfB.id)).toBeNull();
    expect((await getCreditScore(scope(actors.borrowerB), scoreOfB.id))?.id).toBe(scoreOfB.id);
    expect(await getCreditScore(scope(actors.borrowerB), scoreOfA.id)).toBeNull();
  });

  it("gives staff of the tenant every score, and another tenant's staff none", async () => {
    for (const actor of [actors.analyst, actors.auditor]) {
      expect((await getCreditScore(scope(actor), scoreOfA.id))?.id).toBe(scoreOfA.id);
      expect((await getCreditScore(scope(actor), scoreOfB.id))?.id).toBe(scoreOfB.id);
    }
    expect(await getCreditScore(scope(actors.otherTenantAnalyst), scoreOfA.id)).toBeNull();
  });
});
