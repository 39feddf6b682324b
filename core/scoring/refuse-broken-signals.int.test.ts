// A contract violation already in the database (a USD transaction among KES ones, written by SQL as rows
// stored before ingest refused mixed currencies were) is refused at scoring time with CONFLICT naming the
// item, and no scoring is written; once the row is corrected the same request scores. Through the core,
// on PGlite and, when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureUser, createScoringTenant } from "@/prisma/testing/scoring-fixtures";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "../actor";
import { calculateScore } from "../calculate-score";
import { resolveSessionCaller } from "../resolve-session-caller";

const asOf = new Date("2026-11-01T00:00:00.000Z");
const now = new Date("2026-11-02T09:00:00.000Z");

describe.each(testDatabaseKinds())("scoring refuses stored signals that break the contract on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let borrowerId: string;
  let analyst: Actor;
  const scope = (): UseCaseScope => ({ db: database.db, actor: analyst, now, request: { id: "contract-test", ipAddress: null } });
  const request = () => ({ borrowerId, purpose: "LOAN_UNDERWRITING" as const, requestedAmount: "20000", requestedTenorDays: 90, asOf });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `contract-${kind}`));
    analyst = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@contract.test`), tenantId })) as Actor;
    [{ id: borrowerId }] = await seedScoringPopulation(database.db, tenantId, `contract-${kind}`, { borrowers: 1, signalsPerBorrower: 200, asOf: asOf.toISOString(), purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: now });
  }, 120_000);
  afterAll(async () => database.destroy());

  it("refuses a USD transaction stored among KES ones, naming it, and writes no scoring", async () => {
    const victim = await database.db.transaction.findFirstOrThrow({ where: { tenantId, borrowerId, occurredAt: { lt: asOf } }, orderBy: { occurredAt: "desc" } });
    const currency = victim.currency;
    expect(await database.db.transaction.count({ where: { tenantId, borrowerId, currency: { not: currency } } })).toBe(0);
    // Around the API, as a row from before the ingest rule would be.
    await database.db.$executeRaw`UPDATE "Transaction" SET currency = 'USD' WHERE id = ${victim.id}`;
    const before = await database.db.creditScore.count({ where: { tenantId, borrowerId } });

    const refusal = calculateScore(scope(), request());
    await expect(refusal).rejects.toMatchObject({ code: "CONFLICT", field: expect.stringMatching(/^signals\.transactions\[\d+\]\.currency$/) });
    const error = (await refusal.catch((caught: unknown) => caught)) as { issues: { field: string; message: string }[]; message: string };
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].message).toContain(`externalId "${victim.externalId}"`);
    expect(error.issues[0].message).toContain(`must be ${currency}`);
    expect(await database.db.creditScore.count({ where: { tenantId, borrowerId } })).toBe(before);

    await database.db.$executeRaw`UPDATE "Transaction" SET currency = ${currency} WHERE id = ${victim.id}`;
    await expect(calculateScore(scope(), request())).resolves.toMatchObject({ borrowerId });
  });
});
