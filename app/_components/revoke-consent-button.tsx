"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { RevokeConsentDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "./api-error-alert";
import { humanizeEnum } from "./format";
import { requestGraphQL, type ApiError } from "./graphql-request";
import { dangerButtonClass } from "./ui";

/** One tap: revokeConsent takes effect at once (no scoring reads under it afterwards). */
export function RevokeConsentButton({ consentId, purpose }: { consentId: string; purpose: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function revoke() {
    setPending(true);
    setError(null);
    const result = await requestGraphQL(RevokeConsentDocument, { id: consentId });
    setPending(false);
    if (result.error) setError(result.error);
    else router.refresh();
  }

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" onClick={revoke} disabled={pending} className={dangerButtonClass} aria-label={`Revoke ${humanizeEnum(purpose).toLowerCase()} consent`}>
        {pending ? "Revoking…" : "Revoke"}
      </button>
      {error && <ApiErrorAlert error={error} />}
    </span>
  );
}
