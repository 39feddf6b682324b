"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { CalculateScoreDocument, type ConsentPurpose } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { FormField } from "../../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { buttonClass, fieldGridClass, inputClass } from "../../../_components/ui";
import { PurposeField } from "./purpose-field";

/** calculateScore for this borrower; on success the review page of the new scoring opens. */
export function CalculateScoreForm({ borrowerId }: { borrowerId: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await requestGraphQL(CalculateScoreDocument, {
      input: {
        borrowerId,
        purpose: String(form.get("purpose")) as ConsentPurpose,
        requestedAmount: String(form.get("requestedAmount") ?? "").trim(),
        requestedTenorDays: Number(form.get("requestedTenorDays")),
      },
    });
    if (result.error) {
      setPending(false);
      setError(result.error);
      return;
    }
    router.push(`/scores/${result.data.calculateScore.id}`);
  }

  const named = fieldError(error, "requestedAmount") || fieldError(error, "requestedTenorDays") || fieldError(error, "purpose");
  return (
    <form onSubmit={submit} className={fieldGridClass} aria-label="Run a scoring">
      <PurposeField id="score-purpose" error={fieldError(error, "purpose")} />
      <FormField id="score-amount" label="Requested amount" error={fieldError(error, "requestedAmount")}>
        {(props) => <input {...props} name="requestedAmount" inputMode="decimal" required defaultValue="20000" className={inputClass} />}
      </FormField>
      <FormField id="score-tenor" label="Tenor (days)" error={fieldError(error, "requestedTenorDays")}>
        {(props) => <input {...props} name="requestedTenorDays" type="number" min={1} required defaultValue={90} className={inputClass} />}
      </FormField>
      <div className="col-span-full">
        {error && !named && <ApiErrorAlert error={error} />}
        <button type="submit" disabled={pending} className={`${buttonClass} mt-2`}>
          {pending ? "Scoring…" : "Calculate score"}
        </button>
      </div>
    </form>
  );
}
