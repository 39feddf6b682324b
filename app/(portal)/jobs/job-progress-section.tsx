import type { JobState } from "@/graphql/generated/client/graphql";
import { formatDateTime } from "../../_components/format";
import { FactList, Section } from "../../_components/ui";
import { JobStateBadge, ProgressBar } from "./job-progress";

/** A one-unit job's progress as its detail pages show it: state, progress, who started it, when, and its error. */
export function JobProgressSection({ job }: { job: { state: JobState; done: number; total?: number | null; startedBy: string; createdAt: string; finishedAt?: string | null; error?: string | null } }) {
  return (
    <Section title="Progress" id="progress-heading">
      <div className="space-y-3">
        <JobStateBadge state={job.state} />
        <ProgressBar done={job.done} total={job.total ?? null} />
        <FactList facts={[["Started by", job.startedBy], ["Queued", formatDateTime(job.createdAt)], ["Finished", formatDateTime(job.finishedAt ?? null)]]} />
        {job.error && <p className="text-sm text-slate-700">{job.error}</p>}
      </div>
    </Section>
  );
}
