// Issue 12 item 2: the order a loan's observations may come in (docs/outcomes.md), pair by pair.
import { describe, expect, it } from "vitest";
import type { OutcomeStatus } from "@/prisma/store/vocabulary";
import { checkOutcomeSequence, type OutcomeObservation } from "./record-outcome";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const observation = (status: OutcomeStatus, extra: Partial<OutcomeObservation> = {}): OutcomeObservation => ({
  status,
  maxDaysLate: status === "LATE" ? 20 : status === "PAID_OFF" ? 20 : 95,
  defaultedAt: status === "DEFAULT" || status === "WRITTEN_OFF" ? day("2026-09-01") : null,
  recoveredAmount: null,
  observedAt: day("2026-10-01"),
  ...extra,
});

describe("checkOutcomeSequence", () => {
  // previous → next: may it follow? Written out, not derived from the table under test.
  const cases: [OutcomeStatus, OutcomeStatus, boolean][] = [
    ["LATE", "LATE", true],
    ["LATE", "PAID_OFF", true],
    ["LATE", "DEFAULT", true],
    ["LATE", "WRITTEN_OFF", true],
    ["PAID_OFF", "LATE", false],
    ["PAID_OFF", "PAID_OFF", false],
    ["PAID_OFF", "DEFAULT", false],
    ["PAID_OFF", "WRITTEN_OFF", false],
    ["DEFAULT", "LATE", false],
    ["DEFAULT", "PAID_OFF", false],
    ["DEFAULT", "DEFAULT", true],
    ["DEFAULT", "WRITTEN_OFF", true],
    ["WRITTEN_OFF", "LATE", false],
    ["WRITTEN_OFF", "PAID_OFF", false],
    ["WRITTEN_OFF", "DEFAULT", false],
    ["WRITTEN_OFF", "WRITTEN_OFF", true],
  ];
  it.each(cases)("%s then %s: allowed %s", (previous, next, allowed) => {
    const refused = checkOutcomeSequence(observation(previous), observation(next, { observedAt: day("2026-11-01") }));
    if (allowed) expect(refused).toBeNull();
    else expect(refused).toMatchObject({ code: "CONFLICT", field: "status" });
  });

  it("names the final status and when it was observed", () => {
    expect(checkOutcomeSequence(observation("PAID_OFF"), observation("DEFAULT"))?.message).toBe("status: nothing can follow PAID_OFF (observed 2026-10-01T00:00:00.000Z): that status is final.");
  });

  it("refuses fewer days late, a moved default date and a smaller recovery; accepts more of each", () => {
    expect(checkOutcomeSequence(observation("LATE", { maxDaysLate: 30 }), observation("LATE", { maxDaysLate: 29 }))).toMatchObject({ field: "maxDaysLate" });
    expect(checkOutcomeSequence(observation("LATE", { maxDaysLate: 30 }), observation("LATE", { maxDaysLate: 30 }))).toBeNull();
    expect(checkOutcomeSequence(observation("DEFAULT"), observation("WRITTEN_OFF", { defaultedAt: day("2026-09-02") }))).toMatchObject({ field: "defaultedAt" });
    expect(checkOutcomeSequence(observation("DEFAULT", { recoveredAmount: "500" }), observation("DEFAULT", { recoveredAmount: "499.99" }))).toMatchObject({ field: "recoveredAmount" });
    expect(checkOutcomeSequence(observation("DEFAULT", { recoveredAmount: "500" }), observation("DEFAULT", { recoveredAmount: null }))).toMatchObject({ field: "recoveredAmount" });
    expect(checkOutcomeSequence(observation("WRITTEN_OFF", { recoveredAmount: "500" }), observation("WRITTEN_OFF", { recoveredAmount: "1200.5" }))).toBeNull();
    // Nothing recovered yet (0) is a figure too: a later observation that reports no figure at all drops it.
    expect(checkOutcomeSequence(observation("DEFAULT", { recoveredAmount: "0" }), observation("DEFAULT", { recoveredAmount: null }))).toMatchObject({ field: "recoveredAmount" });
    expect(checkOutcomeSequence(observation("DEFAULT", { recoveredAmount: "0" }), observation("DEFAULT", { recoveredAmount: "0" }))).toBeNull();
  });
});
