import { formatPoints } from "../format";

export interface SubScoreBar {
  component: string;
  label: string;
  value: number;
  points: number;
}

/** Component sub-scores on their 0–200 scale, 100 marked as neutral, with each component's points. */
export function SubScoreBars({ subScores }: { subScores: SubScoreBar[] }) {
  return (
    <ul className="space-y-2" aria-label="Sub-scores by component (0–200, 100 is neutral)">
      {subScores.map((subScore) => {
        const share = Math.min(Math.max(subScore.value, 0), 200) / 200;
        return (
          <li key={subScore.component} className="grid grid-cols-[minmax(0,10rem)_minmax(3rem,1fr)_auto] items-center gap-2 text-sm">
            <span className="truncate" title={subScore.label}>
              {subScore.label}
            </span>
            <span className="relative h-3 rounded bg-slate-100" aria-hidden="true">
              <span className={`absolute inset-y-0 left-0 rounded ${subScore.value >= 100 ? "bg-emerald-500" : "bg-amber-500"}`} style={{ width: `${share * 100}%` }} />
              <span className="absolute inset-y-[-2px] left-1/2 w-px bg-slate-500" />
            </span>
            <span className="text-right whitespace-nowrap tabular-nums">
              {subScore.value.toFixed(0)} <span className="text-xs text-slate-500">({formatPoints(subScore.points)} pts)</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
