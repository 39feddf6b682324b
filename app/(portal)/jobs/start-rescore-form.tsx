"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { StartPortfolioRescoreDocument, type ConsentPurpose, type Recommendation } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { FormField } from "../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { buttonClass, inputClass } from "../../_components/ui";

const purposes: { value: ConsentPurpose; label: string }[] = [
  { value: "MONITORING", label: "Monitoring" },
  { value: "LIMIT_REVIEW", label: "Limit review" },
];
const recommendations: Recommendation[] = ["APPROVE", "REVIEW", "REJECT"];

/** Starts a portfolio re-scoring; on success the job's page follows its progress. */
export function StartRescoreForm() {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  // One key per form shown: submitting the same form twice (a retry after a timeout) starts one job.
  const idempotencyKey = useRef<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    setPending(true);
    setError(null);
    const previousRecommendation = value("previousRecommendation");
    const result = await requestGraphQL(StartPortfolioRescoreDocument, {
      input: {
        purpose: value("purpose") as ConsentPurpose,
        defaultRequestedAmount: value("defaultRequestedAmount"),
        defaultRequestedTenorDays: Number(value("defaultRequestedTenorDays")),
        filter: { previousRecommendation: previousRecommendation ? (previousRecommendation as Recommendation) : null, onlyScored: form.get("onlyScored") === "on" },
        idempotencyKey: (idempotencyKey.current ??= crypto.randomUUID()),
      },
    });
    if (result.error) {
      setPending(false);
      setError(result.error);
      return;
    }
    // Stays pending while the job page loads, so a second click cannot start a second job.
    router.push(`/jobs/${result.data.startPortfolioRescore.id}`);
  }

  const named = ["input.purpose", "input.defaultRequestedAmount", "input.defaultRequestedTenorDays"].some((name) => fieldError(error, name));
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Re-score the portfolio">
      <FormField id="rescore-purpose" label="Purpose (consent needed)" error={fieldError(error, "input.purpose")}>
        {(props) => (
          <select {...props} name="purpose" className={inputClass} defaultValue="MONITORING">
            {purposes.map((purpose) => (
              <option key={purpose.value} value={purpose.value}>
                {purpose.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="rescore-previous" label="Only borrowers last recommended" hint="Leave empty for every borrower.">
        {(props) => (
          <select {...props} name="previousRecommendation" className={inputClass} defaultValue="">
            <option value="">Any (or never scored)</option>
            {recommendations.map((recommendation) => (
              <option key={recommendation} value={recommendation}>
                {recommendation}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="onlyScored" /> Only borrowers scored before
      </label>
      <FormField id="rescore-amount" label="Amount for borrowers never scored" hint="Others keep their latest application's amount and tenor." error={fieldError(error, "input.defaultRequestedAmount")}>
        {(props) => <input {...props} name="defaultRequestedAmount" required inputMode="decimal" defaultValue="20000" className={inputClass} />}
      </FormField>
      <FormField id="rescore-tenor" label="Tenor for borrowers never scored (days)" error={fieldError(error, "input.defaultRequestedTenorDays")}>
        {(props) => <input {...props} name="defaultRequestedTenorDays" required type="number" min={1} max={3650} defaultValue={90} className={inputClass} />}
      </FormField>
      {error && !named && <ApiErrorAlert error={error} />}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Starting…" : "Start re-scoring"}
      </button>
    </form>
  );
}
