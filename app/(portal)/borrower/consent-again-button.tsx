"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { GrantConsentDocument, type ConsentFieldsFragment } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { humanizeEnum } from "../../_components/format";
import { requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { secondaryButtonClass } from "../../_components/ui";

const DAY_MS = 86_400_000;

/**
 * Gives a revoked or expired consent again: the same purpose, data, wording and data life, from now for as long
 * as the earlier one ran (grantConsent; a BORROWER grants only for herself).
 */
export function ConsentAgainButton({ consent }: { consent: ConsentFieldsFragment }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function grant() {
    setPending(true);
    setError(null);
    const periodDays = Math.min(3650, Math.max(1, Math.round((Date.parse(consent.expiresAt) - Date.parse(consent.validFrom)) / DAY_MS)));
    const validFrom = new Date();
    const result = await requestGraphQL(GrantConsentDocument, {
      input: {
        borrowerId: consent.borrowerId,
        purpose: consent.purpose,
        dataCategories: consent.dataCategories,
        statement: consent.statement,
        validFrom: validFrom.toISOString(),
        expiresAt: new Date(validFrom.getTime() + periodDays * DAY_MS).toISOString(),
        dataLifeDays: consent.dataLifeDays,
      },
    });
    setPending(false);
    if (result.error) setError(result.error);
    else router.refresh();
  }

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" onClick={grant} disabled={pending} className={secondaryButtonClass} aria-label={`Consent again to ${humanizeEnum(consent.purpose).toLowerCase()}`}>
        {pending ? "Consenting…" : "Consent again"}
      </button>
      {error && <ApiErrorAlert error={error} />}
    </span>
  );
}
