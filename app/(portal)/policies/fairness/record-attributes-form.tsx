"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { RecordProtectedAttributesDocument, type ProtectedAttributeInput } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { FormField } from "../../../_components/form-field";
import { requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { buttonClass, inputClass } from "../../../_components/ui";

/** Reads CSV (header borrowerId,attribute,value) or a JSON array of {borrowerId, attribute, value}. */
export function parseAttributeEntries(text: string): ProtectedAttributeInput[] {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed)) throw new Error("The JSON must be an array of {borrowerId, attribute, value}.");
    return parsed.map((entry: Record<string, unknown>) => ({ borrowerId: String(entry.borrowerId ?? ""), attribute: String(entry.attribute ?? ""), value: String(entry.value ?? "") }));
  }
  const [header, ...lines] = trimmed.split(/\r?\n/).filter((line) => line.trim() !== "");
  const columns = (header ?? "").split(",").map((column) => column.trim());
  const at = (name: string) => columns.indexOf(name);
  if (at("borrowerId") < 0 || at("attribute") < 0 || at("value") < 0) throw new Error("The CSV header must name borrowerId, attribute and value.");
  return lines.map((line) => {
    const cells = line.split(",").map((cell) => cell.trim());
    return { borrowerId: cells[at("borrowerId")] ?? "", attribute: cells[at("attribute")] ?? "", value: cells[at("value")] ?? "" };
  });
}

/** ADMIN: records protected attributes from pasted CSV or JSON (read only by fairness reports). */
export function RecordAttributesForm() {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<number | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setParseError(null);
    setRecorded(null);
    let entries: ProtectedAttributeInput[];
    try {
      entries = parseAttributeEntries(String(new FormData(event.currentTarget).get("entries") ?? ""));
    } catch (problem) {
      setParseError(problem instanceof Error ? problem.message : "The text could not be read.");
      return;
    }
    setPending(true);
    const result = await requestGraphQL(RecordProtectedAttributesDocument, { entries });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    setRecorded(result.data.recordProtectedAttributes);
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Record protected attributes">
      <FormField id="attribute-entries" label="CSV (borrowerId,attribute,value) or JSON" hint="Kept in their own table and read only by fairness reports: scoring never sees them." error={parseError ?? undefined}>
        {(props) => <textarea {...props} name="entries" rows={6} required className={`${inputClass} font-mono`} placeholder={"borrowerId,attribute,value\ncm...,SEX,F"} />}
      </FormField>
      {error && <ApiErrorAlert error={error} />}
      {recorded !== null && (
        <p role="status" className="text-sm text-emerald-800">
          Recorded {recorded} values.
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Recording…" : "Record"}
      </button>
    </form>
  );
}
