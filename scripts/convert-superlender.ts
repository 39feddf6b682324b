/**
 * Converts the SuperLender loan book (Zindi "Loan Default Prediction Challenge", Nigeria) into MicroTrust's
 * loan-book format (docs/loan-book-import.md): the worked example of importing a real lender's book.
 *
 *   npx tsx scripts/convert-superlender.ts --data ../shared/datasets/superlender_ng --out /tmp/superlender-book
 *
 * - borrowers.jsonl: one borrower per customer of trainperf.csv. The data hold no names, national ids or
 *   phones: the customer id stands in for the national id (type OTHER), names and phone are placeholders.
 *   dateOfBirth is the customer's birthdate when traindemographics.csv has it, else 1900-01-01 (the book
 *   format requires one; the book's features do not read identity, so it changes no training row).
 * - signals.jsonl: the customer's earlier loans (trainprevloans.csv) as `loans` with their schedules, mapped
 *   as scoring/eval/superlender-mapping.ts maps them (lender "SuperLender", DIGITAL_LENDER, Lagos time).
 * - loans.jsonl: the loans of trainperf.csv with their outcome: good_bad_flag "Bad" → DEFAULT (the data give
 *   no days late: maxDaysLate 90 and defaultedAt 90 days after the due date, by the 90+ DPD definition),
 *   "Good" → PAID_OFF with maxDaysLate 0; the due date is approveddate + termdays; observedAt is 90 days
 *   after the due date.
 * The file order keeps trainperf.csv's row order; `testLoanIds` are the loans of rows i with i % 5 == 4 (the
 * split protocol of ../shared/datasets/MANIFEST.md). Loan terms and demographics other than the birthdate
 * have no place in the signal schema and are not carried.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { loanFromPreviousLoan, previousLoanColumns, toLagosInstant, type PreviousLoanRow } from "@/scoring/eval/superlender-mapping";

const MS_PER_DAY = 86_400_000;
type Row = Record<string, string>;

function readCsv(path: string, required: readonly string[]): Row[] {
  const rows = parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as Row[];
  const missing = required.filter((column) => rows.length > 0 && !(column in rows[0]));
  if (missing.length > 0) throw new Error(`convert-superlender: ${path} lacks column(s) ${missing.join(", ")}`);
  return rows;
}

const money = (x: number): string => x.toFixed(2);
const instant = (text: string): string => new Date(Date.parse(text)).toISOString();

export interface SuperLenderBook {
  borrowers: string;
  signals: string;
  loans: string;
  /** systemloanid of every loan in trainperf.csv, in file order. */
  loanIds: string[];
  /** The TEST loans of the split protocol (row i with i % 5 == 4). */
  testLoanIds: string[];
}

/** The three JSON Lines files of the book (as text) and the TEST loan ids. */
export function convertSuperLender(dataDir: string): SuperLenderBook {
  const perf = readCsv(join(dataDir, "trainperf.csv"), ["customerid", "systemloanid", "approveddate", "loanamount", "termdays", "good_bad_flag"]);
  const previous = readCsv(join(dataDir, "trainprevloans.csv"), ["customerid", ...previousLoanColumns]) as (Row & PreviousLoanRow)[];
  const birthdates = new Map<string, string>();
  for (const row of readCsv(join(dataDir, "traindemographics.csv"), ["customerid", "birthdate"])) if (!birthdates.has(row.customerid) && row.birthdate) birthdates.set(row.customerid, row.birthdate.slice(0, 10));
  const previousByCustomer = new Map<string, PreviousLoanRow[]>();
  for (const row of previous) previousByCustomer.set(row.customerid, [...(previousByCustomer.get(row.customerid) ?? []), row]);
  const borrowers: string[] = [];
  const signals: string[] = [];
  const loans: string[] = [];
  perf.forEach((row, index) => {
    const externalId = row.customerid;
    borrowers.push(JSON.stringify({ externalId, givenName: "SuperLender", familyName: `customer ${externalId.slice(-8)}`, dateOfBirth: birthdates.get(externalId) ?? "1900-01-01", nationalIdType: "OTHER", nationalId: externalId.toUpperCase(), phone: `+234${String(1_000_000_000 + index)}` }));
    const earlier = (previousByCustomer.get(externalId) ?? []).map(loanFromPreviousLoan);
    if (earlier.length > 0) {
      signals.push(
        JSON.stringify({
          borrowerExternalId: externalId,
          loans: earlier.map((loan) => ({
            externalId: `SL-${loan.externalId}`,
            lender: loan.lender,
            lenderType: loan.lenderType,
            principal: money(loan.principal),
            disbursedAt: instant(loan.disbursedAt),
            instalments: loan.instalments.map((inst) => ({ amountDue: money(inst.amountDue), dueDate: inst.dueDate, ...(inst.paidAt ? { paidAt: instant(inst.paidAt), amountPaid: money(inst.amountPaid ?? inst.amountDue) } : {}) })),
          })),
        }),
      );
    }
    const disbursedAt = instant(toLagosInstant(row.approveddate));
    const dueMs = Date.parse(disbursedAt) + Number(row.termdays) * MS_PER_DAY;
    const observedAt = new Date(dueMs + 90 * MS_PER_DAY).toISOString();
    const bad = row.good_bad_flag === "Bad";
    loans.push(
      JSON.stringify({
        borrowerExternalId: externalId,
        externalId: row.systemloanid,
        disbursedAt,
        amount: money(Number(row.loanamount)),
        tenorDays: Number(row.termdays),
        status: bad ? "DEFAULT" : "PAID_OFF",
        maxDaysLate: bad ? 90 : 0,
        ...(bad ? { defaultedAt: observedAt } : {}),
        observedAt,
      }),
    );
  });
  const loanIds = perf.map((row) => row.systemloanid);
  return { borrowers: borrowers.join("\n") + "\n", signals: signals.join("\n") + "\n", loans: loans.join("\n") + "\n", loanIds, testLoanIds: loanIds.filter((_, i) => i % 5 === 4) };
}

function main(): void {
  const option = (name: string): string => {
    const k = process.argv.indexOf(`--${name}`);
    if (k < 0 || k + 1 >= process.argv.length) throw new Error(`convert-superlender: --${name} is required (usage: npx tsx scripts/convert-superlender.ts --data <dir> --out <dir>)`);
    return process.argv[k + 1];
  };
  const out = option("out");
  const book = convertSuperLender(option("data"));
  mkdirSync(out, { recursive: true });
  for (const name of ["borrowers", "signals", "loans"] as const) writeFileSync(join(out, `${name}.jsonl`), book[name]);
  writeFileSync(join(out, "test-loan-ids.txt"), book.testLoanIds.join("\n") + "\n");
  console.log(`wrote ${book.loanIds.length} borrowers and loans (${book.testLoanIds.length} TEST) to ${out}`);
}

if (process.argv[1]?.endsWith("convert-superlender.ts")) main();
