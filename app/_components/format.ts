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
