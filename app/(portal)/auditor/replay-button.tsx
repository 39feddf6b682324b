"use client";

import { useState } from "react";
import { ReplayScoreDocument, type ReplayScoreMutation } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { secondaryButtonClass } from "../../_components/ui";

/** replayScore: recompute from the frozen inputs with the stored model and policy, and compare. */
export function ReplayButton({ scoreId }: { scoreId: string }) {
  const [result, setResult] = useState<ReplayScoreMutation["replayScore"] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function replay() {
    setPending(true);
    setError(null);
    const response = await requestGraphQL(ReplayScoreDocument, { scoreId });
    setPending(false);
    if (response.error) setError(response.error);
    else setResult(response.data.replayScore);
  }

  return (
    <div className="mt-2 space-y-2">
      <button type="button" onClick={replay} disabled={pending} className={secondaryButtonClass}>
        {pending ? "Replaying…" : "Replay"}
      </button>
      <div aria-live="polite">
        {result &&
          (result.identical ? (
            <p className="rounded bg-emerald-50 p-2 font-medium text-emerald-900">Identical: the replay reproduced the stored record exactly.</p>
          ) : (
            <div className="rounded bg-red-50 p-2 text-red-900">
              <p className="font-medium">Different: {result.differences.length} field(s) do not match.</p>
              <ul className="mt-1 space-y-1 text-xs">
                {result.differences.map((difference) => (
                  <li key={difference.path}>
                    <span className="font-mono">{difference.path}</span>: stored <code>{difference.original ?? "—"}</code>, replayed <code>{difference.replayed ?? "—"}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </div>
      {error && <ApiErrorAlert error={error} />}
    </div>
  );
}
