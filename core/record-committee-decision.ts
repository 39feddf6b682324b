import "server-only";
import { recordCommitteeDecisionWithAudit, type CommitteeDecisionRecord } from "@/prisma/store/committee-decision";
import { findCreditScoreById, normaliseDecimal } from "@/prisma/store/credit-score";
import type { UseCaseScope } from "./actor";
import { badUserInput, notFound } from "./errors";
import type { RecordCommitteeDecisionInput } from "./inputs";
import type { CommitteeVerdict, Recommendation } from "@/prisma/store/vocabulary";

const amountPattern = /^\d{1,15}(\.\d{1,4})?$/;

/**
 * An override is a verdict against the recommendation: approving what the system would reject, declining
 * what it would approve, or approving more than the recommended limit. REFERRED never overrides.
 */
export function isOverride(verdict: CommitteeVerdict, recommendation: Recommendation, amount: number | null, recommendedLimit: number): boolean {
  if (verdict === "APPROVED") return recommendation === "REJECT" || (amount !== null && amount > recommendedLimit);
  if (verdict === "DECLINED") return recommendation === "APPROVE";
  return false;
}

/**
 * Records the credit committee's decision on a scoring, audited.
 * @throws DomainError BAD_USER_INPUT naming amount/tenorDays (required with APPROVED) or note (required
 * for an override); NOT_FOUND when the tenant has no such score.
 */
export async function recordCommitteeDecision(scope: UseCaseScope, input: RecordCommitteeDecisionInput): Promise<CommitteeDecisionRecord> {
  const caller = scope.actor;
  const score = await findCreditScoreById(scope.db, caller.tenantId, input.scoreId);
  if (!score) throw notFound("No credit score with this id.");
  const amountText = input.amount?.trim() ?? null;
  if (amountText !== null && (!amountPattern.test(amountText) || Number(amountText) <= 0)) throw badUserInput("amount", "amount: a positive amount with at most 4 decimals.");
  if (input.tenorDays !== null && input.tenorDays !== undefined && (!Number.isInteger(input.tenorDays) || input.tenorDays < 1 || input.tenorDays > 3650)) {
    throw badUserInput("tenorDays", "tenorDays: a whole number of days from 1 to 3650.");
  }
  if (input.verdict === "APPROVED" && amountText === null) throw badUserInput("amount", "amount: required when the verdict is APPROVED.");
  if (input.verdict === "APPROVED" && (input.tenorDays === null || input.tenorDays === undefined)) throw badUserInput("tenorDays", "tenorDays: required when the verdict is APPROVED.");
  const note = input.note?.trim() || null;
  if (note && note.length > 5000) throw badUserInput("note", "note: at most 5000 characters.");
  const override = isOverride(input.verdict, score.recommendation, amountText === null ? null : Number(amountText), Number(score.recommendedLimit.toString()));
  if (override && !note) throw badUserInput("note", `note: required, the verdict ${input.verdict} overrides the recommendation ${score.recommendation}.`);
  return recordCommitteeDecisionWithAudit(
    scope.db,
    caller.tenantId,
    {
      creditScoreId: score.id,
      verdict: input.verdict,
      amount: amountText === null ? null : normaliseDecimal(amountText),
      tenorDays: input.tenorDays ?? null,
      note,
      isOverride: override,
      decidedByKind: caller.kind,
      decidedById: caller.id,
      decidedByName: caller.name,
      decidedAt: scope.now,
    },
    (decision) => ({
      actorType: caller.kind,
      actorId: caller.id,
      borrowerId: score.borrowerId,
      action: "committeeDecision.recorded",
      entityType: "CreditScore",
      entityId: score.id,
      requestId: scope.request.id,
      payload: { committeeDecisionId: decision.id, verdict: decision.verdict, recommendation: score.recommendation, isOverride: override, amount: decision.amount?.toString() ?? null, tenorDays: decision.tenorDays, note },
      occurredAt: scope.now,
    }),
  );
}
