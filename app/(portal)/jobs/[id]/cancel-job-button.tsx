"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CancelJobDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { dangerButtonClass } from "../../../_components/ui";

export function CancelJobButton({ jobId }: { jobId: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  async function cancel() {
    if (!window.confirm("Cancel this job? What is done stays done; no more borrowers are scored.")) return;
    setPending(true);
    const result = await requestGraphQL(CancelJobDocument, { id: jobId });
    setPending(false);
    if (result.error) setError(result.error);
    else router.refresh();
  }
  return (
    <div>
      <button type="button" onClick={cancel} disabled={pending} className={dangerButtonClass}>
        {pending ? "Cancelling…" : "Cancel job"}
      </button>
      {error && <ApiErrorAlert error={error} />}
    </div>
  );
}
