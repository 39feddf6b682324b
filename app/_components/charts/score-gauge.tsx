import type { ScoreScaleFieldsFragment } from "@/graphql/generated/client/graphql";
import { capitalise, describeRiskLevel, describeScoreBand } from "../format";

// A half-dial over the model's score range with its risk bands as coloured arcs and a needle at the score.
// The range and bands are the scoring model's own (ModelVersion.scale), never a global.
const bucketColours = ["#059669", "#0ea5e9", "#eab308", "#f59e0b", "#dc2626"];

function pointOnDial(scale: ScoreScaleFieldsFragment, score: number, radius: number): [number, number] {
  const share = (Math.min(Math.max(score, scale.minScore), scale.maxScore) - scale.minScore) / (scale.maxScore - scale.minScore);
  const angle = Math.PI * (1 - share);
  return [100 + radius * Math.cos(angle), 95 - radius * Math.sin(angle)];
}

function arcPath(scale: ScoreScaleFieldsFragment, from: number, to: number, radius: number): string {
  const [x1, y1] = pointOnDial(scale, from, radius);
  const [x2, y2] = pointOnDial(scale, to, radius);
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${radius} ${radius} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

/**
 * The score on its model's scale, the arcs being that model's risk bands; the band and risk level printed
 * under the dial are the stored ones (`riskBucket`, the policy's `decision.riskLevel`).
 */
export function ScoreGauge({ score, riskBucket, riskLevel, scale }: { score: number; riskBucket: string; riskLevel?: string; scale: ScoreScaleFieldsFragment }) {
  const [needleX, needleY] = pointOnDial(scale, score, 62);
  const bands = scale.bands.map((band, k) => ({ from: Math.max(band.minScore, scale.minScore), to: k === 0 ? scale.maxScore : scale.bands[k - 1].minScore, colour: bucketColours[Math.min(k, bucketColours.length - 1)] }));
  return (
    <figure className="w-full max-w-[16rem]">
      <svg viewBox="0 0 200 132" role="img" aria-label={`Score ${score} on a scale of ${scale.minScore} to ${scale.maxScore}, ${describeScoreBand(riskBucket)}`} className="w-full">
        {bands.map((band) => (
          <path key={band.from} d={arcPath(scale, band.from, band.to, 85)} stroke={band.colour} strokeWidth={14} fill="none" />
        ))}
        <line x1={100} y1={95} x2={needleX} y2={needleY} stroke="#0f172a" strokeWidth={3} strokeLinecap="round" />
        <circle cx={100} cy={95} r={5} fill="#0f172a" />
        <text x={100} y={128} textAnchor="middle" className="fill-slate-900 text-[26px] font-semibold">
          {score}
        </text>
        <text x={15} y={108} textAnchor="middle" className="fill-slate-500 text-[9px]">
          {scale.minScore}
        </text>
        <text x={185} y={108} textAnchor="middle" className="fill-slate-500 text-[9px]">
          {scale.maxScore}
        </text>
      </svg>
      <figcaption className="text-center text-sm">
        <span className="font-semibold">{capitalise(describeScoreBand(riskBucket, scale.bands))}</span>
        {riskLevel && <span className="text-slate-600"> · {describeRiskLevel(riskLevel)}</span>}
      </figcaption>
    </figure>
  );
}
