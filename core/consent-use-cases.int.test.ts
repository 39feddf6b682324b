// Issue 14 (mutation testing of the core): granting and revoking a consent through the use cases, each check
// of the input at its boundary with the clock passed in (`now`), who may act for which borrower, and what is
// written and audited. The time rules of a consent in force are in consent-boundaries.int.test.ts.
// On PGlite and, when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BorrowerRecord } from "@/prisma/store/borrower";
import { createBareBorrower, createFixtureUser, createScoringTenant } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { grantConsent } from "./grant-consent";
import { revokeConsent } from "./revoke-consent";
import { resolveSessionCaller } from "./resolve-session-caller";
import { expectDomainError } from "./testing/expect-domain-error";

const DAY = 86_400_000;
const now = new Date("2026-06-01T12:00:00.000Z");
const at = (offsetMs: number, from: Date = now): Date => new Date(from.getTime() + offsetMs);

describe.each(testDatabaseKinds())("grantConsent and revokeConsent on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let analyst: Actor;
  let borrower: BorrowerRecord;
  let borrowerActor: Actor;
  let otherTenantAnalyst: Actor;
  const scope = (actor: Actor = analyst, instant: Date = now): UseCaseScope => ({ db: database.db, actor, now: instant, request: { id: "consent-use-cases", ipAddress: null } });
  const terms = (borrowerId: string) => ({
    borrowerId,
    purpose: "LOAN_UNDERWRITING" as const,
    dataCategories: ["TRANSACTIONS", "IDENTITY"] as ("TRANSACTIONS" | "IDENTITY" | "BILLS")[],
    statement: "I agree to my data being read to assess my loan.",
    validFrom: now,
    expiresAt: at(365 * DAY),
    dataLifeDays: 365,
  });
  const consentCount = () => database.db.consent.count({ where: { tenantId } });
  const eventsOf = (entityId: string) => database.db.auditEvent.findMany({ where: { tenantId, entityId }, orderBy: { seq: "asc" } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `consent-cases-${kind}`));
    const { tenantId: otherTenantId } = await createScoringTenant(database.db, `consent-cases-other-${kind}`);
    const actorOf = async (tenant: string, userId: string) => (await resolveSessionCaller(database.db, { userId, tenantId: tenant })) as Actor;
    analyst = await actorOf(tenantId, await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@consent.test`));
    borrower = await createBareBorrower(database.db, tenantId, `consent-${kind}`);
    borrowerActor = await actorOf(tenantId, await createFixtureUser(database.db, tenantId, "BORROWER", `borrower-${kind}@consent.test`, borrower.id));
    otherTenantAnalyst = await actorOf(otherTenantId, await createFixtureUser(database.db, otherTenantId, "ANALYST", `analyst-${kind}@other-consent.test`));
  }, 120_000);
  afterAll(async () => database.destroy());

  it("records the consent as given (categories once each, sorted; the statement trimmed; granted now) and audits it", async () => {
    const consent = await grantConsent(scope(), { ...terms(borrower.id), dataCategories: ["TRANSACTIONS", "IDENTITY", "TRANSACTIONS"], statement: "  I agree.  " });
    expect(consent).toMatchObject({ tenantId, borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", dataCategories: ["IDENTITY", "TRANSACTIONS"], statement: "I agree.", validFrom: now, expiresAt: at(365 * DAY), dataLifeDays: 365, grantedAt: now, revokedAt: null });
    const events = await eventsOf(consent.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "consent.granted", entityType: "Consent", borrowerId: borrower.id, actorId: analyst.id });
    expect(events[0].payload).toMatchObject({ purpose: "LOAN_UNDERWRITING", dataCategories: ["IDENTITY", "TRANSACTIONS"], validFrom: now.toISOString(), expiresAt: at(365 * DAY).toISOString(), dataLifeDays: 365, statement: "I agree." });
  });

  it("refuses an empty category list and a statement that is blank or over 5000 characters, and takes exactly 5000", async () => {
    const before = await consentCount();
    await expectDomainError(grantConsent(scope(), { ...terms(borrower.id), dataCategories: [] }), "BAD_USER_INPUT", "dataCategories", "dataCategories: at least one category.");
    await expectDomainError(grantConsent(scope(), { ...terms(borrower.id), statement: "   " }), "BAD_USER_INPUT", "statement", "statement: the wording agreed to, 1 to 5000 characters.");
    await expectDomainError(grantConsent(scope(), { ...terms(borrower.id), statement: "x".repeat(5001) }), "BAD_USER_INPUT", "statement", "statement: the wording agreed to");
    expect(await consentCount()).toBe(before);
    expect((await grantConsent(scope(), { ...terms(borrower.id), statement: ` ${"x".repeat(5000)} ` })).statement).toHaveLength(5000);
    expect((await grantConsent(scope(), { ...terms(borrower.id), statement: "y" })).statement).toBe("y");
  });

  it("takes validFrom up to 366 days either side of now, both ends included", async () => {
    const limit = 366 * DAY;
    for (const offset of [limit + 1, -limit - 1]) {
      const validFrom = at(offset);
      await expectDomainError(grantConsent(scope(), { ...terms(borrower.id), validFrom, expiresAt: at(DAY, validFrom) }), "BAD_USER_INPUT", "validFrom", "validFrom: within 366 days of today.");
    }
    for (const offset of [limit, -limit]) {
      const validFrom = at(offset);
      expect((await grantConsent(scope(), { ...terms(borrower.id), validFrom, expiresAt: at(DAY, validFrom) })).validFrom).toEqual(validFrom);
    }
  });

  it("takes expiresAt after validFrom and at most 3650 days after it", async () => {
    await expectDomainError(grantConsent(scope(), { ...terms(borrower.id), expiresAt: now }), "BAD_USER_INPUT", "expiresAt", "expiresAt: must be after validFrom.");
    await expectDomainError(grantConsent(scope(), { ...terms(borrower.id), expiresAt: at(-1) }), "BAD_USER_INPUT", "expiresAt", "expiresAt: must be after validFrom.");
    await expectDomainError(grantConsent(scope(), { ...terms(borrower.id), expiresAt: at(3650 * DAY + 1) }), "BAD_USER_INPUT", "expiresAt", "expiresAt: at most 3650 days after validFrom.");
    expect((await grantConsent(scope(), { ...terms(borrower.id), expiresAt: at(1) })).expiresAt).toEqual(at(1));
    expect((await grantConsent(scope(), { ...terms(borrower.id), expiresAt: at(3650 * DAY) })).expiresAt).toEqual(at(3650 * DAY));
  });

  it("takes a data life of 1 to 3650 whole days", async () => {
    for (const dataLifeDays of [0, 3651, 1.5, Number.NaN]) {
      await expectDomainError(grantConsent(scope(), { ...terms(borrower.id), dataLifeDays }), "BAD_USER_INPUT", "dataLifeDays", "dataLifeDays: a whole number of days from 1 to 3650.");
    }
    for (const dataLifeDays of [1, 3650]) expect((await grantConsent(scope(), { ...terms(borrower.id), dataLifeDays })).dataLifeDays).toBe(dataLifeDays);
  });

  it("lets a BORROWER consent only for themselves, and nobody for another tenant's or an unknown borrower", async () => {
    const other = await createBareBorrower(database.db, tenantId, `consent-other-${kind}`);
    const before = await consentCount();
    await expectDomainError(grantConsent(scope(borrowerActor), terms(other.id)), "NOT_FOUND", undefined, "No borrower with this id.");
    await expectDomainError(grantConsent(scope(otherTenantAnalyst), terms(borrower.id)), "NOT_FOUND", undefined, "No borrower with this id.");
    await expectDomainError(grantConsent(scope(), terms("no-such-borrower")), "NOT_FOUND", undefined, "No borrower with this id.");
    expect(await consentCount()).toBe(before);
    expect((await grantConsent(scope(borrowerActor), terms(borrower.id))).borrowerId).toBe(borrower.id);
    expect((await grantConsent(scope(), terms(other.id))).borrowerId).toBe(other.id);
  });

  it("revokes at now, audited once: revoking again keeps the first instant and audits nothing", async () => {
    const consent = await grantConsent(scope(), terms(borrower.id));
    const revokedAt = at(DAY);
    const revoked = await revokeConsent(scope(analyst, revokedAt), consent.id);
    expect(revoked).toMatchObject({ id: consent.id, revokedAt });
    const again = await revokeConsent(scope(analyst, at(2 * DAY)), consent.id);
    expect(again.revokedAt).toEqual(revokedAt);
    const events = await eventsOf(consent.id);
    expect(events.map((event) => event.action)).toEqual(["consent.granted", "consent.revoked"]);
    expect(events[1]).toMatchObject({ entityType: "Consent", borrowerId: borrower.id, payload: { revokedAt: revokedAt.toISOString() } });
  });

  it("lets a BORROWER revoke only their own consents, and nobody another tenant's or an unknown one", async () => {
    const other = await createBareBorrower(database.db, tenantId, `revoke-other-${kind}`);
    const othersConsent = await grantConsent(scope(), terms(other.id));
    const own = await grantConsent(scope(), terms(borrower.id));
    await expectDomainError(revokeConsent(scope(borrowerActor), othersConsent.id), "NOT_FOUND", undefined, "No consent with this id.");
    await expectDomainError(revokeConsent(scope(otherTenantAnalyst), own.id), "NOT_FOUND", undefined, "No consent with this id.");
    await expectDomainError(revokeConsent(scope(), "no-such-consent"), "NOT_FOUND", undefined, "No consent with this id.");
    expect((await database.db.consent.findUniqueOrThrow({ where: { id: othersConsent.id } })).revokedAt).toBeNull();
    expect((await database.db.consent.findUniqueOrThrow({ where: { id: own.id } })).revokedAt).toBeNull();
    expect((await revokeConsent(scope(borrowerActor), own.id)).revokedAt).toEqual(now);
    expect((await eventsOf(own.id)).map((event) => event.action)).toEqual(["consent.granted", "consent.revoked"]);
  });
});
