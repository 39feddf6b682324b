import Link from "next/link";
import { notFound } from "next/navigation";
import { TrainingJobDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../../_components/api-error-alert";
import { loadPortalQuery, requirePortalRole } from "../../../../_components/portal-data";
import { pageRoles } from "../../../../_components/role-homes";
import { EmptyState, FactList, PageHeader, Section, TableScroll } from "../../../../_components/ui";
import { RefreshWhileRunning } from "../../../jobs/job-progress";
import { JobProgressSection } from "../../../jobs/job-progress-section";

type Counts = Record<"borrowers" | "accounts" | "signals" | "loans", number>;
interface ImportReport {
  rowsRead: Counts;
  rowsAccepted: Counts;
  rowsRefused: Counts;
  borrowersCreated: number;
  signalItemsStored: number;
  loansCreated: number;
  loansUpdated: number;
  loansUnchanged: number;
  refusalCount: number;
  refusals: { file: string; line: number; field: string; reason: string }[];
}

/** One import: its progress while it runs, then its report row by row. */
export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalRole(pageRoles.jobs);
  const { id } = await params;
  const loaded = await loadPortalQuery(user, TrainingJobDocument, { id });
  if (!loaded.ok) return <LoadError what="the import" message={loaded.error} />;
  const job = loaded.data.job;
  if (!job || job.kind !== "LOAN_BOOK_IMPORT") notFound();
  const running = job.state === "QUEUED" || job.state === "RUNNING";
  const report = job.report as ImportReport | null;
  const categories = ["borrowers", "accounts", "signals", "loans"] as const;
  return (
    <div className="space-y-6">
      <RefreshWhileRunning running={running} />
      <PageHeader title="Loan-book import">
        <Link href="/models/import" className="text-emerald-800 hover:underline">
          All imports
        </Link>
      </PageHeader>
      <JobProgressSection job={job} />
      {report && (
        <>
          <Section title="Rows" id="rows-heading">
            <TableScroll label="Rows by file category">
              <table className="w-full min-w-[28rem] text-left text-sm">
                <thead className="border-b border-slate-300 text-slate-500">
                  <tr>
                    <th className="py-2 font-medium">Category</th>
                    <th className="py-2 font-medium">Read</th>
                    <th className="py-2 font-medium">Accepted</th>
                    <th className="py-2 font-medium">Refused</th>
                  </tr>
                </thead>
                <tbody>
                  {categories.map((category) => (
                    <tr key={category} className="border-b border-slate-100">
                      <td className="py-2">{category}</td>
                      <td className="py-2">{report.rowsRead[category]}</td>
                      <td className="py-2">{report.rowsAccepted[category]}</td>
                      <td className="py-2">{report.rowsRefused[category]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <FactList
              facts={[
                ["Borrowers created", String(report.borrowersCreated)],
                ["Signal items stored", String(report.signalItemsStored)],
                ["Loans created / updated / unchanged", `${report.loansCreated} / ${report.loansUpdated} / ${report.loansUnchanged}`],
              ]}
            />
          </Section>
          <Section title={`Refused rows (${report.refusalCount})`} id="refusals-heading">
            {report.refusals.length === 0 ? (
              <EmptyState>Every row was accepted.</EmptyState>
            ) : (
              <TableScroll label="Refused rows">
                <table className="w-full min-w-[36rem] text-left text-sm">
                  <thead className="border-b border-slate-300 text-slate-500">
                    <tr>
                      <th className="py-2 font-medium">File</th>
                      <th className="py-2 font-medium">Line</th>
                      <th className="py-2 font-medium">Field</th>
                      <th className="py-2 font-medium">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.refusals.map((refusal) => (
                      <tr key={`${refusal.file}:${refusal.line}:${refusal.field}`} className="border-b border-slate-100">
                        <td className="py-2 font-mono text-xs">{refusal.file}</td>
                        <td className="py-2">{refusal.line}</td>
                        <td className="py-2 font-mono text-xs">{refusal.field}</td>
                        <td className="py-2">{refusal.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </Section>
        </>
      )}
    </div>
  );
}
