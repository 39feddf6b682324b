import "server-only";
import { findCreditScoreById, lockCreditScoreRow, normaliseDecimal } from "@/prisma/store/credit-score";
import { listOutcomeHistory, recordOutcome as appendOutcome, type OutcomeRecord } from "@/prisma/store/outcome";
import type { OutcomeStatus } from "@/prisma/store/vocabulary";
import type { UseCaseScope } from "./actor";
import { runAudited } from "./audited-change";
import { badUserInput, conflict, notFound, type DomainError } from "./errors";
import type { RecordOutcomeInput } from "./inputs";

const amountPattern = /^\d{1,15}(\.\d{1,4})?$/;
/** Days a loan may have run before the scoring that an outcome reports on (a limit review of a running loan). */
const PRIOR_LOAN_DAYS = 90;

/** What one observation says about a loan, as compared with the observation before it. */
export interface OutcomeObservation {
  status: OutcomeStatus;
  maxDaysLate: number;
  defaultedAt: Date | null;
  /** A decimal amount as normalised text, or null. */
  recoveredAmount: string | null;
  observedAt: Date;
}

/**
 * The statuses an observation may follow, by the status of the observation before it (docs/outcomes.md):
 * - LATE → any status: a late loan may be repaid, stay late, default or be written off.
 * - PAID_OFF is final: a repaid loan has nothing more to observe.
 * - DEFAULT → DEFAULT (more days late, money recovered) or WRITTEN_OFF. Never back to LATE or PAID_OFF: the
 *   default happened, and the label scores are validated against ("defaulted within the horizon") keeps it;
 *   money collected later is a DEFAULT observation with a larger recoveredAmount.
 * - WRITTEN_OFF → WRITTEN_OFF only, to record a recovery.
 */
export const allowedNextStatuses: Readonly<Record<OutcomeStatus, readonly OutcomeStatus[]>> = {
  LATE: ["LATE", "PAID_OFF", "DEFAULT", "WRITTEN_OFF"],
  PAID_OFF: [],
  DEFAULT: ["DEFAULT", "WRITTEN_OFF"],
  WRITTEN_OFF: ["WRITTEN_OFF"],
};

/**
 * Why `next` cannot follow `previous` in a loan's history, as a CONFLICT naming the field, or null when it may.
 * Besides the status order: days late only grow (maxDaysLate is the worst so far), the default date once known
 * does not move, and the amount recovered does not shrink.
 */
export function checkOutcomeSequence(previous: OutcomeObservation, next: OutcomeObservation): DomainError | null {
  const allowed = allowedNextStatuses[previous.status];
  if (!allowed.includes(next.status)) {
    const previously = `${previous.status} (observed ${previous.observedAt.toISOString()})`;
    return conflict("status", allowed.length === 0 ? `status: nothing can follow ${previously}: that status is final.` : `status: ${next.status} cannot follow ${previously}; only ${allowed.join(" or ")} can.`);
  }
  if (next.maxDaysLate < previous.maxDaysLate) return conflict("maxDaysLate", `maxDaysLate: the worst delay so far was already ${previous.maxDaysLate} days (observed ${previous.observedAt.toISOString()}); it cannot fall to ${next.maxDaysLate}.`);
  if (previous.defaultedAt && next.defaultedAt && previous.defaultedAt.getTime() !== next.defaultedAt.getTime()) {
    return conflict("defaultedAt", `defaultedAt: the loan defaulted on ${previous.defaultedAt.toISOString()} (observed ${previous.observedAt.toISOString()}); a later observation cannot move that date.`);
  }
  if (previous.recoveredAmount !== null && (next.recoveredAmount === null || Number(next.recoveredAmount) < Number(previous.recoveredAmount))) {
    return conflict("recoveredAmount", `recoveredAmount: ${previous.recoveredAmount} had already been recovered (observed ${previous.observedAt.toISOString()}); a later observation cannot report less.`);
  }
  return null;
}

function sameObservation(stored: OutcomeRecord, next: OutcomeObservation): boolean {
  return (
    stored.status === next.status &&
    stored.maxDaysLate === next.maxDaysLate &&
    (stored.defaultedAt?.getTime() ?? null) === (next.defaultedAt?.getTime() ?? null) &&
    (stored.recoveredAmount === null ? null : normaliseDecimal(stored.recoveredAmount.toString())) === next.recoveredAmount
  );
}

/**
 * Appends an observation of the loan a scoring led to, audited: the loan's status is the history of these,
 * its current status the latest by observedAt. Posting the same observation again (same score, instant and
 * content) returns the stored one and writes and audits nothing.
 * @throws DomainError BAD_USER_INPUT naming the field (maxDaysLate < 0, defaultedAt missing for DEFAULT or
 * WRITTEN_OFF, observedAt before the scoring or in the future, a bad recoveredAmount); NOT_FOUND for an unknown
 * score; CONFLICT naming the field for an impossible sequence (checkOutcomeSequence), an observation older than
 * the latest, or a different observation at an instant already observed.
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
  const next: OutcomeObservation = {
    status: input.status,
    maxDaysLate: input.maxDaysLate,
    defaultedAt: input.defaultedAt ?? null,
    recoveredAmount: recovered === null ? null : normaliseDecimal(recovered),
    observedAt: input.observedAt,
  };
  return runAudited(scope, async (tx) => {
    await lockCreditScoreRow(tx, caller.tenantId, score.id);
    const history = await listOutcomeHistory(tx, caller.tenantId, score.id);
    const atSameInstant = history.find((stored) => stored.observedAt.getTime() === next.observedAt.getTime());
    if (atSameInstant) {
      if (sameObservation(atSameInstant, next)) return { result: atSameInstant, event: null };
      throw conflict("observedAt", `observedAt: a different observation (${atSameInstant.status}, ${atSameInstant.maxDaysLate} days late) is already recorded at ${next.observedAt.toISOString()}; observations are never changed: send a later one.`);
    }
    const latest = history.at(-1);
    if (latest && latest.observedAt.getTime() > next.observedAt.getTime()) {
      throw conflict("observedAt", `observedAt: the loan's history already runs to ${latest.observedAt.toISOString()} (${latest.status}); observations are appended in time order.`);
    }
    if (latest) {
      const refused = checkOutcomeSequence({ ...latest, recoveredAmount: latest.recoveredAmount === null ? null : normaliseDecimal(latest.recoveredAmount.toString()) }, next);
      if (refused) throw refused;
    }
    const outcome = await appendOutcome(tx, caller.tenantId, { borrowerId: score.borrowerId, creditScoreId: score.id, ...next });
    return {
      result: outcome,
      event: {
        borrowerId: score.borrowerId,
        action: "outcome.recorded",
        entityType: "CreditScore",
        entityId: score.id,
        records: [{ type: "Outcome", id: outcome.id }],
        payload: { outcomeId: outcome.id, previousStatus: latest?.status ?? null, status: outcome.status, maxDaysLate: outcome.maxDaysLate, recoveredAmount: next.recoveredAmount, observedAt: outcome.observedAt.toISOString() },
      },
    };
  });
}
