import Link from "next/link";
import { AuditBorrowerScoresDocument, AuditTrailDocument, AuditVerificationDocument, BorrowerListDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../_components/api-error-alert";
import { formatDateTime, humanizeEnum } from "../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../_components/portal-data";
import { pageRoles, roleHomes } from "../../_components/role-homes";
import { Badge, EmptyState, PageHeader, Section, buttonClass, inputClass, recommendationTone } from "../../_components/ui";
import { ChainStatus } from "./chain-status";
import { FullVerification } from "./full-verification";
import { ReplayButton } from "./replay-button";

type SearchParams = Record<string, string | string[] | undefined>;
const text = (params: SearchParams, key: string) => (typeof params[key] === "string" ? (params[key] as string).trim() : "");
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePortalRole(pageRoles.audit);
  const params = await searchParams;
  const today = new Date().toISOString().slice(0, 10);
  const borrowerQuery = text(params, "borrower");
  const fromDay = isDay(text(params, "from")) ? text(params, "from") : today;
  const toDay = isDay(text(params, "to")) ? text(params, "to") : today;
  const borrowerId = text(params, "borrowerId");

  const matches = borrowerQuery && !borrowerId ? await loadPortalQuery(user, BorrowerListDocument, { first: 20, search: borrowerQuery }) : null;
  const chosenId = borrowerId || (matches?.ok && matches.data.borrowers.edges.length === 1 ? matches.data.borrowers.edges[0].node.id : "");
  const range = { from: `${fromDay}T00:00:00.000Z`, to: new Date(Date.parse(`${toDay}T00:00:00Z`) + 86_400_000).toISOString() };
  const [trail, scores] = chosenId
    ? await Promise.all([loadPortalQuery(user, AuditTrailDocument, { borrowerId: chosenId, ...range }), loadPortalQuery(user, AuditBorrowerScoresDocument, { borrowerId: chosenId })])
    : [null, null];
  const borrower = scores?.ok ? scores.data.borrower : null;
  const verification = user.role === "ADMIN" || user.role === "AUDITOR" ? await loadPortalQuery(user, AuditVerificationDocument, { id: null }) : null;

  return (
    <div className="space-y-6">
      <PageHeader title={roleHomes.AUDITOR.title}>
        {roleHomes.AUDITOR.purpose}{" "}
        {user.role !== "COMMITTEE" && (
          <Link href="/auditor/day" className="text-emerald-800 hover:underline">
            Everything recorded on a day, tenant-wide (with CSV export)
          </Link>
        )}
      </PageHeader>
      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_10rem_10rem_auto]" aria-label="Find a borrower's audit trail">
        <label className="text-sm">
          <span className="font-medium">Borrower (name, phone or reference)</span>
          <input type="search" name="borrower" required defaultValue={borrowerQuery || (borrower ? borrower.externalId : "")} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="font-medium">From</span>
          <input type="date" name="from" defaultValue={fromDay} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="font-medium">To</span>
          <input type="date" name="to" defaultValue={toDay} className={inputClass} />
        </label>
        <div className="flex items-end">
          <button type="submit" className={buttonClass}>
            Show events
          </button>
        </div>
      </form>

      {matches && !matches.ok && <LoadError what="the borrowers" message={matches.error} />}
      {matches?.ok && !chosenId && (
        <Section title="Which borrower?" id="matches-heading">
          {matches.data.borrowers.edges.length === 0 ? (
            <EmptyState>No borrower matches “{borrowerQuery}”.</EmptyState>
          ) : (
            <ul className="space-y-1 text-sm">
              {matches.data.borrowers.edges.map(({ node }) => (
                <li key={node.id}>
                  <Link href={`/auditor?${new URLSearchParams({ borrowerId: node.id, borrower: node.externalId, from: fromDay, to: toDay }).toString()}`} className="text-emerald-800 hover:underline">
                    {node.givenName} {node.familyName} <span className="font-mono text-xs text-slate-500">{node.externalId}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}

      {chosenId && (
        <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
          <Section title={borrower ? `Events for ${borrower.givenName} ${borrower.familyName}, ${fromDay} to ${toDay} (UTC)` : `Events ${fromDay} to ${toDay}`} id="trail-heading">
            {!trail?.ok ? (
              <LoadError what="the audit trail" message={trail?.error ?? ""} />
            ) : trail.data.auditTrail.length === 0 ? (
              <EmptyState>Nothing was recorded for this borrower in this period.</EmptyState>
            ) : (
              <ol className="space-y-2 border-l-2 border-emerald-200 pl-4" aria-label="Audit events in order">
                {trail.data.auditTrail.map((event) => (
                  <li key={event.id} className="text-sm">
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      <span className="font-mono text-xs text-slate-500">#{event.seq}</span>
                      <span className="tabular-nums">{formatDateTime(event.occurredAt)}</span>
                      <span className="font-medium">{event.action}</span>
                      <span className="text-slate-600">
                        {event.entityType}
                        {event.entityId && <span className="font-mono text-xs"> {event.entityId}</span>}
                      </span>
                    </div>
                    <p className="text-xs text-slate-500">
                      by {humanizeEnum(event.actorType).toLowerCase()} {event.actorName && <span className="font-medium text-slate-700">{event.actorName} </span>}
                      <span className="font-mono">{event.actorId}</span>
                      {event.requestId && (
                        <>
                          {" "}
                          · request <span className="font-mono">{event.requestId}</span>
                        </>
                      )}
                    </p>
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-emerald-800">Payload and hashes</summary>
                      <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(event.payload, null, 2)}</pre>
                      <p className="mt-1 font-mono text-[11px] break-all text-slate-500">
                        prev {event.prevHash ?? "(first)"}
                        <br />
                        row {event.rowHash}
                      </p>
                    </details>
                  </li>
                ))}
              </ol>
            )}
          </Section>
          <Section title="Replay a scoring" id="replay-heading">
            {!scores?.ok ? (
              <LoadError what="the borrower's scorings" message={scores?.error ?? ""} />
            ) : !borrower || borrower.creditScores.length === 0 ? (
              <EmptyState>This borrower has no scorings.</EmptyState>
            ) : (
              <ul className="space-y-3 text-sm">
                {borrower.creditScores.map((score) => (
                  <li key={score.id} className="rounded border border-slate-200 p-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/scores/${score.id}`} className="font-semibold text-emerald-800 hover:underline">
                        Score {score.score}
                      </Link>
                      <Badge tone={recommendationTone[score.decision.recommendation]}>{humanizeEnum(score.decision.recommendation)}</Badge>
                      <span className="text-xs text-slate-500">{formatDateTime(score.scoredAt)}</span>
                    </div>
                    <ReplayButton scoreId={score.id} />
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      )}

      <Section title="Audit chain" id="chain-heading">
        <ChainStatus />
      </Section>
      {verification && (
        <Section title="Full verification" id="full-verification-heading">
          {verification.ok ? <FullVerification latest={verification.data.auditVerification ?? null} /> : <LoadError what="the latest full verification" message={verification.error} />}
        </Section>
      )}
    </div>
  );
}
