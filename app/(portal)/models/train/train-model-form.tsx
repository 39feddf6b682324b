"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { TrainModelDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { FormField } from "../../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { buttonClass, inputClass } from "../../../_components/ui";

/** Starts training a DRAFT model; the training's page follows its progress and shows its report. */
export function TrainModelForm() {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const idempotencyKey = useRef<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await requestGraphQL(TrainModelDocument, {
      input: { name: String(form.get("name") ?? "").trim(), useLoanBook: form.get("useLoanBook") === "on", useScorings: form.get("useScorings") === "on", idempotencyKey: (idempotencyKey.current ??= crypto.randomUUID()) },
    });
    if (result.error) {
      setPending(false);
      setError(result.error);
      idempotencyKey.current = null;
      return;
    }
    router.push(`/models/train/${result.data.trainModel.id}`);
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Train a model">
      <FormField id="train-name" label="Model name" hint="The new DRAFT version's name, e.g. own-book-2026." error={fieldError(error, "input.name")}>
        {(props) => <input {...props} name="name" required maxLength={80} className={inputClass} />}
      </FormField>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="useLoanBook" defaultChecked /> Imported loan book
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="useScorings" defaultChecked /> Scorings with outcomes
      </label>
      {error && <ApiErrorAlert error={error} />}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Starting…" : "Train"}
      </button>
    </form>
  );
}
