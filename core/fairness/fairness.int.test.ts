// Protected attributes and the fairness report through the core, on PGlite and (with DATABASE_URL)
// PostgreSQL: recording is ADMIN-only and validated; the engine cannot see the attributes (a scoring with
// and without them is byte-identical); the report's figures equal those counted by hand from the stored rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import type { CreditScoreRecord } from "@/prisma/store/credit-score";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { seedScoringPopulation, type SeededBorrower } from "@/prisma/testing/seed-scoring-population";
import type { Actor, UseCaseScope } from "../actor";
import { calculateScore } from "../calculate-score";
import { resolveSessionCaller } from "../resolve-session-caller";
import { canonicalResult } from "../scoring/stored-assessment";
import { getFairnessReport } from "./get-fairness-report";
import { listProtectedAttributes, recordProtectedAttributes } from "./protected-attributes";

const asOf = "2026-11-01T00:00:00.000Z";
const period = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-12-31T00:00:00Z") };

describe.each(testDatabaseKinds())("fairness on %s", (kind) => {
  let database: TestDatabase;
  let admin: Actor;
  let analyst: Actor;
  let borrowers: SeededBorrower[];
  const scores: CreditScoreRecord[] = [];
  const scopeOf = (actor: Actor): UseCaseScope => ({ db: database.db, actor, now: new Date(), request: { id: "test", ipAddress: null } });
  const score = (borrowerId: string) => calculateScore(scopeOf(analyst), { borrowerId, purpose: "LOAN_UNDERWRITING", requestedAmount: "30000", requestedTenorDays: 90, asOf: new Date(asOf) });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const tenant = await ensureTenant(database.db, { slug: "fair", name: "Fair MFI" });
    await registerDefaultScoring(database.db, tenant.id);
    const actors = [];
    for (const role of ["ADMIN", "ANALYST"] as const) {
      const user = await createUser(database.db, tenant.id, { email: `${role.toLowerCase()}-${kind}@fair.test`, name: role, role, passwordHash: "x" });
      actors.push((await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Actor);
    }
    [admin, analyst] = actors;
    borrowers = await seedScoringPopulation(database.db, tenant.id, `fair-${kind}`, { borrowers: 6, signalsPerBorrower: 150, asOf, purposesOf: () => ["LOAN_UNDERWRITING"], consentsUntil: new Date() });
    for (const borrower of borrowers) scores.push(await score(borrower.id));
  }, 300_000);

  afterAll(async () => database.destroy());

  it("scores a borrower byte for byte the same with and without protected attributes", async () => {
    await recordProtectedAttributes(scopeOf(admin), [
      { borrowerId: borrowers[0].id, attribute: "SEX", value: "F" },
      { borrowerId: borrowers[0].id, attribute: "DISABILITY", value: "YES" },
    ]);
    const after = await score(borrowers[0].id);
    const before = scores[0];
    expect(canonicalResult(after.result)).toBe(canonicalResult(before.result));
    expect(JSON.stringify(after.features)).toBe(JSON.stringify(before.features));
    expect(after.inputsSha256).toBe(before.inputsSha256);
    scores.push(after);
  });

  it("records attributes for ADMIN only, naming the bad field", async () => {
    await expect(recordProtectedAttributes(scopeOf(analyst), [{ borrowerId: borrowers[1].id, attribute: "SEX", value: "M" }])).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(recordProtectedAttributes(scopeOf(admin), [{ borrowerId: borrowers[1].id, attribute: "sex band!", value: "M" }])).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "entries.0.attribute" });
    await expect(recordProtectedAttributes(scopeOf(admin), [{ borrowerId: "nobody", attribute: "SEX", value: "M" }])).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "entries.0.borrowerId" });
    await expect(recordProtectedAttributes(scopeOf(admin), [{ borrowerId: borrowers[1].id, attribute: "SEX", value: "" }])).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "entries.0.value" });
  });

  it("reports by group the figures counted by hand from the stored rows", async () => {
    // Borrowers 0–2 F (0 recorded above), 3–4 M, 5 unrecorded.
    await recordProtectedAttributes(scopeOf(admin), [1, 2].map((i) => ({ borrowerId: borrowers[i].id, attribute: "sex", value: "F" })).concat([3, 4].map((i) => ({ borrowerId: borrowers[i].id, attribute: "SEX", value: "M" }))));
    expect(await listProtectedAttributes(scopeOf(analyst))).toEqual([
      { attribute: "DISABILITY", borrowers: 1 },
      { attribute: "SEX", borrowers: 5 },
    ]);
    const report = await getFairnessReport(scopeOf(analyst), { attribute: "SEX", ...period, minGroupSize: 3 });
    const groupOf = (borrowerId: string) => {
      const index = borrowers.findIndex((borrower) => borrower.id === borrowerId);
      return index <= 2 ? "F" : index <= 4 ? "M" : "UNRECORDED";
    };
    const expected = ["F", "M", "UNRECORDED"].map((group) => {
      const rows = scores.filter((row) => groupOf(row.borrowerId) === group);
      const approved = rows.filter((row) => row.recommendation === "APPROVE").length;
      const lent = rows.filter((row) => row.recommendation !== "REJECT");
      return { group, applications: rows.length, approved, rate: approved / rows.length, meanLimit: lent.length === 0 ? null : lent.reduce((sum, row) => sum + Number(row.recommendedLimit), 0) / lent.length };
    });
    // F has 4 applications (borrower 0 twice), M 2, UNRECORDED 1: with a minimum of 3 only F is judged.
    expect(expected.map((group) => group.applications)).toEqual([4, 2, 1]);
    expect(report.referenceGroup.active).toBe("F");
    expect(report.groups.map((group) => [group.group, group.applications, group.tooSmall, group.sizeNeeded])).toEqual([
      ["F", 4, false, 0],
      ["M", 2, true, 1],
      ["UNRECORDED", 1, true, 2],
    ]);
    for (const [index, group] of report.groups.entries()) {
      const reference = expected[0].rate;
      expect(group.active).toEqual({
        approved: expected[index].approved,
        approvalRate: expected[index].rate,
        adverseImpactRatio: reference === 0 ? null : expected[index].rate / reference,
        belowFourFifths: index === 0 && reference !== 0 ? false : null,
        meanRecommendedLimit: expected[index].meanLimit,
      });
      expect(group.draft).toBeNull();
    }
    await expect(getFairnessReport(scopeOf(analyst), { attribute: "SEX", from: period.to, to: period.from })).rejects.toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
  });
});
