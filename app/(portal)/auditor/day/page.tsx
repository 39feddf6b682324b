import Link from "next/link";
import { AuditTimelineDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../_components/api-error-alert";
import { formatDateTime, humanizeEnum } from "../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../_components/portal-data";
import { EmptyState, PageHeader, Section, buttonClass, inputClass, secondaryButtonClass } from "../../../_components/ui";

type SearchParams = Record<string, string | string[] | undefined>;
const text = (params: SearchParams, key: string) => (typeof params[key] === "string" ? (params[key] as string).trim() : "");
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const PAGE_SIZE = 50;

/** The auditor's day: every event of the tenant in a day or range (UTC), filtered by kind, actor and borrower, a page at a time, and as CSV. */
export default async function AuditDayPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePortalRole(["ADMIN", "AUDITOR"]);
  const params = await searchParams;
  const today = new Date().toISOString().slice(0, 10);
  const fromDay = isDay(text(params, "from")) ? text(params, "from") : today;
  const toDay = isDay(text(params, "to")) ? text(params, "to") : fromDay;
  const filterParams = { from: fromDay, to: toDay, kind: text(params, "kind"), actorId: text(params, "actorId"), borrowerId: text(params, "borrowerId") };
  const after = text(params, "after") || null;
  const filter = {
    from: `${fromDay}T00:00:00.000Z`,
    to: new Date(Date.parse(`${toDay}T00:00:00Z`) + 86_400_000 - 1).toISOString(),
    kind: filterParams.kind || null,
    actorId: filterParams.actorId || null,
    borrowerId: filterParams.borrowerId || null,
  };
  const timeline = await loadPortalQuery(user, AuditTimelineDocument, { filter, first: PAGE_SIZE, after });
  const query = (extra: Record<string, string>) => new URLSearchParams(Object.fromEntries(Object.entries({ ...filterParams, ...extra }).filter(([, value]) => value))).toString();
  const csvQuery = new URLSearchParams(Object.fromEntries(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""))).toString();

  return (
    <div className="space-y-6">
      <PageHeader title="The audit day">
        Everything recorded in the tenant&apos;s audit chain between two days (UTC): scorings, quick scores, keys, users, policies, consents, decisions, outcomes and requests. Per borrower, with replay:{" "}
        <Link href="/auditor" className="text-emerald-800 hover:underline">
          a borrower&apos;s trail
        </Link>
        .
      </PageHeader>
      <form method="get" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[10rem_10rem_1fr_1fr_1fr_auto]" aria-label="Filter the audit day">
        <label className="text-sm">
          <span className="font-medium">From</span>
          <input type="date" name="from" defaultValue={fromDay} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="font-medium">To</span>
          <input type="date" name="to" defaultValue={toDay} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="font-medium">Kind</span>
          <select name="kind" defaultValue={filterParams.kind} className={inputClass}>
            <option value="">Every kind</option>
            {timeline.ok && timeline.data.auditTimeline.kinds.map((kind) => (
              <option key={kind.kind} value={kind.kind}>
                {kind.kind} ({kind.count})
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="font-medium">Actor</span>
          <select name="actorId" defaultValue={filterParams.actorId} className={inputClass}>
            <option value="">Anyone</option>
            {timeline.ok && timeline.data.auditTimeline.actors.map((actor) => (
              <option key={`${actor.actorType}:${actor.actorId}`} value={actor.actorId}>
                {actor.name ?? actor.actorId} ({humanizeEnum(actor.actorType).toLowerCase()}, {actor.count})
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="font-medium">Borrower id</span>
          <input type="text" name="borrowerId" defaultValue={filterParams.borrowerId} className={inputClass} />
        </label>
        <div className="flex items-end">
          <button type="submit" className={buttonClass}>
            Show
          </button>
        </div>
      </form>

      {!timeline.ok ? (
        <LoadError what="the audit day" message={timeline.error} />
      ) : (
        <Section
          title={`${timeline.data.auditTimeline.totalCount} event${timeline.data.auditTimeline.totalCount === 1 ? "" : "s"}, ${fromDay}${toDay === fromDay ? "" : ` to ${toDay}`} (UTC)`}
          id="day-heading"
          actions={
            <a href={`/api/audit/events.csv?${csvQuery}`} className={secondaryButtonClass} download>
              Export CSV
            </a>
          }
        >
          {timeline.data.auditTimeline.events.length === 0 ? (
            <EmptyState>Nothing matches in this period.</EmptyState>
          ) : (
            <ol className="divide-y divide-slate-100 text-sm" aria-label="Events of the day in order">
              {timeline.data.auditTimeline.events.map((event) => (
                <li key={event.id} className="py-2">
                  <div className="flex flex-wrap items-baseline gap-x-2">
                    <span className="font-mono text-xs text-slate-500">#{event.seq}</span>
                    <span className="tabular-nums">{formatDateTime(event.occurredAt)}</span>
                    <span className="font-medium">{event.action}</span>
                    <span className="text-slate-600">
                      {event.entityType}
                      {event.entityId && <span className="font-mono text-xs break-all"> {event.entityId}</span>}
                    </span>
                  </div>
                  <p className="text-xs text-slate-500">
                    by {humanizeEnum(event.actorType).toLowerCase()} {event.actorName && <span className="font-medium text-slate-700">{event.actorName} </span>}
                    <span className="font-mono break-all">{event.actorId}</span>
                  </p>
                  <details className="mt-1">
                    <summary className="cursor-pointer text-xs text-emerald-800">Payload</summary>
                    <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(event.payload, null, 2)}</pre>
                  </details>
                </li>
              ))}
            </ol>
          )}
          <div className="mt-3 flex gap-2">
            {after && (
              <Link href={`/auditor/day?${query({})}`} className={secondaryButtonClass}>
                First page
              </Link>
            )}
            {timeline.data.auditTimeline.hasNextPage && timeline.data.auditTimeline.endCursor && (
              <Link href={`/auditor/day?${query({ after: timeline.data.auditTimeline.endCursor })}`} className={secondaryButtonClass}>
                Next page
              </Link>
            )}
          </div>
        </Section>
      )}
    </div>
  );
}
