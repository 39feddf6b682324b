// Training rows from the tenant's two sources: its imported loan book and its own scorings with outcomes.
// Both carry feature vectors frozen as of the decision (a historical loan's disbursement, a scoring's asOf),
// so no row sees data from after its decision.
import { featureNames, type FeatureVector } from "@/scoring/features/feature-catalog";
import type { TrainingRow } from "@/scoring/training/train-tenant-model";

/** A feature vector as stored JSON: missing values (NaN) as null, as CreditScore.features stores them. */
export function featuresAsJson(vector: FeatureVector): Record<string, number | null> {
  return Object.fromEntries(Object.entries(vector).map(([name, value]) => [name, Number.isFinite(value) ? value : null]));
}

/** A stored feature vector (missing as null) back as the engine's vector (missing as NaN); unknown names ignored. */
export function featureVectorFromJson(stored: unknown): FeatureVector {
  const values = (stored ?? {}) as Record<string, unknown>;
  return Object.fromEntries(featureNames.map((name) => [name, typeof values[name] === "number" ? (values[name] as number) : NaN])) as FeatureVector;
}

/** DEFAULT and WRITTEN_OFF are defaults (as portfolio performance counts them); PAID_OFF and LATE are not. */
export const isDefault = (status: string): boolean => status === "DEFAULT" || status === "WRITTEN_OFF";

/** Rows from historical loans: features as of disbursement (computed at import from signals strictly before it). */
export function rowsFromBook(loans: readonly { disbursedAt: Date; status: string; features: unknown }[]): TrainingRow[] {
  return loans.map((loan) => ({ features: featureVectorFromJson(loan.features), defaulted: isDefault(loan.status), decidedAtMs: loan.disbursedAt.getTime() }));
}

/** Rows from scorings: the vector frozen in CreditScore.features at scoring time, labelled by the latest outcome. */
export function rowsFromScorings(scorings: readonly { asOf: Date; status: string; features: unknown }[]): TrainingRow[] {
  return scorings.map((scoring) => ({ features: featureVectorFromJson(scoring.features), defaulted: isDefault(scoring.status), decidedAtMs: scoring.asOf.getTime() }));
}
