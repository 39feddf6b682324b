// What a portfolio re-scoring found, computed from its items: counts by recommendation, limit moves against
// each borrower's previous scoring, and the band-migration matrix. Stored on the Job as format-versioned JSON
// and parsed on read, so a summary written today still reads after the shape grows.
import { z } from "zod";
import type { RescoreItemRow } from "@/prisma/store/job";

const countByKey = z.array(z.object({ key: z.string(), count: z.number().int().nonnegative() }));

const summaryV1 = z.object({
  format: z.literal(1),
  scored: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  byRecommendation: countByKey,
  limits: z.object({ increased: z.number().int(), decreased: z.number().int(), unchanged: z.number().int(), firstScoring: z.number().int() }),
  /** Previous band → new band; "NONE" when the borrower had no earlier scoring. */
  bandMigration: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int().positive() })),
  skippedReasons: countByKey,
});

export type RescoreSummary = z.infer<typeof summaryV1>;

/** Reads a stored summary; throws on a shape no upgrade knows (a stored record is never guessed at). */
export function readRescoreSummary(stored: unknown): RescoreSummary {
  return summaryV1.parse(stored);
}

function countBy(keys: readonly string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, count]) => ({ key, count }));
}

/** Compares decimal strings exactly (limits are money): −1, 0 or 1. */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ""] = a.split(".");
  const [bi, bf = ""] = b.split(".");
  const width = Math.max(af.length, bf.length);
  const left = BigInt(ai + af.padEnd(width, "0"));
  const right = BigInt(bi + bf.padEnd(width, "0"));
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The summary of a re-scoring's items (each with its previous scoring, when there was one). */
export function summariseRescore(items: readonly RescoreItemRow[]): RescoreSummary {
  const scored = items.filter((item) => item.status === "SCORED");
  const limits = { increased: 0, decreased: 0, unchanged: 0, firstScoring: 0 };
  for (const item of scored) {
    if (item.previousLimit === null) limits.firstScoring += 1;
    else {
      const order = compareDecimal(item.recommendedLimit ?? "0", item.previousLimit);
      if (order > 0) limits.increased += 1;
      else if (order < 0) limits.decreased += 1;
      else limits.unchanged += 1;
    }
  }
  const migration = countBy(scored.map((item) => `${item.previousRiskBucket ?? "NONE"}\u0000${item.riskBucket ?? "NONE"}`));
  return {
    format: 1,
    scored: scored.length,
    skipped: items.filter((item) => item.status === "SKIPPED").length,
    failed: items.filter((item) => item.status === "FAILED").length,
    byRecommendation: countBy(scored.map((item) => item.recommendation ?? "NONE")),
    limits,
    bandMigration: migration.map(({ key, count }) => {
      const [from, to] = key.split("\u0000");
      return { from, to, count };
    }),
    skippedReasons: countBy(items.filter((item) => item.status === "SKIPPED").map((item) => item.reason ?? "")),
  };
}

const csvColumns: [string, (item: RescoreItemRow) => string | number | null][] = [
  ["borrower_id", (item) => item.borrowerId],
  ["external_id", (item) => item.externalId],
  ["status", (item) => item.status],
  ["reason", (item) => item.reason],
  ["previous_score", (item) => item.previousScore],
  ["previous_band", (item) => item.previousRiskBucket],
  ["previous_recommendation", (item) => item.previousRecommendation],
  ["previous_limit", (item) => item.previousLimit],
  ["credit_score_id", (item) => item.creditScoreId],
  ["score", (item) => item.score],
  ["band", (item) => item.riskBucket],
  ["recommendation", (item) => item.recommendation],
  ["recommended_limit", (item) => item.recommendedLimit],
];

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The items of a re-scoring as CSV (a header line, then one line per borrower, CRLF line ends). */
export function rescoreItemsCsv(items: readonly RescoreItemRow[]): string {
  const lines = [csvColumns.map(([name]) => name).join(","), ...items.map((item) => csvColumns.map(([, read]) => csvField(read(item))).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
