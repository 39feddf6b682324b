import Link from "next/link";
import { JobListDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../_components/api-error-alert";
import { formatDateTime } from "../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../_components/portal-data";
import { pageRoles } from "../../../_components/role-homes";
import { EmptyState, PageHeader, Section } from "../../../_components/ui";
import { JobStateBadge, ProgressBar } from "../../jobs/job-progress";
import { TrainModelForm } from "./train-model-form";

/** Train the lender's own model (ADMIN); ADMIN and ANALYST follow trainings and read their reports. */
export default async function TrainModelPage() {
  const user = await requirePortalRole(pageRoles.jobs);
  const list = await loadPortalQuery(user, JobListDocument, { first: 50 });
  const trainings = list.ok ? list.data.jobs.filter((job) => job.kind === "MODEL_TRAINING") : [];
  return (
    <div className="space-y-6">
      <PageHeader title="Train a model">
        From the <Link href="/models/import" className="text-emerald-800 hover:underline">imported loan book</Link> and the scorings with outcomes. Training needs at least 50 defaults and warns below 200 (docs/model-training.md); the result is a DRAFT version.
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Section title="Trainings" id="trainings-heading">
          {!list.ok ? (
            <LoadError what="the trainings" message={list.error} />
          ) : trainings.length === 0 ? (
            <EmptyState>No training yet.</EmptyState>
          ) : (
            <ul className="space-y-3">
              {trainings.map((job) => (
                <li key={job.id} className="flex flex-wrap items-center gap-3 text-sm">
                  <Link href={`/models/train/${job.id}`} className="text-emerald-800 hover:underline">
                    {String((job.input as { name?: string }).name ?? "model")} · {formatDateTime(job.createdAt)}
                  </Link>
                  <JobStateBadge state={job.state} />
                  <ProgressBar done={job.done} total={job.total ?? null} compact />
                </li>
              ))}
            </ul>
          )}
        </Section>
        {user.role === "ADMIN" && (
          <Section title="New training" id="new-training-heading">
            <TrainModelForm />
          </Section>
        )}
      </div>
    </div>
  );
}
