// A module's figure after re-runs of some of its lines that were not incremental (their own MUTATION_REPORT,
// no incremental file): each mutant of the base report takes the status a re-run report gives the same
// mutant (same place and replacement), then the score row as summarise-reports.mjs prints it, and the
// survivors left. Usage: node scripts/mutation/merge-rerun-reports.mjs <base> <rerun …> (names under reports/mutation/)
import { readFileSync } from "node:fs";
import process from "node:process";

const [base, ...reruns] = process.argv.slice(2);
const read = (name) => JSON.parse(readFileSync(`reports/mutation/${name}.json`, "utf8"));
const key = (file, mutant) => [file, mutant.location.start.line, mutant.location.start.column, mutant.location.end.line, mutant.location.end.column, mutant.mutatorName, mutant.replacement].join("|");
const retested = new Map();
for (const name of reruns) for (const [file, { mutants }] of Object.entries(read(name).files)) for (const mutant of mutants) retested.set(key(file, mutant), mutant.status);
const counts = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
const left = [];
for (const [file, { mutants }] of Object.entries(read(base).files)) {
  for (const mutant of mutants) {
    const status = retested.get(key(file, mutant)) ?? mutant.status;
    counts[status] = (counts[status] ?? 0) + 1;
    if (status === "Survived" || status === "NoCoverage") left.push(`  ${status} ${file}:${mutant.location.start.line}:${mutant.location.start.column + 1} ${mutant.mutatorName} → ${mutant.replacement}`);
  }
}
const detected = counts.Killed + counts.Timeout;
const valid = detected + counts.Survived + counts.NoCoverage;
process.stdout.write(`| ${base} + ${reruns.join(" + ")} | ${valid === 0 ? "n/a" : `${((100 * detected) / valid).toFixed(1)} %`} | ${counts.Killed} | ${counts.Timeout} | ${counts.Survived} | ${counts.NoCoverage} | ${counts.Ignored} |\n${left.join("\n")}\n`);
