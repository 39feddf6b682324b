"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ClearChallengerDocument, ProposeChangeDocument, SetChallengerDocument, StartModelComparisonDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { FormField } from "../../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { buttonClass, inputClass, secondaryButtonClass } from "../../../_components/ui";

type Result = { error?: ApiError | null };

/** Runs one lifecycle mutation, shows its error (if any) and refreshes the page's data. */
function useAction() {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  async function run(action: () => Promise<Result>): Promise<boolean> {
    setError(null);
    setPending(true);
    const result = await action();
    setPending(false);
    if (result.error) {
      setError(result.error);
      return false;
    }
    router.refresh();
    return true;
  }
  return { error, pending, run };
}

/** Set or clear the challenger (ADMIN). */
export function ChallengerButtons({ modelVersionId, isChallenger, canSet }: { modelVersionId: string; isChallenger: boolean; canSet: boolean }) {
  const { error, pending, run } = useAction();
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {!isChallenger && canSet && (
          <button type="button" disabled={pending} className={buttonClass} onClick={() => void run(() => requestGraphQL(SetChallengerDocument, { modelVersionId }))}>
            Set as challenger
          </button>
        )}
        {isChallenger && (
          <button type="button" disabled={pending} className={secondaryButtonClass} onClick={() => void run(() => requestGraphQL(ClearChallengerDocument, {}))}>
            Clear the challenger
          </button>
        )}
      </div>
      {error && <ApiErrorAlert error={error} />}
    </div>
  );
}

/** Start a comparison of this model against the active one (ADMIN, ANALYST). */
export function StartComparisonButton({ modelVersionId }: { modelVersionId: string }) {
  const { error, pending, run } = useAction();
  return (
    <div className="space-y-2">
      <button type="button" disabled={pending} className={buttonClass} onClick={() => void run(() => requestGraphQL(StartModelComparisonDocument, { input: { challengerModelVersionId: modelVersionId } }))}>
        Compare with the active model
      </button>
      {error && <ApiErrorAlert error={error} />}
    </div>
  );
}

/** Propose making this model active, with a note and the comparison reviewed as evidence (ADMIN). */
export function ProposeForm({ modelVersionId, evidenceJobId, restore }: { modelVersionId: string; evidenceJobId: string; restore: boolean }) {
  const { error, pending, run } = useAction();
  const [note, setNote] = useState("");
  return (
    <form
      aria-label={restore ? "Propose restoring this model" : "Propose this model"}
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        void run(() => requestGraphQL(ProposeChangeDocument, { input: { kind: "ACTIVATE_MODEL", subjectId: modelVersionId, note: note.trim(), evidenceJobId } })).then((ok) => ok && setNote(""));
      }}
    >
      <FormField id="proposal-note" label="Why (shown to the approver and kept in the audit trail)" error={fieldError(error, "note")}>
        {(props) => <textarea {...props} rows={2} value={note} onChange={(event) => setNote(event.target.value)} className={inputClass} />}
      </FormField>
      {error && !fieldError(error, "note") && <ApiErrorAlert error={error} />}
      <button type="submit" disabled={pending} className={buttonClass}>
        {restore ? "Propose restoring this model" : "Propose making this model active"}
      </button>
    </form>
  );
}
