import { ScoringError, requireArgument } from "../core/errors";
import { aucComponents, differenceOfComponents, type AucComponents } from "../ensemble/paired-auc-difference";

/** The standard normal quantile at 0.975: a 95 % two-sided interval is estimate ± 1.96·SE. */
export const Z_95 = 1.959963984540054;

/** An AUC with its DeLong standard error and 95 % interval (clipped to [0, 1]). */
export interface AucWithInterval {
  readonly auc: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
}

/** AUC(a) − AUC(b) on the same rows with its DeLong standard error, 95 % interval and two-sided p-value. */
export interface PairedDifferenceWithInterval {
  readonly difference: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
  /** difference / standardError (0 when both are 0). */
  readonly z: number;
  /** P(|Z| ≥ |z|) under H₀: AUC(a) = AUC(b); 1 when the standard error is 0 and the difference is 0. */
  readonly pValue: number;
}

/**
 * One AUC with DeLong's variance (DeLong, DeLong & Clarke-Pearson 1988; Sun & Xu 2014, eq. 2):
 *   AUC = mean V10 = mean V01,   Var(AUC) = S²(V10)/n₁ + S²(V01)/n₀,
 * V10, V01 the structural components (see aucComponents), S² the sample variance. The interval is the
 * normal (Wald) one, AUC ± 1.96·SE, clipped to [0, 1] — what pROC's `ci.auc(method = "delong")` gives.
 * @param components from aucComponents(labels, scores): labels 0/1 (1 = default), scores higher = riskier.
 * @example aucWithInterval(aucComponents([0, 0, 1, 1], [0.1, 0.3, 0.2, 0.4])) // auc 0.75, SE √0.125 ≈ 0.3536
 */
export function aucWithInterval(components: AucComponents): AucWithInterval {
  // The difference against a constant score's components (all zero) is the AUC itself, with its own variance.
  const zero = { v10: new Float64Array(components.v10.length), v01: new Float64Array(components.v01.length) };
  const { difference: auc, standardError } = differenceOfComponents(components, zero);
  return { auc, standardError, lower: Math.max(0, auc - Z_95 * standardError), upper: Math.min(1, auc + Z_95 * standardError) };
}

/**
 * The paired difference AUC(a) − AUC(b) on the same rows with DeLong's variance of the difference (see
 * pairedAucDifference), its 95 % Wald interval and the two-sided p-value 2·(1 − Φ(|z|)) — DeLong's test,
 * as pROC's `roc.test(method = "delong", paired = TRUE)`.
 * @throws ScoringError SHAPE_MISMATCH when the components come from different label vectors.
 */
export function pairedDifferenceWithInterval(a: AucComponents, b: AucComponents): PairedDifferenceWithInterval {
  const { difference, standardError } = differenceOfComponents(a, b);
  const z = standardError > 0 ? difference / standardError : 0;
  const pValue = standardError > 0 ? erfc(Math.abs(z) / Math.SQRT2) : difference === 0 ? 1 : 0;
  return { difference, standardError, lower: difference - Z_95 * standardError, upper: difference + Z_95 * standardError, z, pValue };
}

/** Both models' DeLong components on one label vector (computed once, used for each AUC and the difference). */
export function pairedComponents(labels: ArrayLike<number>, a: ArrayLike<number>, b: ArrayLike<number>): { a: AucComponents; b: AucComponents } {
  if (a.length !== b.length) throw new ScoringError("SHAPE_MISMATCH", `pairedComponents: ${a.length} scores of a, ${b.length} of b`);
  return { a: aucComponents(labels, a), b: aucComponents(labels, b) };
}

/**
 * The complementary error function, erfc(x) = 1 − erf(x), by the Chebyshev fit of Numerical Recipes
 * (Press et al. 2007, §6.2.2, `erfccheb` predecessor `erfcc`): fractional error below 1.2·10⁻⁷ everywhere.
 */
export function erfc(x: number): number {
  requireArgument(!Number.isNaN(x), "erfc: x", "a number");
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}
