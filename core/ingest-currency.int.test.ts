// A USD transaction for a borrower whose transactions are in KES is refused at ingest, naming the item, and
// nothing of the batch is stored; on PGlite and (when DATABASE_URL is set) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import type { Actor, UseCaseScope } from "./actor";
import { ingestSignals } from "./ingest-signals";
import { resolveSessionCaller } from "./resolve-session-caller";

describe.each(testDatabaseKinds())("ingest refuses mixed currencies on %s", (kind) => {
  let database: TestDatabase;
  let scope: UseCaseScope;
  let borrowerId: string;
  let accountId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const tenant = await ensureTenant(database.db, { slug: "fx", name: "FX MFI" });
    await registerDefaultScoring(database.db, tenant.id);
    const user = await createUser(database.db, tenant.id, { email: `analyst-${kind}@fx.test`, name: "Analyst", role: "ANALYST", passwordHash: "x" });
    const actor = (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Actor;
    scope = { db: database.db, actor, now: new Date("2026-11-20T00:00:00Z"), request: { id: "fx", ipAddress: null } };
    [{ id: borrowerId }] = await seedScoringPopulation(database.db, tenant.id, "fx", { borrowers: 1, signalsPerBorrower: 100, asOf: "2026-11-01T00:00:00Z", purposesOf: () => [], consentsUntil: new Date() });
    ({ id: accountId } = await database.db.linkedAccount.findFirstOrThrow({ where: { borrowerId } }));
  }, 120_000);
  afterAll(async () => database.destroy());

  it("names the USD item and stores nothing of the batch", async () => {
    const kes = { accountId, externalId: "fx-1", amount: "100.00", currency: "KES", direction: "CREDIT" as const, category: "P2P" as const, occurredAt: new Date("2026-11-10T10:00:00Z") };
    const usd = { ...kes, externalId: "fx-2", currency: "USD" };
    await expect(ingestSignals(scope, { borrowerId, transactions: [kes, usd] })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "transactions[1].currency" });
    expect(await database.db.transaction.count({ where: { externalId: { in: ["fx-1", "fx-2"] } } })).toBe(0);
    await expect(ingestSignals(scope, { borrowerId, transactions: [kes] })).resolves.toMatchObject({ transactions: { stored: 1 } });
  });
});
