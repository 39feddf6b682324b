// A candidate model for tests until trained tenant models exist here: the committed default artifact with its
// calibration shifted (prisma/testing/scoring-fixtures.ts) and its members' weights rotated, registered as a
// DRAFT version. Its probabilities of default all differ from the champion's and so does its ranking, so
// "which model said what" is visible in every result and the two AUCs differ.
import { contentHash } from "@/scoring/artifact/canonical-json";
import type { Db } from "@/prisma/store/database";
import { createModelVersion, type ModelVersionRecord } from "@/prisma/store/model-version";
import { shiftedDefaultArtifact } from "@/prisma/testing/scoring-fixtures";

export function candidateArtifact(interceptShift: number): { artifact: Record<string, unknown>; contentHash: string } {
  const { contentHash: _declared, ...body } = shiftedDefaultArtifact(interceptShift).artifact;
  const members = body.members as { weight: number }[];
  const weights = members.map((member) => member.weight);
  members.forEach((member, index) => (member.weight = weights[(index + 1) % weights.length]));
  const hash = contentHash(body);
  return { artifact: { ...body, contentHash: hash }, contentHash: hash };
}

export function registerDraftCandidate(db: Db, tenantId: string, interceptShift: number, name = "candidate"): Promise<ModelVersionRecord> {
  const { artifact, contentHash: hash } = candidateArtifact(interceptShift);
  return createModelVersion(db, tenantId, { name, version: hash.slice(0, 12), kind: "microtrust-ensemble", status: "DRAFT", artifact: artifact as object, artifactSha256: hash });
}
