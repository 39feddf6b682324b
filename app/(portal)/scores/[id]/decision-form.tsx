"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { RecordCommitteeDecisionDocument, type CommitteeVerdict, type Recommendation } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { FormField } from "../../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { buttonClass, inputClass } from "../../../_components/ui";

const verdicts: { value: CommitteeVerdict; label: string; follows: Recommendation }[] = [
  { value: "APPROVED", label: "Approve", follows: "APPROVE" },
  { value: "DECLINED", label: "Decline", follows: "REJECT" },
  { value: "REFERRED", label: "Refer", follows: "REVIEW" },
];

/**
 * Approve / decline / refer with amount, tenor and note; once a decision is in force, the same form changes it
 * (naming it, with a required note). The server decides what an override is and refuses one without a note.
 * The amount starts at the recommended limit: the committee departs from the recommendation only on purpose.
 */
export function DecisionForm({ scoreId, currentDecisionId, recommendation, recommendedLimit, recommendedTenorDays, currency }: { scoreId: string; currentDecisionId: string | null; recommendation: Recommendation; recommendedLimit: string; recommendedTenorDays: number; currency: string }) {
  const router = useRouter();
  const changing = currentDecisionId !== null;
  const initialVerdict = verdicts.find((option) => option.follows === recommendation)?.value ?? "REFERRED";
  const [verdict, setVerdict] = useState<CommitteeVerdict>(initialVerdict);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const departs = verdicts.find((option) => option.value === verdict)?.follows !== recommendation;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const note = String(form.get("note") ?? "").trim();
    const amount = String(form.get("amount") ?? "").trim();
    const tenor = String(form.get("tenorDays") ?? "").trim();
    setPending(true);
    setError(null);
    setSaved(null);
    const result = await requestGraphQL(RecordCommitteeDecisionDocument, {
      input: {
        scoreId,
        verdict,
        amount: verdict === "APPROVED" && amount ? amount : null,
        tenorDays: verdict === "APPROVED" && tenor ? Number(tenor) : null,
        note: note || null,
        supersedesDecisionId: currentDecisionId,
      },
    });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    const recorded = result.data.recordCommitteeDecision;
    setSaved(`${recorded.supersedesDecisionId ? "Changed to" : "Recorded"}: ${recorded.verdict.toLowerCase()}${recorded.isOverride ? " (override)" : ""}.`);
    element.reset();
    setVerdict(initialVerdict);
    router.refresh();
  }

  const generalError = error && !fieldError(error, "note") && !fieldError(error, "amount") && !fieldError(error, "tenorDays") ? error : null;
  return (
    <form onSubmit={submit} className="space-y-4" aria-label={changing ? "Change the committee's decision" : "Record the committee's decision"}>
      {changing && <p className="text-sm text-slate-700">A decision is in force. Recording another replaces it: the earlier one stays in the history, and the note must say why it changed.</p>}
      <fieldset>
        <legend className="text-sm font-medium">Verdict</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {verdicts.map((option) => (
            <label key={option.value} className="flex cursor-pointer items-center gap-2 rounded border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-emerald-700 has-[:checked]:bg-emerald-50">
              <input type="radio" name="verdict" value={option.value} checked={verdict === option.value} onChange={() => setVerdict(option.value)} />
              {option.label}
            </label>
          ))}
        </div>
        <p className="mt-1 text-xs text-slate-600" aria-live="polite">
          The system recommends <strong>{recommendation.toLowerCase()}</strong>.{departs ? " This verdict departs from it: say why in the note." : ""}
        </p>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="decision-amount" label={`Amount (${currency})`} hint="Required to approve." error={fieldError(error, "amount")}>
          {(props) => <input {...props} name="amount" inputMode="decimal" defaultValue={recommendedLimit} disabled={verdict !== "APPROVED"} className={inputClass} />}
        </FormField>
        <FormField id="decision-tenor" label="Tenor (days)" hint="Required to approve." error={fieldError(error, "tenorDays")}>
          {(props) => <input {...props} name="tenorDays" type="number" min={1} defaultValue={recommendedTenorDays} disabled={verdict !== "APPROVED"} className={inputClass} />}
        </FormField>
      </div>
      <FormField id="decision-note" label={changing ? "Why the decision changes" : "Note"} hint={changing ? "Required: the reason for the change." : "Required when the verdict overrides the recommendation."} error={fieldError(error, "note")}>
        {(props) => <textarea {...props} name="note" rows={3} required={changing} className={inputClass} />}
      </FormField>
      {generalError && <ApiErrorAlert error={generalError} />}
      {error && !generalError && (
        <p role="alert" className="text-sm font-medium text-red-700">
          The decision was not recorded: {error.message}
        </p>
      )}
      {saved && (
        <p role="status" className="text-sm font-medium text-emerald-800">
          {saved}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Recording…" : changing ? "Change decision" : "Record decision"}
      </button>
    </form>
  );
}
