import Link from "next/link";
import { ApplicationQueueDocument, type ApplicationFilter, type ApplicationStatus, type Recommendation, type RiskLevel } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../_components/api-error-alert";
import { formatDateTime, formatMoney, formatPercent, humanizeEnum } from "../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../_components/portal-data";
import { pageRoles, roleHomes } from "../../_components/role-homes";
import { Badge, EmptyState, PageHeader, TableScroll, buttonClass, fieldGridClass, inputClass, recommendationTone, riskTone, secondaryButtonClass } from "../../_components/ui";

const recommendations: Recommendation[] = ["APPROVE", "REVIEW", "REJECT"];
const riskLevels: RiskLevel[] = ["LOW", "MEDIUM", "HIGH", "VERY_HIGH"];
const statuses: ApplicationStatus[] = ["AWAITING_DECISION", "DECIDED"];
const pageSize = 20;

type SearchParams = Record<string, string | string[] | undefined>;

function single(params: SearchParams, key: string): string {
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

function pick<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A yyyy-mm-dd from the date input as the start (or the end) of that UTC day. */
function dayBoundary(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return end ? new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString() : `${day}T00:00:00.000Z`;
}

/** A filter on one enum field: "Any" or one of its values, shown in words. */
function EnumFilter({ label, name, values, value }: { label: string; name: string; values: readonly string[]; value: string }) {
  return (
    <label className="text-sm">
      <span className="font-medium">{label}</span>
      <select name={name} defaultValue={value} className={inputClass}>
        <option value="">Any</option>
        {values.map((option) => (
          <option key={option} value={option}>
            {humanizeEnum(option)}
          </option>
        ))}
      </select>
    </label>
  );
}

export default async function CommitteeQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePortalRole(pageRoles.applications);
  const params = await searchParams;
  const form = {
    status: single(params, "status") || "AWAITING_DECISION",
    recommendation: single(params, "recommendation"),
    riskLevel: single(params, "riskLevel"),
    flagged: single(params, "flagged"),
    from: single(params, "from"),
    to: single(params, "to"),
  };
  const filter: ApplicationFilter = {
    status: pick(form.status, statuses),
    recommendation: pick(form.recommendation, recommendations),
    riskLevel: pick(form.riskLevel, riskLevels),
    flagged: form.flagged === "yes" ? true : undefined,
    from: dayBoundary(form.from, false),
    to: dayBoundary(form.to, true),
  };
  const after = single(params, "after") || undefined;
  const queue = await loadPortalQuery(user, ApplicationQueueDocument, { filter, first: pageSize, after });
  const nextParams = (cursor: string) => new URLSearchParams({ ...Object.fromEntries(Object.entries(form).filter(([, value]) => value)), after: cursor }).toString();

  return (
    <div className="space-y-6">
      <PageHeader title={user.role === "COMMITTEE" ? roleHomes.COMMITTEE.title : "Applications"}>{roleHomes.COMMITTEE.purpose}</PageHeader>
      <form method="get" className={`${fieldGridClass} rounded-lg border border-slate-200 bg-white p-4`} aria-label="Filter applications">
        <label className="text-sm">
          <span className="font-medium">Status</span>
          <select name="status" defaultValue={form.status} className={inputClass}>
            <option value="AWAITING_DECISION">Awaiting decision</option>
            <option value="DECIDED">Decided</option>
            <option value="ALL">All</option>
          </select>
        </label>
        <EnumFilter label="Recommendation" name="recommendation" values={recommendations} value={form.recommendation} />
        <EnumFilter label="Risk level" name="riskLevel" values={riskLevels} value={form.riskLevel} />
        <label className="text-sm">
          <span className="font-medium">Flags</span>
          <select name="flagged" defaultValue={form.flagged} className={inputClass}>
            <option value="">Any</option>
            <option value="yes">Flagged only</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="font-medium">Scored from</span>
          <input type="date" name="from" defaultValue={form.from} className={inputClass} />
        </label>
        <label className="text-sm">
          <span className="font-medium">Scored to</span>
          <input type="date" name="to" defaultValue={form.to} className={inputClass} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>
            Filter
          </button>
          <Link href="/committee" className={secondaryButtonClass}>
            Reset
          </Link>
        </div>
      </form>

      {!queue.ok ? (
        <LoadError what="the applications" message={queue.error} />
      ) : queue.data.applications.edges.length === 0 ? (
        <EmptyState>No scored applications match these filters.</EmptyState>
      ) : (
        <section aria-labelledby="queue-heading">
          <h2 id="queue-heading" className="mb-2 text-sm text-slate-600">
            {queue.data.applications.totalCount} application{queue.data.applications.totalCount === 1 ? "" : "s"}, newest first
          </h2>
          <TableScroll label="Applications" stack>
            <table className="w-full min-w-[48rem] bg-white text-left text-sm">
              <thead className="border-b border-slate-300 text-slate-500">
                <tr>
                  <th className="px-2 py-2 font-medium">Borrower</th>
                  <th className="px-2 py-2 font-medium">Scored</th>
                  <th className="px-2 py-2 text-right font-medium">Score</th>
                  <th className="px-2 py-2 text-right font-medium">PD</th>
                  <th className="px-2 py-2 font-medium">Recommendation</th>
                  <th className="px-2 py-2 font-medium">Risk</th>
                  <th className="px-2 py-2 text-right font-medium">Requested</th>
                  <th className="px-2 py-2 font-medium">Flags</th>
                  <th className="px-2 py-2 font-medium">Status</th>
                </tr>
              </thead>
              <tbody>
                {queue.data.applications.edges.map(({ node }) => {
                  const flags = node.decision.fraudFlags.length + node.decision.humanReviewFlags.length;
                  const decided = node.currentDecision;
                  return (
                    <tr key={node.id} className="border-b border-slate-100 hover:bg-slate-50">
                      <td className="px-2 py-2">
                        <Link href={`/scores/${node.id}`} className="font-medium text-emerald-800 underline-offset-2 hover:underline">
                          {node.borrower.givenName} {node.borrower.familyName}
                        </Link>
                        <div className="font-mono text-xs text-slate-500">{node.borrower.externalId}</div>
                      </td>
                      <td className="px-2 py-2 whitespace-nowrap">{formatDateTime(node.scoredAt)}</td>
                      <td className="px-2 py-2 text-right font-semibold tabular-nums">{node.score}</td>
                      <td className="px-2 py-2 text-right tabular-nums">{formatPercent(node.probabilityOfDefault)}</td>
                      <td className="px-2 py-2">
                        <Badge tone={recommendationTone[node.decision.recommendation]}>{humanizeEnum(node.decision.recommendation)}</Badge>
                      </td>
                      <td className="px-2 py-2">
                        <Badge tone={riskTone[node.decision.riskLevel]}>{humanizeEnum(node.decision.riskLevel)}</Badge>
                      </td>
                      <td className="px-2 py-2 text-right whitespace-nowrap tabular-nums">
                        {formatMoney(node.requestedAmount, node.decision.currency)} · {node.requestedTenorDays} d
                      </td>
                      <td className="px-2 py-2">
                        {node.decision.fraudFlags.length > 0 && <Badge tone="red">Fraud ({node.decision.fraudFlags.length})</Badge>}{" "}
                        {node.decision.humanReviewFlags.length > 0 && <Badge tone="amber">Review ({node.decision.humanReviewFlags.length})</Badge>}
                        {flags === 0 && <span className="text-slate-400">none</span>}
                      </td>
                      <td className="px-2 py-2">
                        {decided ? <Badge tone="slate">{humanizeEnum(decided.verdict)}</Badge> : <Badge tone="blue">Awaiting</Badge>} {node.contested && <Badge tone="amber">Contested</Badge>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <div className="mt-3 flex gap-2">
            {after && (
              <Link href={`/committee?${new URLSearchParams(Object.fromEntries(Object.entries(form).filter(([, value]) => value))).toString()}`} className={secondaryButtonClass}>
                First page
              </Link>
            )}
            {queue.data.applications.pageInfo.hasNextPage && queue.data.applications.pageInfo.endCursor && (
              <Link href={`/committee?${nextParams(queue.data.applications.pageInfo.endCursor)}`} className={secondaryButtonClass}>
                Next page
              </Link>
            )}
          </div>
        </section>
      )}
    </div>
  );
}
