/**
 * Paired comparison of two prediction files of the same rows (scoring/bench/ensemble.ts --predictions):
 * both AUCs, their difference and its standard error by DeLong et al. (1988), so a configuration's gain
 * on validation rows can be read against its noise.
 *
 *   npx tsx scoring/bench/paired-auc.ts --a /tmp/base.csv --b /tmp/candidate.csv
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { pairedAucDifference } from "../ensemble/paired-auc-difference";
import { rocAuc } from "../metrics/index";

function readPredictions(path: string): { rows: string[]; labels: Float64Array; pd: Float64Array } {
  const lines = readFileSync(path, "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
  return { rows: lines.map((l) => l[0]), labels: Float64Array.from(lines, (l) => Number(l[1])), pd: Float64Array.from(lines, (l) => Number(l[2])) };
}

const { values } = parseArgs({ options: { a: { type: "string" }, b: { type: "string" } }, strict: true });
if (values.a === undefined || values.b === undefined) throw new Error("--a and --b are required (prediction files of the same rows)");
const a = readPredictions(values.a);
const b = readPredictions(values.b);
if (a.rows.join() !== b.rows.join()) throw new Error("the two files do not hold the same rows in the same order");
const { difference, standardError } = pairedAucDifference(a.labels, b.pd, a.pd);
console.log(JSON.stringify({ rows: a.rows.length, aucA: rocAuc(a.labels, a.pd), aucB: rocAuc(a.labels, b.pd), differenceBminusA: difference, standardError, z: difference / standardError }, null, 2));
