"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { RequestErasureDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { dangerButtonClass, secondaryButtonClass } from "../../_components/ui";

/** Ask for your data to be erased: says first what goes and what the lender must keep, then asks to confirm. */
export function ErasureRequest({ borrowerId }: { borrowerId: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function erase() {
    setPending(true);
    setError(null);
    const result = await requestGraphQL(RequestErasureDocument, { input: { borrowerId } });
    setPending(false);
    if (result.error) setError(result.error);
    else {
      setConfirming(false);
      router.refresh();
    }
  }

  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className={secondaryButtonClass}>
        Ask for my data to be erased
      </button>
    );
  }
  return (
    <div role="alertdialog" aria-labelledby="erasure-title" className="space-y-2 rounded border border-red-200 bg-red-50 p-3 text-sm">
      <p id="erasure-title" className="font-medium text-red-900">
        Erase my data?
      </p>
      <p>
        At once: your consents are revoked, and your transactions, bills, loan repayments, phone events, bureau records, linked accounts, phone number and device are deleted. The lender can no longer score you.
      </p>
      <p>
        Kept, as the law requires of a lender, for seven years after your last application, decision or loan report: your scorings, the committee&apos;s decisions, your loans&apos; status, your consents and requests, the audit record, and your name, date of birth and national id that tie them to you. With none of those, your name and id are replaced at once.
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" onClick={erase} disabled={pending} className={dangerButtonClass}>
          {pending ? "Erasing…" : "Yes, erase my data"}
        </button>
        <button type="button" onClick={() => setConfirming(false)} disabled={pending} className={secondaryButtonClass}>
          Keep my data
        </button>
      </div>
      {error && <ApiErrorAlert error={error} />}
    </div>
  );
}
