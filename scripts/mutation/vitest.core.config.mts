import { defineConfig } from "vitest/config";
import rootConfig from "../../vitest.config";
import UnitTestsFirstSequencer from "./unit-tests-first.sequencer";
import { CORE_TESTS } from "../../stryker.config.mjs";

// The tests of the core's use cases under mutation testing (CORE_MODULES in stryker.config.mjs): consent,
// scoring, replay, committee decisions and outcomes, through their public functions, against a real
// database. PGlite only (DATABASE_URL is blanked: PostgreSQL is for the ordinary integration runs), each
// test file on its own copy of one migrated data directory made once per run (pglite-template.global-setup.ts),
// unit tests before database tests (unit-tests-first.sequencer.ts) so a bail on the first failure is cheap.
export default defineConfig({
  resolve: rootConfig.resolve,
  test: {
    environment: "node",
    root: new URL("../..", import.meta.url).pathname,
    env: { ...rootConfig.test?.env, DATABASE_URL: "" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["scripts/mutation/pglite-template.global-setup.ts"],
    // Restores Stryker's per-test coverage under Vitest 4 (see the file).
    setupFiles: ["scripts/mutation/vitest-coverage-setup.ts"],
    sequence: { sequencer: UnitTestsFirstSequencer },
    // The selected modules' tests (CORE_TESTS in stryker.config.mjs, passed as MUTATION_TEST_FILES), or all of them.
    include: process.env.MUTATION_TEST_FILES?.split(",") ?? Object.values(CORE_TESTS).flat(),
    exclude: ["node_modules/**", ".stryker-tmp/**"],
  },
});
