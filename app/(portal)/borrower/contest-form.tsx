"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { RequestHumanReviewDocument } from "@/graphql/generated/client/graphql";
import { ApiErrorAlert } from "../../_components/api-error-alert";
import { FormField } from "../../_components/form-field";
import { fieldError, requestGraphQL, type ApiError } from "../../_components/graphql-request";
import { inputClass, secondaryButtonClass } from "../../_components/ui";

/** Ask a person to review the decision, in your own words (requestHumanReview; docs/data-rights.md). */
export function ContestForm({ scoreId }: { scoreId: string }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const statement = String(new FormData(event.currentTarget).get("statement") ?? "");
    setPending(true);
    setError(null);
    const result = await requestGraphQL(RequestHumanReviewDocument, { input: { scoreId, statement } });
    setPending(false);
    if (result.error) setError(result.error);
    else router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Ask for a person to review the decision">
      <FormField id="contest-statement" label="What did the assessment get wrong?" hint="A person on the lender's credit committee reads this and decides again. At least 10 characters." error={fieldError(error, "statement")}>
        {(props) => <textarea {...props} name="statement" rows={3} required minLength={10} maxLength={5000} className={inputClass} />}
      </FormField>
      {error && !fieldError(error, "statement") && <ApiErrorAlert error={error} />}
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? "Sending…" : "Ask for a human review"}
      </button>
    </form>
  );
}
