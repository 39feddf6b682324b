"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { GrantConsentDocument, type ConsentPurpose, type DataCategory } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { FormField } from "../../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { buttonClass, fieldGridClass, inputClass } from "../../../_components/ui";
import { dataCategories } from "./consent-options";
import { PurposeField } from "./purpose-field";

const dayMs = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** grantConsent: purpose, categories, the wording agreed to, validity and data life. */
export function GrantConsentForm({ borrowerId }: { borrowerId: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, setPending] = useState(false);
  const [today] = useState(() => Date.now());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const validFromDay = String(form.get("validFrom"));
    setPending(true);
    setError(null);
    setSaved(false);
    const result = await requestGraphQL(GrantConsentDocument, {
      input: {
        borrowerId,
        purpose: String(form.get("purpose")) as ConsentPurpose,
        dataCategories: form.getAll("dataCategories").map(String) as DataCategory[],
        statement: String(form.get("statement") ?? "").trim(),
        // A consent valid "from today" starts now, not at midnight already past.
        validFrom: validFromDay === isoDay(Date.now()) ? new Date().toISOString() : `${validFromDay}T00:00:00.000Z`,
        expiresAt: `${String(form.get("expiresAt"))}T23:59:59.999Z`,
        dataLifeDays: Number(form.get("dataLifeDays")),
      },
    });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    setSaved(true);
    router.refresh();
  }

  const fields = ["purpose", "dataCategories", "statement", "validFrom", "expiresAt", "dataLifeDays"];
  const named = fields.some((field) => fieldError(error, field));
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Record a consent">
      <PurposeField id="consent-purpose" error={fieldError(error, "purpose")} />
      <fieldset aria-describedby={fieldError(error, "dataCategories") ? "consent-categories-error" : undefined}>
        <legend className="text-sm font-medium">Data categories</legend>
        <div className="mt-1 grid grid-cols-2 gap-1 text-sm">
          {dataCategories.map((category) => (
            <label key={category.value} className="flex items-center gap-2">
              <input type="checkbox" name="dataCategories" value={category.value} defaultChecked={category.value !== "BUREAU"} />
              {category.label}
            </label>
          ))}
        </div>
        {fieldError(error, "dataCategories") && (
          <p id="consent-categories-error" className="mt-1 text-xs font-medium text-red-700">
            {fieldError(error, "dataCategories")}
          </p>
        )}
      </fieldset>
      <FormField id="consent-statement" label="Statement the borrower agreed to" error={fieldError(error, "statement")}>
        {(props) => <textarea {...props} name="statement" rows={3} required className={inputClass} defaultValue="I allow the lender to read the data listed above to assess my loan application, until the expiry date." />}
      </FormField>
      <div className={fieldGridClass}>
        <FormField id="consent-valid-from" label="Valid from" error={fieldError(error, "validFrom")}>
          {(props) => <input {...props} name="validFrom" type="date" required defaultValue={isoDay(today)} className={inputClass} />}
        </FormField>
        <FormField id="consent-expires" label="Expires" error={fieldError(error, "expiresAt")}>
          {(props) => <input {...props} name="expiresAt" type="date" required defaultValue={isoDay(today + 365 * dayMs)} className={inputClass} />}
        </FormField>
        <FormField id="consent-data-life" label="Data life (days)" error={fieldError(error, "dataLifeDays")}>
          {(props) => <input {...props} name="dataLifeDays" type="number" min={1} required defaultValue={730} className={inputClass} />}
        </FormField>
      </div>
      {error && !named && <ApiErrorAlert error={error} />}
      {saved && (
        <p role="status" className="text-sm font-medium text-emerald-800">
          Consent recorded.
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Saving…" : "Record consent"}
      </button>
    </form>
  );
}
