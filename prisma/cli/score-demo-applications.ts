// The demo's first applications: a few demo borrowers scored by the demo analyst through the service a
// partner's calculateScore call runs (consent check, signals, engine, policy, audit row), so the credit
// committee's queue and the borrower's own view have something in them on first start.
import { randomUUID } from "node:crypto";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { calculateScore } from "@/core/calculate-score";
import { demoPopulation, demoUsers } from "../seed/demo-accounts";
import { listBorrowers } from "../store/borrower";
import { countCreditScores } from "../store/credit-score";
import type { Db } from "../store/database";
import { findUserByEmail } from "../store/user";

/** Requested amount (KES) and tenor of each demo application, in borrower order. */
const applications = [
  { requestedAmount: "20000", requestedTenorDays: 90 },
  { requestedAmount: "50000", requestedTenorDays: 180 },
  { requestedAmount: "8000", requestedTenorDays: 30 },
  { requestedAmount: "30000", requestedTenorDays: 120 },
  { requestedAmount: "15000", requestedTenorDays: 60 },
] as const;

/**
 * Scores the first demo borrowers as the demo analyst, once: nothing is done when the tenant already has a
 * scoring (a re-run, or a tenant in use). Returns how many applications were scored now.
 */
export async function scoreDemoApplications(db: Db, tenantId: string, now: Date): Promise<number> {
  if ((await countCreditScores(db, tenantId)) > 0) return 0;
  const analystEmail = demoUsers.find((user) => user.role === "ANALYST")?.email;
  const analyst = analystEmail ? await findUserByEmail(db, analystEmail) : null;
  const caller = analyst && analyst.tenantId === tenantId ? await resolveSessionCaller(db, { userId: analyst.id, tenantId }) : null;
  if (!caller) return 0;
  const { borrowers } = await listBorrowers(db, tenantId, { first: applications.length });
  for (const [index, borrower] of borrowers.entries()) {
    await calculateScore({ db, actor: caller, now, request: { id: randomUUID(), ipAddress: null } }, { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", asOf: new Date(demoPopulation.asOf), ...applications[index] });
  }
  return borrowers.length;
}
