"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { ImportLoanBookDocument, UploadLoanBookFileDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { FormField } from "../../../_components/form-field";
import { requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { buttonClass, inputClass } from "../../../_components/ui";

const categories = [
  { name: "borrowers", label: "Borrowers" },
  { name: "accounts", label: "Linked accounts" },
  { name: "signals", label: "Signals (bills, loans with other lenders, transactions, events)" },
  { name: "loans", label: "Historical loans with their outcomes" },
] as const;

/** Uploads the book's files (JSON Lines, or CSV for borrowers, accounts and loans), then starts the import; the import's page follows its progress. */
export function ImportBookForm() {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const idempotencyKey = useRef<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const files = categories.flatMap(({ name }) => (form.getAll(name) as File[]).filter((file) => file.size > 0).map((file) => ({ category: name, file })));
    setError(null);
    if (files.length === 0) {
      setError({ code: "BAD_USER_INPUT", message: "Choose at least one file.", issues: [] });
      return;
    }
    setPending(true);
    const uploadIds: string[] = [];
    for (const [k, { category, file }] of files.entries()) {
      setStatus(`Uploading ${file.name} (${k + 1} of ${files.length})…`);
      const uploaded = await requestGraphQL(UploadLoanBookFileDocument, { input: { category, fileName: file.name, content: await file.text() } });
      if (uploaded.error) {
        setPending(false);
        setStatus(null);
        setError(uploaded.error);
        return;
      }
      uploadIds.push(uploaded.data.uploadLoanBookFile.id);
    }
    setStatus("Starting the import…");
    const started = await requestGraphQL(ImportLoanBookDocument, { input: { uploadIds, idempotencyKey: (idempotencyKey.current ??= crypto.randomUUID()) } });
    if (started.error) {
      setPending(false);
      setStatus(null);
      setError(started.error);
      return;
    }
    router.push(`/models/import/${started.data.importLoanBook.id}`);
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Import a loan book">
      {categories.map(({ name, label }) => (
        <FormField key={name} id={`book-${name}`} label={label} hint={`JSON Lines, one ${name === "loans" ? "loan" : name === "signals" ? "borrower's batch" : name.replace(/s$/, "")} per line${name === "signals" ? "" : ", or CSV with a header row"}.`}>
          {(props) => <input {...props} type="file" name={name} multiple accept={name === "signals" ? ".jsonl,.json,.txt" : ".jsonl,.json,.txt,.csv"} className={inputClass} />}
        </FormField>
      ))}
      {error && <ApiErrorAlert error={error} />}
      {status && <p className="text-sm text-slate-600">{status}</p>}
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Importing…" : "Upload and import"}
      </button>
    </form>
  );
}
