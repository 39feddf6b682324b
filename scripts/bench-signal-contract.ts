// What the scoring path's contract check costs per scoring: checkSignalContract (predicates compiled from the
// contract, then the cross-record rules) against parseSignals (the zod schema), on a bundle of about the size
// a scoring reads (default 1,000 rows: a synthetic borrower's records, its transactions repeated with new ids).
//
//   npm run bench:signal-contract -- [--rows 1000] [--runs 2000]
//
// Prints CPU time (process.cpuUsage) and wall time per call; the machine may be shared, so read the CPU figure.
import { performance } from "node:perf_hooks";
import { checkSignalContract } from "@/scoring/signals/check-signal-contract";
import { parseSignals } from "@/scoring/signals/parse-signals";
import type { SignalBundle } from "@/scoring/signals/signal-schema";
import { generateBorrower } from "@/scoring/synthetic/generate-population";
import { option } from "./script-helpers";

const rows = Number(option("rows", "1000"));
const runs = Number(option("runs", "2000"));
const base = generateBorrower({ seed: 7, market: "KE", asOf: "2026-01-01T00:00:00Z" }, 1).bundle;
const others = base.accounts.length + base.bills.length + base.events.length + base.loans.reduce((sum, loan) => sum + loan.instalments.length, 0);
const copies = Math.ceil(Math.max(0, rows - others) / Math.max(1, base.transactions.length));
const bundle: SignalBundle = {
  ...base,
  transactions: Array.from({ length: copies }, (_, k) => base.transactions.map((transaction) => ({ ...transaction, externalId: `${transaction.externalId}-${k}` })))
    .flat()
    .slice(0, Math.max(0, rows - others)),
};
const rowCount = others + bundle.transactions.length;

function measure(name: string, run: () => void): number {
  for (let i = 0; i < Math.min(200, runs); i++) run();
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < runs; i++) run();
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / runs;
  console.log(`${name}: ${cpuMs.toFixed(3)} ms CPU, ${((performance.now() - start) / runs).toFixed(3)} ms wall per bundle of ${rowCount} rows`);
  return cpuMs;
}

const parse = measure("parseSignals (zod)", () => {
  if (!parseSignals(bundle).success) throw new Error("the bench bundle must be valid");
});
const check = measure("checkSignalContract (compiled)", () => checkSignalContract(bundle));
console.log(`signal contract: ${check.toFixed(3)} ms CPU per scoring of ${rowCount} rows (zod parse ${parse.toFixed(3)} ms, ${(parse / check).toFixed(1)}x)`);
