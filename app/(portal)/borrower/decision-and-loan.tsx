import type { BorrowerRequestFieldsFragment, OwnScoreQuery } from "@/graphql/generated/client/graphql";
import { formatDate, formatDateTime, formatMoney, humanizeEnum } from "../../_components/format";
import { OutcomeHistory } from "../../_components/outcome-history";
import { Badge, EmptyState, Section } from "../../_components/ui";
import { ContestForm } from "./contest-form";

type OwnScore = NonNullable<OwnScoreQuery["creditScore"]>;

const verdictWords = { APPROVED: "Approved", DECLINED: "Declined", REFERRED: "More information needed" } as const;
const verdictTone = { APPROVED: "green", DECLINED: "red", REFERRED: "amber" } as const;

/** The committee's decision on her latest application, the loan's status, and the way to contest the decision. */
export function DecisionAndLoan({ score }: { score: OwnScore }) {
  const decision = score.currentDecision;
  const currency = score.decision.currency;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Section title="The lender's decision" id="decision-heading">
        {decision ? (
          <p className="text-sm">
            <Badge tone={verdictTone[decision.verdict]}>{verdictWords[decision.verdict]}</Badge>{" "}
            {decision.amount && `${formatMoney(decision.amount, currency)} over ${decision.tenorDays} days. `}
            Decided by a person on the lender&apos;s credit committee on {formatDate(decision.decidedAt)}.
          </p>
        ) : (
          <EmptyState>The credit committee has not decided on this application yet.</EmptyState>
        )}
        <div className="mt-3 border-t border-slate-100 pt-3">
          {score.contested ? (
            <p className="text-sm" role="status">
              <Badge tone="blue">Review requested</Badge> You asked for a person to review this decision. The credit committee will decide again and the answer will show here.
            </p>
          ) : (
            <ContestForm scoreId={score.id} />
          )}
        </div>
      </Section>
      <Section title="My loan" id="loan-heading">
        <OutcomeHistory history={score.outcomeHistory} currency={currency} emptyText="The lender has not reported on a loan from this application." />
      </Section>
    </div>
  );
}

const kindWords = { HUMAN_REVIEW: "Human review of a decision", ERASURE: "Erasure of my data" } as const;

function describeResolution(request: BorrowerRequestFieldsFragment): string {
  if (request.status === "OPEN") return "Waiting for the credit committee.";
  if (request.kind === "HUMAN_REVIEW") return `Answered ${formatDateTime(request.resolvedAt)}: the committee decided again (see the decision above).`;
  const resolution = (request.resolution ?? {}) as { identity?: string; keptUntil?: string | null };
  return resolution.keptUntil
    ? `Done ${formatDateTime(request.resolvedAt)}. Your signals, accounts and contact details were deleted; the lending record and the identity tying it to you are kept until ${formatDate(resolution.keptUntil)}.`
    : `Done ${formatDateTime(request.resolvedAt)}. Your signals, accounts and contact details were deleted and your name and id replaced.`;
}

/** The rights she exercised, newest first, with what became of each. */
export function MyRequests({ requests }: { requests: BorrowerRequestFieldsFragment[] }) {
  if (requests.length === 0) return <EmptyState>You have made no requests.</EmptyState>;
  return (
    <ul className="space-y-2 text-sm" aria-label="My requests">
      {requests.map((request) => (
        <li key={request.id} className="rounded border border-slate-200 p-2">
          <span className="font-medium">{kindWords[request.kind]}</span> · {formatDateTime(request.requestedAt)} · <Badge tone={request.status === "OPEN" ? "blue" : "green"}>{humanizeEnum(request.status)}</Badge>
          {request.statement && <p className="mt-1 text-slate-700">“{request.statement}”</p>}
          <p className="mt-1 text-slate-600">{describeResolution(request)}</p>
        </li>
      ))}
    </ul>
  );
}
