"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "../ui";
import { hasCashFlow, type CashFlowMonth } from "./cash-flow-months";

export type { CashFlowMonth };

/** Money in and out per month (bars) and the net (line), in the signals' currency; an empty state when nothing moved. */
export function CashFlowChart({ months, currency }: { months: CashFlowMonth[]; currency: string | null }) {
  if (!hasCashFlow(months)) {
    return <EmptyState>No money came in or went out in these months: no transactions are held for them (or none under the consents read).</EmptyState>;
  }
  const rows = months.map((month) => ({ month: month.month, inflow: Number(month.inflow), outflow: -Number(month.outflow), net: Number(month.net) }));
  return (
    <figure>
      <div className="h-64" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} stackOffset="sign">
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="month" tick={{ fontSize: 11 }} />
            <YAxis tick={{ fontSize: 11 }} width={64} tickFormatter={(value: number) => value.toLocaleString("en-GB", { notation: "compact" })} />
            <Tooltip formatter={(value) => (typeof value === "number" ? Math.abs(value).toLocaleString("en-GB", { maximumFractionDigits: 0 }) : String(value))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="inflow" name="Money in" fill="#059669" stackId="flow" isAnimationActive={false} />
            <Bar dataKey="outflow" name="Money out" fill="#f97316" stackId="flow" isAnimationActive={false} />
            <Line dataKey="net" name="Net" stroke="#0f172a" strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">Monthly cash flow{currency ? ` in ${currency}` : ""}; the table below lists the same figures.</figcaption>
    </figure>
  );
}
