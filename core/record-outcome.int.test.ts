// Issue 12 item 2: outcomes are a history. A second recordOutcome (PAID_OFF after LATE; DEFAULT after PAID_OFF)
// answered 200 and changed nothing. Each observation is appended and audited, the current status is the latest,
// an impossible sequence is refused naming the field, and the same observation twice writes nothing. Portfolio
// metrics read the current status. On PGlite and, when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { findLatestOutcome, listOutcomeHistory } from "@/prisma/store/outcome";
import { createBareBorrower, createFixtureUser, createScoringTenant, grantFixtureConsent } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "./actor";
import { calculateScore } from "./calculate-score";
import { getPortfolioPerformance } from "./get-portfolio-performance";
import { recordOutcome } from "./record-outcome";
import { resolveSessionCaller } from "./resolve-session-caller";

const scoredAt = new Date("2026-06-01T12:00:00.000Z");
const now = new Date("2026-12-01T12:00:00.000Z");
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

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
});
