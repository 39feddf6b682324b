import Link from "next/link";
import { JobListDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../_components/api-error-alert";
import { formatDateTime, humanizeEnum } from "../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../_components/portal-data";
import { pageRoles } from "../../_components/role-homes";
import { EmptyState, PageHeader, Section, TableScroll } from "../../_components/ui";
import { JobStateBadge, ProgressBar } from "./job-progress";
import { StartRescoreForm } from "./start-rescore-form";

export default async function JobsPage() {
  const user = await requirePortalRole(pageRoles.jobs);
  const list = await loadPortalQuery(user, JobListDocument, { first: 20 });
  return (
    <div className="space-y-6">
      <PageHeader title="Jobs">Batch work that runs in the background: re-scoring the portfolio under monitoring or limit-review consent.</PageHeader>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Section title="Recent jobs" id="jobs-heading">
          {!list.ok ? (
            <LoadError what="the jobs" message={list.error} />
          ) : list.data.jobs.length === 0 ? (
            <EmptyState>No jobs yet.</EmptyState>
          ) : (
            <TableScroll label="Jobs">
              <table className="w-full min-w-[36rem] text-left text-sm">
                <thead className="border-b border-slate-300 text-slate-500">
                  <tr>
                    <th className="py-2 font-medium">Job</th>
                    <th className="py-2 font-medium">State</th>
                    <th className="py-2 font-medium">Progress</th>
                    <th className="py-2 font-medium">Started by</th>
                    <th className="py-2 font-medium">Started</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.jobs.map((job) => (
                    <tr key={job.id} className="border-b border-slate-100">
                      <td className="py-1.5">
                        <Link href={`/jobs/${job.id}`} className="font-medium text-emerald-800 hover:underline">
                          {humanizeEnum(job.kind)}
                        </Link>
                      </td>
                      <td className="py-1.5">
                        <JobStateBadge state={job.state} />
                      </td>
                      <td className="py-1.5">
                        <ProgressBar done={job.done} total={job.total ?? null} compact />
                      </td>
                      <td className="py-1.5">{job.startedBy}</td>
                      <td className="py-1.5">{formatDateTime(job.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </Section>
        <Section title="Re-score the portfolio" id="start-heading">
          <StartRescoreForm />
        </Section>
      </div>
    </div>
  );
}
