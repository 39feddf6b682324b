import Link from "next/link";
import { notFound } from "next/navigation";
import { JobDetailDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../_components/api-error-alert";
import { formatDateTime, humanizeEnum } from "../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../_components/portal-data";
import { pageRoles } from "../../../_components/role-homes";
import { EmptyState, FactList, PageHeader, Section, TableScroll, secondaryButtonClass } from "../../../_components/ui";
import { JobStateBadge, ProgressBar, RefreshWhileRunning } from "../job-progress";
import { CancelJobButton } from "./cancel-job-button";

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalRole(pageRoles.jobs);
  const { id } = await params;
  const loaded = await loadPortalQuery(user, JobDetailDocument, { id });
  if (!loaded.ok) return <LoadError what="the job" message={loaded.error} />;
  const job = loaded.data.job;
  if (!job) notFound();
  const running = job.state === "QUEUED" || job.state === "RUNNING";
  const input = job.input as { purpose?: string; asOf?: string };
  const summary = job.summary;
  const bands = summary ? [...new Set(summary.bandMigration.flatMap((cell) => [cell.from, cell.to]))].sort() : [];
  const cell = (from: string, to: string) => summary?.bandMigration.find((entry) => entry.from === from && entry.to === to)?.count ?? 0;

  return (
    <div className="space-y-6">
      <RefreshWhileRunning running={running} />
      <PageHeader title={`${humanizeEnum(job.kind)}`}>
        <Link href="/jobs" className="text-emerald-800 hover:underline">
          All jobs
        </Link>
      </PageHeader>
      <Section title="Progress" id="progress-heading" actions={running ? <CancelJobButton jobId={job.id} /> : undefined}>
        <div className="space-y-3">
          <JobStateBadge state={job.state} />
          <ProgressBar done={job.done} total={job.total ?? null} />
          <FactList
            facts={[
              ["Scored", String(job.scored)],
              ["Skipped", String(job.skipped)],
              ["Failed", String(job.failed)],
              ["Purpose", input.purpose ? humanizeEnum(input.purpose) : "—"],
              ["Signals read up to", formatDateTime(input.asOf ?? null)],
              ["Started by", job.startedBy],
              ["Queued", formatDateTime(job.createdAt)],
              ["Finished", formatDateTime(job.finishedAt ?? null)],
            ]}
          />
          {job.error && <p className="text-sm text-slate-700">{job.error}</p>}
        </div>
      </Section>
      {job.recentFailures.length > 0 && (
        <Section title="Latest failures" id="failures-heading">
          <ul className="space-y-1 text-sm">
            {job.recentFailures.map((failure) => (
              <li key={failure.borrowerId}>
                <Link href={`/borrowers/${failure.borrowerId}`} className="font-mono text-xs text-emerald-800 hover:underline">
                  {failure.borrowerId}
                </Link>{" "}
                {failure.reason}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section
        title="Summary"
        id="summary-heading"
        actions={
          <a href={job.itemsCsvUrl} className={secondaryButtonClass} download>
            Download CSV
          </a>
        }
      >
        {!summary ? (
          <EmptyState>The summary is written when every borrower has been scored or skipped.</EmptyState>
        ) : (
          <div className="space-y-4 text-sm">
            <FactList
              facts={[
                ...summary.byRecommendation.map((entry): [string, string] => [`Recommended ${humanizeEnum(entry.key).toLowerCase()}`, String(entry.count)]),
                ["Limit increased", String(summary.limits.increased)],
                ["Limit decreased", String(summary.limits.decreased)],
                ["Limit unchanged", String(summary.limits.unchanged)],
                ["Scored for the first time", String(summary.limits.firstScoring)],
                ...summary.skippedReasons.map((entry): [string, string] => [`Skipped: ${entry.key}`, String(entry.count)]),
              ]}
            />
            <div>
              <h3 className="mb-1 font-medium">Band migration (rows: previous band, columns: new band)</h3>
              <TableScroll label="Band migration">
                <table className="text-left text-sm tabular-nums">
                  <thead className="border-b border-slate-300 text-slate-500">
                    <tr>
                      <th className="py-1 pr-3 font-medium">Previous \ New</th>
                      {bands.map((band) => (
                        <th key={band} className="py-1 pr-3 font-medium">
                          {band === "NONE" ? "None" : band}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {bands.map((from) => (
                      <tr key={from} className="border-b border-slate-100">
                        <th scope="row" className="py-1 pr-3 font-medium">
                          {from === "NONE" ? "None (first scoring)" : from}
                        </th>
                        {bands.map((to) => (
                          <td key={to} className="py-1 pr-3">
                            {cell(from, to)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </div>
          </div>
        )}
      </Section>
    </div>
  );
}
