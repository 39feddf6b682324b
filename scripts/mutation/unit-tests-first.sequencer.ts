import { BaseSequencer, type TestSpecification } from "vitest/node";

// StrykerJS runs a mutant's covering test files one after another and stops at the first failure (bail).
// Vitest's own order puts the slowest files first; here the in-memory tests (*.test.ts, milliseconds) go
// before the database ones (*.int.test.ts, seconds each), so a mutant a unit test kills costs no database.
export default class UnitTestsFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isIntegration = (file: TestSpecification): boolean => file.moduleId.endsWith(".int.test.ts");
    return [...sorted.filter((file) => !isIntegration(file)), ...sorted.filter(isIntegration)];
  }
}
