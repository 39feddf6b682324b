"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Scorings per month (bars) with the realised default rate (line) of those with an outcome. */
export function MonthlyPerformanceChart({ months }: { months: { month: string; scored: number; withOutcome: number; defaultRate: number | null }[] }) {
  return (
    <div className="h-64" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={months} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="month" tick={{ fontSize: 11 }} />
          <YAxis yAxisId="count" tick={{ fontSize: 11 }} width={40} allowDecimals={false} />
          <YAxis yAxisId="rate" orientation="right" tick={{ fontSize: 11 }} width={44} tickFormatter={(value: number) => `${Math.round(value * 100)}%`} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="count" dataKey="scored" name="Scored" fill="#cbd5e1" isAnimationActive={false} />
          <Bar yAxisId="count" dataKey="withOutcome" name="With outcome" fill="#64748b" isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="defaultRate" name="Default rate" stroke="#dc2626" strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
