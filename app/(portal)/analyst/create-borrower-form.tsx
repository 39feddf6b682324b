"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { CreateBorrowerDocument, type NationalIdType } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { FormField } from "../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { buttonClass, inputClass } from "../../_components/ui";

const idTypes: NationalIdType[] = ["HUDUMA", "NIN", "FAYDA", "AADHAAR", "OTHER"];
const textFields = [
  { name: "externalId", label: "Your reference", hint: "Unique in this lender." },
  { name: "nationalId", label: "National id number", hint: "Hashed before it is stored; only the last 4 characters are kept." },
  { name: "givenName", label: "Given name" },
  { name: "familyName", label: "Family name" },
  { name: "phone", label: "Phone", hint: "E.164, e.g. +254712345678." },
] as const;

export function CreateBorrowerForm() {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    setPending(true);
    setError(null);
    const result = await requestGraphQL(CreateBorrowerDocument, {
      input: {
        externalId: value("externalId"),
        nationalIdType: value("nationalIdType") as NationalIdType,
        nationalId: value("nationalId"),
        givenName: value("givenName"),
        familyName: value("familyName"),
        phone: value("phone"),
        dateOfBirth: value("dateOfBirth"),
      },
    });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    router.push(`/borrowers/${result.data.createBorrower.id}`);
  }

  const named = ["externalId", "nationalIdType", "nationalId", "givenName", "familyName", "phone", "dateOfBirth"].some((name) => fieldError(error, name));
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="New borrower">
      <FormField id="borrower-id-type" label="National id type" error={fieldError(error, "nationalIdType")}>
        {(props) => (
          <select {...props} name="nationalIdType" className={inputClass} defaultValue="HUDUMA">
            {idTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {textFields.map((field) => (
        <FormField key={field.name} id={`borrower-${field.name}`} label={field.label} hint={"hint" in field ? field.hint : undefined} error={fieldError(error, field.name)}>
          {(props) => <input {...props} name={field.name} required className={inputClass} />}
        </FormField>
      ))}
      <FormField id="borrower-dob" label="Date of birth" error={fieldError(error, "dateOfBirth")}>
        {(props) => <input {...props} name="dateOfBirth" type="date" required className={inputClass} />}
      </FormField>
      {error && !named && <ApiErrorAlert error={error} />}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Saving…" : "Add borrower"}
      </button>
    </form>
  );
}
