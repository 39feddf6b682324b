import { ScoringError } from "../core/errors";
import { assertSameFeatures, type FeatureSpec, type Matrix } from "../data/matrix";
import { attributionInProbabilitySpace, distributeProportionally } from "../explain/probability-attribution";
import type { Attribution, FittedBinaryClassifier } from "../models/model";
import { canonicalJson, contentHash } from "../artifact/canonical-json";
import type { EnsembleConfig } from "./ensemble-config";
import type { MemberName } from "./members";

/** Current version of the artifact format written by FittedEnsemble#toJSON (2: cross-fitted training metadata and config). */
export const ARTIFACT_FORMAT_VERSION = 2;
/** The artifact's `kind`, so a document of another kind is refused on load. */
export const ARTIFACT_KIND = "microtrust-ensemble";

/** A monotone map from the weighted average to PD (see ensemble-config's CalibrationMethod). */
export interface ProbabilityCalibrator {
  readonly kind: string;
  calibrate(probability: number): number;
  toJSON(): unknown;
}

/** One member inside the ensemble. */
export interface EnsembleMember {
  readonly name: MemberName;
  readonly weight: number;
  readonly model: FittedBinaryClassifier;
}

/** What training recorded about itself (stored in the artifact). */
export interface TrainingMetadata {
  /** digestTrainingData of the training matrix and labels. */
  readonly dataDigest: string;
  readonly rows: number;
  readonly positives: number;
  readonly seed: number;
  /** Folds of cross-fitting; the shipped members were fitted on all `rows`. */
  readonly crossFitFolds: number;
  /** Rounds of the shipped gradient boosting (median of its fold fits' early-stopped round counts), when it was trained. */
  readonly finalBoostingIterations?: number;
  /** ROC-AUC, Brier and log loss of the out-of-fold predictions (weights and calibration were chosen on them, so optimistic for the ensemble rows). */
  readonly outOfFoldMetrics: Readonly<Record<string, { readonly auc: number; readonly brier?: number; readonly logLoss?: number }>>;
  /** Out-of-fold AUC of each weight vector the policy compared, best first per member set. */
  readonly weightSearch: readonly { readonly members: readonly MemberName[]; readonly weights: readonly number[]; readonly auc: number }[];
}

/** The ensemble's explanation of one row before it is turned into score points. */
export interface EnsembleRowExplanation {
  /** Calibrated PD, exactly what predictRowProba returns. */
  readonly probabilityOfDefault: number;
  /** Calibrated PD at the base (the weighted members' expected outputs). */
  readonly baseProbabilityOfDefault: number;
  /** Per-feature weights of the combined probability-space attribution ψ (they sum to raw − rawBase). */
  readonly probabilityAttribution: Float64Array;
  /** Each member's PD for the row, in member order. */
  readonly memberProbabilities: Float64Array;
}

/**
 * A trained ensemble: PD = calibrate(Σ_k w_k · p_k(x)), Σ w_k = 1.
 * Immutable; it satisfies the FittedBinaryClassifier contract, and its toJSON() is the artifact
 * (format version, feature spec, members, weights, calibration, scaling, components, reason catalog,
 * training metadata and content hash).
 */
export class FittedEnsemble implements FittedBinaryClassifier {
  readonly kind = "ensemble";
  readonly features: readonly FeatureSpec[];
  readonly members: readonly EnsembleMember[];
  readonly calibrator: ProbabilityCalibrator | null;
  readonly config: EnsembleConfig;
  readonly training: TrainingMetadata;
  /** Σ w_k · (member k's expected output in probability space): the raw average at the base. */
  readonly baseRawProbability: number;
  readonly baseProbabilityOfDefault: number;
  private readonly weights: Float64Array;

  constructor(features: readonly FeatureSpec[], members: readonly EnsembleMember[], calibrator: ProbabilityCalibrator | null, config: EnsembleConfig, training: TrainingMetadata) {
    if (members.length === 0) throw new ScoringError("INVALID_ARGUMENT", "FittedEnsemble: at least one member is required", "members");
    const total = members.reduce((s, m) => s + m.weight, 0);
    if (!members.every((m) => m.weight > 0 && Number.isFinite(m.weight)) || Math.abs(total - 1) > 1e-9) {
      throw new ScoringError("INVALID_ARGUMENT", `FittedEnsemble: member weights must be > 0 and sum to 1, got ${members.map((m) => m.weight).join(", ")}`, "weights");
    }
    for (const member of members) {
      const got = member.model.features;
      if (got.length !== features.length || got.some((f, j) => f.name !== features[j].name || f.kind !== features[j].kind)) {
        throw new ScoringError("SHAPE_MISMATCH", `FittedEnsemble: member "${member.name}" was fitted on other features`, member.name);
      }
    }
    this.features = Object.freeze([...features]);
    this.members = Object.freeze([...members]);
    this.calibrator = calibrator;
    // Stored in canonical form (sorted keys), as a loaded artifact has them, so that everything derived
    // from the configuration is byte-identical before and after a save and load.
    this.config = JSON.parse(canonicalJson(config)) as EnsembleConfig;
    this.training = JSON.parse(canonicalJson(training)) as TrainingMetadata;
    this.weights = Float64Array.from(members, (m) => m.weight);
    const missingRow = new Float64Array(features.length).fill(NaN);
    this.baseRawProbability = members.reduce((s, m) => s + m.weight * attributionInProbabilitySpace(m.model.explainRow(missingRow)).base, 0);
    this.baseProbabilityOfDefault = this.calibrate(this.baseRawProbability);
    Object.freeze(this);
  }

  /** Member weights in member order. */
  memberWeights(): Float64Array {
    return Float64Array.from(this.weights);
  }

  private calibrate(raw: number): number {
    return this.calibrator === null ? raw : this.calibrator.calibrate(raw);
  }

  private assertRow(where: string, row: ArrayLike<number>): void {
    if (row.length !== this.features.length) {
      throw new ScoringError("SHAPE_MISMATCH", `${where}: row has ${row.length} values, model expects ${this.features.length} features`);
    }
  }

  /** Weighted average of the members' PDs, before calibration. */
  rawRowProbability(row: ArrayLike<number>): number {
    this.assertRow("FittedEnsemble.rawRowProbability", row);
    let raw = 0;
    for (let k = 0; k < this.members.length; k++) raw += this.weights[k] * this.members[k].model.predictRowProba(row);
    return raw;
  }

  /** PD = calibrate(Σ w_k p_k(row)). @throws SHAPE_MISMATCH on a row of another width. */
  predictRowProba(row: ArrayLike<number>): number {
    return this.calibrate(this.rawRowProbability(row));
  }

  /** PD for every row. @throws SHAPE_MISMATCH unless x has the model's features in order. */
  predictProba(x: Matrix): Float64Array {
    assertSameFeatures("FittedEnsemble.predictProba", this.features, x);
    const memberProba = this.members.map((m) => m.model.predictProba(x));
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      let raw = 0;
      for (let k = 0; k < memberProba.length; k++) raw += this.weights[k] * memberProba[k][i];
      out[i] = this.calibrate(raw);
    }
    return out;
  }

  /**
   * The combined attribution of one row. Each member's exact attribution is moved into probability
   * space (attributionInProbabilitySpace) and weighted: ψ_j = Σ_k w_k φ'_kj, so Σψ_j = raw − rawBase.
   * @throws SHAPE_MISMATCH on a row of another width.
   */
  explainRowDetailed(row: ArrayLike<number>): EnsembleRowExplanation {
    this.assertRow("FittedEnsemble.explainRow", row);
    const width = this.features.length;
    const psi = new Float64Array(width);
    const memberProbabilities = new Float64Array(this.members.length);
    let raw = 0;
    for (let k = 0; k < this.members.length; k++) {
      const model = this.members[k].model;
      const w = this.weights[k];
      const attribution = attributionInProbabilitySpace(model.explainRow(row));
      for (let j = 0; j < width; j++) psi[j] += w * attribution.contributions[j];
      memberProbabilities[k] = model.predictRowProba(row);
      raw += w * memberProbabilities[k];
    }
    return { probabilityOfDefault: this.calibrate(raw), baseProbabilityOfDefault: this.baseProbabilityOfDefault, probabilityAttribution: psi, memberProbabilities };
  }

  /**
   * Exact additive attribution of the calibrated PD: contributions = (PD − PD_base) distributed over ψ
   * (distributeProportionally), base = PD_base, output = PD. Space "probability".
   * @throws SHAPE_MISMATCH on a row of another width.
   */
  explainRow(row: ArrayLike<number>): Attribution {
    const e = this.explainRowDetailed(row);
    return {
      space: "probability",
      base: e.baseProbabilityOfDefault,
      contributions: distributeProportionally(e.probabilityOfDefault - e.baseProbabilityOfDefault, e.probabilityAttribution),
      output: e.probabilityOfDefault,
    };
  }

  /** The artifact body without its content hash (the hash is computed over exactly this). */
  private artifactBody(): Record<string, unknown> {
    return {
      formatVersion: ARTIFACT_FORMAT_VERSION,
      kind: ARTIFACT_KIND,
      features: this.features,
      members: this.members.map((m) => ({ name: m.name, weight: m.weight, model: m.model.toJSON() })),
      calibration: this.calibrator === null ? null : this.calibrator.toJSON(),
      config: this.config,
      training: this.training,
    };
  }

  /**
   * The artifact: a plain JSON-safe object whose `contentHash` (SHA-256 over the canonical JSON of the
   * rest) is the model's version id. Round-trips through loadArtifact to a model scoring identical bytes.
   */
  toJSON(): Record<string, unknown> {
    const body = JSON.parse(canonicalJson(this.artifactBody())) as Record<string, unknown>;
    return { ...body, contentHash: contentHash(body) };
  }

  /** The version id: the artifact's content hash. */
  versionId(): string {
    return this.toJSON().contentHash as string;
  }
}
