// Mutation score per module from StrykerJS JSON reports (reports/mutation/<module>.json), as a Markdown
// table: score = (killed + timed out) / (killed + timed out + survived + no coverage), Stryker's definition.
// Usage: node scripts/mutation/summarise-reports.mjs decision features …
import { existsSync, readFileSync } from "node:fs";
import process from "node:process";

const rows = [];
for (const module of process.argv.slice(2)) {
  const path = `reports/mutation/${module}.json`;
  if (!existsSync(path)) {
    rows.push(`| ${module} | (no report) | | | | | |`);
    continue;
  }
  const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0 };
  for (const file of Object.values(JSON.parse(readFileSync(path, "utf8")).files)) for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  const detected = counts.Killed + counts.Timeout;
  const valid = detected + counts.Survived + counts.NoCoverage;
  const score = valid === 0 ? "n/a" : `${((100 * detected) / valid).toFixed(1)} %`;
  rows.push(`| ${module} | ${score} | ${counts.Killed} | ${counts.Timeout} | ${counts.Survived} | ${counts.NoCoverage} | ${counts.Ignored} |`);
}
process.stdout.write(`${["| module | mutation score | killed | timed out | survived | no coverage | ignored (static) |", "|---|---|---|---|---|---|---|", ...rows].join("\n")}\n`);
