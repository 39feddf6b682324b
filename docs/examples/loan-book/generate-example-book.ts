/**
 * Writes the example loan book of docs/loan-book-import.md from the synthetic population
 * (scoring/synthetic): 480 borrowers, one historical loan each, disbursed over the 12 months of 2024, with the
 * borrower's bills, loans with other lenders and behavioural events before and after it (no bank or
 * mobile-money feed and bills of the last 400 days only, to keep the files small).
 *
 *   npx tsx docs/examples/loan-book/generate-example-book.ts [--size 320] [--out docs/examples/loan-book]
 *
 * Same arguments → same bytes. The generator knows each applicant's outcome over the 12 months after its
 * application; it becomes the loan's status (DEFAULT with maxDaysLate ≥ 90, else PAID_OFF).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateBorrower } from "../../../scoring/synthetic/generate-population";

const SEED = 20_261_201;
const MS_PER_DAY = 86_400_000;

function argument(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && k + 1 < process.argv.length ? process.argv[k + 1] : fallback;
}

const money = (x: number): string => x.toFixed(2);
const iso = (ms: number): string => new Date(ms).toISOString();

function main(): void {
  const size = Number(argument("size", "480"));
  const out = argument("out", "docs/examples/loan-book");
  const borrowers: string[] = [];
  const signals: string[] = [];
  const loans: string[] = [];
  for (let i = 0; i < size; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    const asOf = `2024-${month}-${String((i % 27) + 1).padStart(2, "0")}T09:00:00.000Z`;
    const borrower = generateBorrower({ seed: SEED, asOf }, i);
    const identity = borrower.bundle.identity;
    const externalId = `EX-${String(i).padStart(5, "0")}`;
    borrowers.push(JSON.stringify({ externalId, givenName: "Example", familyName: `Borrower ${i}`, dateOfBirth: identity?.dateOfBirth ?? "1990-01-01", nationalIdType: identity?.nationalIdType ?? "HUDUMA", nationalId: `EX${String(i).padStart(8, "0")}`, phone: `+2547${String(10_000_000 + i)}` }));
    const b = borrower.bundle;
    signals.push(
      JSON.stringify({
        borrowerExternalId: externalId,
        bills: b.bills.filter((bill) => Date.parse(bill.dueDate) >= Date.parse(asOf) - 400 * MS_PER_DAY).map((bill) => ({ externalId: `${externalId}-${bill.externalId}`, billType: bill.billType, biller: bill.biller, amountDue: money(bill.amountDue), ...(bill.amountPaid !== undefined ? { amountPaid: money(bill.amountPaid) } : {}), dueDate: bill.dueDate, ...(bill.paidAt !== undefined ? { paidAt: iso(Date.parse(bill.paidAt)) } : {}) })).filter((bill) => !bill.amountPaid || bill.paidAt),
        loans: b.loans.map((loan) => ({
          externalId: `${externalId}-${loan.externalId}`,
          lender: loan.lender,
          lenderType: loan.lenderType,
          principal: money(loan.principal),
          disbursedAt: iso(Date.parse(loan.disbursedAt)),
          ...(loan.writtenOffAt !== undefined ? { writtenOffAt: iso(Date.parse(loan.writtenOffAt)) } : {}),
          instalments: loan.instalments.map((inst) => ({ amountDue: money(inst.amountDue), ...(inst.amountPaid !== undefined && inst.paidAt !== undefined ? { amountPaid: money(inst.amountPaid) } : {}), dueDate: inst.dueDate, ...(inst.paidAt !== undefined ? { paidAt: iso(Date.parse(inst.paidAt)) } : {}) })),
        })),
        events: b.events.map((event) => ({ externalId: `${externalId}-${event.externalId}`, type: event.type, occurredAt: iso(Date.parse(event.occurredAt)), ...(event.deviceId !== undefined ? { deviceId: event.deviceId } : {}) })),
      }),
    );
    const disbursedMs = Date.parse(asOf);
    const observedAt = iso(disbursedMs + 365 * MS_PER_DAY);
    loans.push(
      JSON.stringify(
        borrower.defaulted
          ? { borrowerExternalId: externalId, externalId: `L-${externalId}`, disbursedAt: asOf, amount: "20000.00", tenorDays: 90, status: "DEFAULT", maxDaysLate: 90 + (i % 60), defaultedAt: iso(disbursedMs + (90 + 90) * MS_PER_DAY), observedAt }
          : { borrowerExternalId: externalId, externalId: `L-${externalId}`, disbursedAt: asOf, amount: "20000.00", tenorDays: 90, status: "PAID_OFF", maxDaysLate: i % 7, observedAt },
      ),
    );
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "borrowers.jsonl"), borrowers.join("\n") + "\n");
  writeFileSync(join(out, "signals.jsonl"), signals.join("\n") + "\n");
  writeFileSync(join(out, "loans.jsonl"), loans.join("\n") + "\n");
  console.log(`wrote ${size} borrowers, ${loans.filter((l) => l.includes('"DEFAULT"')).length} defaults, to ${out}`);
}

main();
