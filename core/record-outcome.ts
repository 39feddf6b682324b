import "server-only";
import { findCreditScoreById, normaliseDecimal } from "@/prisma/store/credit-score";
import { recordOutcomeWithAudit, type OutcomeRecord } from "@/prisma/store/outcome";
import type { UseCaseScope } from "./actor";
import { badUserInput, notFound } from "./errors";
import type { RecordOutcomeInput } from "./inputs";

const amountPattern = /^\d{1,15}(\.\d{1,4})?$/;
/** Days a loan may have run before the scoring that an outcome reports on (a limit review of a running loan). */
const PRIOR_LOAN_DAYS = 90;

/**
 * Records what happened to the loan a scoring led to, joined to that score and audited; posting the same
 * (score, observedAt) again returns the stored outcome.
 * @throws DomainError BAD_USER_INPUT naming the field (maxDaysLate < 0, defaultedAt missing for DEFAULT or
 * WRITTEN_OFF, observedAt before the scoring or in the future, a bad recoveredAmount); NOT_FOUND for an unknown score.
 */
export async function recordOutcome(scope: UseCaseScope, input: RecordOutcomeInput): Promise<OutcomeRecord> {
  const caller = scope.actor;
  if (!Number.isInteger(input.maxDaysLate) || input.maxDaysLate < 0 || input.maxDaysLate > 3650) throw badUserInput("maxDaysLate", "maxDaysLate: a whole number of days from 0 to 3650.");
  const defaulted = input.status === "DEFAULT" || input.status === "WRITTEN_OFF";
  if (defaulted && !input.defaultedAt) throw badUserInput("defaultedAt", `defaultedAt: required when the status is ${input.status}.`);
  if (!defaulted && input.defaultedAt) throw badUserInput("defaultedAt", `defaultedAt: only with DEFAULT or WRITTEN_OFF.`);
  const recovered = input.recoveredAmount?.trim() ?? null;
  if (recovered !== null && !amountPattern.test(recovered)) throw badUserInput("recoveredAmount", "recoveredAmount: an amount of 0 or more with at most 4 decimals.");
  if (input.observedAt.getTime() > scope.now.getTime()) throw badUserInput("observedAt", "observedAt: cannot be in the future.");
  const score = await findCreditScoreById(scope.db, caller.tenantId, input.scoreId);
  if (!score) throw notFound("No credit score with this id.");
  if (input.observedAt.getTime() < score.scoredAt.getTime()) throw badUserInput("observedAt", "observedAt: cannot be before the scoring.");
  // A loan cannot be later than it has existed: days since the instant the scoring describes (its asOf), plus
  // the days a loan under review may already have run then.
  const daysSinceAsOf = Math.floor((input.observedAt.getTime() - score.asOf.getTime()) / 86_400_000);
  const maxPossibleDaysLate = Math.max(0, daysSinceAsOf) + PRIOR_LOAN_DAYS;
  if (input.maxDaysLate > maxPossibleDaysLate) throw badUserInput("maxDaysLate", `maxDaysLate: at most ${maxPossibleDaysLate} days for an observation ${daysSinceAsOf} days after the scoring's asOf.`);
  if (input.defaultedAt && input.defaultedAt.getTime() > input.observedAt.getTime()) throw badUserInput("defaultedAt", "defaultedAt: cannot be after observedAt.");
  return recordOutcomeWithAudit(
    scope.db,
    caller.tenantId,
    {
      borrowerId: score.borrowerId,
      creditScoreId: score.id,
      status: input.status,
      maxDaysLate: input.maxDaysLate,
      defaultedAt: input.defaultedAt ?? null,
      recoveredAmount: recovered === null ? null : normaliseDecimal(recovered),
      observedAt: input.observedAt,
    },
    (outcome) => ({
      actorType: caller.kind,
      actorId: caller.id,
      borrowerId: score.borrowerId,
      action: "outcome.recorded",
      entityType: "CreditScore",
      entityId: score.id,
      requestId: scope.request.id,
      payload: { outcomeId: outcome.id, status: outcome.status, maxDaysLate: outcome.maxDaysLate, observedAt: outcome.observedAt.toISOString() },
      occurredAt: scope.now,
    }),
  );
}
