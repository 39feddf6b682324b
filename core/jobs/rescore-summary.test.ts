import { describe, expect, it } from "vitest";
import type { RescoreItemRow } from "@/prisma/store/job";
import { compareDecimal, readRescoreSummary, rescoreItemsCsv, summariseRescore } from "./rescore-summary";

const item = (change: Partial<RescoreItemRow>): RescoreItemRow => ({
  borrowerId: "b",
  externalId: "EXT-1",
  status: "SCORED",
  reason: null,
  previousScore: null,
  previousRiskBucket: null,
  previousRecommendation: null,
  previousLimit: null,
  creditScoreId: "s",
  score: 600,
  riskBucket: "C",
  recommendation: "REVIEW",
  recommendedLimit: "1000",
  ...change,
});

describe("compareDecimal", () => {
  it.each([
    ["1000", "999.9999", 1],
    ["999.9999", "1000", -1],
    ["1000.5", "1000.50", 0],
    ["0", "0.0001", -1],
    ["25000", "25000", 0],
  ] as const)("%s against %s is %i, exactly", (a, b, order) => {
    expect(compareDecimal(a, b)).toBe(order);
  });
});

describe("summariseRescore", () => {
  const items = [
    item({ borrowerId: "up", previousLimit: "500", recommendedLimit: "500.01", previousRiskBucket: "D", riskBucket: "C", recommendation: "APPROVE" }),
    item({ borrowerId: "up2", previousLimit: "0", recommendedLimit: "1000", previousRiskBucket: "C", riskBucket: "C" }),
    item({ borrowerId: "down", previousLimit: "2000", recommendedLimit: "1999.99", previousRiskBucket: "C", riskBucket: "D", recommendation: "REJECT" }),
    item({ borrowerId: "same", previousLimit: "1000.0", recommendedLimit: "1000", previousRiskBucket: "C", riskBucket: "C" }),
    item({ borrowerId: "new", riskBucket: "C" }),
    item({ borrowerId: "skip1", status: "SKIPPED", reason: "No MONITORING consent in force", creditScoreId: null, recommendation: null, riskBucket: null, recommendedLimit: null }),
    item({ borrowerId: "skip2", status: "SKIPPED", reason: "No MONITORING consent in force", creditScoreId: null, recommendation: null, riskBucket: null, recommendedLimit: null }),
    item({ borrowerId: "fail", status: "FAILED", reason: "NOT_FOUND: gone", creditScoreId: null, recommendation: null, riskBucket: null, recommendedLimit: null }),
  ];

  it("counts limit moves against the previous scoring, recommendations and the band migration of scored items only", () => {
    const summary = summariseRescore(items);
    expect(summary).toEqual({
      format: 1,
      scored: 5,
      skipped: 2,
      failed: 1,
      byRecommendation: [
        { key: "APPROVE", count: 1 },
        { key: "REJECT", count: 1 },
        { key: "REVIEW", count: 3 },
      ],
      limits: { increased: 2, decreased: 1, unchanged: 1, firstScoring: 1 },
      bandMigration: [
        { from: "C", to: "C", count: 2 },
        { from: "C", to: "D", count: 1 },
        { from: "D", to: "C", count: 1 },
        { from: "NONE", to: "C", count: 1 },
      ],
      skippedReasons: [{ key: "No MONITORING consent in force", count: 2 }],
    });
    expect(readRescoreSummary(JSON.parse(JSON.stringify(summary)))).toEqual(summary);
  });

  it("refuses a stored summary of an unknown format", () => {
    expect(() => readRescoreSummary({ ...summariseRescore(items), format: 2 })).toThrow();
  });
});

describe("rescoreItemsCsv", () => {
  it("quotes what needs quoting, defuses spreadsheet formulas and ends lines with CRLF", () => {
    const csv = rescoreItemsCsv([item({ externalId: '=HYPERLINK("x")', reason: "a, b" })]);
    const [header, row, end] = csv.split("\r\n");
    expect(header.split(",")).toHaveLength(13);
    expect(row).toBe(`b,"'=HYPERLINK(""x"")",SCORED,"a, b",,,,,s,600,C,REVIEW,1000`);
    expect(end).toBe("");
  });
});
