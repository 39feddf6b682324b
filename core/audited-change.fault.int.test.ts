// Issue 11, item 3: every change is stored with its audit event or not at all. Two faults, on every kind
// of write: (1) the audit append itself fails (a trigger refuses it: runs on PGlite and PostgreSQL), and
// (2) on PostgreSQL, a second connection kills the writers' connections (pg_terminate_backend) while they
// run. Afterwards, no row of an audited table is without its event, and the chain verifies.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser as insertUser } from "@/prisma/store/user";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import type { Actor, UseCaseScope } from "./actor";
import { createApiKey } from "./create-api-key";
import { createBorrower } from "./create-borrower";
import { grantConsent } from "./grant-consent";
import { ingestSignals } from "./ingest-signals";
import { linkAccount } from "./link-account";
import { createUser, disableUser, setUserRole } from "./manage-users";
import { draftPolicy } from "./draft-policy";
import { revokeApiKey } from "./revoke-api-key";
import { revokeConsent } from "./revoke-consent";
import { verifyAuditChain } from "./verify-audit-chain";

process.env.MICROTRUST_ID_HASH_KEY ??= "fault-test-id-hash-key";

type Write = (scope: UseCaseScope, n: number) => Promise<unknown>;

/** One write of each kind; each builds on rows made beforehand by `prepare` (run without faults). */
async function prepare(scope: UseCaseScope, n: number): Promise<{ borrowerId: string; accountId: string; consentId: string; userId: string; apiKeyId: string }> {
  const borrower = await createBorrower(scope, { externalId: `PREP-${n}`, nationalIdType: "NIN", nationalId: `PREP${String(n).padStart(8, "0")}`, givenName: "Ada", familyName: "Obi", phone: "+2348012345678", dateOfBirth: new Date("1990-01-01T00:00:00Z") });
  const account = await linkAccount(scope, { borrowerId: borrower.id, type: "MOBILE_MONEY", provider: "M-Pesa", externalReference: `PREP-ACC-${n}`, openedAt: new Date("2024-01-01T00:00:00Z"), verified: true });
  const consent = await grantConsent(scope, consentInput(borrower.id));
  const user = await createUser(scope, { email: `prep-${n}@fault.test`, name: "Prep", role: "ANALYST", password: "a long enough password" });
  const { apiKey } = await createApiKey(scope, { name: `prep-${n}`, role: "ANALYST", scopes: ["READ"] });
  return { borrowerId: borrower.id, accountId: account.id, consentId: consent.id, userId: user.id, apiKeyId: apiKey.id };
}

function consentInput(borrowerId: string) {
  return { borrowerId, purpose: "LOAN_UNDERWRITING" as const, dataCategories: ["IDENTITY" as const, "TRANSACTIONS" as const], dataLifeDays: 365, validFrom: new Date("2026-01-01T00:00:00Z"), expiresAt: new Date("2027-01-01T00:00:00Z"), statement: "I agree." };
}

function writesOf(prepared: Awaited<ReturnType<typeof prepare>>): Record<string, Write> {
  return {
    createBorrower: (scope, n) => createBorrower(scope, { externalId: `B-${n}`, nationalIdType: "NIN", nationalId: `NIN${String(n).padStart(8, "0")}`, givenName: "Ama", familyName: "Mensah", phone: "+233201234567", dateOfBirth: new Date("1988-05-05T00:00:00Z") }),
    grantConsent: (scope) => grantConsent(scope, consentInput(prepared.borrowerId)),
    linkAccount: (scope, n) => linkAccount(scope, { borrowerId: prepared.borrowerId, type: "BANK", provider: "Equity", externalReference: `ACC-${n}`, openedAt: new Date("2024-01-01T00:00:00Z"), verified: false }),
    ingestSignals: (scope, n) =>
      ingestSignals(scope, {
        borrowerId: prepared.borrowerId,
        transactions: Array.from({ length: 20 }, (_, i) => ({ accountId: prepared.accountId, externalId: `T-${n}-${i}`, amount: "100.00", currency: "KES", direction: "CREDIT" as const, category: "SALARY" as const, occurredAt: new Date("2026-06-01T00:00:00Z") })),
      }),
    createUser: (scope, n) => createUser(scope, { email: `user-${n}@fault.test`, name: "User", role: "ANALYST", password: "a long enough password" }),
    setUserRole: (scope, n) => setUserRole(scope, prepared.userId, n % 2 === 0 ? "COMMITTEE" : "ANALYST"),
    createApiKey: (scope, n) => createApiKey(scope, { name: `key-${n}`, role: "ANALYST", scopes: ["READ"] }),
    draftPolicy: (scope, n) => draftPolicy(scope, { name: `policy-${n % 3}`, document: DEFAULT_DECISION_POLICY }),
    revokeConsent: async (scope) => revokeConsent(scope, (await grantConsent(scope, consentInput(prepared.borrowerId))).id),
    revokeApiKey: async (scope, n) => revokeApiKey(scope, (await createApiKey(scope, { name: `revoked-${n}`, role: "ANALYST", scopes: ["READ"] })).apiKey.id),
    disableUser: async (scope, n) => disableUser(scope, (await createUser(scope, { email: `disabled-${n}@fault.test`, name: "D", role: "ANALYST", password: "a long enough password" })).id),
  };
}

/** Rows of audited tables that no audit event names; empty when every change came with its event. */
async function rowsWithoutEvents(database: TestDatabase, tenantId: string): Promise<Record<string, number>> {
  const [row] = await database.withSqlSession((sql) =>
    sql.query<Record<string, string>>(
      `WITH events AS (SELECT * FROM "AuditEvent" WHERE "tenantId" = $1)
       SELECT
         (SELECT count(*) FROM "Borrower" b WHERE b."tenantId" = $1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'borrower.created' AND e."entityId" = b.id)) AS borrowers,
         (SELECT count(*) FROM "Consent" c WHERE c."tenantId" = $1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'consent.granted' AND e."entityId" = c.id)) AS consents,
         (SELECT count(*) FROM "Consent" c WHERE c."tenantId" = $1 AND c."revokedAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'consent.revoked' AND e."entityId" = c.id)) AS "revokedConsents",
         (SELECT count(*) FROM "LinkedAccount" a WHERE a."tenantId" = $1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'account.linked' AND e."entityId" = a.id)) AS accounts,
         (SELECT count(*) FROM "Transaction" t WHERE t."tenantId" = $1) - (SELECT coalesce(sum((e.payload -> 'transactions' ->> 'stored')::int), 0) FROM events e WHERE e.action = 'signals.ingested') AS transactions,
         (SELECT count(*) FROM "User" u WHERE u."tenantId" = $1 AND u.email LIKE '%@fault.test' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'user.created' AND e."entityId" = u.id)) AS users,
         (SELECT count(*) FROM "User" u WHERE u."tenantId" = $1 AND u."disabledAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'user.disabled' AND e."entityId" = u.id)) AS "disabledUsers",
         (SELECT count(*) FROM "User" u WHERE u."tenantId" = $1 AND u."sessionVersion" > 0 AND u."disabledAt" IS NULL) - (SELECT count(DISTINCT e."entityId") FROM events e WHERE e.action = 'user.roleChanged') AS "roleChanges",
         (SELECT count(*) FROM "ApiKey" k WHERE k."tenantId" = $1 AND NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'apiKey.created' AND e."entityId" = k.id)) AS "apiKeys",
         (SELECT count(*) FROM "ApiKey" k WHERE k."tenantId" = $1 AND k."revokedAt" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'apiKey.revoked' AND e."entityId" = k.id)) AS "revokedKeys",
         (SELECT count(*) FROM "PolicyVersion" p WHERE p."tenantId" = $1 AND p.name LIKE 'policy-%' AND NOT EXISTS (SELECT 1 FROM events e WHERE e.action = 'policy.drafted' AND e."entityId" = p.id)) AS policies`,
      [tenantId],
    ),
  );
  return Object.fromEntries(Object.entries(row).map(([table, count]) => [table, Number(count)]));
}

const none = { borrowers: 0, consents: 0, revokedConsents: 0, accounts: 0, transactions: 0, users: 0, disabledUsers: 0, roleChanges: 0, apiKeys: 0, revokedKeys: 0, policies: 0 };

describe.each(testDatabaseKinds())("every audited write under faults, on %s", (kind) => {
  let database: TestDatabase;
  let scope: UseCaseScope;
  let writes: Record<string, Write>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const tenant = await ensureTenant(database.db, { slug: `fault-${kind}`, name: "Fault MFI" });
    await registerDefaultScoring(database.db, tenant.id);
    const admin = await insertUser(database.db, tenant.id, { email: "admin@fault.admin", name: "Admin", role: "ADMIN", passwordHash: "x" });
    const actor: Actor = { kind: "USER", id: admin.id, tenantId: tenant.id, role: "ADMIN", name: "Admin", email: admin.email, borrowerId: null, scopes: [] };
    scope = { db: database.db, actor, now: new Date("2026-11-30T12:00:00Z"), request: { id: "fault-test", ipAddress: null } };
    writes = writesOf(await prepare(scope, 0));
  }, 60_000);
  afterAll(() => database.destroy());

  it("stores nothing of a change whose audit event cannot be written", async () => {
    await database.withSqlSession((sql) =>
      sql.executeScript(`
        CREATE FUNCTION fault_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected audit failure'; END; $$;
        CREATE TRIGGER fault_refuse_audit BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION fault_refuse_audit();`),
    );
    try {
      for (const [name, write] of Object.entries(writes)) {
        await expect(write(scope, 1000), name).rejects.toThrow();
      }
    } finally {
      await database.withSqlSession((sql) => sql.executeScript(`DROP TRIGGER fault_refuse_audit ON "AuditEvent"; DROP FUNCTION fault_refuse_audit();`));
    }
    expect(await rowsWithoutEvents(database, scope.actor.tenantId)).toEqual(none);
    expect(await verifyAuditChain(scope)).toMatchObject({ valid: true });
  });

  it.runIf(kind === "postgresql")(
    "stores every change with its event, or neither, while connections are killed during every kind of write",
    async () => {
      const killer = new pg.Client({ connectionString: database.connectionString });
      await killer.connect();
      const databaseName = (await killer.query<{ name: string }>("SELECT current_database() AS name")).rows[0].name;
      let kills = 0;
      let stop = false;
      const killing = (async () => {
        while (!stop) {
          const killed = await killer.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state <> 'idle'`, [databaseName]);
          kills += killed.rowCount ?? 0;
          await new Promise((resolve) => setTimeout(resolve, 3));
        }
      })();
      const outcomes = { stored: 0, failed: 0 };
      try {
        for (let round = 0; round < 6; round += 1) {
          const results = await Promise.allSettled(Object.values(writes).map((write, i) => write({ ...scope, request: { id: randomUUID(), ipAddress: null } }, 2000 + round * 100 + i)));
          for (const result of results) outcomes[result.status === "fulfilled" ? "stored" : "failed"] += 1;
        }
      } finally {
        stop = true;
        await killing;
        await killer.end();
      }
      expect(kills).toBeGreaterThan(0);
      expect(outcomes.failed).toBeGreaterThan(0);
      expect(await rowsWithoutEvents(database, scope.actor.tenantId)).toEqual(none);
      expect(await verifyAuditChain(scope)).toMatchObject({ valid: true });
    },
    120_000,
  );
});
