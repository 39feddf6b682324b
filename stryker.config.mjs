// Mutation testing of the engine (issue 14): `npm run test:mutation` (slow; not part of `npm test`).
// Some modules only: `MUTATION_MODULES=decision,scale npm run test:mutation`; every module one after
// another with a score per module: `scripts/mutation/run-per-module.sh [module …]`.
// Reports: reports/mutation/<modules>.html and .json. Scores and surviving mutants are recorded in
// docs/benchmarks.md ("Mutation testing").

import process from "node:process";

/** The engine code whose bugs a lender's trust rests on. fitted-ensemble.ts: its prediction and
 * explanation code only (constructor → explainRow); the artifact writer is covered by the artifact tests. */
export const ENGINE_MODULES = {
  decision: ["scoring/decision/evaluate-decision.ts", "scoring/decision/policy.ts"],
  features: ["scoring/features/compute-features.ts"],
  ensemble: ["scoring/ensemble/fitted-ensemble.ts:75-178"],
  scale: ["scoring/scale/model-confidence.ts", "scoring/scale/points-to-double-odds.ts", "scoring/scale/risk-buckets.ts", "scoring/scale/sub-scores.ts"],
  explain: ["scoring/explain/probability-attribution.ts", "scoring/explain/reason-codes.ts", "scoring/explain/score-row.ts", "scoring/explain/suggest-improvements.ts"],
};

const selected = process.env.MUTATION_MODULES ? process.env.MUTATION_MODULES.split(",") : Object.keys(ENGINE_MODULES);
for (const name of selected) {
  if (!Object.hasOwn(ENGINE_MODULES, name)) throw new Error(`MUTATION_MODULES: unknown module "${name}" (one of ${Object.keys(ENGINE_MODULES).join(", ")})`);
}
const tag = process.env.MUTATION_MODULES ? selected.join("+") : "engine";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  // Only the engine's unit tests (scripts/mutation/vitest.config.mts); every test file is considered
  // for every mutant, and per-test coverage narrows each mutant's run to the tests that reach it.
  vitest: { configFile: "scripts/mutation/vitest.config.mts", related: false },
  coverageAnalysis: "perTest",
  mutate: selected.flatMap((name) => ENGINE_MODULES[name]),
  // Mutants in module-level constants (the default policy and scaling, zod schemas) can only be tested by
  // re-running every test with the module reloaded; on this machine that multiplies the run time, so they
  // are reported as "ignored", not counted in the score.
  ignoreStatic: true,
  // The machine is shared and has two cores.
  concurrency: 2,
  timeoutMS: 20_000,
  // Re-runs only mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: `reports/mutation/${tag}.incremental.json`,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${tag}.html` },
  jsonReporter: { fileName: `reports/mutation/${tag}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  // The sandbox needs the engine, the focused vitest config and the tooling files, not the app.
  ignorePatterns: ["/app", "/e2e", "/graphql", "/prisma", "/.next", "/.data", "/test-results", "/playwright-report", "/reports", "/tmp"],
};
