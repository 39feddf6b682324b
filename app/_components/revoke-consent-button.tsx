"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { RevokeConsentDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "./api-error-alert";
import { humanizeEnum } from "./format";
import { requestGraphQL, type ApiError } from "./graphql-request";
import { dangerButtonClass, secondaryButtonClass } from "./ui";

/** Revoke, then confirm: revokeConsent takes effect at once (no scoring reads under it afterwards). */
export function RevokeConsentButton({ consentId, purpose }: { consentId: string; purpose: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const purposeWords = humanizeEnum(purpose).toLowerCase();

  async function revoke() {
    setPending(true);
    setError(null);
    const result = await requestGraphQL(RevokeConsentDocument, { id: consentId });
    setPending(false);
    if (result.error) setError(result.error);
    else {
      setConfirming(false);
      router.refresh();
    }
  }

  return (
    <span className="inline-flex flex-col items-end gap-1">
      {confirming ? (
        <span role="alertdialog" aria-label={`Confirm revoking the ${purposeWords} consent`} className="flex flex-wrap items-center justify-end gap-2 text-sm">
          <span>Revoke it? From now on the lender cannot read this data to score you.</span>
          <button type="button" onClick={revoke} disabled={pending} className={dangerButtonClass}>
            {pending ? "Revoking…" : "Yes, revoke"}
          </button>
          <button type="button" onClick={() => setConfirming(false)} disabled={pending} className={secondaryButtonClass}>
            Keep it
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={dangerButtonClass} aria-label={`Revoke ${purposeWords} consent`}>
          Revoke
        </button>
      )}
      {error && <ApiErrorAlert error={error} />}
    </span>
  );
}
