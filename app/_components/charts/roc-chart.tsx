"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** The ROC curve on holdout rows; the diagonal is a model that ranks at random (AUC 0.5). */
export function RocChart({ points, auc }: { points: { falsePositiveRate: number; truePositiveRate: number }[]; auc: number }) {
  return (
    <figure>
      <div className="h-64" role="img" aria-label={`ROC curve, AUC ${auc.toFixed(3)}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis type="number" dataKey="falsePositiveRate" domain={[0, 1]} tick={{ fontSize: 11 }} label={{ value: "False positive rate", position: "insideBottom", offset: -8, fontSize: 11 }} />
            <YAxis type="number" domain={[0, 1]} tick={{ fontSize: 11 }} width={40} />
            <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(3) : String(value))} labelFormatter={(label) => `FPR ${Number(label).toFixed(3)}`} />
            <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="#94a3b8" strokeDasharray="4 4" />
            <Line dataKey="truePositiveRate" name="True positive rate" stroke="#047857" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-center text-xs text-slate-600">ROC curve · AUC {auc.toFixed(3)}</figcaption>
    </figure>
  );
}
