// A stored policy is validated when it is published and read again before a scoring or a replay uses it: a
// document changed in the database afterwards is refused loudly, naming what no longer parses, rather than
// scored under.
import { describe, expect, it } from "vitest";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import type { PolicyVersionRecord } from "@/prisma/store/policy-version";
import { readPolicyVersion } from "./scoring-versions";

describe("readPolicyVersion", () => {
  it("reads a valid stored document as the typed policy", () => {
    expect(readPolicyVersion({ id: "policy-valid", document: DEFAULT_DECISION_POLICY } as unknown as PolicyVersionRecord)).toEqual(DEFAULT_DECISION_POLICY);
  });

  it("refuses a stored document that no longer parses, naming the version and each broken field", () => {
    const document = { ...DEFAULT_DECISION_POLICY, fraudPenaltyPoints: "many", scoreMode: undefined };
    expect(() => readPolicyVersion({ id: "policy-tampered", document } as unknown as PolicyVersionRecord)).toThrow("readPolicyVersion: stored policy policy-tampered is invalid: ");
    expect(() => readPolicyVersion({ id: "policy-tampered", document } as unknown as PolicyVersionRecord)).toThrow(/invalid: (scoreMode, fraudPenaltyPoints|fraudPenaltyPoints, scoreMode)$/);
  });
});
