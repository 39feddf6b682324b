// Issue 12 item 2: outcomes are a history. A second recordOutcome (PAID_OFF after LATE; DEFAULT after PAID_OFF)
// answered 200 and changed nothing. Each observation is appended and audited, the current status is the latest,
// an impossible sequence is refused naming the field, and the same observation twice writes nothing. Portfolio
// metrics read the current status. On PGlite and, when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { hashRecords } from "@/prisma/store/audited-record";
import { findLatestOutcome, listOutcomeHistory } from "@/prisma/store/outcome";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore } from "./calculate-score";
import { getPortfolioPerformance } from "./get-portfolio-performance";
import { recordOutcome } from "./record-outcome";
import { resolveSessionCaller } from "./resolve-session-caller";
import { verifyAuditChain } from "./verify-audit-chain";
import { expectDomainError } from "./testing/expect-domain-error";

const scoredAt = new Date("2026-06-01T12:00:00.000Z");
const now = new Date("2026-12-01T12:00:00.000Z");
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const DAY = 86_400_000;
const after = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

describe.each(testDatabaseKinds())("recordOutcome keeps a loan's history on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let analyst: Actor;
  const scope = (at = now): UseCaseScope => ({ db: database.db, actor: analyst, now: at, request: { id: "outcomes", ipAddress: null } });
  const auditCount = (score: CreditScoreRecord) => database.db.auditEvent.count({ where: { tenantId, entityId: score.id, action: "outcome.recorded" } });

  async function newScore(label: string): Promise<CreditScoreRecord> {
    const borrower = await createBareBorrower(database.db, tenantId, `${label}-${kind}`);
    await grantFixtureConsent(database.db, tenantId, borrower.id, { validFrom: new Date("2020-01-01T00:00:00Z"), expiresAt: new Date("2030-01-01T00:00:00Z") });
    return calculateScore(scope(scoredAt), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "10000", requestedTenorDays: 30, asOf: scoredAt });
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ tenantId } = await createScoringTenant(database.db, `outcomes-${kind}`));
    analyst = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, "ANALYST", `analyst-${kind}@outcomes.test`), tenantId })) as Actor;
  }, 120_000);
  afterAll(async () => database.destroy());

  it("appends LATE then PAID_OFF, audits each, and makes PAID_OFF the current status", async () => {
    const score = await newScore("late-paid");
    const late = await recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 12, observedAt: day("2026-08-01") });
    const paid = await recordOutcome(scope(), { scoreId: score.id, status: "PAID_OFF", maxDaysLate: 12, observedAt: day("2026-09-01") });
    expect((await listOutcomeHistory(database.db, tenantId, score.id)).map((outcome) => [outcome.id, outcome.status])).toEqual([
      [late.id, "LATE"],
      [paid.id, "PAID_OFF"],
    ]);
    expect((await findLatestOutcome(database.db, tenantId, score.id))?.status).toBe("PAID_OFF");
    expect(await auditCount(score)).toBe(2);
  });

  it("refuses DEFAULT after PAID_OFF, and an observation older than the latest, writing nothing", async () => {
    const score = await newScore("paid-default");
    await recordOutcome(scope(), { scoreId: score.id, status: "PAID_OFF", maxDaysLate: 0, observedAt: day("2026-09-01") });
    await expect(recordOutcome(scope(), { scoreId: score.id, status: "DEFAULT", maxDaysLate: 95, defaultedAt: day("2026-10-01"), observedAt: day("2026-10-02") })).rejects.toMatchObject({ code: "CONFLICT", field: "status" });
    await expect(recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 5, observedAt: day("2026-08-01") })).rejects.toMatchObject({ code: "CONFLICT", field: "observedAt" });
    expect(await listOutcomeHistory(database.db, tenantId, score.id)).toHaveLength(1);
    expect(await auditCount(score)).toBe(1);
  });

  it("returns the stored observation for an identical repeat without writing or auditing; a different one at that instant is CONFLICT", async () => {
    const score = await newScore("repeat");
    const input = { scoreId: score.id, status: "DEFAULT" as const, maxDaysLate: 95, defaultedAt: day("2026-09-01"), recoveredAmount: "1200.50", observedAt: day("2026-10-01") };
    const first = await recordOutcome(scope(), input);
    expect(await recordOutcome(scope(), { ...input, recoveredAmount: "1200.5" })).toEqual(first);
    expect(await auditCount(score)).toBe(1);
    await expect(recordOutcome(scope(), { ...input, maxDaysLate: 96 })).rejects.toMatchObject({ code: "CONFLICT", field: "observedAt" });
    expect(await listOutcomeHistory(database.db, tenantId, score.id)).toHaveLength(1);
  });

  it("keeps only one of two concurrent observations of one instant", async () => {
    const score = await newScore("race");
    const at = day("2026-10-01");
    const results = await Promise.allSettled([
      recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 10, observedAt: at }),
      recordOutcome(scope(), { scoreId: score.id, status: "PAID_OFF", maxDaysLate: 0, observedAt: at }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await auditCount(score)).toBe(1);
  });

  it("counts a loan by its current status in portfolio performance: LATE then DEFAULT is a default", async () => {
    const score = await newScore("portfolio");
    await recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 30, observedAt: day("2026-08-01") });
    await recordOutcome(scope(), { scoreId: score.id, status: "DEFAULT", maxDaysLate: 95, defaultedAt: day("2026-09-01"), observedAt: day("2026-09-05") });
    const performance = await getPortfolioPerformance(scope(), { from: score.scoredAt, to: score.scoredAt });
    const scoredThen = await database.db.outcome.groupBy({ by: ["creditScoreId"], where: { tenantId, creditScore: { scoredAt: score.scoredAt } } });
    expect(performance.withOutcome).toBe(scoredThen.length);
    const currentDefaults = await Promise.all(scoredThen.map(async ({ creditScoreId }) => (await findLatestOutcome(database.db, tenantId, creditScoreId))?.status));
    expect(performance.defaults).toBe(currentDefaults.filter((status) => status === "DEFAULT" || status === "WRITTEN_OFF").length);
    expect(currentDefaults.filter((status) => status === "DEFAULT")).not.toHaveLength(0);
  });

  // Issue 14 (mutation testing): each check of the input at its boundary, by the field and message it names.
  it("refuses maxDaysLate outside 0–3650 whole days and accepts both ends", async () => {
    const score = await newScore("days-range");
    const input = { scoreId: score.id, status: "LATE" as const, observedAt: after(scoredAt, 3560 * DAY) };
    const later = scope(after(scoredAt, 3600 * DAY));
    for (const maxDaysLate of [-1, 1.5, 3651]) await expectDomainError(recordOutcome(later, { ...input, maxDaysLate }), "BAD_USER_INPUT", "maxDaysLate", "maxDaysLate: a whole number of days from 0 to 3650.");
    expect((await recordOutcome(later, { ...input, maxDaysLate: 0, observedAt: after(scoredAt, DAY) })).maxDaysLate).toBe(0);
    // 3560 days after asOf a loan may be 3560 + 90 = 3650 days late: the top of the range is accepted.
    expect((await recordOutcome(later, { ...input, maxDaysLate: 3650 })).maxDaysLate).toBe(3650);
  });

  it("bounds maxDaysLate by the whole days since the scoring's asOf plus 90", async () => {
    const score = await newScore("days-bound");
    const tenDays = after(scoredAt, 10 * DAY);
    await expectDomainError(recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 101, observedAt: tenDays }), "BAD_USER_INPUT", "maxDaysLate", "maxDaysLate: at most 100 days for an observation 10 days after");
    // 10 days and 23 hours are 10 whole days: still at most 100.
    await expectDomainError(recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 101, observedAt: after(tenDays, DAY - 1) }), "BAD_USER_INPUT", "maxDaysLate", "maxDaysLate: at most 100 days");
    expect((await recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 100, observedAt: tenDays })).maxDaysLate).toBe(100);
    // At the scoring instant itself: 0 days since asOf, so 90.
    const other = await newScore("days-bound-0");
    await expectDomainError(recordOutcome(scope(), { scoreId: other.id, status: "LATE", maxDaysLate: 91, observedAt: scoredAt }), "BAD_USER_INPUT", "maxDaysLate", "maxDaysLate: at most 90 days for an observation 0 days after");
    expect((await recordOutcome(scope(), { scoreId: other.id, status: "LATE", maxDaysLate: 90, observedAt: scoredAt })).maxDaysLate).toBe(90);
  });

  it("requires defaultedAt exactly with DEFAULT and WRITTEN_OFF, not after observedAt", async () => {
    const score = await newScore("defaulted-at");
    const observedAt = day("2026-10-01");
    for (const status of ["DEFAULT", "WRITTEN_OFF"] as const) {
      await expectDomainError(recordOutcome(scope(), { scoreId: score.id, status, maxDaysLate: 95, observedAt }), "BAD_USER_INPUT", "defaultedAt", `defaultedAt: required when the status is ${status}.`);
    }
    for (const status of ["LATE", "PAID_OFF"] as const) {
      await expectDomainError(recordOutcome(scope(), { scoreId: score.id, status, maxDaysLate: 5, defaultedAt: day("2026-09-01"), observedAt }), "BAD_USER_INPUT", "defaultedAt", "defaultedAt: only with DEFAULT or WRITTEN_OFF.");
    }
    await expectDomainError(recordOutcome(scope(), { scoreId: score.id, status: "DEFAULT", maxDaysLate: 95, defaultedAt: after(observedAt, 1), observedAt }), "BAD_USER_INPUT", "defaultedAt", "defaultedAt: cannot be after observedAt.");
    const stored = await recordOutcome(scope(), { scoreId: score.id, status: "DEFAULT", maxDaysLate: 95, defaultedAt: observedAt, observedAt });
    expect(stored.defaultedAt).toEqual(observedAt);
    expect(await listOutcomeHistory(database.db, tenantId, score.id)).toHaveLength(1);
  });

  it("takes observedAt from the scoring instant up to now, both included", async () => {
    const score = await newScore("observed-at");
    await expectDomainError(recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 1, observedAt: after(now, 1) }), "BAD_USER_INPUT", "observedAt", "observedAt: cannot be in the future.");
    await expectDomainError(recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 1, observedAt: after(scoredAt, -1) }), "BAD_USER_INPUT", "observedAt", "observedAt: cannot be before the scoring.");
    expect((await recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 1, observedAt: scoredAt })).observedAt).toEqual(scoredAt);
    expect((await recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 2, observedAt: now })).observedAt).toEqual(now);
    await expectDomainError(recordOutcome(scope(), { scoreId: "no-such-score", status: "LATE", maxDaysLate: 1, observedAt: now }), "NOT_FOUND", undefined, "No credit score with this id.");
  });

  it("reads recoveredAmount trimmed and normalised, 0 or more with at most 4 decimals", async () => {
    const score = await newScore("recovered");
    const input = { scoreId: score.id, status: "DEFAULT" as const, maxDaysLate: 95, defaultedAt: day("2026-09-01") };
    for (const recoveredAmount of ["-1", "1.23456", "abc", "1e3", ""]) {
      await expectDomainError(recordOutcome(scope(), { ...input, recoveredAmount, observedAt: day("2026-10-01") }), "BAD_USER_INPUT", "recoveredAmount", "recoveredAmount: an amount of 0 or more with at most 4 decimals.");
    }
    const first = await recordOutcome(scope(), { ...input, recoveredAmount: " 0 ", observedAt: day("2026-10-01") });
    expect(first.recoveredAmount?.toString()).toBe("0");
    const second = await recordOutcome(scope(), { ...input, recoveredAmount: "250.1000", observedAt: day("2026-10-15") });
    expect(second.recoveredAmount?.toString()).toBe("250.1");
    const events = await database.db.auditEvent.findMany({ where: { tenantId, entityId: score.id, action: "outcome.recorded" }, orderBy: { seq: "asc" } });
    expect(events.map((event) => event.payload)).toMatchObject([
      { outcomeId: first.id, previousStatus: null, status: "DEFAULT", maxDaysLate: 95, recoveredAmount: "0", observedAt: "2026-10-01T00:00:00.000Z" },
      { outcomeId: second.id, previousStatus: "DEFAULT", status: "DEFAULT", maxDaysLate: 95, recoveredAmount: "250.1", observedAt: "2026-10-15T00:00:00.000Z" },
    ]);
    // A later observation may not report less recovered, nor drop the amount, nor move the default date, nor fall in days late.
    await expectDomainError(recordOutcome(scope(), { ...input, recoveredAmount: "250.09", observedAt: day("2026-11-01") }), "CONFLICT", "recoveredAmount", "recoveredAmount: 250.1 had already been recovered");
    await expectDomainError(recordOutcome(scope(), { ...input, observedAt: day("2026-11-01") }), "CONFLICT", "recoveredAmount", "recoveredAmount: 250.1 had already been recovered");
    await expectDomainError(recordOutcome(scope(), { ...input, defaultedAt: day("2026-09-02"), recoveredAmount: "300", observedAt: day("2026-11-01") }), "CONFLICT", "defaultedAt", "defaultedAt: the loan defaulted on 2026-09-01");
    await expectDomainError(recordOutcome(scope(), { ...input, maxDaysLate: 94, recoveredAmount: "300", observedAt: day("2026-11-01") }), "CONFLICT", "maxDaysLate", "maxDaysLate: the worst delay so far was already 95 days");
    await expectDomainError(recordOutcome(scope(), { ...input, status: "LATE", defaultedAt: null, recoveredAmount: "300", observedAt: day("2026-11-01") }), "CONFLICT", "status", "status: LATE cannot follow DEFAULT");
    const same = await recordOutcome(scope(), { ...input, recoveredAmount: "250.10", observedAt: day("2026-11-01") });
    expect(same.recoveredAmount?.toString()).toBe("250.1");
    expect(await listOutcomeHistory(database.db, tenantId, score.id)).toHaveLength(3);
  });

  it("refuses an observation that reports no recovered amount after one that reported 0 recovered", async () => {
    const score = await newScore("recovered-zero");
    const input = { scoreId: score.id, status: "DEFAULT" as const, maxDaysLate: 95, defaultedAt: day("2026-09-01") };
    await recordOutcome(scope(), { ...input, recoveredAmount: "0", observedAt: day("2026-10-01") });
    await expectDomainError(recordOutcome(scope(), { ...input, observedAt: day("2026-11-01") }), "CONFLICT", "recoveredAmount", "recoveredAmount: 0 had already been recovered");
    expect((await listOutcomeHistory(database.db, tenantId, score.id)).map((outcome) => outcome.recoveredAmount?.toString() ?? null)).toEqual(["0"]);
    expect(await auditCount(score)).toBe(1);
  });

  it("vouches in its audit event for the outcome as stored, so an outcome edited outside the application is found", async () => {
    const score = await newScore("vouched");
    const outcome = await recordOutcome(scope(), { scoreId: score.id, status: "LATE", maxDaysLate: 12, observedAt: day("2026-08-01") });
    const [event] = await database.db.auditEvent.findMany({ where: { tenantId, entityId: score.id, action: "outcome.recorded" } });
    const hash = (await hashRecords(database.db, tenantId, "Outcome", [outcome.id])).get(outcome.id);
    expect((event.payload as { records?: unknown }).records).toEqual([{ type: "Outcome", id: outcome.id, hash }]);
    // A loan made to look repaid on time behind the application's back: the chain no longer matches it.
    const forge = (maxDaysLate: number) =>
      database.withSqlSession(async (sql) => {
        await sql.query("SET session_replication_role = replica");
        try {
          await sql.query('UPDATE "Outcome" SET "maxDaysLate" = $2 WHERE id = $1', [outcome.id, maxDaysLate]);
        } finally {
          await sql.query("SET session_replication_role = origin");
        }
      });
    await forge(0);
    const verification = await verifyAuditChain(scope(), { full: true });
    expect(verification.valid).toBe(false);
    expect(verification.reason).toContain(`Outcome ${outcome.id} no longer matches`);
    await forge(12);
    expect((await verifyAuditChain(scope(), { full: true })).valid).toBe(true);
  });

  it("at an instant already observed, returns the stored observation only when every field is the same", async () => {
    const score = await newScore("same-instant");
    const observedAt = day("2026-10-01");
    const input = { scoreId: score.id, status: "DEFAULT" as const, maxDaysLate: 95, defaultedAt: day("2026-09-01"), observedAt };
    const stored = await recordOutcome(scope(), input);
    expect(await recordOutcome(scope(), input)).toEqual(stored);
    const different = [{ status: "WRITTEN_OFF" as const }, { maxDaysLate: 96 }, { defaultedAt: day("2026-09-02") }, { recoveredAmount: "0" }];
    for (const change of different) {
      await expectDomainError(recordOutcome(scope(), { ...input, ...change }), "CONFLICT", "observedAt", "observedAt: a different observation (DEFAULT, 95 days late) is already recorded at 2026-10-01T00:00:00.000Z");
    }
    const late = await newScore("same-instant-late");
    const lateInput = { scoreId: late.id, status: "LATE" as const, maxDaysLate: 3, observedAt };
    const lateStored = await recordOutcome(scope(), lateInput);
    expect(await recordOutcome(scope(), lateInput)).toEqual(lateStored);
    await expectDomainError(recordOutcome(scope(), { ...lateInput, status: "PAID_OFF" }), "CONFLICT", "observedAt", "observedAt: a different observation (LATE, 3 days late)");
    await expectDomainError(recordOutcome(scope(), { ...lateInput, observedAt: after(observedAt, -1) }), "CONFLICT", "observedAt", "observedAt: the loan's history already runs to 2026-10-01T00:00:00.000Z (LATE)");
    expect(await auditCount(score)).toBe(1);
    expect(await auditCount(late)).toBe(1);
  });
});
