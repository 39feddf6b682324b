"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { PublishPolicyDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { FormField } from "../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { buttonClass, inputClass } from "../../_components/ui";

/**
 * publishPolicy: a JSON document edited as text. Only the JSON syntax is checked here; the server validates
 * the document and names each invalid field, shown under the editor.
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
    const result = await requestGraphQL(PublishPolicyDocument, { input: { name: String(form.get("name") ?? "").trim(), document } });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    setPublished(`Published ${result.data.publishPolicy.name} ${result.data.publishPolicy.version}; it is now the active policy.`);
    router.refresh();
  }

  const documentError = syntaxError ?? (error && (error.field?.includes("document") || error.issues.length > 0) ? "The server refused the document: see the fields below." : undefined);
  return (
    <form onSubmit={publish} className="space-y-3" aria-label="Publish a decision policy">
      <p className="text-sm text-slate-600">
        {activePolicy ? `Starts from the active policy, ${activePolicy.name} ${activePolicy.version}.` : "No policy is active yet."} Published versions are immutable; publishing makes the new version active and retires the previous one.
      </p>
      <FormField id="policy-name" label="Name" error={fieldError(error, "name")}>
        {(props) => <input {...props} name="name" required defaultValue={activePolicy?.name ?? ""} className={inputClass} />}
      </FormField>
      <FormField id="policy-document" label="Policy document (JSON)" error={documentError}>
        {(props) => <textarea {...props} name="document" rows={16} spellCheck={false} required defaultValue={activePolicy ? JSON.stringify(activePolicy.document, null, 2) : "{\n}"} className={`${inputClass} font-mono text-xs`} />}
      </FormField>
      {error && !fieldError(error, "name") && <ApiErrorAlert error={error} />}
      {published && (
        <p role="status" className="text-sm font-medium text-emerald-800">
          {published}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Publishing…" : "Publish policy"}
      </button>
    </form>
  );
}
