"use client";

import { useState } from "react";
import { ExplainScoreDocument, type ExplainScoreMutation } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "./api-error-alert";
import { formatDateTime } from "./format";
import { requestGraphQL, type ApiError } from "./graphql-request";
import { secondaryButtonClass } from "./ui";

type NarrativeView = ExplainScoreMutation["explainScore"];

/** The frozen narrative, or a button that makes it (explainScore freezes the first one into the audit record). */
export function NarrativePanel({ scoreId, narrative }: { scoreId: string; narrative: NarrativeView | null }) {
  const [current, setCurrent] = useState<NarrativeView | null>(narrative);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function explain() {
    setPending(true);
    setError(null);
    const result = await requestGraphQL(ExplainScoreDocument, { scoreId });
    setPending(false);
    if (result.error) setError(result.error);
    else setCurrent(result.data.explainScore);
  }

  if (current) {
    return (
      <div>
        <p className="max-w-3xl leading-relaxed">{current.text}</p>
        <p className="mt-1 text-xs text-slate-500">
          {current.source === "LLM" ? "Narrated by a language model from stored facts" : "Written from a fixed template"}, frozen {formatDateTime(current.frozenAt)}.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">No narrative yet. The first one made is frozen into the audit record.</p>
      <button type="button" onClick={explain} disabled={pending} className={secondaryButtonClass}>
        {pending ? "Writing…" : "Write the narrative"}
      </button>
      {error && <ApiErrorAlert error={error} />}
    </div>
  );
}
