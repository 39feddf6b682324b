// A year of one borrower's signals as a partner app would send them: salary and business income, spending,
// airtime, monthly bills paid on time and a repaid MFI loan, all dated before now so that a scoring reads them.
import type { BillInput, LoanInput, TransactionInput } from "../graphql/generated/client/graphql";

const dayMs = 86_400_000;

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function buildPartnerSignals(accountId: string, now: number, prefix: string): { transactions: TransactionInput[]; bills: BillInput[]; loans: LoanInput[] } {
  const transactions: TransactionInput[] = [];
  const bills: BillInput[] = [];
  for (let month = 12; month >= 1; month -= 1) {
    const start = now - month * 30 * dayMs;
    const at = (dayOffset: number) => new Date(start + dayOffset * dayMs + 10 * 3_600_000).toISOString();
    const push = (suffix: string, dayOffset: number, amount: string, direction: "CREDIT" | "DEBIT", category: TransactionInput["category"], counterparty: string) =>
      transactions.push({ externalId: `${prefix}-m${month}-${suffix}`, accountId, occurredAt: at(dayOffset), amount, currency: "KES", direction, category, counterparty });
    push("salary", 1, "42000.00", "CREDIT", "SALARY", "Acme Ltd");
    push("business", 12, "9500.00", "CREDIT", "BUSINESS_INCOME", "Market stall");
    push("rent", 3, "12000.00", "DEBIT", "BILL", "Landlord");
    push("savings", 4, "5000.00", "DEBIT", "SAVINGS", "SACCO savings");
    for (let week = 0; week < 4; week += 1) push(`shop${week}`, 5 + week * 6, "2300.00", "DEBIT", "MERCHANT", "Naivas");
    push("airtime", 8, "500.00", "DEBIT", "AIRTIME", "Safaricom");
    const due = start + 15 * dayMs;
    bills.push({ externalId: `${prefix}-kplc-${month}`, accountId, biller: "KPLC", billType: "ELECTRICITY", dueDate: isoDay(due), amountDue: "1800.00", paidAt: new Date(due - 2 * dayMs).toISOString(), amountPaid: "1800.00" });
    bills.push({ externalId: `${prefix}-water-${month}`, biller: "Nairobi Water", billType: "WATER", dueDate: isoDay(due + 5 * dayMs), amountDue: "650.00", paidAt: new Date(due + 4 * dayMs).toISOString(), amountPaid: "650.00" });
  }
  const disbursedAt = now - 300 * dayMs;
  const loans: LoanInput[] = [
    {
      externalId: `${prefix}-loan-1`,
      lender: "Faulu MFI",
      lenderType: "MFI",
      principal: "30000.00",
      disbursedAt: new Date(disbursedAt).toISOString(),
      instalments: [1, 2, 3, 4, 5, 6].map((k) => {
        const due = disbursedAt + k * 30 * dayMs;
        return { dueDate: isoDay(due), amountDue: "5600.00", paidAt: new Date(due - dayMs).toISOString(), amountPaid: "5600.00" };
      }),
    },
  ];
  return { transactions, bills, loans };
}
