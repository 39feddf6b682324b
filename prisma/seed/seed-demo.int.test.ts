import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { demoPopulation, demoTenant, demoUsers } from "./demo-accounts";
import { seedDemo, type SeedDependencies } from "./seed-demo";

// Stand-ins for argon2id and the keyed id hash: the seed's behaviour, not the hashing, is under test.
const dependencies: SeedDependencies = {
  hashPassword: async (password) => `test-hash:${password}`,
  protectNationalId: (type, nationalId) => ({ nationalIdHash: `${type}:${nationalId}`.padEnd(64, "0"), nationalIdLast4: nationalId.slice(-4) }),
};

async function countRows(database: TestDatabase): Promise<Record<string, number>> {
  const { db } = database;
  return {
    tenants: await db.tenant.count(),
    users: await db.user.count(),
    borrowers: await db.borrower.count(),
    accounts: await db.linkedAccount.count(),
    transactions: await db.transaction.count(),
    bills: await db.bill.count(),
    repayments: await db.loanRepayment.count(),
    events: await db.behaviouralEvent.count(),
    bureau: await db.bureauRecord.count(),
  };
}

describe("seedDemo", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
  });
  afterAll(() => database.destroy());

  it("creates the demo tenant, one user per role and the synthetic population with its signals", async () => {
    const report = await seedDemo(database.db, dependencies);
    const counts = await countRows(database);
    expect(counts).toMatchObject({ tenants: 1, users: demoUsers.length, borrowers: demoPopulation.size });
    expect(report).toMatchObject({ usersCreated: demoUsers.length, borrowers: demoPopulation.size });
    expect(report.signalRowsCreated).toBe(counts.transactions + counts.bills + counts.repayments + counts.events + counts.bureau);
    expect(counts.transactions).toBeGreaterThan(0);
    const tenant = await database.db.tenant.findUniqueOrThrow({ where: { slug: demoTenant.slug } });
    expect(new Set((await database.db.user.findMany({ where: { tenantId: tenant.id } })).map((user) => user.role))).toEqual(new Set(["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR", "BORROWER"]));
    const borrowerUser = await database.db.user.findFirstOrThrow({ where: { role: "BORROWER" } });
    expect(borrowerUser.borrowerId).not.toBeNull();
    // Issue 12: the demo borrower "Esther Wanjiru" saw "Name: Achieng Kariuki" in the data held about her.
    const ownRecord = await database.db.borrower.findUniqueOrThrow({ where: { id: borrowerUser.borrowerId as string } });
    expect(`${ownRecord.givenName} ${ownRecord.familyName}`).toBe(borrowerUser.name);
    // Issue 12: the auditor could not find the seeded consents: each is in the audit chain.
    const consents = await database.db.consent.findMany({ where: { tenantId: tenant.id } });
    const granted = await database.db.auditEvent.findMany({ where: { tenantId: tenant.id, action: "consent.granted" } });
    expect(granted.map((event) => event.entityId).sort()).toEqual(consents.map((consent) => consent.id).sort());
  });

  it("changes nothing when run again", async () => {
    const before = await countRows(database);
    const users = await database.db.user.findMany({ orderBy: { id: "asc" } });
    const report = await seedDemo(database.db, dependencies);
    expect(report).toMatchObject({ usersCreated: 0, signalRowsCreated: 0 });
    expect(await countRows(database)).toEqual(before);
    expect(await database.db.user.findMany({ orderBy: { id: "asc" } })).toEqual(users);
  });
});
