// The tenant's starting model and policy: the committed default model artifact and the default decision
// policy, registered as the ACTIVE versions. Idempotent by content hash: re-running changes nothing, and a
// retrained artifact (another hash) is added as a new ACTIVE version, the old one kept for replay.
import { readFileSync } from "node:fs";
import path from "node:path";
import { contentHash } from "@/scoring/artifact/canonical-json";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import type { Db, DbTransaction } from "../store/database";
import { ensureActiveModelVersion, type ModelVersionSummary } from "../store/model-version";
import { publishPolicyVersion, type PolicyVersionRecord } from "../store/policy-version";

export const defaultModelArtifactPath = path.join("scoring", "artifacts", "default-model.json");
/** The model's validation report (scoring/report/build-model-report.ts), written beside the artifact by `npm run model:default`. */
export const defaultModelReportPath = path.join("scoring", "artifacts", "default-model.report.json");

/** Reads the committed artifact; its declared contentHash (checked again when it is loaded) is its version id. */
export function readDefaultModelArtifact(root = process.cwd()): { artifact: Record<string, unknown>; contentHash: string } {
  const artifact = JSON.parse(readFileSync(path.join(/*turbopackIgnore: true*/ root, defaultModelArtifactPath), "utf8")) as Record<string, unknown>;
  if (typeof artifact.contentHash !== "string" || !/^[0-9a-f]{64}$/.test(artifact.contentHash)) throw new Error(`${defaultModelArtifactPath}: no contentHash`);
  return { artifact, contentHash: artifact.contentHash };
}

/** Reads the committed report; refuses one that describes another artifact (a retrain without its report). */
export function readDefaultModelReport(artifactHash: string, root = process.cwd()): Record<string, unknown> {
  const report = JSON.parse(readFileSync(path.join(/*turbopackIgnore: true*/ root, defaultModelReportPath), "utf8")) as Record<string, unknown>;
  if (report.artifactSha256 !== artifactHash) throw new Error(`${defaultModelReportPath} describes artifact ${String(report.artifactSha256)}, not ${artifactHash}: re-run npm run model:default`);
  return report;
}

/** Registers the committed default model and decision policy as the tenant's ACTIVE versions, in one transaction. */
export function registerDefaultScoring(db: Db, tenantId: string): Promise<{ model: ModelVersionSummary; policy: PolicyVersionRecord }> {
  return db.$transaction((tx) => registerDefaultScoringInTransaction(tx, tenantId), { timeout: 30_000 });
}

/** registerDefaultScoring inside the caller's transaction (a new tenant is created with its scoring in one). */
export async function registerDefaultScoringInTransaction(tx: DbTransaction, tenantId: string): Promise<{ model: ModelVersionSummary; policy: PolicyVersionRecord }> {
  const { artifact, contentHash: artifactHash } = readDefaultModelArtifact();
  const report = readDefaultModelReport(artifactHash);
  const model = await ensureActiveModelVersion(tx, tenantId, {
    name: "microtrust-default",
    version: artifactHash.slice(0, 12),
    kind: String(artifact.kind ?? "ensemble"),
    artifact: artifact as object,
    artifactSha256: artifactHash,
    report: report as object,
  });
  const { version: policy } = await publishPolicyVersion(tx, tenantId, { name: DEFAULT_DECISION_POLICY.name, document: DEFAULT_DECISION_POLICY as object, documentSha256: contentHash(DEFAULT_DECISION_POLICY) }, { onlyIfNew: true });
  return { model, policy };
}
