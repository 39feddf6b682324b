// What a mutation run that was stopped before its end had tested: Stryker writes its JSON report only when a
// run ends, but the event recorder (stryker.config.mjs) writes each mutant's result as it is tested, to
// reports/mutation/<modules>-events/. Prints the counts by status and every surviving or uncovered mutant.
// Usage: node scripts/mutation/summarise-events.mjs scoring
import { existsSync, readdirSync, readFileSync } from "node:fs";
import process from "node:process";

for (const module of process.argv.slice(2)) {
  const directory = `reports/mutation/${module}-events`;
  if (!existsSync(directory)) {
    process.stdout.write(`${module}: no events (${directory})\n`);
    continue;
  }
  const results = readdirSync(directory)
    .filter((name) => name.endsWith("-onMutantTested.json"))
    .map((name) => JSON.parse(readFileSync(`${directory}/${name}`, "utf8")));
  const counts = {};
  for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
  process.stdout.write(`${module}: ${results.length} mutants reported ${JSON.stringify(counts)}\n`);
  for (const result of results.filter((mutant) => mutant.status === "Survived" || mutant.status === "NoCoverage")) {
    process.stdout.write(`  ${result.status} ${result.fileName}:${result.location.start.line}:${result.location.start.column + 1} ${result.mutatorName} → ${result.replacement}\n`);
  }
}
