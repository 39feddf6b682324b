import "server-only";
import type { Db } from "@/prisma/store/database";
import { loadModelVersion } from "./scoring-versions";

/** A model's score scale as people read it: the range and the risk bands (best first), from the model's own artifact. */
export interface ModelScale {
  minScore: number;
  maxScore: number;
  bands: { name: string; label: string; minScore: number }[];
}

/** The scale of a stored model version (the tenant's): a score is always read on the scale of the model that made it. */
export async function readModelScale(db: Db, tenantId: string, modelVersionId: string): Promise<ModelScale> {
  const { config } = await loadModelVersion(db, tenantId, modelVersionId);
  return {
    minScore: config.scaling.minScore,
    maxScore: config.scaling.maxScore,
    bands: config.riskBuckets.map((bucket) => ({ name: bucket.name, label: bucket.label, minScore: bucket.minScore })),
  };
}
