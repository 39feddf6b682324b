import type { CommitteeDecisionFieldsFragment } from "@/graphql/generated/client/graphql";
import { formatDateTime, formatMoney, humanizeEnum } from "../../../_components/format";
import { Badge } from "../../../_components/ui";

const verdictTone = { APPROVED: "green", DECLINED: "red", REFERRED: "amber" } as const;

/** The committee's decisions on a score, newest first: the one in force, then each it replaced, with the notes that changed them. */
export function DecisionHistory({ history, currentDecisionId, currency }: { history: CommitteeDecisionFieldsFragment[]; currentDecisionId: string | null; currency: string }) {
  if (history.length === 0) return null;
  const newestFirst = [...history].reverse();
  return (
    <ol className="mb-4 space-y-2 text-sm" aria-label="Decision history">
      {newestFirst.map((recorded) => {
        const current = recorded.id === currentDecisionId;
        return (
          <li key={recorded.id} className={`rounded border p-2 ${current ? "border-emerald-300 bg-emerald-50/40" : "border-slate-200 text-slate-600"}`}>
            <Badge tone={current ? verdictTone[recorded.verdict] : "slate"}>{humanizeEnum(recorded.verdict)}</Badge> {current ? <Badge tone="blue">In force</Badge> : <Badge tone="slate">Replaced</Badge>}
            {recorded.isOverride && (
              <>
                {" "}
                <Badge tone="amber">Override</Badge>
              </>
            )}{" "}
            {recorded.amount && `${formatMoney(recorded.amount, currency)} over ${recorded.tenorDays} days · `}
            {recorded.supersedesDecisionId ? "changed" : "decided"} by {recorded.decidedBy.name}, {formatDateTime(recorded.decidedAt)}
            {recorded.note && <p className="mt-1 text-slate-700">“{recorded.note}”</p>}
          </li>
        );
      })}
    </ol>
  );
}
