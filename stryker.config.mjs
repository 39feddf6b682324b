// Mutation testing of the engine and of the core's use cases (issue 14): `npm run test:mutation` (the engine;
// slow; not part of `npm test`). Some modules only: `MUTATION_MODULES=decision,scale npm run test:mutation`;
// the core's: `MUTATION_MODULES=core npm run test:mutation` (or `consent,outcomes` …; engine and core
// modules are not mixed in one run: they have different tests and sandboxes). Every module one after
// another with a score per module: `scripts/mutation/run-per-module.sh [module …|engine|core]`.
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

/** The core's use cases a lender's and a borrower's rights rest on, tested through their public functions
 * against a real database (PGlite). consent: the use cases and the consent-in-force query of the scoring
 * gate (scoring-context.ts from readScoringContext on: its SQL is a template string Stryker leaves alone, the
 * lines mutated are the instants and the row mapping); scoring: calculateScore with its consent coverage,
 * request checks and record, and what it and replay rest on in core/scoring (the signal bundle and its hash,
 * the model and policy loading, the stored result); not present-score.ts and model-scale.ts, which shape a
 * stored score for the API and are tested with it (graphql/). */
export const CORE_MODULES = {
  consent: ["core/grant-consent.ts", "core/revoke-consent.ts", "prisma/store/scoring-context.ts:34-54"],
  scoring: ["core/calculate-score.ts", "core/scoring/build-signal-bundle.ts", "core/scoring/scoring-versions.ts", "core/scoring/stored-assessment.ts"],
  replay: ["core/replay-score.ts"],
  decisions: ["core/record-committee-decision.ts"],
  outcomes: ["core/record-outcome.ts"],
};

/** The tests of each core module: those that call its use cases (the core's vitest config runs only the
 * selected modules' files, so a run's dry run does not pay for every database test of the core). */
export const CORE_TESTS = {
  consent: ["core/pure-rules.test.ts", "core/consent-use-cases.int.test.ts", "core/consent-boundaries.int.test.ts"],
  scoring: ["core/pure-rules.test.ts", "core/scoring/*.test.ts", "core/calculate-score-use-case.int.test.ts", "core/consent-boundaries.int.test.ts", "core/replay-score.int.test.ts", "core/get-credit-score.int.test.ts"],
  replay: ["core/scoring/stored-assessment.test.ts", "core/scoring/replay-explanation-rule.test.ts", "core/replay-score.int.test.ts"],
  decisions: ["core/pure-rules.test.ts", "core/record-committee-decision.int.test.ts"],
  outcomes: ["core/record-outcome.test.ts", "core/record-outcome.int.test.ts"],
};

const groups = { engine: Object.keys(ENGINE_MODULES), core: Object.keys(CORE_MODULES) };
const requested = process.env.MUTATION_MODULES ? process.env.MUTATION_MODULES.split(",") : ["engine"];
const selected = requested.flatMap((name) => groups[name] ?? [name]);
const modules = { ...ENGINE_MODULES, ...CORE_MODULES };
for (const name of selected) {
  if (!Object.hasOwn(modules, name)) throw new Error(`MUTATION_MODULES: unknown module "${name}" (one of ${Object.keys(modules).join(", ")}, or engine, core)`);
}
const core = selected.every((name) => Object.hasOwn(CORE_MODULES, name));
if (!core && selected.some((name) => Object.hasOwn(CORE_MODULES, name))) throw new Error("MUTATION_MODULES: engine and core modules run separately");
// The reports' name: the modules, or MUTATION_REPORT (a run of some of a module's files beside another run of it).
const tag = process.env.MUTATION_REPORT ?? requested.join("+");
// Read by scripts/mutation/vitest.core.config.mts in Stryker's test runner processes.
if (core) process.env.MUTATION_TEST_FILES = [...new Set(selected.flatMap((name) => CORE_TESTS[name]))].join(",");

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  // Only the engine's unit tests (scripts/mutation/vitest.config.mts), or the core's use-case tests
  // (vitest.core.config.mts); every test file is considered for every mutant, and per-test coverage narrows
  // each mutant's run to the tests that reach it.
  vitest: { configFile: core ? "scripts/mutation/vitest.core.config.mts" : "scripts/mutation/vitest.config.mts", related: false },
  coverageAnalysis: "perTest",
  mutate: selected.flatMap((name) => modules[name]),
  // The core's strings are messages, action names and field names. A message is checked by the tests through
  // its field and first words, but mutating every string of the use cases doubles a run that costs seconds of
  // database per mutant; the core's runs leave string literals out and test guards, boundaries and branches.
  mutator: { excludedMutations: core ? ["StringLiteral"] : [] },
  // Mutants in module-level constants (the default policy and scaling, zod schemas) can only be tested by
  // re-running every test with the module reloaded; on this machine that multiplies the run time, so they
  // are reported as "ignored", not counted in the score.
  ignoreStatic: true,
  // The machine is shared and has two cores.
  concurrency: 2,
  timeoutMS: 20_000,
  // The core's dry run (every covering test once, each database test file on a fresh PGlite) takes several
  // minutes on this machine; Stryker's default gives up after 5.
  dryRunTimeoutMinutes: 40,
  // Re-runs only mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: `reports/mutation/${tag}.incremental.json`,
  // The event recorder writes each mutant's result as it is tested (reports/mutation/<modules>-events/), so a
  // run stopped before its end (Stryker writes its reports only then) still shows which mutants were tested.
  reporters: ["clear-text", "progress", "html", "json", "event-recorder"],
  eventReporter: { baseDir: `reports/mutation/${tag}-events` },
  htmlReporter: { fileName: `reports/mutation/${tag}.html` },
  jsonReporter: { fileName: `reports/mutation/${tag}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  // The engine's sandbox needs the engine, the focused vitest config and the tooling files, not the app; the
  // core's needs the core and the store (prisma/, its generated client and migrations) too.
  ignorePatterns: ["/app", "/e2e", "/graphql", ...(core ? [] : ["/prisma"]), "/.next", "/.data", "/test-results", "/playwright-report", "/reports", "/tmp"],
};
