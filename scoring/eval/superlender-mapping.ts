import type { Loan } from "../signals/signal-schema";

/**
 * The SuperLender loan book (Zindi "Loan Default Prediction Challenge", Nigeria) mapped into the signal
 * schema. Pure; used by ./superlender.ts and tested on hand-made rows (the dataset never enters tests).
 */

const MS_PER_DAY = 86_400_000;
const LAGOS_OFFSET = "+01:00";

/** The trainprevloans.csv columns the mapping reads. */
export const previousLoanColumns = ["systemloanid", "loanamount", "totaldue", "termdays", "approveddate", "closeddate", "firstduedate", "firstrepaiddate"] as const;
/** A trainprevloans.csv row (all cells as text). */
export type PreviousLoanRow = Readonly<Record<(typeof previousLoanColumns)[number], string>>;

/** The file's local time "2016-09-01 15:51:43.000000" as an instant in Lagos time: "2016-09-01T15:51:43+01:00". */
export function toLagosInstant(localDateTime: string): string {
  return `${localDateTime.slice(0, 10)}T${localDateTime.slice(11, 19)}${LAGOS_OFFSET}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * One earlier loan as a signal-schema loan: lender "SuperLender" (DIGITAL_LENDER), principal = loanamount,
 * disbursedAt = approveddate. Schedule: a loan of k = round(termdays / 30) ≤ 1 months is one instalment
 * {dueDate: firstduedate, amountDue: totaldue, paidAt: closeddate (repaid in full)}; for k ≥ 2 the first
 * instalment {firstduedate, totaldue/k, paidAt: firstrepaiddate} and the last {firstduedate + 30·(k−1)
 * days, totaldue/k, paidAt: closeddate}; intermediate instalments are not in the data and are left out.
 */
export function loanFromPreviousLoan(row: PreviousLoanRow): Loan {
  const totalDue = Number(row.totaldue);
  const months = Math.max(1, Math.round(Number(row.termdays) / 30));
  const firstDue = row.firstduedate.slice(0, 10);
  const instalments: Loan["instalments"] =
    months === 1
      ? [{ dueDate: firstDue, amountDue: totalDue, paidAt: toLagosInstant(row.closeddate), amountPaid: totalDue }]
      : [
          { dueDate: firstDue, amountDue: totalDue / months, paidAt: toLagosInstant(row.firstrepaiddate), amountPaid: totalDue / months },
          { dueDate: addDays(firstDue, 30 * (months - 1)), amountDue: totalDue / months, paidAt: toLagosInstant(row.closeddate), amountPaid: totalDue / months },
        ];
  return { externalId: row.systemloanid, lender: "SuperLender", lenderType: "DIGITAL_LENDER", principal: Number(row.loanamount), disbursedAt: toLagosInstant(row.approveddate), instalments };
}
