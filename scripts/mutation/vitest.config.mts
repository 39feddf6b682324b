import { defineConfig } from "vitest/config";

// The unit tests of the engine modules under mutation testing (stryker.config.mjs), and nothing else:
// StrykerJS re-runs the tests that cover each mutant, so a narrow, fast project keeps a run within hours
// on a shared two-core machine. Left out on purpose: ensemble.test.ts (it trains models; the ensemble's
// prediction code is pinned by ensemble-members.test.ts without training) and the golden values (they
// are tied to one version of the default model, which may be retrained while a run is going on).
export default defineConfig({
  test: {
    environment: "node",
    root: new URL("../..", import.meta.url).pathname,
    testTimeout: 60_000,
    // Restores Stryker's per-test coverage under Vitest 4 (see the file).
    setupFiles: ["scripts/mutation/vitest-coverage-setup.ts"],
    include: [
      "scoring/decision/**/*.test.ts",
      "scoring/features/**/*.test.ts",
      "scoring/ensemble/ensemble-members.test.ts",
      "scoring/scale/**/*.test.ts",
      "scoring/explain/**/*.test.ts",
      "scoring/pipeline/**/*.test.ts",
    ],
    exclude: ["**/*.int.test.ts", "node_modules/**", "scoring/pipeline/golden-applicants.test.ts"],
  },
});
