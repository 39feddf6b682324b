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

/** Approve / decline / refer with amount, tenor and note. The server decides what an override is and refuses one without a note. */
export function DecisionForm({ scoreId, recommendation, recommendedLimit, requestedAmount, recommendedTenorDays, currency }: { scoreId: string; recommendation: Recommendation; recommendedLimit: string; requestedAmount: string; recommendedTenorDays: number; currency: string }) {
  const router = useRouter();
  const [verdict, setVerdict] = useState<CommitteeVerdict>(verdicts.find((option) => option.follows === recommendation)?.value ?? "REFERRED");
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const departs = verdicts.find((option) => option.value === verdict)?.follows !== recommendation;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
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
      },
    });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    setSaved(`Recorded: ${result.data.recordCommitteeDecision.verdict.toLowerCase()}${result.data.recordCommitteeDecision.isOverride ? " (override)" : ""}.`);
    router.refresh();
  }

  const generalError = error && !fieldError(error, "note") && !fieldError(error, "amount") && !fieldError(error, "tenorDays") ? error : null;
  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Record the committee's decision">
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
          {(props) => <input {...props} name="amount" inputMode="decimal" defaultValue={Number(recommendedLimit) > 0 ? recommendedLimit : requestedAmount} disabled={verdict !== "APPROVED"} className={inputClass} />}
        </FormField>
        <FormField id="decision-tenor" label="Tenor (days)" hint="Required to approve." error={fieldError(error, "tenorDays")}>
          {(props) => <input {...props} name="tenorDays" type="number" min={1} defaultValue={recommendedTenorDays} disabled={verdict !== "APPROVED"} className={inputClass} />}
        </FormField>
      </div>
      <FormField id="decision-note" label="Note" hint="Required when the verdict overrides the recommendation." error={fieldError(error, "note")}>
        {(props) => <textarea {...props} name="note" rows={3} className={inputClass} />}
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
        {pending ? "Recording…" : "Record decision"}
      </button>
    </form>
  );
}
