"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DraftPolicyDocument, ProposeChangeDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { FormField } from "../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { buttonClass, inputClass } from "../../_components/ui";

/**
 * A new policy version: a JSON document edited as text, saved as a DRAFT (draftPolicy) and proposed for
 * publication (proposeChange) — a second person approves it on the Approvals page before it decides anything.
 * Only the JSON syntax is checked here; the server validates the document and names each invalid field.
 */
export function PolicyPublisher({ activePolicy }: { activePolicy: { name: string; version: string; document: unknown } | null }) {
  const router = useRouter();
  const [syntaxError, setSyntaxError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [published, setPublished] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function publish(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSyntaxError(null);
    setError(null);
    setPublished(null);
    let document: unknown;
    try {
      document = JSON.parse(String(form.get("document") ?? ""));
    } catch (parseError) {
      setSyntaxError(`Not valid JSON: ${parseError instanceof Error ? parseError.message : String(parseError)}`);
      return;
    }
    setPending(true);
    const drafted = await requestGraphQL(DraftPolicyDocument, { input: { name: String(form.get("name") ?? "").trim(), document } });
    if (drafted.error) {
      setPending(false);
      setError(drafted.error);
      return;
    }
    const draft = drafted.data.draftPolicy;
    const proposed = await requestGraphQL(ProposeChangeDocument, { input: { kind: "PUBLISH_POLICY", subjectId: draft.id, note: String(form.get("note") ?? "").trim() } });
    setPending(false);
    if (proposed.error) {
      setError(proposed.error);
      setPublished(`Saved ${draft.name} ${draft.version} as a draft; it was not proposed.`);
      return;
    }
    setPublished(`Saved ${draft.name} ${draft.version} as a draft and proposed it for publication: a second person approves it on the Approvals page.`);
    router.refresh();
  }

  const documentError = syntaxError ?? (error && (error.field?.includes("document") || error.issues.length > 0) ? "The server refused the document: see the fields below." : undefined);
  return (
    <form onSubmit={publish} className="space-y-3" aria-label="Publish a decision policy">
      <p className="text-sm text-slate-600">
        {activePolicy ? `Starts from the active policy, ${activePolicy.name} ${activePolicy.version}.` : "No policy is active yet."} Versions are immutable. A new version is saved as a draft and proposed; once a second person approves it, it becomes active and the previous one is retired.
      </p>
      <FormField id="policy-name" label="Name" error={fieldError(error, "name")}>
        {(props) => <input {...props} name="name" required defaultValue={activePolicy?.name ?? ""} className={inputClass} />}
      </FormField>
      <FormField id="policy-document" label="Policy document (JSON)" error={documentError}>
        {(props) => <textarea {...props} name="document" rows={16} spellCheck={false} required defaultValue={activePolicy ? JSON.stringify(activePolicy.document, null, 2) : "{\n}"} className={`${inputClass} font-mono text-xs`} />}
      </FormField>
      <FormField id="policy-note" label="Why this change (shown to the approver)" error={fieldError(error, "note")}>
        {(props) => <textarea {...props} name="note" rows={2} required className={inputClass} />}
      </FormField>
      {error && !fieldError(error, "name") && !fieldError(error, "note") && <ApiErrorAlert error={error} />}
      {published && (
        <p role="status" className="text-sm font-medium text-emerald-800">
          {published}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Proposing…" : "Propose policy"}
      </button>
    </form>
  );
}
