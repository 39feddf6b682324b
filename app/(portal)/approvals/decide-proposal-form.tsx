"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApproveChangeDocument, RejectChangeDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { FormField } from "../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { buttonClass, dangerButtonClass, inputClass, secondaryButtonClass } from "../../_components/ui";

/** Approve or reject a pending proposal (another person's), or withdraw one's own. */
export function DecideProposalForm({ proposalId, mode }: { proposalId: string; mode: "decide" | "withdraw" }) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function decide(action: "approve" | "reject") {
    setError(null);
    setPending(true);
    const input = { proposalId, note: note.trim() === "" ? null : note.trim() };
    const result = action === "approve" ? await requestGraphQL(ApproveChangeDocument, { input }) : await requestGraphQL(RejectChangeDocument, { input });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    router.refresh();
  }

  return (
    <div className="space-y-2" role="group" aria-label="Decide this proposal">
      <FormField id={`note-${proposalId}`} label={mode === "decide" ? "Note (required to reject)" : "Note (optional)"} error={fieldError(error, "note")}>
        {(props) => <textarea {...props} rows={2} value={note} onChange={(event) => setNote(event.target.value)} className={inputClass} />}
      </FormField>
      {error && !fieldError(error, "note") && <ApiErrorAlert error={error} />}
      <div className="flex flex-wrap gap-2">
        {mode === "decide" ? (
          <>
            <button type="button" disabled={pending} className={buttonClass} onClick={() => void decide("approve")}>
              Approve and apply
            </button>
            <button type="button" disabled={pending} className={dangerButtonClass} onClick={() => void decide("reject")}>
              Reject
            </button>
          </>
        ) : (
          <button type="button" disabled={pending} className={secondaryButtonClass} onClick={() => void decide("reject")}>
            Withdraw my proposal
          </button>
        )}
      </div>
    </div>
  );
}
