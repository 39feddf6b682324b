// Issue 12 item 6: the auditor's day. Events could be listed only for one borrower, so quick scores, keys, users
// and policy publications could not be found. A tenant-wide timeline of a day or range, every kind, filtered by
// kind, actor and borrower, a page at a time, exported as CSV with spreadsheet formulas defused. On PGlite and,
// when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { createBareBorrower, createFixtureUser, createScoringTenant } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { createApiKey } from "./create-api-key";
import { grantConsent } from "./grant-consent";
import { auditEventsCsv, exportAuditTimeline, listAuditTimeline } from "./list-audit-trail";
import { createUser } from "./manage-users";
import { draftPolicy } from "./draft-policy";
import { quickScore } from "./quick-score";
import { resolveSessionCaller } from "./resolve-session-caller";

const day = new Date("2026-11-02T09:00:00.000Z");
const dayBefore = new Date("2026-11-01T09:00:00.000Z");
const dayStart = new Date("2026-11-02T00:00:00.000Z");
const dayEnd = new Date("2026-11-02T23:59:59.999Z");

describe.each(testDatabaseKinds())("listAuditTimeline: the auditor's day on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let admin: Actor;
  let analyst: Actor;
  let auditor: Actor;
  let committee: Actor;
  let borrowerId: string;
  const scope = (actor: Actor, now = day): UseCaseScope => ({ db: database.db, actor, now, request: { id: "audit-day", ipAddress: null } });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `audit-day-${kind}`));
    const actorOf = async (role: "ADMIN" | "ANALYST" | "AUDITOR" | "COMMITTEE") => (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, role, `${role.toLowerCase()}-${kind}@audit-day.test`), tenantId })) as Actor;
    [admin, analyst, auditor, committee] = [await actorOf("ADMIN"), await actorOf("ANALYST"), await actorOf("AUDITOR"), await actorOf("COMMITTEE")];
    borrowerId = (await createBareBorrower(database.db, tenantId, `audit-day-${kind}`)).id;
    // The day before: a consent, which a filter on the day must leave out.
    await grantConsent(scope(analyst, dayBefore), { borrowerId, purpose: "LOAN_UNDERWRITING", dataCategories: ["TRANSACTIONS"], statement: "Before.", validFrom: dayBefore, expiresAt: new Date("2027-11-01T00:00:00Z"), dataLifeDays: 365 });
    // The day: a key, a user, a policy draft, a quick score, a consent whose statement looks like a formula.
    await createApiKey(scope(admin), { name: "=HYPERLINK(\"http://x\")", role: "ANALYST", scopes: ["READ"] });
    await createUser(scope(admin), { email: `officer-${kind}@audit-day.test`, name: "New Officer", role: "ANALYST", password: "a long enough password" });
    await draftPolicy(scope(admin), { name: "day policy", document: { ...DEFAULT_DECISION_POLICY, name: "day policy" } });
    await quickScore(scope(analyst), { monthlyIncome: 30000 });
    await grantConsent(scope(analyst), { borrowerId, purpose: "MONITORING", dataCategories: ["BILLS"], statement: "=1+1 I agree", validFrom: day, expiresAt: new Date("2027-11-02T00:00:00Z"), dataLifeDays: 365 });
  }, 120_000);
  afterAll(async () => database.destroy());

  it("lists every kind of event of the day, tenant-wide, in chain order, and none of the day before", async () => {
    const timeline = await listAuditTimeline(scope(auditor), { from: dayStart, to: dayEnd, first: 100 });
    const actions = timeline.events.map((event) => event.action);
    expect(actions).toEqual(["apiKey.created", "user.created", "policy.drafted", "quickScore.simulated", "consent.granted"]);
    expect(timeline.events.map((event) => event.seq)).toEqual([...timeline.events.map((event) => event.seq)].sort((a, b) => a - b));
    expect(timeline.kinds).toEqual([
      { kind: "apiKey", count: 1 },
      { kind: "consent", count: 1 },
      { kind: "policy", count: 1 },
      { kind: "quickScore", count: 1 },
      { kind: "user", count: 1 },
    ]);
    expect(timeline.actors).toEqual(
      expect.arrayContaining([
        { actorType: "USER", actorId: admin.id, name: admin.name, count: 3 },
        { actorType: "USER", actorId: analyst.id, name: analyst.name, count: 2 },
      ]),
    );
    expect(timeline.actors).toHaveLength(2);
    expect(timeline.totalCount).toBe(5);
  });

  it("filters by kind (an action or its prefix), actor and borrower", async () => {
    const of = async (filter: { kind?: string; actorId?: string; borrowerId?: string }) => (await listAuditTimeline(scope(auditor), { from: dayStart, to: dayEnd, first: 100, ...filter })).events.map((event) => event.action);
    expect(await of({ kind: "consent" })).toEqual(["consent.granted"]);
    expect(await of({ kind: "consent.granted" })).toEqual(["consent.granted"]);
    expect(await of({ kind: "cons" })).toEqual([]);
    expect(await of({ actorId: admin.id })).toEqual(["apiKey.created", "user.created", "policy.drafted"]);
    expect(await of({ actorId: analyst.id })).toEqual(["quickScore.simulated", "consent.granted"]);
    expect(await of({ borrowerId })).toEqual(["consent.granted"]);
    expect(await listAuditTimeline(scope(auditor), { from: dayBefore, to: dayEnd, first: 100, borrowerId }).then((page) => page.totalCount)).toBe(2);
  });

  it("pages through the day with the cursor, each event once", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page: Awaited<ReturnType<typeof listAuditTimeline>> = await listAuditTimeline(scope(auditor), { from: dayStart, to: dayEnd, first: 2, after });
      seen.push(...page.events.map((event) => event.action));
      expect(page.totalCount).toBe(5);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toEqual(["apiKey.created", "user.created", "policy.drafted", "quickScore.simulated", "consent.granted"]);
  });

  it("exports the day as CSV, one line per event, with formula-like cells defused", async () => {
    const csv = await exportAuditTimeline(scope(auditor), { from: dayStart, to: dayEnd });
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("seq,occurred_at,action,actor_type,actor_id,actor_name,borrower_id,entity_type,entity_id,request_id,payload,row_hash");
    expect(lines).toHaveLength(6);
    expect(lines.slice(1).map((line) => line.split(",")[2])).toEqual(["apiKey.created", "user.created", "policy.drafted", "quickScore.simulated", "consent.granted"]);
    // The consent's statement is inside the JSON payload cell (which starts with "{"); a cell that starts with = is defused.
    expect(csv).toContain('""statement"":""=1+1 I agree""');
    const event = (await listAuditTimeline(scope(auditor), { from: dayStart, to: dayEnd, first: 1 })).events[0];
    expect(auditEventsCsv([{ ...event, actorName: "=cmd|' /C calc'!A0" }]).split("\r\n")[1]).toContain(",'=cmd|' /C calc'!A0,");
  });

  it("is open to ADMIN and AUDITOR only, and refuses a reversed or too long range", async () => {
    await expect(listAuditTimeline(scope(committee), { from: dayStart, to: dayEnd, first: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuditTimeline(scope(analyst), { from: dayStart, to: dayEnd, first: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listAuditTimeline(scope(admin), { from: dayStart, to: dayEnd, first: 10 })).totalCount).toBe(5);
    await expect(listAuditTimeline(scope(auditor), { from: dayEnd, to: dayStart, first: 10 })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
    await expect(listAuditTimeline(scope(auditor), { from: dayStart, to: dayEnd, first: 0 })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    await expect(listAuditTimeline(scope(auditor), { from: dayStart, to: dayEnd, first: 10, after: "x" })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});
