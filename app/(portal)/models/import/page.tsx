import Link from "next/link";
import { JobListDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../_components/api-error-alert";
import { formatDateTime } from "../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../_components/portal-data";
import { pageRoles } from "../../../_components/role-homes";
import { EmptyState, PageHeader, Section } from "../../../_components/ui";
import { JobStateBadge, ProgressBar } from "../../jobs/job-progress";
import { ImportBookForm } from "./import-book-form";

/** Import a historical loan book (ADMIN); ADMIN and ANALYST follow the imports. */
export default async function ImportLoanBookPage() {
  const user = await requirePortalRole(pageRoles.jobs);
  const list = await loadPortalQuery(user, JobListDocument, { first: 50 });
  const imports = list.ok ? list.data.jobs.filter((job) => job.kind === "LOAN_BOOK_IMPORT") : [];
  return (
    <div className="space-y-6">
      <PageHeader title="Import a loan book">
        Past loans with their outcomes, their borrowers and signals, as JSON Lines files, or CSV for borrowers, accounts and loans (see docs/loan-book-import.md and the example books in docs/examples/loan-book and docs/examples/loan-book-csv). Then <Link href="/models/train" className="text-emerald-800 hover:underline">train a model</Link> from it.
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <Section title="Imports" id="imports-heading">
          {!list.ok ? (
            <LoadError what="the imports" message={list.error} />
          ) : imports.length === 0 ? (
            <EmptyState>No import yet.</EmptyState>
          ) : (
            <ul className="space-y-3">
              {imports.map((job) => (
                <li key={job.id} className="flex flex-wrap items-center gap-3 text-sm">
                  <Link href={`/models/import/${job.id}`} className="text-emerald-800 hover:underline">
                    {formatDateTime(job.createdAt)}
                  </Link>
                  <JobStateBadge state={job.state} />
                  <ProgressBar done={job.done} total={job.total ?? null} compact />
                  <span className="text-slate-600">by {job.startedBy}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
        {user.role === "ADMIN" && (
          <Section title="Upload and import" id="upload-heading">
            <ImportBookForm />
          </Section>
        )}
      </div>
    </div>
  );
}
