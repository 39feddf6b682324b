import type { OutcomeFieldsFragment } from "@/graphql/generated/client/graphql";
import { formatDate, formatMoney, humanizeEnum } from "./format";
import { Badge, EmptyState, type BadgeTone } from "./ui";

export const outcomeTone: Record<string, BadgeTone> = { PAID_OFF: "green", LATE: "amber", DEFAULT: "red", WRITTEN_OFF: "red" };

function describeObservation(outcome: OutcomeFieldsFragment, currency: string): string {
  const late = outcome.maxDaysLate === 0 ? "never late" : `at worst ${outcome.maxDaysLate} day${outcome.maxDaysLate === 1 ? "" : "s"} late`;
  const defaulted = outcome.defaultedAt ? ` · defaulted ${formatDate(outcome.defaultedAt)}` : "";
  const recovered = outcome.recoveredAmount ? ` · ${formatMoney(outcome.recoveredAmount, currency)} recovered` : "";
  return `${late}${defaulted}${recovered}`;
}

/**
 * The loan's status and how it got there: the current status (the latest observation) and every observation
 * before it, newest first. Shown to the committee on the review page and to the borrower on their own page.
 */
export function OutcomeHistory({ history, currency, emptyText }: { history: OutcomeFieldsFragment[]; currency: string; emptyText: string }) {
  const current = history.at(-1);
  if (!current) return <EmptyState>{emptyText}</EmptyState>;
  return (
    <div className="space-y-2 text-sm">
      <p>
        Current status: <Badge tone={outcomeTone[current.status]}>{humanizeEnum(current.status)}</Badge> as of {formatDate(current.observedAt)} ({describeObservation(current, currency)}).
      </p>
      {history.length > 1 && (
        <ol className="space-y-1 border-l-2 border-slate-200 pl-3 text-slate-700" aria-label="Loan status history">
          {[...history].reverse().map((outcome) => (
            <li key={outcome.id}>
              {formatDate(outcome.observedAt)}: <Badge tone={outcome.id === current.id ? outcomeTone[outcome.status] : "slate"}>{humanizeEnum(outcome.status)}</Badge> {describeObservation(outcome, currency)}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
