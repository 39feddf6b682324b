import { describe, expect, it } from "vitest";
import { canonicalJson } from "../artifact/canonical-json";
import { selectRows } from "../data/matrix";
import { DEFAULT_GRADIENT_BOOSTING_PARAMS } from "../models/gradient-boosting";
import { DEFAULT_RANDOM_FOREST_PARAMS } from "../models/random-forest";
import { resolveEnsembleConfig } from "../ensemble/ensemble-config";
import { syntheticApplicants } from "../ensemble/synthetic-applicants.fixture";
import { planEnsembleTraining, trainEnsemble } from "../ensemble/train-ensemble";
import { trainEnsemblesInWorkers } from "./train-in-workers";

const config = resolveEnsembleConfig({
  memberParams: {
    randomForest: { ...DEFAULT_RANDOM_FOREST_PARAMS, treeCount: 8, maxDepth: 5, maxLeaves: 16 },
    gradientBoosting: { ...DEFAULT_GRADIENT_BOOSTING_PARAMS, iterations: 20, learningRate: 0.2, earlyStoppingRounds: 5 },
  },
});

describe("trainEnsemblesInWorkers", () => {
  it("fits two plans' members in one pool of threads and gives each the bytes trainEnsemble gives in one thread", async () => {
    const data = syntheticApplicants(1200, 5);
    const older = Uint32Array.from({ length: 900 }, (_, i) => i);
    const tasks = [
      { x: selectRows(data.x, older), y: Float64Array.from(older, (i) => data.y[i]), seed: 11 },
      { x: data.x, y: data.y, seed: 11 },
    ].map(({ x, y, seed }) => ({ plan: planEnsembleTraining(config, x, y, seed), x, y }));
    const progressed = new Set<number>();
    const fitted = await trainEnsemblesInWorkers(tasks, 2, (task) => progressed.add(task));
    tasks.forEach((task, t) => {
      const alone = trainEnsemble(config, task.x, task.y, { seed: 11 });
      expect(canonicalJson(fitted[t].ensemble.toJSON())).toBe(canonicalJson(alone.toJSON()));
      expect(fitted[t].members).toHaveLength(task.plan.jobs.length);
    });
    expect([...progressed].sort()).toEqual([0, 1]);
  }, 120_000);
});
