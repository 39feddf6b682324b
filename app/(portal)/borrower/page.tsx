import { OwnCreditDocument, OwnRequestsDocument, OwnScoreDocument, PortalViewerDocument, type OwnScoreQuery } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../_components/api-error-alert";
import { ScoreGauge } from "../../_components/charts/score-gauge";
import { ConsentList } from "../../_components/consent-list";
import { describePoints, describeScoreBand, formatDate, formatDateTime } from "../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../_components/portal-data";
import { RevokeConsentButton } from "../../_components/revoke-consent-button";
import { pageRoles, roleHomes } from "../../_components/role-homes";
import { SignalSummaryView } from "../../_components/signal-summary-view";
import { EmptyState, FactList, PageHeader, Section } from "../../_components/ui";
import { ConsentAgainButton } from "./consent-again-button";
import { DecisionAndLoan, MyRequests } from "./decision-and-loan";
import { ErasureRequest } from "./erasure-request";
import { describeScoreInShort } from "./in-short";

type OwnScore = NonNullable<OwnScoreQuery["creditScore"]>;

/** The score in plain words: what the PD means as people out of 100, and where the model's scale places it. */
function plainMeaning(score: OwnScore): string {
  const outOf100 = Math.max(1, Math.round(score.probabilityOfDefault * 100));
  const { bands, minScore, maxScore } = score.modelVersion.scale;
  const standing = `in ${describeScoreBand(score.riskBucket, bands)} (the model's bands, ${bands[0]?.name ?? "A"} the lowest estimated risk)`;
  return `${score.score} is ${standing} on a scale from ${minScore} to ${maxScore}. Out of 100 people with a record like yours, about ${outOf100} would be expected to fall seriously behind on a loan. The lender uses this with its own rules; a person on its credit committee makes the final decision.`;
}

/** The behaviours that moved the score one way, each with its effect in points. */
function ReasonList({ reasons, direction, empty }: { reasons: OwnScore["positiveFactors"]; direction: "up" | "down"; empty: string }) {
  if (reasons.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ul className="space-y-2 text-sm">
      {reasons.map((reason) => (
        <li key={reason.code} className="flex gap-2">
          <span aria-hidden="true" className={direction === "up" ? "text-emerald-700" : "text-red-700"}>
            {direction === "up" ? "▲" : "▼"}
          </span>
          <span>
            {reason.text} <span className="text-slate-500">({describePoints(reason.points)} {direction})</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function ScoreExplanation({ score }: { score: OwnScore }) {
  return (
    <>
      <Section title="My score" id="score-heading">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
          <ScoreGauge score={score.score} riskBucket={score.riskBucket} scale={score.modelVersion.scale} />
          <div className="space-y-2">
            <p className="max-w-prose leading-relaxed">{plainMeaning(score)}</p>
            <p className="text-sm text-slate-600">
              Scored {formatDateTime(score.scoredAt)}. How sure the model is: {Math.round(score.confidence * 100)} out of 100.
            </p>
          </div>
        </div>
        <div className="mt-4 border-t border-slate-100 pt-3">
          <h3 className="mb-1 font-medium">In short</h3>
          <p className="max-w-prose leading-relaxed">
            {describeScoreInShort({ score: score.score, recommendation: score.decision.recommendation, verdict: score.currentDecision?.verdict ?? null, adverseReasons: score.adverseReasons, positiveFactors: score.positiveFactors })}
          </p>
        </div>
      </Section>
      <DecisionAndLoan score={score} />
      <div className="grid gap-4 md:grid-cols-2">
        <Section title="What helped" id="helped-heading">
          <ReasonList reasons={score.positiveFactors} direction="up" empty="Nothing in your record raised the score this time." />
        </Section>
        <Section title="What held it back" id="hurt-heading">
          <ReasonList reasons={score.adverseReasons} direction="down" empty="Nothing in your record lowered the score this time." />
        </Section>
      </div>
      <Section title="How to improve" id="improve-heading">
        {score.improvementSteps.length === 0 ? (
          <EmptyState>There is no step in your control that the model expects to raise your score now. Keep paying bills and loans on time.</EmptyState>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600">Only things you control are listed. The change is the model&apos;s estimate if you did just that one thing; it is not a promise.</p>
            <ol className="space-y-2">
              {score.improvementSteps.map((step) => (
                <li key={step.feature} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-slate-200 p-3 text-sm">
                  <span className="min-w-0 flex-1">{step.action}</span>
                  <span className="rounded bg-emerald-100 px-2 py-0.5 font-semibold text-emerald-900 tabular-nums">{describePoints(step.estimatedScoreChange)} up</span>
                </li>
              ))}
            </ol>
          </>
        )}
      </Section>
    </>
  );
}

export default async function OwnCreditPage() {
  const user = await requirePortalRole(pageRoles.ownCredit);
  const viewer = await loadPortalQuery(user, PortalViewerDocument, {});
  const borrowerId = viewer.ok ? viewer.data.me.borrowerId : null;
  const own = borrowerId ? await loadPortalQuery(user, OwnCreditDocument, { borrowerId }) : null;
  const borrower = own?.ok ? own.data.borrower : null;
  const latestScoreId = borrower?.creditScores[0]?.id;
  const latest = latestScoreId ? await loadPortalQuery(user, OwnScoreDocument, { id: latestScoreId }) : null;
  const requests = borrowerId ? await loadPortalQuery(user, OwnRequestsDocument, { borrowerId }) : null;

  return (
    <div className="space-y-6">
      <PageHeader title={roleHomes.BORROWER.title}>{roleHomes.BORROWER.purpose}</PageHeader>
      {!viewer.ok && <LoadError what="your account" message={viewer.error} />}
      {viewer.ok && !borrowerId && <EmptyState>No borrower record is linked to this account. Ask the lender to link it.</EmptyState>}
      {own && !own.ok && <LoadError what="your record" message={own.error} />}
      {borrower && (
        <>
          {latest === null ? (
            <Section title="My score" id="score-heading">
              <EmptyState>You have not been scored yet.</EmptyState>
            </Section>
          ) : !latest.ok ? (
            <LoadError what="your latest score" message={latest.error} />
          ) : latest.data.creditScore ? (
            <ScoreExplanation score={latest.data.creditScore} />
          ) : (
            <EmptyState>Your latest score is not available.</EmptyState>
          )}
          <Section title="My consents" id="consents-heading">
            <p className="mb-2 text-sm text-slate-600">Revoking takes effect at once: the lender can no longer score you with your data under that consent.</p>
            <ConsentList
              consents={borrower.consents}
              emptyText="You have not given the lender any consent."
              action={(consent) =>
                consent.status === "ACTIVE" || consent.status === "PENDING" ? (
                  <RevokeConsentButton consentId={consent.id} purpose={consent.purpose} />
                ) : consent === borrower.consents.findLast((other) => other.purpose === consent.purpose) ? (
                  <ConsentAgainButton consent={consent} />
                ) : null
              }
            />
          </Section>
          <Section title="The data the lender holds about me" id="data-heading">
            <div className="mb-4">
              <FactList
                facts={[
                  ["Name", `${borrower.givenName} ${borrower.familyName}`],
                  ["National id", `${borrower.nationalIdType} ending ${borrower.nationalIdLast4} (the full number is not stored)`],
                  ["Phone", borrower.phone],
                  ["Date of birth", formatDate(borrower.dateOfBirth)],
                ]}
              />
            </div>
            <SignalSummaryView summary={borrower.signalSummary} audience="borrower" />
          </Section>
          <Section title="My requests" id="requests-heading">
            <p className="mb-2 text-sm text-slate-600">
              You may ask for a person to review a decision about you, and for your data to be erased. The lender must keep some records for a time; what goes and what stays is explained before you confirm.
            </p>
            {requests && !requests.ok ? <LoadError what="your requests" message={requests.error} /> : <MyRequests requests={requests?.ok ? requests.data.borrowerRequests : []} />}
            <div className="mt-3">
              <ErasureRequest borrowerId={borrower.id} />
            </div>
          </Section>
        </>
      )}
    </div>
  );
}
