import type { SignalSummaryFieldsFragment } from "@/graphql/generated/client/graphql";
import { CashFlowChart } from "./charts/cash-flow-chart";
import { describePayment, formatDate, formatDateTime, formatMoney, humanizeEnum } from "./format";
import { Badge, EmptyState, TableScroll } from "./ui";

function paymentStatus(payment: SignalSummaryFieldsFragment["payments"][number], currency: string | null | undefined) {
  const { text, tone } = describePayment(payment, currency);
  return <Badge tone={tone}>{text}</Badge>;
}

/** What the lender holds: counts, accounts, the monthly cash flow and the bill and repayment timeline. */
export function SignalSummaryView({ summary, audience }: { summary: SignalSummaryFieldsFragment; audience: "lender" | "borrower" }) {
  const empty = summary.transactionCount + summary.billCount + summary.loanInstalmentCount + summary.eventCount === 0;
  return (
    <div className="space-y-5">
      <ul className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
        {[
          ["Transactions", summary.transactionCount],
          ["Bills", summary.billCount],
          ["Loan instalments", summary.loanInstalmentCount],
          ["Account events", summary.eventCount],
        ].map(([label, count]) => (
          <li key={label} className="rounded border border-slate-200 p-2">
            <span className="block text-xs text-slate-500">{label}</span>
            <span className="text-lg font-semibold tabular-nums">{count}</span>
          </li>
        ))}
      </ul>
      {empty ? (
        <EmptyState>{audience === "borrower" ? "The lender holds no transactions, bills, repayments or account events about you." : "No signals have been loaded for this borrower yet."}</EmptyState>
      ) : (
        <p className="text-sm text-slate-600">
          From {formatDateTime(summary.firstSignalAt)} to {formatDateTime(summary.lastSignalAt)}
          {summary.currency ? `, amounts in ${summary.currency}` : ""}.
        </p>
      )}
      <div>
        <h3 className="mb-2 font-medium">Accounts</h3>
        {summary.accounts.length === 0 ? (
          <EmptyState>No linked accounts.</EmptyState>
        ) : (
          <ul className="grid gap-2 text-sm sm:grid-cols-2">
            {summary.accounts.map((account) => (
              <li key={account.id} className="rounded border border-slate-200 p-2">
                <span className="font-medium">{account.provider}</span> · {humanizeEnum(account.type)} <span className="font-mono text-xs text-slate-500">{account.externalReference}</span>
                <span className="block text-xs text-slate-500">
                  Opened {formatDate(account.openedAt)} · {account.verified ? "verified" : "not verified"}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {summary.monthlyCashFlow.length > 0 && (
        <div>
          <h3 className="mb-2 font-medium">Monthly cash flow (last 12 months)</h3>
          <CashFlowChart months={summary.monthlyCashFlow} currency={summary.currency ?? null} />
          <details className="mt-1 text-sm">
            <summary className="cursor-pointer text-emerald-800">Cash flow as a table</summary>
            <TableScroll label="Monthly cash flow">
              <table className="mt-2 w-full min-w-[24rem] text-left">
                <thead className="text-slate-500">
                  <tr>
                    <th className="py-1 font-medium">Month</th>
                    <th className="py-1 text-right font-medium">In</th>
                    <th className="py-1 text-right font-medium">Out</th>
                    <th className="py-1 text-right font-medium">Net</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.monthlyCashFlow.map((month) => (
                    <tr key={month.month} className="border-t border-slate-100 tabular-nums">
                      <td className="py-1">{month.month}</td>
                      <td className="py-1 text-right">{formatMoney(month.inflow)}</td>
                      <td className="py-1 text-right">{formatMoney(month.outflow)}</td>
                      <td className="py-1 text-right">{formatMoney(month.net)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </details>
        </div>
      )}
      <div>
        <h3 className="mb-2 font-medium">Bills and repayments (last 12 months, newest first)</h3>
        {summary.payments.length === 0 ? (
          <EmptyState>No bills or loan instalments fell due in the last 12 months.</EmptyState>
        ) : (
          <ol className="max-h-80 space-y-1 overflow-y-auto border-l-2 border-slate-200 pl-3 text-sm" aria-label="Bill and repayment timeline" tabIndex={0}>
            {summary.payments.map((payment, index) => (
              <li key={`${payment.dueDate}-${payment.counterparty}-${index}`} className="flex flex-wrap items-center gap-x-2">
                <span className="w-24 shrink-0 tabular-nums text-slate-500">{formatDate(payment.dueDate)}</span>
                <span className="min-w-0 flex-1 truncate">
                  {payment.counterparty} <span className="text-xs text-slate-500">({payment.kind.toLowerCase().replace("_", " ")})</span>
                </span>
                <span className="tabular-nums">{formatMoney(payment.amountDue, summary.currency)}</span>
                {paymentStatus(payment, summary.currency)}
              </li>
            ))}
          </ol>
        )}
      </div>
      {summary.events.length > 0 && (
        <div>
          <h3 className="mb-2 font-medium">Account events</h3>
          <ul className="flex flex-wrap gap-2 text-sm">
            {summary.events.map((event, index) => (
              <li key={`${event.occurredAt}-${index}`} className="rounded border border-slate-200 px-2 py-1">
                {humanizeEnum(event.type)} · {formatDate(event.occurredAt)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
