export interface WaterfallContribution {
  feature: string;
  label: string;
  points: number;
}

export interface WaterfallStep {
  key: string;
  label: string;
  kind: "total" | "feature";
  start: number;
  end: number;
  points: number;
}

export interface Waterfall {
  steps: WaterfallStep[];
  totalPoints: number;
  /** baseScore + Σ points: the unrounded score the contributions explain. */
  scoreExact: number;
  axisMin: number;
  axisMax: number;
}

/**
 * The waterfall's steps: base score, the `shownFeatures` largest contributions by |points| (ties by feature
 * name, so the order is stable), the others summed into one step, and the total. Each step starts where the
 * previous one ended, so the last feature step ends at exactly baseScore + Σ points.
 * @throws Error when shownFeatures is not a positive integer.
 */
export function buildWaterfall(baseScore: number, contributions: WaterfallContribution[], shownFeatures: number): Waterfall {
  if (!Number.isInteger(shownFeatures) || shownFeatures < 1) throw new Error(`buildWaterfall: shownFeatures must be a positive integer, got ${shownFeatures}`);
  const ordered = [...contributions].sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.feature.localeCompare(b.feature));
  const shown = ordered.slice(0, shownFeatures);
  const rest = ordered.slice(shownFeatures);
  const steps: WaterfallStep[] = [{ key: "base", label: "Base score", kind: "total", start: baseScore, end: baseScore, points: 0 }];
  let running = baseScore;
  const addStep = (key: string, label: string, points: number) => {
    steps.push({ key, label, kind: "feature", start: running, end: running + points, points });
    running += points;
  };
  for (const contribution of shown) addStep(contribution.feature, contribution.label, contribution.points);
  if (rest.length > 0) addStep("other-features", `${rest.length} other features`, rest.reduce((sum, contribution) => sum + contribution.points, 0));
  steps.push({ key: "score", label: "Score", kind: "total", start: running, end: running, points: 0 });
  const totals = steps.flatMap((step) => [step.start, step.end]);
  const padding = 10;
  return {
    steps,
    totalPoints: running - baseScore,
    scoreExact: running,
    axisMin: Math.floor((Math.min(...totals) - padding) / 10) * 10,
    axisMax: Math.ceil((Math.max(...totals) + padding) / 10) * 10,
  };
}
