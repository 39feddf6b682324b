"use client";

import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPoints } from "../format";
import { useNarrowScreen } from "../use-narrow-screen";
import { buildWaterfall, type WaterfallContribution } from "./waterfall-steps";

/**
 * From the average applicant's score (baseScore) to this score: each feature's contribution is a step, the
 * largest `shownFeatures` by size drawn one by one and the rest as one step, so the bars visibly sum.
 */
export function ContributionWaterfall({ baseScore, contributions, score, shownFeatures = 12 }: { baseScore: number; contributions: WaterfallContribution[]; score: number; shownFeatures?: number }) {
  const waterfall = buildWaterfall(baseScore, contributions, shownFeatures);
  // Totals are drawn from the axis start; a feature's bar spans its step, whichever way it goes.
  const rows = waterfall.steps.map((step) => ({
    ...step,
    range: (step.kind === "total" ? [waterfall.axisMin, step.end] : [Math.min(step.start, step.end), Math.max(step.start, step.end)]) as [number, number],
  }));
  const narrow = useNarrowScreen();
  // One row height at every width, so that the chart does not change height after hydration.
  const chartHeight = 40 + rows.length * 32;
  return (
    <figure>
      <div style={{ height: chartHeight }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" domain={[waterfall.axisMin, waterfall.axisMax]} allowDecimals={false} tick={{ fontSize: 11 }} tickCount={narrow ? 3 : 5} />
            <YAxis type="category" dataKey="label" width={narrow ? 96 : 160} tick={{ fontSize: narrow ? 10 : 11 }} interval={0} />
            <Tooltip formatter={(_value, _name, item) => [item.payload.kind === "feature" ? `${formatPoints(item.payload.points)} points` : `${item.payload.end.toFixed(1)}`, item.payload.label]} />
            <ReferenceLine x={baseScore} stroke="#64748b" strokeDasharray="3 3" />
            <Bar dataKey="range" isAnimationActive={false}>
              {rows.map((row) => (
                <Cell key={row.key} fill={row.kind === "total" ? "#334155" : row.points >= 0 ? "#059669" : "#dc2626"} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-sm text-slate-700">
        Base score (the average applicant) {baseScore.toFixed(1)} {formatPoints(waterfall.totalPoints)} points from {contributions.length} features = {waterfall.scoreExact.toFixed(1)}, shown as {score}
        {Math.round(waterfall.scoreExact) !== score && <span className="text-red-700"> (the stored score differs from the sum: report this)</span>}.
      </figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-emerald-800">Every contribution as a table</summary>
        <table className="mt-2 w-full text-left">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 font-medium">Step</th>
              <th className="py-1 text-right font-medium">Points</th>
              <th className="py-1 text-right font-medium">Running total</th>
            </tr>
          </thead>
          <tbody>
            {waterfall.steps.map((step) => (
              <tr key={step.key} className="border-t border-slate-100">
                <td className="py-1">{step.label}</td>
                <td className="py-1 text-right tabular-nums">{step.kind === "feature" ? formatPoints(step.points) : ""}</td>
                <td className="py-1 text-right tabular-nums">{step.end.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
