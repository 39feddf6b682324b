"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { LinkAccountDocument, type LinkedAccountType } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../../_components/api-error-alert";
import { FormField } from "../../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../../_components/graphql-request";
import { buttonClass, inputClass } from "../../../_components/ui";

const accountTypes: LinkedAccountType[] = ["MOBILE_MONEY", "BANK", "MFI", "SACCO", "UTILITY", "TELCO"];

export function LinkAccountForm({ borrowerId }: { borrowerId: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setPending(true);
    setError(null);
    setSaved(null);
    const result = await requestGraphQL(LinkAccountDocument, {
      input: {
        borrowerId,
        type: String(form.get("type")) as LinkedAccountType,
        provider: String(form.get("provider") ?? "").trim(),
        externalReference: String(form.get("externalReference") ?? "").trim(),
        openedAt: `${String(form.get("openedAt"))}T00:00:00.000Z`,
        verified: form.get("verified") === "on",
      },
    });
    setPending(false);
    if (result.error) {
      setError(result.error);
      return;
    }
    setSaved(`Linked ${result.data.linkAccount.provider}. Its account id for signal files: ${result.data.linkAccount.id}`);
    formElement.reset();
    router.refresh();
  }

  const named = ["type", "provider", "externalReference", "openedAt"].some((field) => fieldError(error, field));
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Link an account">
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id="account-type" label="Type" error={fieldError(error, "type")}>
          {(props) => (
            <select {...props} name="type" className={inputClass}>
              {accountTypes.map((type) => (
                <option key={type} value={type}>
                  {type.replace("_", " ").toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="account-provider" label="Provider" error={fieldError(error, "provider")}>
          {(props) => <input {...props} name="provider" required placeholder="M-Pesa" className={inputClass} />}
        </FormField>
        <FormField id="account-reference" label="Account reference" error={fieldError(error, "externalReference")}>
          {(props) => <input {...props} name="externalReference" required className={inputClass} />}
        </FormField>
        <FormField id="account-opened" label="Opened on" error={fieldError(error, "openedAt")}>
          {(props) => <input {...props} name="openedAt" type="date" required className={inputClass} />}
        </FormField>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="verified" /> Ownership verified
      </label>
      {error && !named && <ApiErrorAlert error={error} />}
      {saved && (
        <p role="status" className="text-sm font-medium break-all text-emerald-800">
          {saved}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending ? "Linking…" : "Link account"}
      </button>
    </form>
  );
}
