import Link from "next/link";
import { notFound } from "next/navigation";
import { ReviewBorrowerContextDocument, ReviewScoreDocument, type ReasonCodeFieldsFragment } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../_components/api-error-alert";
import { ContributionWaterfall } from "../../../_components/charts/contribution-waterfall";
import { ScoreGauge } from "../../../_components/charts/score-gauge";
import { SubScoreBars } from "../../../_components/charts/sub-score-bars";
import { ConsentList } from "../../../_components/consent-list";
import { capitalise, countOf, describeRiskLevel, describeScoreBand, formatDateTime, formatMoney, formatNumber, formatPercent, formatPoints, humanizeEnum } from "../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../_components/portal-data";
import { decidingRoles, pageRoles } from "../../../_components/role-homes";
import { SignalSummaryView } from "../../../_components/signal-summary-view";
import { Badge, EmptyState, FactList, Section, TableScroll, recommendationTone, riskTone } from "../../../_components/ui";
import { DecisionForm } from "./decision-form";
import { DecisionHistory } from "./decision-history";
import { HumanReviews } from "./human-reviews";
import { NarrativePanel } from "../../../_components/narrative-panel";
import { OutcomeHistory } from "../../../_components/outcome-history";

function ReasonList({ reasons, emptyText }: { reasons: ReasonCodeFieldsFragment[]; emptyText: string }) {
  if (reasons.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  return (
    <ul className="space-y-1 text-sm">
      {reasons.map((reason) => (
        <li key={reason.code} className="flex gap-2">
          <span className={`w-14 shrink-0 text-right font-semibold tabular-nums ${reason.points < 0 ? "text-red-700" : "text-emerald-700"}`}>{formatPoints(reason.points)}</span>
          <span>
            {reason.text} <span className="font-mono text-xs text-slate-500">{reason.code}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalRole(pageRoles.review);
  const { id } = await params;
  const loaded = await loadPortalQuery(user, ReviewScoreDocument, { id });
  if (!loaded.ok) return <LoadError what="this scoring" message={loaded.error} />;
  const score = loaded.data.creditScore;
  if (!score) notFound();
  const context = await loadPortalQuery(user, ReviewBorrowerContextDocument, { borrowerId: score.borrower.id, asOf: score.asOf });
  const { decision } = score;
  const borrowerName = `${score.borrower.givenName} ${score.borrower.familyName}`;
  const contextBorrower = context.ok ? context.data.borrower : null;
  const consentsInEffect = contextBorrower?.consents.filter((consent) => score.consentIds.includes(consent.id)) ?? [];
  const earlierScores = contextBorrower?.creditScores.filter((other) => other.id !== score.id) ?? [];

  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-600">
          <Link href="/committee" className="text-emerald-800 hover:underline">
            Applications
          </Link>{" "}
          / review
        </p>
        <h1 className="text-2xl font-semibold">
          {borrowerName} <span className="font-mono text-base font-normal text-slate-500">{score.borrower.externalId}</span>
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {humanizeEnum(score.purpose)} · scored {formatDateTime(score.scoredAt)} on signals before {formatDateTime(score.asOf)} ·{" "}
          <Link href={`/borrowers/${score.borrower.id}`} className="text-emerald-800 hover:underline">
            borrower record
          </Link>
        </p>
      </header>

      <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
        <Section title="Score" id="score-heading">
          <div className="flex flex-col items-center gap-3">
            <ScoreGauge score={score.score} riskBucket={score.riskBucket} riskLevel={decision.riskLevel} scale={score.modelVersion.scale} />
            <FactList
              facts={[
                ["Probability of default", formatPercent(score.probabilityOfDefault, 2)],
                ["Confidence", formatPercent(score.confidence, 0)],
                ["Exact score", formatNumber(score.scoreExact, 2)],
              ]}
            />
          </div>
        </Section>
        <Section title="Recommendation" id="recommendation-heading">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={recommendationTone[decision.recommendation]}>{humanizeEnum(decision.recommendation)}</Badge>
            <Badge tone={riskTone[decision.riskLevel]}>{capitalise(describeRiskLevel(decision.riskLevel))}</Badge>
            {decision.requiresHumanReview && <Badge tone="amber">Human review required</Badge>}
            <span className="text-sm text-slate-600">
              {humanizeEnum(decision.scoreMode)} mode · thresholds applied to {formatNumber(decision.decisionScore, 1)}
            </span>
          </div>
          <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
            {decision.reasons.map((reason) => (
              <li key={reason.code}>
                {reason.text} <span className="font-mono text-xs text-slate-500">{reason.code}</span>
              </li>
            ))}
          </ul>
          {(decision.fraudFlags.length > 0 || decision.humanReviewFlags.length > 0) && (
            <div className="mt-3 grid gap-2 sm:grid-cols-2">
              {decision.fraudFlags.length > 0 && (
                <div className="rounded border border-red-200 bg-red-50 p-2 text-sm">
                  <h3 className="font-medium text-red-900">Fraud flags</h3>
                  <ul className="list-disc pl-5">
                    {decision.fraudFlags.map((flag) => (
                      <li key={flag.code}>{flag.text}</li>
                    ))}
                  </ul>
                </div>
              )}
              {decision.humanReviewFlags.length > 0 && (
                <div className="rounded border border-amber-200 bg-amber-50 p-2 text-sm">
                  <h3 className="font-medium text-amber-900">Human-review flags</h3>
                  <ul className="list-disc pl-5">
                    {decision.humanReviewFlags.map((flag) => (
                      <li key={flag.code}>{flag.text}</li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          )}
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            <FactList
              facts={[
                ["Requested", `${formatMoney(score.requestedAmount, decision.currency)} over ${countOf(score.requestedTenorDays, "day")}`],
                ["Recommended limit", <strong key="limit">{formatMoney(decision.recommendedLimit, decision.currency)}</strong>],
                ["Recommended tenor", countOf(decision.tenorDays, "day")],
              ]}
            />
          </div>
          <h3 className="mt-4 font-medium">How the limit and tenor were worked out</h3>
          <TableScroll label="Limit and tenor arithmetic" stack>
            <table className="mt-1 w-full min-w-[28rem] text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-1 font-medium">Step</th>
                  <th className="py-1 font-medium">Formula</th>
                  <th className="py-1 text-right font-medium">Value</th>
                </tr>
              </thead>
              <tbody>
                {decision.arithmetic.map((step, index) => (
                  <tr key={`${step.label}-${index}`} className="border-t border-slate-100">
                    <td className="py-1">{step.label}</td>
                    <td className="py-1 font-mono text-xs">{step.formula}</td>
                    <td className="py-1 text-right tabular-nums">{formatNumber(step.value, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Section>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Sub-scores by component" id="subscores-heading">
          <SubScoreBars subScores={score.subScores} />
        </Section>
        <Section title="Reason codes" id="reasons-heading">
          <h3 className="mb-1 text-sm font-medium">Principal reasons against (most adverse first)</h3>
          <ReasonList reasons={score.adverseReasons} emptyText="No adverse reasons." />
          <h3 className="mt-3 mb-1 text-sm font-medium">Factors in favour</h3>
          <ReasonList reasons={score.positiveFactors} emptyText="No positive factors." />
        </Section>
      </div>

      <Section title="From the base score to this score" id="waterfall-heading">
        <ContributionWaterfall baseScore={score.baseScore} contributions={score.contributions} score={score.score} />
      </Section>

      <Section title="Narrative" id="narrative-heading">
        <NarrativePanel scoreId={score.id} narrative={score.narrative ?? null} />
      </Section>

      <Section title="Committee decision" id="decision-heading">
        <HumanReviews reviews={score.humanReviews} />
        <DecisionHistory history={score.decisionHistory} currentDecisionId={score.currentDecision?.id ?? null} currency={decision.currency} />
        {decidingRoles.includes(user.role) ? (
          <DecisionForm scoreId={score.id} currentDecisionId={score.currentDecision?.id ?? null} recommendation={decision.recommendation} recommendedLimit={decision.recommendedLimit} recommendedTenorDays={decision.tenorDays} currency={decision.currency} />
        ) : (
          <p className="text-sm text-slate-600">Only the credit committee (and administrators) record decisions.</p>
        )}
      </Section>

      <Section title="Loan status" id="loan-status-heading">
        <OutcomeHistory history={score.outcomeHistory} currency={decision.currency} emptyText="No outcome has been reported for this loan yet." />
      </Section>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Consents in effect for this scoring" id="consents-heading">
          <p className="mb-2 text-sm text-slate-600">Data categories read: {score.dataCategoriesRead.map(humanizeEnum).join(", ") || "none"}.</p>
          {!context.ok ? <LoadError what="the consents" message={context.error} /> : <ConsentList consents={consentsInEffect} emptyText="No consent is recorded for this scoring." />}
        </Section>
        <Section title="Model and policy" id="versions-heading">
          <FactList
            facts={[
              ["Model", `${score.modelVersion.name} ${score.modelVersion.version} (${humanizeEnum(score.modelVersion.status)})`],
              ["Model artifact sha256", <code key="model" className="text-xs break-all">{score.modelVersion.artifactSha256}</code>],
              ["Policy", `${score.policyVersion.name} ${score.policyVersion.version} (${humanizeEnum(score.policyVersion.status)})`],
              ["Policy sha256", <code key="policy" className="text-xs break-all">{score.policyVersion.documentSha256}</code>],
              ["Inputs sha256", <code key="inputs" className="text-xs break-all">{score.inputsSha256}</code>],
              ["Record hash", <code key="record" className="text-xs break-all">{score.recordHash}</code>],
            ]}
          />
        </Section>
      </div>

      <Section title="Signals read" id="signals-heading">
        {!context.ok ? <LoadError what="the signal summary" message={context.error} /> : contextBorrower ? <SignalSummaryView summary={contextBorrower.signalSummary} audience="lender" /> : <EmptyState>The borrower record is not available.</EmptyState>}
      </Section>

      <Section title="Earlier scores of this borrower" id="history-heading">
        {earlierScores.length === 0 ? (
          <EmptyState>This is the borrower&apos;s only scoring.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {earlierScores.map((other) => (
              <li key={other.id} className="flex flex-wrap items-center gap-2 py-1.5">
                <Link href={`/scores/${other.id}`} className="font-semibold text-emerald-800 tabular-nums hover:underline">
                  {other.score}
                </Link>
                <span>{describeScoreBand(other.riskBucket)}</span>
                <Badge tone={recommendationTone[other.decision.recommendation]}>{humanizeEnum(other.decision.recommendation)}</Badge>
                <span className="text-slate-500">
                  {humanizeEnum(other.purpose)} · {formatDateTime(other.scoredAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
