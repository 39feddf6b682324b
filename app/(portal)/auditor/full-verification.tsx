"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CancelAuditVerificationDocument, StartAuditVerificationDocument, type AuditVerificationFieldsFragment } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { countOf } from "../../_components/format";
import { requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { secondaryButtonClass } from "../../_components/ui";
import { RefreshWhileRunning } from "../jobs/job-progress";
import { JobProgressSection } from "../jobs/job-progress-section";

/**
 * The tenant's latest full verification (a durable job: it reads every row, which no request may), with
 * its progress while it runs and its result once done; starting or cancelling one refreshes the page.
 */
export function FullVerification({ latest }: { latest: AuditVerificationFieldsFragment | null }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const running = latest?.state === "QUEUED" || latest?.state === "RUNNING";

  async function act(run: () => Promise<{ error?: ApiError | null }>) {
    setPending(true);
    setError(null);
    const response = await run();
    setPending(false);
    if (response.error) setError(response.error);
    else router.refresh();
  }

  return (
    <div className="space-y-3 text-sm">
      <RefreshWhileRunning running={running} />
      <p className="text-slate-600">
        A full verification reads every event and re-hashes every scoring from the first row, so it also finds an edit older than the newest signed checkpoint. It runs as a job on a worker.
      </p>
      <div className="flex gap-2">
        <button type="button" onClick={() => act(() => requestGraphQL(StartAuditVerificationDocument, {}))} disabled={pending || running} className={secondaryButtonClass}>
          Start a full verification
        </button>
        {running && latest && (
          <button type="button" onClick={() => act(() => requestGraphQL(CancelAuditVerificationDocument, { id: latest.id }))} disabled={pending} className={secondaryButtonClass}>
            Cancel it
          </button>
        )}
      </div>
      {latest && <JobProgressSection job={latest} />}
      <div aria-live="polite">
        {latest?.result &&
          (latest.result.valid ? (
            <p className="rounded bg-emerald-50 p-2 text-emerald-900">
              <span className="font-medium">Full verification: chain intact.</span> {countOf(latest.result.checkedEvents, "event")} and their scorings verified from the first row
              {latest.result.checkpoint && <> (checkpoint #{latest.result.checkpoint.seq})</>}.
            </p>
          ) : (
            <p className="rounded bg-red-50 p-2 text-red-900">
              <span className="font-medium">Full verification: chain broken at event #{latest.result.firstInvalidSeq ?? "—"}:</span> {latest.result.reason}
            </p>
          ))}
      </div>
      {error && <ApiErrorAlert error={error} />}
    </div>
  );
}
