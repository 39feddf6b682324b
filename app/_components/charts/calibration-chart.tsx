"use client";

import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";

/** Predicted PD against the observed default rate per bin; on the diagonal the PDs are calibrated. */
export function CalibrationChart({ bins }: { bins: { meanPredicted: number; observedRate: number; count: number }[] }) {
  const top = Math.min(1, Math.max(0.05, ...bins.flatMap((bin) => [bin.meanPredicted, bin.observedRate])) * 1.1);
  return (
    <figure>
      <div className="h-64" role="img" aria-label="Calibration plot: predicted against observed default rate per bin">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis type="number" dataKey="meanPredicted" name="Predicted PD" domain={[0, top]} tick={{ fontSize: 11 }} tickFormatter={(value: number) => value.toFixed(2)} label={{ value: "Predicted PD", position: "insideBottom", offset: -8, fontSize: 11 }} />
            <YAxis type="number" dataKey="observedRate" name="Observed rate" domain={[0, top]} tick={{ fontSize: 11 }} width={40} tickFormatter={(value: number) => value.toFixed(2)} />
            <ZAxis type="number" dataKey="count" range={[30, 200]} name="Rows" />
            <Tooltip formatter={(value) => (typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(3)) : String(value))} />
            <ReferenceLine segment={[{ x: 0, y: 0 }, { x: top, y: top }]} stroke="#94a3b8" strokeDasharray="4 4" />
            <Scatter data={bins} fill="#0369a1" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-center text-xs text-slate-600">Calibration · point size = rows in the bin</figcaption>
    </figure>
  );
}
