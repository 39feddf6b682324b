/**
 * Weight moves need a gain that holds up (issue 13, small books): with gainStandardErrors = z the
 * ensemble keeps the grid point nearest equal weights within z standard errors of the best, and adds
 * an optional member only for a gain beyond z standard errors.
 */
import { describe, expect, it } from "vitest";
import { resolveEnsembleConfig } from "./ensemble-config";
import { syntheticApplicants } from "./synthetic-applicants.fixture";
import { trainEnsemble } from "./train-ensemble";

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
