// The demo's first applications: demo borrowers scored by the demo analyst through the service a partner's
// calculateScore call runs (consent check, signals, engine, policy, audit row), so the credit committee's
// queue and the borrower's own view have something in them on first start.
import { randomUUID } from "node:crypto";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { calculateScore, prepareScoring } from "@/core/calculate-score";
import type { UseCaseScope } from "@/core/actor";
import { computeFeatures } from "@/scoring/features/compute-features";
import { generatePopulation, type SyntheticBorrower } from "@/scoring/synthetic/generate-population";
import { demoPopulation, demoUsers } from "../seed/demo-accounts";
import { findBorrowerByExternalId } from "../store/borrower";
import { countCreditScores } from "../store/credit-score";
import type { Db } from "../store/database";
import { findUserByEmail } from "../store/user";

/**
 * How many applications of each recommendation the demo queue holds: a thin-file lender's queue, where a few
 * applicants are approved outright and most are referred to the committee or declined.
 */
export const demoApplicationMix = { APPROVE: 2, REVIEW: 3, REJECT: 3 } as const;

const tenors = [90, 180, 60, 120, 30] as const;

/**
 * What a demo applicant asks for, from their own signals (not from any result): about one month of what
 * comes into their accounts (monthlyInflow90), rounded to 1,000 KES and kept within 5,000–100,000 (10,000 when
 * nothing comes in), over a tenor of 30 to 180 days by population order.
 */
export function demoApplicationRequest(borrower: SyntheticBorrower): { requestedAmount: string; requestedTenorDays: number } {
  const inflow = computeFeatures(borrower.bundle, borrower.context, demoPopulation.asOf).monthlyInflow90;
  const amount = Number.isFinite(inflow) ? Math.min(100_000, Math.max(5_000, Math.round(inflow / 1_000) * 1_000)) : 10_000;
  return { requestedAmount: String(amount), requestedTenorDays: tenors[borrower.index % tenors.length] };
}

/**
 * Scores demo applications as the demo analyst, once: nothing is done when the tenant already has a scoring
 * (a re-run, or a tenant in use). Every demo borrower applies for demoApplicationRequest; the applications
 * kept are chosen by what the real scoring path gives them (prepareScoring, read-only, the same call
 * calculateScore then writes): the demo borrower's own login first (counted in the mix), then, in population
 * order, the first applicants of each recommendation up to demoApplicationMix. Nothing is faked: each kept application is
 * scored by calculateScore and replays. Returns how many applications were scored now.
 */
export async function scoreDemoApplications(db: Db, tenantId: string, now: Date): Promise<number> {
  if ((await countCreditScores(db, tenantId)) > 0) return 0;
  const analystEmail = demoUsers.find((user) => user.role === "ANALYST")?.email;
  const analyst = analystEmail ? await findUserByEmail(db, analystEmail) : null;
  const caller = analyst && analyst.tenantId === tenantId ? await resolveSessionCaller(db, { userId: analyst.id, tenantId }) : null;
  if (!caller) return 0;
  const scope = (): UseCaseScope => ({ db, actor: caller, now, request: { id: randomUUID(), ipAddress: null } });
  const asOf = new Date(demoPopulation.asOf);
  const wanted: Record<string, number> = { ...demoApplicationMix };
  const chosen: { borrowerId: string; request: ReturnType<typeof demoApplicationRequest> }[] = [];
  for (const synthetic of generatePopulation({ ...demoPopulation })) {
    const borrower = await findBorrowerByExternalId(db, tenantId, synthetic.id);
    if (!borrower) continue;
    const request = demoApplicationRequest(synthetic);
    const preview = await prepareScoring(scope(), { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", asOf, ...request });
    if (preview.kind !== "scored") continue;
    const recommendation = preview.scoring.record.recommendation;
    const isDemoLogin = synthetic.index === 0;
    if (!isDemoLogin && !(wanted[recommendation] > 0)) continue;
    wanted[recommendation] -= 1;
    chosen.push({ borrowerId: borrower.id, request });
    if (Object.values(wanted).every((left) => left <= 0)) break;
  }
  for (const { borrowerId, request } of chosen) {
    await calculateScore(scope(), { borrowerId, purpose: "LOAN_UNDERWRITING", asOf, ...request });
  }
  return chosen.length;
}
