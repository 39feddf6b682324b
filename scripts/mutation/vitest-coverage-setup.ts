import { beforeEach, afterEach, inject } from "vitest";

// StrykerJS 9.5.1's vitest setup file collects per-test coverage and activates each mutant in
// `beforeAll`/`afterAll` hooks registered by a setup file; Vitest 4 never calls those (its `beforeEach`
// and `afterEach` still run). Without this file the dry run records no coverage, so every mutant runs
// every test, and a mutant meant to be switched on at run time ("runtime" activation) is never on.
// These per-test hooks do the same work: hand the coverage (dry run) or hit count (mutant run) to the file
// task's meta, where the runner reads it, and switch the mutant on before each test, not while modules load.
// Outside Stryker (nothing injected) they are not registered.
type StrykerGlobal = { activeMutant?: unknown; mutantCoverage?: unknown; hitCount?: number };
const injected = inject as unknown as (key: string) => unknown;
const namespace = injected("globalNamespace");

if (typeof namespace === "string") {
  const globals = globalThis as unknown as Record<string, StrykerGlobal | undefined>;
  const stryker = (globals[namespace] ??= {});
  if (injected("mode") === "mutant") {
    stryker.hitCount = 0;
    beforeEach(() => {
      stryker.activeMutant = injected("activeMutant");
    });
    afterEach(({ task }) => {
      task.file.meta = { ...task.file.meta, hitCount: stryker.hitCount } as typeof task.file.meta;
    });
  } else {
    afterEach(({ task }) => {
      task.file.meta = { ...task.file.meta, mutantCoverage: stryker.mutantCoverage } as typeof task.file.meta;
    });
  }
}
