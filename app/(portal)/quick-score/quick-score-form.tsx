"use client";

import { useState, type FormEvent } from "react";
import { QuickScoreDocument, type QuickScoreIndicators, type QuickScoreMutation } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { ScoreGauge } from "../../_components/charts/score-gauge";
import { SubScoreBars } from "../../_components/charts/sub-score-bars";
import { FormField } from "../../_components/form-field";
import { formatPercent, formatPoints } from "../../_components/format";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { EmptyState, FactList, Section, buttonClass, inputClass } from "../../_components/ui";

type NumericIndicator = Exclude<keyof QuickScoreIndicators, "idVerified">;

const indicators: { name: NumericIndicator; label: string; hint: string; step: string; integer?: boolean }[] = [
  { name: "billPaymentOnTimeShare", label: "Bills paid on time", hint: "Share of last year's bills paid by the due date, 0–1 (e.g. 0.9).", step: "0.01" },
  { name: "loanRepaymentOnTimeShare", label: "Loan instalments paid on time", hint: "Share with other lenders, 0–1.", step: "0.01" },
  { name: "previousLoans", label: "Previous loans", hint: "Count.", step: "1", integer: true },
  { name: "mobileMoneyActiveDayShare", label: "Days with mobile-money activity", hint: "Share of the last 90 days, 0–1.", step: "0.01" },
  { name: "monthlyIncome", label: "Monthly income", hint: "In the model's currency.", step: "any" },
  { name: "incomeStabilityIndex", label: "Income stability", hint: "1 = the same every month; 0.5 = varies by about its mean.", step: "0.01" },
  { name: "monthsWithInflowShare", label: "Months with money coming in", hint: "Share of the last 12 months, 0–1.", step: "0.01" },
  { name: "monthsOfHistory", label: "Months of history", hint: "How far back the records go.", step: "any" },
  { name: "accountTenureMonths", label: "Account age (months)", hint: "The oldest account.", step: "any" },
  { name: "simTenureMonths", label: "SIM age (months)", hint: "Since the phone number was registered.", step: "any" },
  { name: "ageYears", label: "Age (years)", hint: "", step: "any" },
];

export function QuickScoreForm() {
  const [result, setResult] = useState<QuickScoreMutation["quickScore"] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const entered: QuickScoreIndicators = {};
    for (const indicator of indicators) {
      const raw = String(form.get(indicator.name) ?? "").trim();
      if (raw !== "") (entered as Record<string, number>)[indicator.name] = Number(raw);
    }
    const idVerified = String(form.get("idVerified") ?? "");
    if (idVerified) entered.idVerified = idVerified === "yes";
    setPending(true);
    setError(null);
    const response = await requestGraphQL(QuickScoreDocument, { indicators: entered });
    setPending(false);
    if (response.error) {
      setError(response.error);
      return;
    }
    setResult(response.data.quickScore);
  }

  const named = indicators.some((indicator) => fieldError(error, indicator.name));
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
      <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5" aria-label="Behavioural indicators">
        <p className="text-sm text-slate-600">Fill in what you know; leave the rest empty. At least one indicator is needed.</p>
        <div className="grid gap-3 sm:grid-cols-2">
          {indicators.map((indicator) => (
            <FormField key={indicator.name} id={`qs-${indicator.name}`} label={indicator.label} hint={indicator.hint || undefined} error={fieldError(error, indicator.name)}>
              {(props) => <input {...props} name={indicator.name} type="number" step={indicator.step} min={0} inputMode={indicator.integer ? "numeric" : "decimal"} className={inputClass} />}
            </FormField>
          ))}
          <FormField id="qs-idVerified" label="Identity verified" error={fieldError(error, "idVerified")}>
            {(props) => (
              <select {...props} name="idVerified" className={inputClass} defaultValue="">
                <option value="">Not stated</option>
                <option value="yes">Yes</option>
                <option value="no">No</option>
              </select>
            )}
          </FormField>
        </div>
        {error && !named && <ApiErrorAlert error={error} />}
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Scoring…" : "Get quick score"}
        </button>
      </form>
      <div aria-live="polite" className="space-y-4">
        {!result ? (
          <EmptyState>The score appears here.</EmptyState>
        ) : (
          <>
            <Section title="Quick score" id="quick-result-heading">
              <div className="flex flex-col items-center gap-3">
                <ScoreGauge score={result.score} riskBucket={result.riskBucket} scale={result.modelVersion.scale} />
                <FactList
                  facts={[
                    ["Score band", result.riskBucket],
                    ["Probability of default", formatPercent(result.probabilityOfDefault, 2)],
                    ["Confidence", formatPercent(result.confidence, 0)],
                    ["Model", `${result.modelVersion.name} ${result.modelVersion.version}`],
                  ]}
                />
              </div>
            </Section>
            <Section title="Top factors" id="quick-factors-heading">
              <p className="mb-2 text-sm text-slate-600">Factors rest only on the indicators you stated, each on the side of its reference in docs/features.md; an indicator left empty counts as unknown in the score and gives no factor.</p>
              {result.adverseReasons.length + result.positiveFactors.length === 0 && <EmptyState>No factor can be named from the indicators stated.</EmptyState>}
              <ul className="space-y-1 text-sm">
                {[...result.adverseReasons, ...result.positiveFactors].map((factor) => (
                  <li key={factor.code} className="flex gap-2">
                    <span className={`w-12 shrink-0 text-right font-semibold tabular-nums ${factor.points < 0 ? "text-red-700" : "text-emerald-700"}`}>{formatPoints(factor.points)}</span>
                    <span>{factor.text}</span>
                  </li>
                ))}
              </ul>
              <div className="mt-4">
                <SubScoreBars subScores={result.subScores} />
              </div>
            </Section>
          </>
        )}
      </div>
    </div>
  );
}
