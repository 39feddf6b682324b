// A candidate model for tests until trained tenant models exist here: the committed default artifact with its
// calibration shifted (prisma/testing/scoring-fixtures.ts), registered as a DRAFT version. Its probabilities
// of default all differ from the champion's, so "which model said what" is visible in every result.
import type { Db } from "@/prisma/store/database";
import { createModelVersion, type ModelVersionRecord } from "@/prisma/store/model-version";
import { shiftedDefaultArtifact } from "@/prisma/testing/scoring-fixtures";

export function registerDraftCandidate(db: Db, tenantId: string, interceptShift: number, name = "candidate"): Promise<ModelVersionRecord> {
  const { artifact, contentHash } = shiftedDefaultArtifact(interceptShift);
  return createModelVersion(db, tenantId, { name, version: contentHash.slice(0, 12), kind: "microtrust-ensemble", status: "DRAFT", artifact: artifact as object, artifactSha256: contentHash });
}
