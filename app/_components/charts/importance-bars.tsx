"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useNarrowScreen } from "../use-narrow-screen";

/** Mean absolute contribution in score points, largest first. */
export function ImportanceBars({ items, title }: { items: { label: string; meanAbsolutePoints: number }[]; title: string }) {
  const rows = [...items].sort((a, b) => b.meanAbsolutePoints - a.meanAbsolutePoints);
  const narrow = useNarrowScreen();
  return (
    <figure>
      <div style={{ height: 32 + rows.length * 28 }} role="img" aria-label={`${title}: ${rows.map((row) => `${row.label} ${row.meanAbsolutePoints.toFixed(1)} points`).join(", ")}`}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="label" width={narrow ? 96 : 150} tick={{ fontSize: narrow ? 10 : 11 }} interval={0} />
            <Tooltip formatter={(value) => (typeof value === "number" ? `${value.toFixed(1)} points` : String(value))} />
            <Bar dataKey="meanAbsolutePoints" name="Mean |points|" fill="#0f766e" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-center text-xs text-slate-600">{title}</figcaption>
    </figure>
  );
}
