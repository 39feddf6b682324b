import { ScoringError } from "../core/errors";
import type { FeatureSpec } from "../data/matrix";
import { calibratorFromArtifact } from "../ensemble/calibrators";
import { validateEnsembleConfig, type EnsembleConfig } from "../ensemble/ensemble-config";
import { ARTIFACT_FORMAT_VERSION, ARTIFACT_KIND, FittedEnsemble, type EnsembleMember, type TrainingMetadata } from "../ensemble/fitted-ensemble";
import { isMemberName, memberFromJSON } from "../ensemble/members";
import { contentHash } from "./canonical-json";

function invalid(message: string, field?: string): ScoringError {
  return new ScoringError("INVALID_ARTIFACT", `loadArtifact: ${message}`, field);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readFeatures(value: unknown): FeatureSpec[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid("features must be a non-empty array", "features");
  return value.map((f, j): FeatureSpec => {
    if (!isRecord(f) || typeof f.name !== "string") throw invalid(`feature ${j} is malformed`, "features");
    if (f.kind === "numeric") return { name: f.name, kind: "numeric" };
    if (f.kind === "categorical" && Array.isArray(f.categories) && f.categories.every((c) => typeof c === "string")) {
      return { name: f.name, kind: "categorical", categories: f.categories as string[] };
    }
    throw invalid(`feature "${f.name}" has an unknown kind or malformed categories`, "features");
  });
}

/**
 * Validates and rebuilds a model artifact written by FittedEnsemble#toJSON (as an object or its JSON
 * text): kind and format version must match, and the content hash must equal SHA-256 of the canonical
 * JSON of the rest of the document (so any edit is detected); then members, calibration and
 * configuration are rebuilt. The result scores byte-identical output to the model that wrote it.
 * @throws ScoringError INVALID_ARTIFACT on malformed JSON, another kind or version, a hash mismatch or
 * a malformed part (the member and calibration loaders' own INVALID_ARTIFACT errors pass through).
 */
export function loadArtifact(document: unknown): FittedEnsemble {
  let parsed: unknown = document;
  if (typeof document === "string") {
    try {
      parsed = JSON.parse(document);
    } catch (error) {
      throw invalid(`not JSON (${(error as Error).message})`);
    }
  }
  if (!isRecord(parsed)) throw invalid("the document must be a JSON object");
  if (parsed.kind !== ARTIFACT_KIND) throw invalid(`kind is ${JSON.stringify(parsed.kind)}, expected "${ARTIFACT_KIND}"`, "kind");
  if (parsed.formatVersion !== ARTIFACT_FORMAT_VERSION) throw invalid(`formatVersion is ${JSON.stringify(parsed.formatVersion)}, this engine reads ${ARTIFACT_FORMAT_VERSION}`, "formatVersion");
  const { contentHash: declaredHash, ...body } = parsed;
  if (typeof declaredHash !== "string") throw invalid("contentHash is missing", "contentHash");
  const actualHash = contentHash(body);
  if (actualHash !== declaredHash) throw invalid(`contentHash ${declaredHash} does not match the content (${actualHash}); the artifact was altered`, "contentHash");
  const features = readFeatures(body.features);
  if (!Array.isArray(body.members) || body.members.length === 0) throw invalid("members must be a non-empty array", "members");
  const members = body.members.map((m, k): EnsembleMember => {
    if (!isRecord(m) || !isMemberName(m.name) || typeof m.weight !== "number") throw invalid(`member ${k} is malformed`, "members");
    return { name: m.name, weight: m.weight, model: memberFromJSON(m.name, m.model) };
  });
  if (!isRecord(body.config) || !isRecord(body.training)) throw invalid("config and training must be objects", "config");
  const config = body.config as unknown as EnsembleConfig;
  try {
    validateEnsembleConfig(config);
    return new FittedEnsemble(features, members, calibratorFromArtifact(body.calibration ?? null), config, body.training as unknown as TrainingMetadata);
  } catch (error) {
    if (error instanceof ScoringError && error.code !== "INVALID_ARTIFACT") throw invalid(error.message, error.field);
    throw error;
  }
}
