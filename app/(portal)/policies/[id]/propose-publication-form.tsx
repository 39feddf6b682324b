"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ProposeChangeDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { FormField } from "../../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { buttonClass, inputClass } from "../../../_components/ui";

/**
 * ADMIN: proposes publishing this version, citing a finished simulation of it; the changes against the active
 * version are listed above the form and must be confirmed. A different ADMIN or COMMITTEE member approves it.
 */
export function ProposePublicationForm({ policyVersionId, simulations, changedFields }: { policyVersionId: string; simulations: { id: string; label: string }[]; changedFields: number }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await requestGraphQL(ProposeChangeDocument, {
      input: { kind: "PUBLISH_POLICY", subjectId: policyVersionId, evidenceJobId: String(form.get("evidenceJobId") ?? ""), note: String(form.get("note") ?? "").trim() },
    });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    setDone(true);
    router.refresh();
  }

  if (simulations.length === 0) return <p className="text-sm text-slate-600">Simulate this version first: publishing cites the simulation that was reviewed.</p>;
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Propose publication">
      <FormField id="proposal-evidence" label="Simulation reviewed" error={fieldError(error, "evidenceJobId")}>
        {(props) => (
          <select {...props} name="evidenceJobId" className={inputClass}>
            {simulations.map((simulation) => (
              <option key={simulation.id} value={simulation.id}>
                {simulation.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="proposal-note" label="Why this change (shown to the approver)" error={fieldError(error, "note")}>
        {(props) => <textarea {...props} name="note" rows={2} required className={inputClass} />}
      </FormField>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="confirm" required className="mt-1" />
        <span>I have reviewed the {changedFields} changed field{changedFields === 1 ? "" : "s"} listed above and the simulation; publish this version once a second person approves.</span>
      </label>
      {error && !fieldError(error, "note") && !fieldError(error, "evidenceJobId") && <ApiErrorAlert error={error} />}
      {done && (
        <p role="status" className="text-sm font-medium text-emerald-800">
          Proposed: a second person approves it on the Approvals page.
        </p>
      )}
      <button type="submit" disabled={pending || done} className={buttonClass}>
        {pending ? "Proposing…" : "Propose publication"}
      </button>
    </form>
  );
}
