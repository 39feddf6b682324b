import Link from "next/link";
import { notFound } from "next/navigation";
import { BorrowerDetailDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../_components/api-error-alert";
import { ConsentList } from "../../../_components/consent-list";
import { describeScoreBand, formatDate, formatDateTime, formatMoney, humanizeEnum } from "../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../_components/portal-data";
import { RevokeConsentButton } from "../../../_components/revoke-consent-button";
import { pageRoles, writingRoles } from "../../../_components/role-homes";
import { SignalSummaryView } from "../../../_components/signal-summary-view";
import { Badge, EmptyState, FactList, Section, recommendationTone } from "../../../_components/ui";
import { CalculateScoreForm } from "./calculate-score-form";
import { GrantConsentForm } from "./grant-consent-form";
import { LinkAccountForm } from "./link-account-form";
import { SignalUpload } from "./signal-upload";

export default async function BorrowerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalRole(pageRoles.borrowerDetail);
  const { id } = await params;
  const loaded = await loadPortalQuery(user, BorrowerDetailDocument, { id });
  if (!loaded.ok) return <LoadError what="this borrower" message={loaded.error} />;
  const borrower = loaded.data.borrower;
  if (!borrower) notFound();
  const canWrite = writingRoles.includes(user.role);

  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm text-slate-600">
          <Link href="/analyst" className="text-emerald-800 hover:underline">
            Borrowers
          </Link>{" "}
          / {borrower.externalId}
        </p>
        <h1 className="text-2xl font-semibold">
          {borrower.givenName} {borrower.familyName}
        </h1>
      </header>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Record" id="record-heading">
          <FactList
            facts={[
              ["Reference", <span key="ref" className="font-mono">{borrower.externalId}</span>],
              ["National id", `${borrower.nationalIdType} ending ${borrower.nationalIdLast4}`],
              ["ID verified", borrower.idVerified ? "yes" : "no"],
              ["Phone", borrower.phone],
              ["Date of birth", formatDate(borrower.dateOfBirth)],
              ["Added", formatDateTime(borrower.createdAt)],
            ]}
          />
        </Section>
        <Section title="Scorings" id="scorings-heading">
          {borrower.creditScores.length === 0 ? (
            <EmptyState>Not scored yet.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {borrower.creditScores.map((score) => (
                <li key={score.id} className="flex flex-wrap items-center gap-2 py-1.5">
                  <Link href={`/scores/${score.id}`} className="font-semibold text-emerald-800 tabular-nums hover:underline">
                    Score {score.score}
                  </Link>
                  <span>{describeScoreBand(score.riskBucket)}</span>
                  <Badge tone={recommendationTone[score.decision.recommendation]}>{humanizeEnum(score.decision.recommendation)}</Badge>
                  <span className="text-slate-500">
                    limit {formatMoney(score.decision.recommendedLimit, score.decision.currency)} · {formatDateTime(score.scoredAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {canWrite && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <h3 className="mb-2 font-medium">Run a scoring</h3>
              <CalculateScoreForm borrowerId={borrower.id} />
            </div>
          )}
        </Section>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Consents" id="consents-heading">
          <ConsentList
            consents={borrower.consents}
            emptyText="No consent recorded: scoring will be refused until the borrower consents."
            action={canWrite ? (consent) => (consent.status === "ACTIVE" || consent.status === "PENDING" ? <RevokeConsentButton consentId={consent.id} purpose={consent.purpose} /> : null) : undefined}
          />
          {canWrite && (
            <div className="mt-4 border-t border-slate-100 pt-4">
              <h3 className="mb-2 font-medium">Record a consent</h3>
              <GrantConsentForm borrowerId={borrower.id} />
            </div>
          )}
        </Section>
        {canWrite && (
          <Section title="Accounts and signals" id="ingest-heading">
            <h3 className="mb-2 font-medium">Link an account</h3>
            <LinkAccountForm borrowerId={borrower.id} />
            <h3 className="mt-6 mb-2 border-t border-slate-100 pt-4 font-medium">Upload signals</h3>
            <SignalUpload borrowerId={borrower.id} accounts={borrower.accounts.map((account) => ({ id: account.id, label: `${account.provider} · ${humanizeEnum(account.type)} (${account.externalReference})` }))} />
          </Section>
        )}
      </div>

      <Section title="What the lender holds" id="signals-heading">
        <SignalSummaryView summary={borrower.signalSummary} audience="lender" />
      </Section>
    </div>
  );
}
