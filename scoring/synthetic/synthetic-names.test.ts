import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeFeatures } from "../features/compute-features";
import { generatePopulation, markets } from "./generate-population";
import { syntheticName, syntheticNames } from "./synthetic-names";

// Issue 12, item 10: every demo borrower was "… Kariuki". Names vary, and naming changes nothing the engine reads.

const sha256 = (value: unknown): string => createHash("sha256").update(JSON.stringify(value, (_key, v) => (typeof v === "number" && Number.isNaN(v) ? "NaN" : v))).digest("hex");

describe("syntheticName", () => {
  it.each(markets)("gives %s borrowers varied names from the market's lists", (market) => {
    const names = Array.from({ length: 20 }, (_, index) => syntheticName(20_261_122, market, index));
    expect(new Set(names.map((name) => name.familyName)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(names.map((name) => name.givenName)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(names.map((name) => `${name.givenName} ${name.familyName}`)).size).toBeGreaterThanOrEqual(19);
    for (const name of names) {
      expect(syntheticNames[market].given).toContain(name.givenName);
      expect(syntheticNames[market].family).toContain(name.familyName);
    }
  });

  it("is deterministic and refuses a bad index", () => {
    expect(syntheticName(7, "NG", 3)).toEqual(syntheticName(7, "NG", 3));
    expect(() => syntheticName(7, "NG", -1)).toThrow(/index/);
  });
});

describe("naming changes no signal and no feature of the population", () => {
  // Digests of the population (signals, outcomes) and of its features, taken before names existed
  // (commit 27557e4): the generator's output, and hence the default model's training data, is byte for byte
  // what it was.
  const before = {
    KE: ["8fad71e0bedd44ba2331712993732f1f7e4b757f19bdb3c634bbad87da917eff", "41b0bf316d99e64761509683dbf24b5adb790f65bc8916e304581aa97bc05014"],
    NG: ["c7003d072ed0aa93e149f97baf38abb800eb9de6a7eac7bd621c6be1de738ff7", "db9576a04d251d0d565f5d79bc6cb7954eaf67e993fa3ab0df4ad20a0c865fdc"],
    ET: ["dbb405901c93f8cdbae17693feed6426a6d9418b43c63118d38d5fc085d12918", "4c48037523a2de7e1d282016046bbcda75fb5e98b06ffe6c11560ff20c3faccc"],
    IN: ["9e9cb42f79dadc70bf7fb230c09bfd7d5c7690fea180525db1c677f9b6ce9110", "92dc69bf27d041c94479a6b6f2e9edd174c21d6e340c76f20dab0b135f31f9b7"],
  } as const;
  it.each(markets)("%s: 200 borrowers, their signals and features as before", (market) => {
    const population = generatePopulation({ seed: 2026, size: 200, asOf: "2026-06-30T00:00:00.000Z", market, fraudShare: 0.1 });
    population.forEach((borrower) => syntheticName(2026, market, borrower.index)); // naming draws from its own stream
    expect(sha256(population)).toBe(before[market][0]);
    expect(sha256(population.map((borrower) => computeFeatures(borrower.bundle, borrower.context, borrower.asOf)))).toBe(before[market][1]);
  });
});
