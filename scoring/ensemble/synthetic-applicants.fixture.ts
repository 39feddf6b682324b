import { Random } from "../core/random";
import { createMatrix, type FeatureSpec, type Matrix } from "../data/matrix";

/** Feature spec of the synthetic applicants (numeric with missing values, and one categorical). */
export const SYNTHETIC_FEATURES: readonly FeatureSpec[] = [
  { name: "utilisation", kind: "numeric" },
  { name: "age", kind: "numeric" },
  { name: "late90", kind: "numeric" },
  { name: "monthlyIncome", kind: "numeric" },
  { name: "housing", kind: "categorical", categories: ["own", "rent", "other"] },
];

/**
 * Test data with a known generating model (tests must not need the real datasets):
 * logit PD = −2.6 + 2·utilisation − 0.03·(age − 45) + 0.8·late90 − 0.4·ln(income / 3000) + 0.5·[rent],
 * income missing for 20 % of rows (those get +0.3), housing missing for 5 %. Labels ~ Bernoulli(PD).
 */
export function syntheticApplicants(rows: number, seed: number): { x: Matrix; y: Float64Array } {
  const random = new Random(seed);
  const columns = SYNTHETIC_FEATURES.map(() => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const utilisation = 1.5 * random.nextFloat();
    const age = 21 + Math.floor(60 * random.nextFloat());
    const late90 = random.nextFloat() < 0.85 ? 0 : 1 + random.nextInt(3);
    const income = random.nextFloat() < 0.2 ? NaN : Math.round(3000 * Math.exp(0.6 * random.nextGaussian()));
    const housing = random.nextFloat() < 0.05 ? NaN : random.nextInt(3);
    const logit = -2.6 + 2 * utilisation - 0.03 * (age - 45) + 0.8 * late90 + (Number.isNaN(income) ? 0.3 : -0.4 * Math.log(income / 3000)) + (housing === 1 ? 0.5 : 0);
    y[i] = random.nextFloat() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    [utilisation, age, late90, income, housing].forEach((v, j) => (columns[j][i] = v));
  }
  return { x: createMatrix(SYNTHETIC_FEATURES, columns), y };
}
