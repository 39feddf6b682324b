import "server-only";
import { loadArtifact } from "@/scoring/artifact/load-artifact";
import { createModelVersion, type ModelVersionSummary } from "@/prisma/store/model-version";
import { requireRole, type UseCaseScope } from "../actor";
import { runAudited } from "../audited-change";
import { badUserInput } from "../errors";

export interface RegisterModelVersionInput {
  name: string;
  version: string;
  /** A model artifact as FittedEnsemble#toJSON writes it (`npm run scoring -- train` or a training job). */
  artifact: unknown;
}

const namePattern = /^[\p{L}\p{N} ._-]{1,60}$/u;

/**
 * Registers a model trained elsewhere as a DRAFT version (an ADMIN): the artifact must load (kind, format
 * version, content hash). It decides nothing until it is promoted with four eyes; it may first run as the
 * challenger. Audited (`model.registered`).
 * @throws DomainError FORBIDDEN, BAD_USER_INPUT naming `name`, `version` or `artifact`, CONFLICT when the
 * tenant already has this name and version or this very artifact.
 */
export async function registerModelVersion(scope: UseCaseScope, input: RegisterModelVersionInput): Promise<ModelVersionSummary> {
  requireRole(scope.actor, ["ADMIN"]);
  const name = input.name.trim();
  const version = input.version.trim();
  if (!namePattern.test(name)) throw badUserInput("name", "name: 1 to 60 letters, digits, spaces, dots, dashes or underscores.");
  if (!namePattern.test(version)) throw badUserInput("version", "version: 1 to 60 letters, digits, spaces, dots, dashes or underscores.");
  let model;
  try {
    model = loadArtifact(input.artifact);
  } catch (error) {
    throw badUserInput("artifact", `artifact: ${(error as Error).message}`);
  }
  const artifact = (typeof input.artifact === "string" ? JSON.parse(input.artifact) : input.artifact) as { contentHash: string; kind: string };
  return runAudited(scope, async (tx) => {
    const { artifact: _stored, ...created } = await createModelVersion(tx, scope.actor.tenantId, { name, version, kind: artifact.kind, status: "DRAFT", artifact: artifact as object, artifactSha256: artifact.contentHash });
    return { result: created, event: { action: "model.registered", entityType: "ModelVersion", entityId: created.id, payload: { name, version, artifactSha256: created.artifactSha256, features: model.features.length } } };
  });
}
