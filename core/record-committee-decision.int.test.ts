// Issue 12 item 1: one current committee decision per score. The same member recorded APPROVED and, a minute
// later, DECLINED on the same score with no warning. A change must name the decision it replaces and say why;
// a decision that ignores the one in force, or names one already replaced (two members at once), is CONFLICT;
// the database refuses a second chain head even from a writer that skips the use case. On PGlite and, when
// DATABASE_URL is set, PostgreSQL (where the two decisions really race on two connections).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCurrentCommitteeDecision, listCommitteeDecisions, recordCommitteeDecision as storeDecision } from "@/prisma/store/committee-decision";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore } from "./calculate-score";
import { DomainError } from "./errors";
import { recordCommitteeDecision } from "./record-committee-decision";
import { resolveSessionCaller } from "./resolve-session-caller";

const now = new Date("2026-06-01T12:00:00.000Z");
const minuteLater = new Date("2026-06-01T12:01:00.000Z");

describe.each(testDatabaseKinds())("recordCommitteeDecision keeps one decision in force on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let analyst: Actor;
  let committee: Actor;
  let colleague: Actor;
  const scope = (actor: Actor, at = now): UseCaseScope => ({ db: database.db, actor, now: at, request: { id: "committee-decision", ipAddress: null } });

  async function newScore(label: string): Promise<CreditScoreRecord> {
    const borrower = await createBareBorrower(database.db, tenantId, `${label}-${kind}`);
    await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z") });
    return calculateScore(scope(analyst), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 30, asOf: now });
  }
  const decline = (score: CreditScoreRecord, extra: { note?: string; supersedesDecisionId?: string } = {}) => ({ scoreId: score.id, verdict: "DECLINED" as const, note: "Declined after the interview.", ...extra });
  const refer = (score: CreditScoreRecord, extra: { note?: string; supersedesDecisionId?: string } = {}) => ({ scoreId: score.id, verdict: "REFERRED" as const, ...extra });
  const rejection = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as DomainError);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `decisions-${kind}`));
    const actorOf = async (role: "ANALYST" | "COMMITTEE", email: string) => (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, role, email), tenantId })) as Actor;
    analyst = await actorOf("ANALYST", `analyst-${kind}@decisions.test`);
    committee = await actorOf("COMMITTEE", `committee-${kind}@decisions.test`);
    colleague = await actorOf("COMMITTEE", `colleague-${kind}@decisions.test`);
  }, 120_000);
  afterAll(async () => database.destroy());

  it("refuses a second decision that does not name the one in force, and changes nothing", async () => {
    const score = await newScore("second");
    const first = await recordCommitteeDecision(scope(committee), refer(score));
    const error = await rejection(recordCommitteeDecision(scope(committee, minuteLater), decline(score)));
    expect(error).toMatchObject({ code: "CONFLICT", field: "supersedesDecisionId" });
    expect(error?.message).toContain(first.id);
    expect(await listCommitteeDecisions(database.db, tenantId, score.id)).toEqual([first]);
  });

  it("changes a decision that is named, with a note: the new one is in force, the old one stays in the history, both audited", async () => {
    const score = await newScore("change");
    const first = await recordCommitteeDecision(scope(committee), refer(score));
    const noNote = await rejection(recordCommitteeDecision(scope(committee, minuteLater), refer(score, { supersedesDecisionId: first.id })));
    expect(noNote).toMatchObject({ code: "BAD_USER_INPUT", field: "note" });
    const changed = await recordCommitteeDecision(scope(committee, minuteLater), decline(score, { supersedesDecisionId: first.id, note: "The guarantor withdrew." }));
    expect(changed).toMatchObject({ verdict: "DECLINED", supersedesDecisionId: first.id, note: "The guarantor withdrew." });
    expect((await findCurrentCommitteeDecision(database.db, tenantId, score.id))?.id).toBe(changed.id);
    expect((await listCommitteeDecisions(database.db, tenantId, score.id)).map((decision) => decision.id)).toEqual([first.id, changed.id]);
    const events = await database.db.auditEvent.findMany({ where: { tenantId, entityId: score.id, action: { startsWith: "committeeDecision." } }, orderBy: { seq: "asc" } });
    expect(events.map((event) => [event.action, (event.payload as { previousVerdict: string | null }).previousVerdict])).toEqual([
      ["committeeDecision.recorded", null],
      ["committeeDecision.changed", "REFERRED"],
    ]);
  });

  it("refuses a change naming a decision already replaced (stale), and one naming another score's decision", async () => {
    const score = await newScore("stale");
    const first = await recordCommitteeDecision(scope(committee), refer(score));
    const second = await recordCommitteeDecision(scope(colleague, minuteLater), decline(score, { supersedesDecisionId: first.id }));
    expect(await rejection(recordCommitteeDecision(scope(committee, minuteLater), decline(score, { supersedesDecisionId: first.id })))).toMatchObject({ code: "CONFLICT", field: "supersedesDecisionId" });
    const other = await newScore("stale-other");
    const otherDecision = await recordCommitteeDecision(scope(committee), refer(other));
    expect(await rejection(recordCommitteeDecision(scope(committee, minuteLater), decline(score, { supersedesDecisionId: otherDecision.id })))).toMatchObject({ code: "NOT_FOUND" });
    expect((await findCurrentCommitteeDecision(database.db, tenantId, score.id))?.id).toBe(second.id);
  });

  it("lets exactly one of two concurrent first decisions through; the other is CONFLICT", async () => {
    const score = await newScore("race-first");
    const results = await Promise.allSettled([recordCommitteeDecision(scope(committee), refer(score)), recordCommitteeDecision(scope(colleague), decline(score))]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [refused] = results.filter((result) => result.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", field: "supersedesDecisionId" });
    expect(await listCommitteeDecisions(database.db, tenantId, score.id)).toHaveLength(1);
  });

  it("lets exactly one of two concurrent changes of the same decision through", async () => {
    const score = await newScore("race-change");
    const first = await recordCommitteeDecision(scope(committee), refer(score));
    const results = await Promise.allSettled([
      recordCommitteeDecision(scope(committee, minuteLater), decline(score, { supersedesDecisionId: first.id })),
      recordCommitteeDecision(scope(colleague, minuteLater), refer(score, { supersedesDecisionId: first.id, note: "Ask for payslips." })),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", field: "supersedesDecisionId" });
    expect(await listCommitteeDecisions(database.db, tenantId, score.id)).toHaveLength(2);
  });

  it("has the database refuse a second first decision and a second change of one decision, without the use case", async () => {
    const score = await newScore("database");
    const row = { creditScoreId: score.id, verdict: "REFERRED" as const, isOverride: false, decidedByKind: "USER" as const, decidedById: committee.id, decidedByName: committee.name, decidedAt: now };
    const first = await storeDecision(database.db, tenantId, row);
    await expect(storeDecision(database.db, tenantId, row)).rejects.toMatchObject({ code: "P2002" });
    await storeDecision(database.db, tenantId, { ...row, supersedesDecisionId: first.id, note: "changed" });
    await expect(storeDecision(database.db, tenantId, { ...row, supersedesDecisionId: first.id, note: "changed again" })).rejects.toMatchObject({ code: "P2002" });
  });
});
