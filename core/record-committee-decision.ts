import "server-only";
import {
  findCommitteeDecisionById,
  findCurrentCommitteeDecision,
  recordCommitteeDecision as recordDecisionRow,
  type CommitteeDecisionRecord,
} from "@/prisma/store/committee-decision";
import { completeOpenHumanReview } from "@/prisma/store/borrower-request";
import { findCreditScoreById, lockCreditScoreRow, normaliseDecimal } from "@/prisma/store/credit-score";
import type { UseCaseScope } from "./actor";
import { runAudited } from "./audited-change";
import { badUserInput, DomainError, isDomainError, notFound } from "./errors";
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
 * Records the credit committee's decision on a scoring, audited. A score has one current decision: the first
 * supersedes nothing; a change of mind names the decision it replaces (supersedesDecisionId, which must be the
 * current one) and says why in the note. Earlier decisions stay, as the history. A decision on a scoring the
 * borrower contested (requestHumanReview) answers that request.
 * @throws DomainError BAD_USER_INPUT naming amount/tenorDays (required with APPROVED) or note (required for an
 * override and for a change); NOT_FOUND when the tenant has no such score or decision; CONFLICT naming
 * supersedesDecisionId when a decision is already in force and this one does not name it, or names one that
 * another decision has already replaced (e.g. two members deciding at once).
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
  const supersedesDecisionId = input.supersedesDecisionId?.trim() || null;
  if (supersedesDecisionId && !note) throw badUserInput("note", "note: required when a decision changes an earlier one (say why).");
  const override = isOverride(input.verdict, score.recommendation, amountText === null ? null : Number(amountText), Number(score.recommendedLimit.toString()));
  if (override && !note) throw badUserInput("note", `note: required, the verdict ${input.verdict} overrides the recommendation ${score.recommendation}.`);
  try {
    return await runAudited(scope, async (tx) => {
      await lockCreditScoreRow(tx, caller.tenantId, score.id);
      const current = await findCurrentCommitteeDecision(tx, caller.tenantId, score.id);
      if (supersedesDecisionId) {
        const named = await findCommitteeDecisionById(tx, caller.tenantId, supersedesDecisionId);
        if (!named || named.creditScoreId !== score.id) throw notFound("supersedesDecisionId: no decision with this id on this score.");
        if (current && named.id !== current.id) throw staleDecision(current);
      } else if (current) {
        throw new DomainError(
          "CONFLICT",
          `supersedesDecisionId: a decision is already in force on this score (${current.verdict} by ${current.decidedByName}, ${current.decidedAt.toISOString()}); to change it, name it (id ${current.id}) and say why in the note.`,
          "supersedesDecisionId",
        );
      }
      const decision = await recordDecisionRow(tx, caller.tenantId, {
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
        supersedesDecisionId,
      });
      // A decision after the borrower asked for human review answers that request.
      const answersHumanReview = await completeOpenHumanReview(tx, caller.tenantId, score.id, decision.id, scope.now);
      return {
        result: decision,
        event: {
          borrowerId: score.borrowerId,
          action: supersedesDecisionId ? "committeeDecision.changed" : "committeeDecision.recorded",
          entityType: "CreditScore",
          entityId: score.id,
          records: [{ type: "CommitteeDecision", id: decision.id }],
          payload: {
            committeeDecisionId: decision.id,
            supersedesDecisionId,
            previousVerdict: current?.verdict ?? null,
            verdict: decision.verdict,
            recommendation: score.recommendation,
            isOverride: override,
            amount: decision.amount?.toString() ?? null,
            tenorDays: decision.tenorDays,
            note,
            answersHumanReview,
          },
        },
      };
    });
  } catch (error) {
    // The database's own guard (one first decision per score, each superseded once) when the row lock did not
    // serialise the two, e.g. a writer that bypassed it.
    if (isDomainError(error) && error.code === "CONFLICT" && error.field !== "supersedesDecisionId") {
      throw new DomainError("CONFLICT", "supersedesDecisionId: another decision on this score was recorded at the same time; reload and decide again.", "supersedesDecisionId");
    }
    throw error;
  }
}

function staleDecision(current: CommitteeDecisionRecord): DomainError {
  return new DomainError(
    "CONFLICT",
    `supersedesDecisionId: that decision has already been replaced; the one in force now is ${current.verdict} by ${current.decidedByName} (id ${current.id}). Reload and decide again.`,
    "supersedesDecisionId",
  );
}
