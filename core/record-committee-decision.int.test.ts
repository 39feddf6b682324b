// Issue 12 item 1: one current committee decision per score. The same member recorded APPROVED and, a minute
// later, DECLINED on the same score with no warning. A change must name the decision it replaces and say why;
// a decision that ignores the one in force, or names one already replaced (two members at once), is CONFLICT;
// the database refuses a second chain head even from a writer that skips the use case. On PGlite and, when
// DATABASE_URL is set, PostgreSQL (where the two decisions really race on two connections).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashRecords } from "@/prisma/store/audited-record";
import { findCurrentCommitteeDecision, listCommitteeDecisions, recordCommitteeDecision as storeDecision } from "@/prisma/store/committee-decision";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore } from "./calculate-score";
import { DomainError } from "./errors";
import { recordCommitteeDecision } from "./record-committee-decision";
import { resolveSessionCaller } from "./resolve-session-caller";
import { verifyAuditChain } from "./verify-audit-chain";
import { expectDomainError } from "./testing/expect-domain-error";

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
    // The member is told which decision is in force now, to reload and decide against that one.
    await expectDomainError(recordCommitteeDecision(scope(committee, minuteLater), decline(score, { supersedesDecisionId: first.id })), "CONFLICT", "supersedesDecisionId", `supersedesDecisionId: that decision has already been replaced; the one in force now is DECLINED by ${colleague.name} (id ${second.id}).`);
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

  // Issue 14 (mutation testing): each check of the input at its boundary, by the field and message it names,
  // and what a decision records and audits.
  it("refuses an unknown score, a bad amount or tenor, and an APPROVED verdict without both, writing nothing", async () => {
    const score = await newScore("inputs");
    await expectDomainError(recordCommitteeDecision(scope(committee), refer({ ...score, id: "no-such-score" })), "NOT_FOUND", undefined, "No credit score with this id.");
    for (const amount of ["0", "-5", "1.23456", "12a", ""]) {
      await expectDomainError(recordCommitteeDecision(scope(committee), { ...refer(score), amount }), "BAD_USER_INPUT", "amount", "amount: a positive amount with at most 4 decimals.");
    }
    for (const tenorDays of [0, 3651, 1.5]) {
      await expectDomainError(recordCommitteeDecision(scope(committee), { ...refer(score), tenorDays }), "BAD_USER_INPUT", "tenorDays", "tenorDays: a whole number of days from 1 to 3650.");
    }
    for (const amount of [null, undefined]) {
      await expectDomainError(recordCommitteeDecision(scope(committee), { scoreId: score.id, verdict: "APPROVED", amount, tenorDays: 30, note: "n" }), "BAD_USER_INPUT", "amount", "amount: required when the verdict is APPROVED.");
    }
    for (const tenorDays of [null, undefined]) {
      await expectDomainError(recordCommitteeDecision(scope(committee), { scoreId: score.id, verdict: "APPROVED", amount: "100", tenorDays, note: "n" }), "BAD_USER_INPUT", "tenorDays", "tenorDays: required when the verdict is APPROVED.");
    }
    await expectDomainError(recordCommitteeDecision(scope(committee), { ...refer(score), note: "x".repeat(5001) }), "BAD_USER_INPUT", "note", "note: at most 5000 characters.");
    await expectDomainError(recordCommitteeDecision(scope(committee), { ...refer(score), supersedesDecisionId: "some-decision", note: "  " }), "BAD_USER_INPUT", "note", "note: required when a decision changes an earlier one (say why).");
    expect(await listCommitteeDecisions(database.db, tenantId, score.id)).toEqual([]);
  });

  it("takes tenors of 1 and 3650 days, a trimmed amount normalised, a 5000-character note, and blank optional text as none", async () => {
    const score = await newScore("accepts");
    const first = await recordCommitteeDecision(scope(committee), { ...refer(score), amount: " 250.5000 ", tenorDays: 1, note: "   ", supersedesDecisionId: "  " });
    expect(first).toMatchObject({ verdict: "REFERRED", tenorDays: 1, note: null, supersedesDecisionId: null, isOverride: false, decidedById: committee.id, decidedByName: committee.name, decidedAt: now });
    expect(first.amount?.toString()).toBe("250.5");
    const note = "y".repeat(5000);
    const second = await recordCommitteeDecision(scope(colleague, minuteLater), { ...refer(score), tenorDays: 3650, note: ` ${note} `, supersedesDecisionId: ` ${first.id} ` });
    expect(second).toMatchObject({ tenorDays: 3650, note, supersedesDecisionId: first.id, amount: null, decidedById: colleague.id, decidedAt: minuteLater });
    const events = await database.db.auditEvent.findMany({ where: { tenantId, entityId: score.id, action: { startsWith: "committeeDecision." } }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.payload)).toMatchObject([
      { committeeDecisionId: first.id, supersedesDecisionId: null, previousVerdict: null, verdict: "REFERRED", recommendation: score.recommendation, isOverride: false, amount: "250.5", tenorDays: 1, note: null, answersHumanReview: null },
      { committeeDecisionId: second.id, supersedesDecisionId: first.id, previousVerdict: "REFERRED", verdict: "REFERRED", isOverride: false, amount: null, tenorDays: 3650, note, answersHumanReview: null },
    ]);
    expect(events.map((event) => [event.action, event.entityType, event.borrowerId])).toEqual([
      ["committeeDecision.recorded", "CreditScore", score.borrowerId],
      ["committeeDecision.changed", "CreditScore", score.borrowerId],
    ]);
  });

  it("vouches in its audit event for the decision as stored, so a verdict edited outside the application is found", async () => {
    const score = await newScore("vouched");
    const decision = await recordCommitteeDecision(scope(committee), decline(score));
    const [event] = await database.db.auditEvent.findMany({ where: { tenantId, entityId: score.id, action: "committeeDecision.recorded" } });
    const hash = (await hashRecords(database.db, tenantId, "CommitteeDecision", [decision.id])).get(decision.id);
    expect((event.payload as { records?: unknown }).records).toEqual([{ type: "CommitteeDecision", id: decision.id, hash }]);
    // A decline turned into an approval behind the application's back: the chain no longer matches it.
    const forge = (verdict: string) =>
      database.withSqlSession(async (sql) => {
        await sql.query("SET session_replication_role = replica");
        try {
          await sql.query('UPDATE "CommitteeDecision" SET verdict = $2::"CommitteeVerdict" WHERE id = $1', [decision.id, verdict]);
        } finally {
          await sql.query("SET session_replication_role = origin");
        }
      });
    await forge("APPROVED");
    const verification = await verifyAuditChain(scope(analyst), { full: true });
    expect(verification.valid).toBe(false);
    expect(verification.reason).toContain(`CommitteeDecision ${decision.id} no longer matches`);
    await forge("DECLINED");
    expect((await verifyAuditChain(scope(analyst), { full: true })).valid).toBe(true);
  });

  it("requires a note for an override: approving more than the recommended limit, or against a REJECT; not for the limit itself", async () => {
    const score = await newScore("override");
    const limit = score.recommendedLimit.toString();
    const approve = (amount: string, extra: { note?: string; supersedesDecisionId?: string } = {}) => ({ scoreId: score.id, verdict: "APPROVED" as const, amount, tenorDays: 30, ...extra });
    const overLimit = (Number(limit) + 0.0001).toFixed(4);
    await expectDomainError(recordCommitteeDecision(scope(committee), approve(overLimit)), "BAD_USER_INPUT", "note", `note: required, the verdict APPROVED overrides the recommendation ${score.recommendation}.`);
    const over = await recordCommitteeDecision(scope(committee), approve(overLimit, { note: "Known to the branch for years." }));
    expect(over.isOverride).toBe(true);
    if (score.recommendation === "REJECT" || Number(limit) <= 0) {
      // Approving anything against a REJECT (or when no amount is within the limit) overrides.
      await expectDomainError(recordCommitteeDecision(scope(committee, minuteLater), approve("1", { supersedesDecisionId: over.id, note: "" })), "BAD_USER_INPUT", "note", "note: required when a decision changes");
    } else {
      const atLimit = await recordCommitteeDecision(scope(committee, minuteLater), approve(limit, { supersedesDecisionId: over.id, note: "Within the limit after all." }));
      expect(atLimit.isOverride).toBe(false);
    }
  });
});
