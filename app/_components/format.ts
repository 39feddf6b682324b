// Display formats shared by the portal's pages. Amounts arrive as Decimal strings and stay exact until shown.

export function formatPercent(share: number | null | undefined, digits = 1): string {
  return share == null || Number.isNaN(share) ? "—" : `${(share * 100).toFixed(digits)} %`;
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  return value == null || Number.isNaN(value) ? "—" : value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Signed score points, e.g. "+12.4" or "−3.0" (a true minus sign). */
export function formatPoints(points: number, digits = 1): string {
  const fixed = Math.abs(points).toFixed(digits);
  return points >= 0 ? `+${fixed}` : `−${fixed}`;
}

export function formatMoney(amount: string | number | null | undefined, currency?: string | null): string {
  if (amount == null || amount === "") return "—";
  const value = typeof amount === "number" ? amount : Number(amount);
  const text = Number.isFinite(value) ? value.toLocaleString("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: 2 }) : String(amount);
  return currency ? `${currency} ${text}` : text;
}

/** An instant as "22 Nov 2026, 09:30 UTC": the portal shows UTC so that audit times read the same everywhere. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })}, ${date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" })} UTC`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** "LOAN_UNDERWRITING" → "Loan underwriting". */
export function humanizeEnum(value: string): string {
  const words = value.toLowerCase().split("_").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Score points in plain words for borrowers: "about 12 points", "about 1 point", "less than 1 point". */
export function describePoints(points: number): string {
  const rounded = Math.round(Math.abs(points));
  if (rounded === 0) return "less than 1 point";
  return `about ${rounded.toLocaleString("en-GB")} point${rounded === 1 ? "" : "s"}`;
}

/** A count with its noun in the right number: "1 day", "2 days", "0 events", "1,200 borrowers"; irregular plurals passed in. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? singular : plural}`;
}

/** A bill or instalment of the timeline as the signal summary gives it (amounts as decimal strings). */
export interface TimelinePayment {
  amountDue: string;
  amountPaid?: string | null;
  daysLate?: number | null;
}

/**
 * How a bill or instalment was settled, in the words of the features (docs/features.md): paid in full on or
 * before the due day is "On time"; a payment below the amount due is "Paid short by …", whatever its day
 * (the features count it as not paid in full); otherwise "N days late", or "Unpaid". A payment without an
 * amount counts as paid in full, as the features read it.
 */
export function describePayment(payment: TimelinePayment, currency?: string | null): { text: string; tone: "green" | "amber" | "red" } {
  if (payment.daysLate == null) return { text: "Unpaid", tone: "red" };
  const due = Number(payment.amountDue);
  const paid = payment.amountPaid == null ? due : Number(payment.amountPaid);
  if (paid < due) return { text: `Paid short by ${formatMoney(due - paid, currency)}${payment.daysLate > 0 ? `, ${payment.daysLate} ${payment.daysLate === 1 ? "day" : "days"} late` : ""}`, tone: "red" };
  if (payment.daysLate <= 0) return { text: "On time", tone: "green" };
  return { text: `${payment.daysLate} ${payment.daysLate === 1 ? "day" : "days"} late`, tone: payment.daysLate > 30 ? "red" : "amber" };
}

/**
 * The model's score band, in the same words for the borrower and the committee: a position on the model's
 * scale (A the lowest estimated risk), never called a "risk level", which is the policy's (describeRiskLevel).
 */
export function describeScoreBand(band: string, bands?: readonly { name: string }[]): string {
  return bands && bands.length > 1 ? `score band ${band} of ${bands[0].name}–${bands[bands.length - 1].name}` : `score band ${band}`;
}

/** The lender's policy's risk level (from the PD), in the same words everywhere: "policy risk level medium". */
export function describeRiskLevel(level: string): string {
  return `policy risk level ${level.replace(/_/g, " ").toLowerCase()}`;
}

/** The first letter in capitals: for a phrase that opens a label. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
