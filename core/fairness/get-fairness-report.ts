import "server-only";
import { computeFairnessReport, DEFAULT_MIN_GROUP_SIZE, type FairnessCase, type FairnessReport } from "@/scoring/fairness/fairness-report";
import { findActivePolicyVersionId, listSimulationScores } from "@/prisma/store/policy-simulation";
import { findPolicyVersionById } from "@/prisma/store/policy-version";
import { readProtectedValues } from "@/prisma/store/protected-attribute";
import { requireRole, type UseCaseScope } from "../actor";
import { badUserInput } from "../errors";
import { simulateRow, SIMULATION_PAGE_SIZE, type Evaluators } from "../policy-simulation/run-policy-simulation";
import { loadPolicyVersion } from "../scoring/scoring-versions";

export interface FairnessReportInput {
  /** The protected attribute to group by, e.g. SEX. */
  attribute: string;
  /** Stored applications scored in [from, to). */
  from: Date;
  to: Date;
  /** A draft to compare with the active policy; default: the active policy alone. */
  draftPolicyVersionId?: string | null;
  /** Default DEFAULT_MIN_GROUP_SIZE (30). */
  minGroupSize?: number | null;
}

export interface FairnessReportView extends FairnessReport {
  attribute: string;
  activePolicyVersionId: string;
  draftPolicyVersionId: string | null;
  from: Date;
  to: Date;
  /** Applications the draft could not evaluate (left out of both sides). */
  skipped: number;
}

/** The longest period one report covers, as for a simulation (it is computed on request, 1,000 applications a page). */
const maxPeriodDays = 3 * 366;

/**
 * The fairness report of the active policy (re-evaluated on each stored score) and optionally a draft, over
 * the tenant's applications of a period, grouped by a protected attribute (borrowers without a recorded
 * value form the group UNRECORDED). The attributes are read here and only here: nothing the engine reads
 * contains them.
 * @throws DomainError FORBIDDEN (BORROWER), BAD_USER_INPUT naming the field.
 */
export async function getFairnessReport(scope: UseCaseScope, input: FairnessReportInput): Promise<FairnessReportView> {
  requireRole(scope.actor, ["ADMIN", "COMMITTEE", "ANALYST", "AUDITOR"]);
  const { tenantId } = scope.actor;
  const attribute = input.attribute.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_]{0,39}$/.test(attribute)) throw badUserInput("attribute", "attribute: an UPPER_SNAKE name, e.g. SEX.");
  if (!(input.from.getTime() < input.to.getTime())) throw badUserInput("to", "to: must be after from.");
  if (input.to.getTime() - input.from.getTime() > maxPeriodDays * 86_400_000) throw badUserInput("to", `to: a report covers at most ${maxPeriodDays} days.`);
  const minGroupSize = input.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1 || minGroupSize > 100_000) throw badUserInput("minGroupSize", "minGroupSize: a whole number from 1 to 100000.");
  const activeId = await findActivePolicyVersionId(scope.db, tenantId);
  if (!activeId) throw badUserInput("draftPolicyVersionId", "The tenant has no active policy to report on.");
  const draftId = input.draftPolicyVersionId ?? null;
  if (draftId && !(await findPolicyVersionById(scope.db, tenantId, draftId))) throw badUserInput("draftPolicyVersionId", "draftPolicyVersionId: no policy version with this id.");

  const active = (await loadPolicyVersion(scope.db, tenantId, activeId)).policy;
  const evaluators: Evaluators = { baseline: active, draft: draftId ? (await loadPolicyVersion(scope.db, tenantId, draftId)).policy : active, challenger: undefined };
  const period = { from: input.from, to: input.to };
  const cases: FairnessCase[] = [];
  let skipped = 0;
  let after: { scoredAt: Date; id: string } | null = null;
  for (;;) {
    const rows = await listSimulationScores(scope.db, tenantId, period, after, SIMULATION_PAGE_SIZE);
    const groups = await readProtectedValues(scope.db, tenantId, attribute, [...new Set(rows.map((row) => row.borrowerId))]);
    for (const row of rows) {
      const simulated = simulateRow(row, { modelVersionId: null }, evaluators);
      if (!("case" in simulated)) {
        skipped += 1;
        continue;
      }
      const item = simulated.case;
      cases.push({ group: groups.get(row.borrowerId) ?? "UNRECORDED", active: item.baseline, draft: draftId ? item.draft : null, probabilityOfDefault: item.baseline.probabilityOfDefault, defaulted: item.outcome ? item.outcome.defaulted : null });
    }
    if (rows.length < SIMULATION_PAGE_SIZE) break;
    after = { scoredAt: rows[rows.length - 1].scoredAt, id: rows[rows.length - 1].id };
  }
  return { ...computeFairnessReport(cases, minGroupSize), attribute, activePolicyVersionId: activeId, draftPolicyVersionId: draftId, from: input.from, to: input.to, skipped };
}
