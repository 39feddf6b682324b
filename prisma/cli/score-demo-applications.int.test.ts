// Issue 12, item 10: the demo showed five applications, all Reject or Review, from borrowers all called
// "… Kariuki". The demo borrowers now have varied names, and the demo queue a realistic mix with approvals,
// chosen among generated applicants by what the real scoring path gives them, and each scoring replays.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayScore } from "@/core/replay-score";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import type { Actor } from "@/core/actor";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { demoPopulation, demoUsers } from "../seed/demo-accounts";
import { seedDemo, type SeedDependencies } from "../seed/seed-demo";
import { demoApplicationMix, scoreDemoApplications } from "./score-demo-applications";

const dependencies: SeedDependencies = {
  hashPassword: async (password) => `test-hash:${password}`,
  protectNationalId: (type, nationalId) => ({ nationalIdHash: `${type}:${nationalId}`.padEnd(64, "0"), nationalIdLast4: nationalId.slice(-4) }),
};
const now = new Date("2026-11-02T09:00:00.000Z");

describe("the demo population and its applications", () => {
  let database: TestDatabase;
  let tenantId: string;
  let scored: number;
  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    ({ tenantId } = await seedDemo(database.db, dependencies));
    scored = await scoreDemoApplications(database.db, tenantId, now);
  }, 300_000);
  afterAll(() => database.destroy());

  it("names the demo borrowers with varied names", async () => {
    const borrowers = await database.db.borrower.findMany({ where: { tenantId } });
    expect(borrowers).toHaveLength(demoPopulation.size);
    expect(new Set(borrowers.map((borrower) => borrower.familyName)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(borrowers.map((borrower) => borrower.givenName)).size).toBeGreaterThanOrEqual(12);
  });

  it("holds the demo mix of recommendations (the demo borrower's own application counted in it), approvals included", async () => {
    const scores = await database.db.creditScore.findMany({ where: { tenantId } });
    expect(scores).toHaveLength(scored);
    const count = (recommendation: string) => scores.filter((score) => score.recommendation === recommendation).length;
    const login = await database.db.user.findFirstOrThrow({ where: { tenantId, role: "BORROWER" } });
    const own = scores.find((score) => score.borrowerId === login.borrowerId);
    expect(own).toBeDefined();
    for (const [recommendation, wanted] of Object.entries(demoApplicationMix)) {
      expect(count(recommendation), recommendation).toBe(wanted);
    }
    expect(count("APPROVE")).toBeGreaterThan(0);
  });

  it("scored each application for real: every one replays byte for byte", async () => {
    const auditorEmail = demoUsers.find((user) => user.role === "AUDITOR")!.email;
    const auditor = await database.db.user.findFirstOrThrow({ where: { email: auditorEmail } });
    const actor = (await resolveSessionCaller(database.db, { userId: auditor.id, tenantId })) as Actor;
    for (const score of await database.db.creditScore.findMany({ where: { tenantId } })) {
      const replay = await replayScore({ db: database.db, actor, now, request: { id: "demo-replay", ipAddress: null } }, score.id);
      expect(replay.identical).toBe(true);
    }
  });

  it("scores nothing on a second run", async () => {
    expect(await scoreDemoApplications(database.db, tenantId, now)).toBe(0);
  });
});
