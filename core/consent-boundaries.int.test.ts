// Issue 14: the time boundaries a scoring's lawfulness rests on, each tested exactly at the boundary, one
// millisecond before and one after, with the clock passed in (`now`, `asOf`): a consent is in force when
// validFrom ≤ t < expiresAt for t = asOf and t = now (prisma/store/scoring-context.ts), and a signal is read
// only while its data life lasts, i.e. dated strictly after now − dataLifeDays (prisma/store/scoring-signals.ts;
// a bill by its due day, so there the unit is one day).
// Through the core (prepareScoring, calculateScore) on PGlite and, when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureLinkedAccount } from "@/prisma/store/linked-account";
import { ingestBehaviouralEvents } from "@/prisma/store/behavioural-event";
import { ingestBills } from "@/prisma/store/bill";
import { ingestTransactions } from "@/prisma/store/transaction";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { readScoringContext } from "@/prisma/store/scoring-context";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore, prepareScoring } from "./calculate-score";
import { isDomainError } from "./errors";
import { consentStatus } from "./list-consents";
import { expectDomainError } from "./testing/expect-domain-error";
import { resolveSessionCaller } from "./resolve-session-caller";

const MS = 1;
const DAY = 86_400_000;
const now = new Date("2026-06-01T12:00:00.000Z");
const at = (offsetMs: number, from: Date = now): Date => new Date(from.getTime() + offsetMs);
const request = (asOf: Date) => ({ purpose: "LOAN_UNDERWRITING" as const, requestedAmount: "10000", requestedTenorDays: 30, asOf });

describe.each(testDatabaseKinds())("consent and data-life boundaries on %s", (kind) => {
  let database: TestDatabase;
  let fixture: { tenantId: string; analyst: Actor };
  const scopeAt = (instant: Date): UseCaseScope => ({ db: database.db, actor: fixture.analyst, now: instant, request: { id: "boundaries", ipAddress: null } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { tenantId } = await createScoringTenant(database.db, `boundaries-${kind}`);
    const analystId = await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@boundaries.test`);
    fixture = { tenantId, analyst: (await resolveSessionCaller(database.db, { userId: analystId, tenantId })) as Actor };
  }, 120_000);
  afterAll(async () => database.destroy());

  /** Whether a scoring at (asOf, now) of a fresh borrower whose only consent has these instants goes ahead. */
  async function outcomeFor(terms: { validFrom: Date; expiresAt: Date }, asOf: Date): Promise<"scored" | "refused"> {
    const borrower = await createBareBorrower(database.db, fixture.tenantId, `consent-${kind}`);
    const consent = await grantFixtureConsent(database.db, fixture.tenantId, borrower.id, terms);
    const prepared = await prepareScoring(scopeAt(now), { borrowerId: borrower.id, ...request(asOf) });
    if (prepared.kind === "scored") expect(prepared.scoring.record.consentIds).toEqual([consent.id]);
    // The status the API shows (Consent.status, at now) says ACTIVE exactly when a scoring as of now may read under it.
    if (asOf.getTime() === now.getTime()) expect(consentStatus(consent, now) === "ACTIVE").toBe(prepared.kind === "scored");
    return prepared.kind;
  }

  const longAgo = new Date("2020-01-01T00:00:00.000Z");
  const farAhead = new Date("2030-01-01T00:00:00.000Z");

  describe("expiresAt (exclusive): in force only while now < expiresAt", () => {
    it.each([
      ["one ms before now", -MS, "refused"],
      ["exactly now", 0, "refused"],
      ["one ms after now", MS, "scored"],
    ] as const)("a consent expiring %s (%i ms): %s", async (_label, offset, expected) => {
      expect(await outcomeFor({ validFrom: longAgo, expiresAt: at(offset) }, now)).toBe(expected);
    });

    it("is checked against now, not asOf: expiring exactly at now refuses a scoring as of 10 days earlier", async () => {
      const asOf = at(-10 * DAY);
      expect(await outcomeFor({ validFrom: longAgo, expiresAt: now }, asOf)).toBe("refused");
      expect(await outcomeFor({ validFrom: longAgo, expiresAt: at(MS) }, asOf)).toBe("scored");
    });
  });

  describe("validFrom (inclusive): in force from validFrom on", () => {
    it.each([
      ["one ms before now", -MS, "scored"],
      ["exactly now", 0, "scored"],
      ["one ms after now", MS, "refused"],
    ] as const)("a consent valid from %s (%i ms): %s", async (_label, offset, expected) => {
      expect(await outcomeFor({ validFrom: at(offset), expiresAt: farAhead }, now)).toBe(expected);
    });

    it("is checked against asOf too: a consent must already be valid at the as-of instant", async () => {
      const asOf = at(-10 * DAY);
      expect(await outcomeFor({ validFrom: at(-MS, asOf), expiresAt: farAhead }, asOf)).toBe("scored");
      expect(await outcomeFor({ validFrom: asOf, expiresAt: farAhead }, asOf)).toBe("scored");
      expect(await outcomeFor({ validFrom: at(MS, asOf), expiresAt: farAhead }, asOf)).toBe("refused");
    });
  });

  it("calculateScore writes a scoring under a consent valid from exactly now, and refuses (audited) one expiring exactly now", async () => {
    const scope = scopeAt(now);
    const startsNow = await createBareBorrower(database.db, fixture.tenantId, `calc-${kind}`);
    const fromNow = await grantFixtureConsent(database.db, fixture.tenantId, startsNow.id, { validFrom: now, expiresAt: farAhead });
    const score = await calculateScore(scope, { borrowerId: startsNow.id, ...request(now) });
    expect(score).toMatchObject({ borrowerId: startsNow.id, consentIds: [fromNow.id], scoredAt: now, asOf: now });

    const endsNow = await createBareBorrower(database.db, fixture.tenantId, `calc-${kind}`);
    await grantFixtureConsent(database.db, fixture.tenantId, endsNow.id, { validFrom: longAgo, expiresAt: now });
    const refusal = await calculateScore(scope, { borrowerId: endsNow.id, ...request(now) }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDomainError(refusal) && refusal.code).toBe("CONSENT_REQUIRED");
    expect(await database.db.creditScore.count({ where: { borrowerId: endsNow.id } })).toBe(0);
    expect(await database.db.auditEvent.count({ where: { borrowerId: endsNow.id, action: "creditScore.refused" } })).toBe(1);
  });

  it("refuses to score a borrower the tenant does not have (unknown, or another tenant's) as NOT_FOUND, and records no refusal", async () => {
    const { tenantId: otherTenantId } = await createScoringTenant(database.db, `boundaries-other-${kind}`);
    const othersBorrower = await createBareBorrower(database.db, otherTenantId, `other-${kind}`);
    await grantFixtureConsent(database.db, otherTenantId, othersBorrower.id, { validFrom: longAgo, expiresAt: farAhead });
    for (const borrowerId of ["no-such-borrower", othersBorrower.id]) {
      await expectDomainError(calculateScore(scopeAt(now), { borrowerId, ...request(now) }), "NOT_FOUND", undefined, "No borrower with this id.");
    }
    expect(await database.db.auditEvent.count({ where: { borrowerId: othersBorrower.id } })).toBe(0);
    expect(await database.db.creditScore.count({ where: { borrowerId: othersBorrower.id } })).toBe(0);
  });

  it("lists, as in force, only the consents that are: none for a borrower whose only consent has expired", async () => {
    const borrower = await createBareBorrower(database.db, fixture.tenantId, `in-force-${kind}`);
    await grantFixtureConsent(database.db, fixture.tenantId, borrower.id, { validFrom: longAgo, expiresAt: now });
    const context = await readScoringContext(database.db, fixture.tenantId, borrower.id, "LOAN_UNDERWRITING", [now]);
    expect(context?.consents).toEqual([]);
    const inForce = await grantFixtureConsent(database.db, fixture.tenantId, borrower.id, { validFrom: longAgo, expiresAt: farAhead, dataLifeDays: 90, dataCategories: ["IDENTITY", "TRANSACTIONS"] });
    expect((await readScoringContext(database.db, fixture.tenantId, borrower.id, "LOAN_UNDERWRITING", [now]))?.consents).toEqual([{ id: inForce.id, dataCategories: ["IDENTITY", "TRANSACTIONS"], dataLifeDays: 90 }]);
  });

  describe("data life: a transaction is read only when dated strictly after now − dataLifeDays", () => {
    const dataLifeDays = 30;
    const lifeEnds = at(-dataLifeDays * DAY);

    /** What a scoring at (asOf, now) reads of a fresh borrower with these signals, under one consent to every category. */
    async function rowsRead(signals: { transactions?: Date[]; events?: Date[]; billsDue?: string[] }, asOf: Date): Promise<{ transactions: number; events: number; bills: number }> {
      const { db } = database;
      const borrower = await createBareBorrower(db, fixture.tenantId, `life-${kind}`);
      const account = await ensureLinkedAccount(db, fixture.tenantId, { borrowerId: borrower.id, type: "MOBILE_MONEY", provider: "M-Pesa", externalReference: `acc-${borrower.id}`, openedAt: longAgo, verified: true });
      const externalId = (kindOf: string, index: number) => `${borrower.id}-${kindOf}${index}`;
      await ingestTransactions(db, fixture.tenantId, (signals.transactions ?? []).map((occurredAt, index) => ({ borrowerId: borrower.id, externalId: externalId("t", index), accountId: account.id, occurredAt, amount: "500.00", currency: "KES", direction: "CREDIT" as const, category: "P2P" as const, counterparty: null })));
      await ingestBehaviouralEvents(db, fixture.tenantId, (signals.events ?? []).map((occurredAt, index) => ({ borrowerId: borrower.id, externalId: externalId("e", index), type: "DEVICE_CHANGE" as const, occurredAt, deviceId: null })));
      await ingestBills(db, fixture.tenantId, (signals.billsDue ?? []).map((dueDate, index) => ({ borrowerId: borrower.id, externalId: externalId("b", index), accountId: account.id, biller: "Kenya Power", billType: "ELECTRICITY" as const, dueDate: new Date(`${dueDate}T00:00:00Z`), amountDue: "900.00", paidAt: null, amountPaid: null })));
      await grantFixtureConsent(db, fixture.tenantId, borrower.id, { validFrom: longAgo, expiresAt: farAhead, dataLifeDays, dataCategories: ["IDENTITY", "TRANSACTIONS", "BILLS", "BEHAVIOURAL_EVENTS"] });
      const prepared = await prepareScoring(scopeAt(now), { borrowerId: borrower.id, ...request(asOf) });
      if (prepared.kind !== "scored") throw new Error("expected a scoring");
      const { rows } = prepared.scoring.record.inputs as { rows: { transactions: number; events: number; bills: number } };
      return { transactions: rows.transactions, events: rows.events, bills: rows.bills };
    }

    it.each([
      ["one ms before the data life ends", -MS, 0],
      ["exactly when the data life ends", 0, 0],
      ["one ms after the data life ends", MS, 1],
    ] as const)("a transaction and a behavioural event dated %s (%i ms): %i of each read", async (_label, offset, expected) => {
      expect(await rowsRead({ transactions: [at(offset, lifeEnds)], events: [at(offset, lifeEnds)] }, now)).toEqual({ transactions: expected, events: expected, bills: 0 });
    });

    it("counts the data life from now, not from asOf, and reads nothing dated at or after asOf", async () => {
      const asOf = at(-10 * DAY);
      const dates = [at(-MS, lifeEnds), lifeEnds, at(MS, lifeEnds), at(-MS, asOf), asOf, at(MS, asOf)];
      expect(await rowsRead({ transactions: dates, events: dates }, asOf)).toEqual({ transactions: 2, events: 2, bills: 0 });
    });

    // A bill's due date is a calendar day (UTC): its unit is the day, compared with the day the data life ends.
    it.each([
      ["the day before the data life ends", -DAY, 0],
      ["on the day the data life ends", 0, 0],
      ["the day after the data life ends", DAY, 1],
    ] as const)("a bill due %s (%i ms): %i read", async (_label, offset, expected) => {
      const dueDay = at(offset, lifeEnds).toISOString().slice(0, 10);
      expect((await rowsRead({ billsDue: [dueDay] }, now)).bills).toBe(expected);
    });
  });
});
