"use client";

import { useState } from "react";
import { VerifyAuditChainDocument, type VerifyAuditChainQuery } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { countOf } from "../../_components/format";
import { secondaryButtonClass } from "../../_components/ui";

/** verifyAuditChain on demand: from the newest signed checkpoint, at most a fixed number of events per click. */
export function ChainStatus() {
  const [status, setStatus] = useState<VerifyAuditChainQuery["verifyAuditChain"] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function verify() {
    setPending(true);
    setError(null);
    const response = await requestGraphQL(VerifyAuditChainDocument, {});
    setPending(false);
    if (response.error) setError(response.error);
    else setStatus(response.data.verifyAuditChain);
  }

  return (
    <div className="space-y-2 text-sm">
      <p className="text-slate-600">
        Each audit row carries the hash of the one before it; verifying recomputes the hashes written since the newest signed checkpoint and detects an edited, inserted or deleted row among them.
      </p>
      <button type="button" onClick={verify} disabled={pending} className={secondaryButtonClass}>
        {pending ? "Verifying…" : "Verify the chain now"}
      </button>
      <div aria-live="polite">
        {status &&
          (status.valid ? (
            <p className="rounded bg-emerald-50 p-2 text-emerald-900">
              <span className="font-medium">Chain intact:</span> {countOf(status.checkedEvents, "event")} verified since the last checkpoint
              {status.headSeq !== null && status.headSeq !== undefined && <>, up to #{status.headSeq}</>}. Head <code className="break-all">{status.headHash ?? "—"}</code>
              {status.remainingEvents > 0 && <> {countOf(status.remainingEvents, "newer event")} remain: verify again, or start a full verification below.</>}
            </p>
          ) : (
            <p className="rounded bg-red-50 p-2 text-red-900">
              <span className="font-medium">Chain broken at event #{status.firstInvalidSeq}:</span> {status.reason} ({countOf(status.checkedEvents, "event")} checked)
            </p>
          ))}
      </div>
      {error && <ApiErrorAlert error={error} />}
    </div>
  );
}
