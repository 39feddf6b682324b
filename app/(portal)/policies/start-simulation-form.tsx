"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { StartPolicySimulationDocument, type SimulationBaseline } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { FormField } from "../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { buttonClass, inputClass } from "../../_components/ui";

/** Starts a simulation of a policy version over a period; on success its page follows the progress. */
export function StartSimulationForm({ versions, defaultPolicyVersionId }: { versions: { id: string; label: string; status: string }[]; defaultPolicyVersionId?: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const idempotencyKey = useRef<string | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const firstDraft = defaultPolicyVersionId ?? versions.find((version) => version.status === "DRAFT")?.id ?? versions[0]?.id;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    setPending(true);
    setError(null);
    const result = await requestGraphQL(StartPolicySimulationDocument, {
      input: {
        policyVersionId: value("policyVersionId"),
        from: `${value("from")}T00:00:00.000Z`,
        // The last day is included: the period ends at the start of the next day.
        to: new Date(Date.parse(`${value("to")}T00:00:00.000Z`) + 86_400_000).toISOString(),
        baseline: value("baseline") as SimulationBaseline,
        idempotencyKey: (idempotencyKey.current ??= crypto.randomUUID()),
      },
    });
    if (result.error) {
      setPending(false);
      idempotencyKey.current = null;
      setError(result.error);
      return;
    }
    router.push(`/policies/simulations/${result.data.startPolicySimulation.id}`);
  }

  const named = ["input.policyVersionId", "input.to", "input.baseline"].some((name) => fieldError(error, name));
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Simulate a policy">
      <FormField id="simulation-policy" label="Policy version to try" error={fieldError(error, "input.policyVersionId")}>
        {(props) => (
          <select {...props} name="policyVersionId" className={inputClass} defaultValue={firstDraft}>
            {versions.map((version) => (
              <option key={version.id} value={version.id}>
                {version.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="simulation-from" label="Applications scored from">
        {(props) => <input {...props} name="from" type="date" required defaultValue={yearAgo} className={inputClass} />}
      </FormField>
      <FormField id="simulation-to" label="to (inclusive)" error={fieldError(error, "input.to")}>
        {(props) => <input {...props} name="to" type="date" required defaultValue={today} className={inputClass} />}
      </FormField>
      <FormField id="simulation-baseline" label="Compare with" error={fieldError(error, "input.baseline")}>
        {(props) => (
          <select {...props} name="baseline" className={inputClass} defaultValue="STORED">
            <option value="STORED">The decisions as made (stored)</option>
            <option value="ACTIVE_POLICY">The active policy, re-evaluated</option>
          </select>
        )}
      </FormField>
      {error && !named && <ApiErrorAlert error={error} />}
      <button type="submit" disabled={pending || versions.length === 0} className={buttonClass}>
        {pending ? "Starting…" : "Simulate"}
      </button>
    </form>
  );
}
