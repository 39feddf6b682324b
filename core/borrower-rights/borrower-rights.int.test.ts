// Issue 12 item 5: the rights the seed markets' data-protection laws give a person subject to an automated
// decision (docs/data-rights.md). A borrower contests a decision with her own statement: the scoring returns to
// the committee's queue flagged, audited, until a member decides again. A borrower asks for erasure: her signals
// and contact details go at once, the lending record (scorings, decisions, outcomes, consents, audit trail and the
// identity tying them to her) is kept for the retention period, and the request says so. On PGlite and, when
// DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedScoringPopulation } from "@/prisma/testing/seed-scoring-population";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "../actor";
import { calculateScore } from "../calculate-score";
import { listApplications } from "../list-applications";
import { recordCommitteeDecision } from "../record-committee-decision";
import { resolveSessionCaller } from "../resolve-session-caller";
import { listBorrowerRequests } from "./list-borrower-requests";
import { requestErasure, RETENTION_YEARS } from "./request-erasure";
import { requestHumanReview } from "./request-human-review";

const asOf = "2026-11-01T00:00:00Z";
const now = new Date("2026-11-02T09:00:00.000Z");
const later = new Date("2026-11-03T09:00:00.000Z");

describe.each(testDatabaseKinds())("a borrower's rights on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let analyst: Actor;
  let committee: Actor;
  const scope = (actor: Actor, at = now): UseCaseScope => ({ db: database.db, actor, now: at, request: { id: "rights", ipAddress: null } });
  const actorOf = async (role: "ANALYST" | "COMMITTEE" | "BORROWER", email: string, borrowerId: string | null = null) =>
    (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, role, email, borrowerId), tenantId })) as Actor;
  const awaiting = async () => (await listApplications(scope(committee), { filter: { status: "AWAITING_DECISION" }, first: 100 })).edges.map((edge) => edge.node.id);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `rights-${kind}`));
    analyst = await actorOf("ANALYST", `analyst-${kind}@rights.test`);
    committee = await actorOf("COMMITTEE", `committee-${kind}@rights.test`);
  }, 120_000);
  afterAll(async () => database.destroy());

  it("returns a contested scoring to the committee's queue, flagged and audited, until a member decides again", async () => {
    const borrower = await createBareBorrower(database.db, tenantId, `contest-${kind}`);
    await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z") });
    const score = await calculateScore(scope(analyst), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 30, asOf: now });
    const her = await actorOf("BORROWER", `contest-${kind}@rights.test`, borrower.id);
    const declined = await recordCommitteeDecision(scope(committee), { scoreId: score.id, verdict: "DECLINED", note: "Too little history." });
    expect(await awaiting()).not.toContain(score.id);

    await expect(requestHumanReview(scope(her), { scoreId: score.id, statement: "short" })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "statement" });
    const statement = "I have paid my chama contributions every week for three years; the history is on my M-Pesa statement.";
    const request = await requestHumanReview(scope(her), { scoreId: score.id, statement });
    expect(request).toMatchObject({ kind: "HUMAN_REVIEW", status: "OPEN", statement, creditScoreId: score.id });
    await expect(requestHumanReview(scope(her), { scoreId: score.id, statement })).rejects.toMatchObject({ code: "CONFLICT", field: "scoreId" });
    expect(await awaiting()).toContain(score.id);
    expect(await database.db.auditEvent.count({ where: { tenantId, action: "humanReview.requested", entityId: score.id, borrowerId: borrower.id } })).toBe(1);

    // Another borrower cannot contest her scoring.
    const stranger = await actorOf("BORROWER", `stranger-${kind}@rights.test`, (await createBareBorrower(database.db, tenantId, `stranger-${kind}`)).id);
    await expect(requestHumanReview(scope(stranger), { scoreId: score.id, statement })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const reviewed = await recordCommitteeDecision(scope(committee, later), { scoreId: score.id, verdict: "REFERRED", supersedesDecisionId: declined.id, note: "Her statement shows regular savings: ask for the chama's records." });
    expect(await awaiting()).not.toContain(score.id);
    const [answered] = await listBorrowerRequests(scope(her), borrower.id);
    expect(answered).toMatchObject({ id: request.id, status: "COMPLETED", resolvedByDecisionId: reviewed.id });
    expect(await listBorrowerRequests(scope(stranger), borrower.id)).toEqual([]);
  });

  it("erases a scored borrower's signals and contact at once, and keeps the lending record and her identity for the retention period", async () => {
    const [seeded] = await seedScoringPopulation(database.db, tenantId, `erase-${kind}`, { borrowers: 1, signalsPerBorrower: 40, asOf, purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date("2028-01-01T00:00:00Z") });
    expect(seeded.signals).toBeGreaterThan(0);
    const score = await calculateScore(scope(analyst), { borrowerId: seeded.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 30, asOf: now });
    await recordCommitteeDecision(scope(committee), { scoreId: score.id, verdict: "DECLINED", note: "Declined." });
    const her = await actorOf("BORROWER", `erase-${kind}@rights.test`, seeded.id);
    const before = await database.db.borrower.findUniqueOrThrow({ where: { id: seeded.id } });

    const erasure = await requestErasure(scope(her, later), { borrowerId: seeded.id, statement: "Please delete my data." });
    const where = { tenantId, borrowerId: seeded.id };
    const left = {
      transactions: await database.db.transaction.count({ where }),
      bills: await database.db.bill.count({ where }),
      loanRepayments: await database.db.loanRepayment.count({ where }),
      behaviouralEvents: await database.db.behaviouralEvent.count({ where }),
      bureauRecords: await database.db.bureauRecord.count({ where }),
      linkedAccounts: await database.db.linkedAccount.count({ where }),
    };
    expect(left).toEqual({ transactions: 0, bills: 0, loanRepayments: 0, behaviouralEvents: 0, bureauRecords: 0, linkedAccounts: 0 });
    const resolution = erasure.resolution as { signalsErased: Record<string, number>; identity: string; keptUntil: string; consentsRevoked: number };
    expect(Object.values(resolution.signalsErased).reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    expect(resolution).toMatchObject({ identity: "KEPT", consentsRevoked: 1, keptUntil: `${2026 + RETENTION_YEARS}-11-02T09:00:00.000Z` });
    expect(erasure).toMatchObject({ kind: "ERASURE", status: "COMPLETED" });

    const after = await database.db.borrower.findUniqueOrThrow({ where: { id: seeded.id } });
    expect(after).toMatchObject({ phone: "erased", deviceId: null, givenName: before.givenName, familyName: before.familyName, nationalIdHash: before.nationalIdHash });
    expect(await database.db.creditScore.count({ where })).toBe(1);
    expect(await database.db.committeeDecision.count({ where: { tenantId, creditScoreId: score.id } })).toBe(1);
    expect(await database.db.consent.count({ where: { ...where, revokedAt: null } })).toBe(0);
    expect(await database.db.consent.count({ where })).toBe(1);
    expect(await database.db.auditEvent.count({ where: { tenantId, action: "erasure.completed", borrowerId: seeded.id } })).toBe(1);
    // With her consent revoked, she can no longer be scored.
    await expect(calculateScore(scope(analyst, later), { borrowerId: seeded.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 30, asOf: later })).rejects.toMatchObject({ code: "CONSENT_REQUIRED" });
  });

  it("pseudonymises the identity of a borrower nothing under retention refers to", async () => {
    const borrower = await createBareBorrower(database.db, tenantId, `never-scored-${kind}`);
    const her = await actorOf("BORROWER", `never-scored-${kind}@rights.test`, borrower.id);
    const erasure = await requestErasure(scope(her), { borrowerId: borrower.id });
    expect(erasure.resolution).toMatchObject({ identity: "PSEUDONYMISED", keptUntil: null });
    const after = await database.db.borrower.findUniqueOrThrow({ where: { id: borrower.id } });
    expect(after).toMatchObject({ givenName: "Erased", familyName: "borrower", phone: "erased", nationalIdLast4: "----" });
    expect(after.nationalIdHash).not.toBe(borrower.nationalIdHash);
  });

  it("refuses erasure of another borrower's data, and by roles without the right", async () => {
    const borrower = await createBareBorrower(database.db, tenantId, `other-${kind}`);
    const stranger = await actorOf("BORROWER", `other-stranger-${kind}@rights.test`, (await createBareBorrower(database.db, tenantId, `other-stranger-${kind}`)).id);
    await expect(requestErasure(scope(stranger), { borrowerId: borrower.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestErasure(scope(analyst), { borrowerId: borrower.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await database.db.borrower.findUniqueOrThrow({ where: { id: borrower.id } })).phone).toBe(borrower.phone);
  });
});
