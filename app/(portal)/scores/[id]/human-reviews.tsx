import type { ReviewScoreQuery } from "@/graphql/generated/client/graphql";
import { formatDateTime } from "../../../_components/format";
import { Badge } from "../../../_components/ui";

type HumanReview = NonNullable<ReviewScoreQuery["creditScore"]>["humanReviews"][number];

/** The borrower's requests for human review of this scoring: the open one first and prominent, in her words. */
export function HumanReviews({ reviews }: { reviews: HumanReview[] }) {
  if (reviews.length === 0) return null;
  return (
    <ul className="mb-4 space-y-2 text-sm" aria-label="Borrower's requests for human review">
      {reviews.map((review) => (
        <li key={review.id} className={`rounded border p-2 ${review.status === "OPEN" ? "border-sky-300 bg-sky-50" : "border-slate-200 text-slate-600"}`}>
          {review.status === "OPEN" ? <Badge tone="blue">Contested</Badge> : <Badge tone="slate">Review answered</Badge>} The borrower asked for a human review on {formatDateTime(review.requestedAt)}
          {review.resolvedAt ? `, answered ${formatDateTime(review.resolvedAt)}` : ": decide again (a change needs a note saying what you made of her statement)"}.
          <p className="mt-1 text-slate-800">“{review.statement}”</p>
        </li>
      ))}
    </ul>
  );
}
