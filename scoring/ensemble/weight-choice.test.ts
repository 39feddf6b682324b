/**
 * Weight moves need a gain that holds up (issue 13, small books): with gainStandardErrors = z the
 * ensemble keeps the grid point nearest equal weights within z standard errors of the best, and adds
 * an optional member only for a gain beyond z standard errors; with weakMemberStandardErrors a member
 * significantly worse than the best one is left out first.
 */
import { describe, expect, it } from "vitest";
import { resolveEnsembleConfig } from "./ensemble-config";
import { syntheticApplicants } from "./synthetic-applicants.fixture";
import { Random } from "../core/random";
import type { MemberName } from "./members";
import { pairedAucDifference } from "./paired-auc-difference";
import { trainEnsemble, withoutWeakMembers } from "./train-ensemble";

const memberParams = { randomForest: { treeCount: 15 }, gradientBoosting: { iterations: 40 } };
const distanceFromEqual = (weights: readonly number[]): number => Math.hypot(...weights.map((w) => w - 1 / weights.length));

describe("weight choice under gainStandardErrors", () => {
  const { x, y } = syntheticApplicants(1200, 21);
  const train = (z: number) =>
    trainEnsemble(resolveEnsembleConfig({ memberParams, weights: { kind: "validation", core: ["scorecard", "randomForest"], optional: ["gradientBoosting"], gridStep: 0.05, minAucGain: 0, gainStandardErrors: z } }), x, y, { seed: 4 });
  const greedy = train(0);
  const shrunk = train(1);
  const cautious = train(50);

  it("z = 0 keeps the grid maximum; z = 1 stays at least as near equal weights, within its AUC tolerance", () => {
    const [greedyCore, shrunkCore] = [greedy.training.weightSearch[0], shrunk.training.weightSearch[0]];
    expect(distanceFromEqual(shrunkCore.weights)).toBeLessThanOrEqual(distanceFromEqual(greedyCore.weights));
    expect(shrunkCore.auc).toBeLessThanOrEqual(greedyCore.auc);
  });

  it("a huge z keeps equal core weights and never adds the optional member", () => {
    expect(cautious.members.map((m) => [m.name, m.weight])).toEqual([
      ["scorecard", 0.5],
      ["randomForest", 0.5],
    ]);
  });
});

describe("withoutWeakMembers (weakMemberStandardErrors)", () => {
  // Out-of-fold predictions with known quality: the forest sees the latent risk with little noise, the
  // boosting with a little more, the scorecard barely (mostly noise).
  const rows = 4000;
  const random = new Random(7);
  const y = new Float64Array(rows);
  const latent = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    latent[i] = random.nextGaussian();
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-(-1.5 + 1.2 * latent[i]))) ? 1 : 0;
  }
  const noisy = (sd: number) => Float64Array.from(latent, (v) => 1 / (1 + Math.exp(-(v + sd * random.nextGaussian()))));
  const predictions = new Map<MemberName, Float64Array>([
    ["scorecard", noisy(4)],
    ["randomForest", noisy(0.3)],
    ["gradientBoosting", noisy(0.35)],
  ]);
  const names = ["scorecard", "randomForest", "gradientBoosting"] as const;

  it("absent: every member stays, in the given order", () => {
    expect(withoutWeakMembers(names, predictions, y, undefined)).toEqual([...names]);
  });

  it("z = 1 leaves out the member significantly worse than the best, keeps the one within noise, best first", () => {
    const weak = pairedAucDifference(y, predictions.get("randomForest") as Float64Array, predictions.get("scorecard") as Float64Array);
    const close = pairedAucDifference(y, predictions.get("randomForest") as Float64Array, predictions.get("gradientBoosting") as Float64Array);
    expect(weak.difference).toBeGreaterThan(weak.standardError);
    expect(Math.abs(close.difference)).toBeLessThan(close.standardError);
    expect(withoutWeakMembers(names, predictions, y, 1)).toEqual(["randomForest", "gradientBoosting"]);
  });

  it("a z beyond every difference keeps all members; a lone member always stays", () => {
    expect(withoutWeakMembers(names, predictions, y, 1e6)).toEqual(["randomForest", "scorecard", "gradientBoosting"]);
    expect(withoutWeakMembers(["scorecard"], predictions, y, 0)).toEqual(["scorecard"]);
  });

  it("in training, z_w = 0 keeps only the members tied with the best out of fold", () => {
    const { x, y: labels } = syntheticApplicants(1200, 21);
    const config = resolveEnsembleConfig({ memberParams, weights: { kind: "validation", core: ["scorecard", "randomForest"], optional: ["gradientBoosting"], gridStep: 0.05, minAucGain: 0, gainStandardErrors: 1, weakMemberStandardErrors: 0 } });
    const ensemble = trainEnsemble(config, x, labels, { seed: 4 });
    const oof = ensemble.training.outOfFoldMetrics;
    const bestAuc = Math.max(oof.scorecard.auc, oof.randomForest.auc, oof.gradientBoosting.auc);
    // With z_w = 0 only members at least as good as the best out of fold can stay: here the best alone.
    for (const member of ensemble.members) expect(oof[member.name].auc).toBe(bestAuc);
    for (const search of ensemble.training.weightSearch) for (const name of search.members) expect(oof[name].auc).toBe(bestAuc);
  });
});

describe("weight search with weakMemberStandardErrors", () => {
  const { x, y } = syntheticApplicants(1200, 21);
  it("a z_w beyond every difference searches all three members together, from equal weights", () => {
    const config = resolveEnsembleConfig({ memberParams, weights: { kind: "validation", core: ["scorecard", "randomForest"], optional: ["gradientBoosting"], gridStep: 0.05, minAucGain: 0, gainStandardErrors: 50, weakMemberStandardErrors: 1e6 } });
    const ensemble = trainEnsemble(config, x, y, { seed: 4 });
    expect(ensemble.training.weightSearch.map((s) => s.members)).toEqual([["scorecard", "randomForest", "gradientBoosting"]]);
    // A huge z keeps the grid point nearest equal weights: a third each is not on a 0.05 grid, so the nearest points.
    expect(distanceFromEqual(ensemble.training.weightSearch[0].weights)).toBeLessThan(0.05);
  });
});
