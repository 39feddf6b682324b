import { Random } from "../../core/random";
import { createMatrix, type FeatureSpec, type Matrix } from "../../data/matrix";
import { fitLogisticRegression } from "../logistic-regression";

/** Test data for the tree models: a nonlinear default process with a categorical and an informatively missing feature. */
export const SYNTHETIC_FEATURES: FeatureSpec[] = [
  { name: "utilisation", kind: "numeric" },
  { name: "age", kind: "numeric" },
  { name: "income", kind: "numeric" },
  { name: "channel", kind: "categorical", categories: ["branch", "web", "agent", "partner"] },
  { name: "noise", kind: "numeric" },
];

const CHANNEL_EFFECT = [0, 1.2, -0.8, 0.4];

/**
 * Rows of a known logit: an interaction (utilisation × young age), a step in utilisation, a
 * category effect, and income that is missing 30 % of the time — missing rows default more (+1.5),
 * so missingness is informative. `noise` carries no signal.
 */
export function generateSyntheticCredit(rows: number, seed: number): { x: Matrix; y: Float64Array } {
  const random = new Random(seed);
  const columns = SYNTHETIC_FEATURES.map(() => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const utilisation = random.nextFloat() * 1.5;
    const age = 18 + random.nextFloat() * 60;
    const incomeMissing = random.nextFloat() < 0.3;
    const income = Math.exp(7 + random.nextGaussian() * 0.5);
    const channel = random.nextInt(4);
    const logit = -2 + 3 * utilisation * (age < 35 ? 1 : 0.2) + (utilisation > 1 ? 1.5 : 0) + CHANNEL_EFFECT[channel] + (incomeMissing ? 1.5 : -0.3 * Math.log(income / 1100));
    columns[0][i] = utilisation;
    columns[1][i] = age;
    columns[2][i] = incomeMissing ? NaN : income;
    columns[3][i] = channel;
    columns[4][i] = random.nextGaussian();
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { x: createMatrix(SYNTHETIC_FEATURES, columns), y };
}

/**
 * Held-out probabilities of the linear baseline: L2 logistic regression on the raw features, missing
 * values imputed by the training mean, categories as their codes (what a naive linear model sees).
 */
export function linearBaselineProbabilities(train: { x: Matrix; y: Float64Array }, test: Matrix): Float64Array {
  const means = train.x.columns.map((column) => {
    const present = column.filter((v) => !Number.isNaN(v));
    return present.reduce((sum, v) => sum + v, 0) / present.length;
  });
  const impute = (x: Matrix): Float64Array[] => x.columns.map((column, j) => column.map((v) => (Number.isNaN(v) ? means[j] : v)));
  const fit = fitLogisticRegression(impute(train.x), train.y, { l2: 1 });
  const columns = impute(test);
  return Float64Array.from({ length: test.rows }, (_, i) => {
    const margin = columns.reduce((sum, column, j) => sum + fit.coefficients[j] * column[i], fit.intercept);
    return 1 / (1 + Math.exp(-margin));
  });
}

/**
 * One feature whose missingness is informative: a third of the rows are missing and 60 % of those default,
 * against 10 % of the rows with a value. A model that handles NaN natively predicts ≈ 0.6 for NaN, ≈ 0.1 otherwise.
 */
export function informativeMissingnessData(rows = 3000): { x: Matrix; y: Float64Array } {
  const column = new Float64Array(rows);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const missing = i % 3 === 0;
    column[i] = missing ? NaN : i % 7;
    y[i] = missing ? (i % 5 < 3 ? 1 : 0) : i % 10 === 1 ? 1 : 0;
  }
  return { x: createMatrix([{ name: "v", kind: "numeric" }], [column]), y };
}
