import { DEFAULT_RISK_BUCKETS } from "@/scoring/scale/risk-buckets";

// A half-dial from 300 to 850 (the score scale) with the risk bands as coloured arcs and a needle at the score.
const scoreMin = 300;
const scoreMax = 850;
// The engine's risk buckets (A best … E worst), drawn from each bucket's lower bound to the next one's.
const bucketColours = ["#059669", "#0ea5e9", "#eab308", "#f59e0b", "#dc2626"];
const bands = DEFAULT_RISK_BUCKETS.map((bucket, k) => ({
  from: bucket.minScore,
  to: k === 0 ? scoreMax : DEFAULT_RISK_BUCKETS[k - 1].minScore,
  colour: bucketColours[Math.min(k, bucketColours.length - 1)],
}));

function pointOnDial(score: number, radius: number): [number, number] {
  const share = (Math.min(Math.max(score, scoreMin), scoreMax) - scoreMin) / (scoreMax - scoreMin);
  const angle = Math.PI * (1 - share);
  return [100 + radius * Math.cos(angle), 95 - radius * Math.sin(angle)];
}

function arcPath(from: number, to: number, radius: number): string {
  const [x1, y1] = pointOnDial(from, radius);
  const [x2, y2] = pointOnDial(to, radius);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${radius} ${radius} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

/**
 * The score on its 300–850 scale, the arcs being the engine's risk buckets; the band and risk level printed
 * under the dial are the stored ones (`riskBucket`, the policy's `decision.riskLevel`).
 */
export function ScoreGauge({ score, riskBucket, riskLevel }: { score: number; riskBucket: string; riskLevel?: string }) {
  const [needleX, needleY] = pointOnDial(score, 62);
  return (
    <figure className="w-full max-w-[16rem]">
      <svg viewBox="0 0 200 132" role="img" aria-label={`Score ${score} on a scale of 300 to 850, band ${riskBucket}`} className="w-full">
        {bands.map((band) => (
          <path key={band.from} d={arcPath(band.from, band.to, 85)} stroke={band.colour} strokeWidth={14} fill="none" />
        ))}
        <line x1={100} y1={95} x2={needleX} y2={needleY} stroke="#0f172a" strokeWidth={3} strokeLinecap="round" />
        <circle cx={100} cy={95} r={5} fill="#0f172a" />
        <text x={100} y={128} textAnchor="middle" className="fill-slate-900 text-[26px] font-semibold">
          {score}
        </text>
        <text x={15} y={108} textAnchor="middle" className="fill-slate-500 text-[9px]">
          300
        </text>
        <text x={185} y={108} textAnchor="middle" className="fill-slate-500 text-[9px]">
          850
        </text>
      </svg>
      <figcaption className="text-center text-sm">
        Band <span className="font-semibold">{riskBucket}</span>
        {riskLevel && <span className="text-slate-600"> · policy risk level {riskLevel.replace("_", " ").toLowerCase()}</span>}
      </figcaption>
    </figure>
  );
}
