// Mutation testing of the engine (issue 14): `npm run test:mutation` (slow; not part of `npm test`).
// One module at a time: `npm run test:mutation -- --mutate "scoring/scale/**/!(*.test).ts"`, or all
// modules one after another with a per-module summary: `scripts/mutation/run-per-module.sh`.
// Scores and surviving mutants are recorded in docs/benchmarks.md ("Mutation testing").

/** The engine code whose bugs a lender's trust rests on. fitted-ensemble.ts: its prediction and
 * explanation code only (constructor → explainRow); the artifact writer is covered by the artifact tests. */
export const ENGINE_MODULES = {
  decision: ["scoring/decision/evaluate-decision.ts", "scoring/decision/policy.ts"],
  features: ["scoring/features/compute-features.ts"],
  ensemble: ["scoring/ensemble/fitted-ensemble.ts:75-178"],
  scale: ["scoring/scale/model-confidence.ts", "scoring/scale/points-to-double-odds.ts", "scoring/scale/risk-buckets.ts", "scoring/scale/sub-scores.ts"],
  explain: ["scoring/explain/probability-attribution.ts", "scoring/explain/reason-codes.ts", "scoring/explain/score-row.ts", "scoring/explain/suggest-improvements.ts"],
};

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  // Only the engine's unit tests (scripts/mutation/vitest.config.mts); every test file is considered
  // for every mutant, and per-test coverage narrows each mutant's run to the tests that reach it.
  vitest: { configFile: "scripts/mutation/vitest.config.mts", related: false },
  coverageAnalysis: "perTest",
  mutate: Object.values(ENGINE_MODULES).flat(),
  // The machine is shared and has two cores.
  concurrency: 2,
  timeoutMS: 20_000,
  // Re-runs only mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  // The sandbox needs the engine, the focused vitest config and the tooling files, not the app.
  ignorePatterns: ["/app", "/e2e", "/graphql", "/prisma", "/.next", "/.data", "/test-results", "/playwright-report", "/reports", "/tmp"],
};
