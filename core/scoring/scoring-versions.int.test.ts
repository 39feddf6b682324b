// The stored model and policy versions a scoring and a replay load are cached per process; a load that
// failed (the version not there yet, or the database unreachable for a moment) must not be cached, or every
// later scoring under that version would fail until the process restarts. On PGlite and, when DATABASE_URL
// is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "@/scoring/artifact/canonical-json";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { ensureTenant } from "@/prisma/store/tenant";
import { shiftedDefaultArtifact } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { loadModelVersion, loadPolicyVersion } from "./scoring-versions";

describe.each(testDatabaseKinds())("loading stored versions on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tenantId = (await ensureTenant(database.db, { slug: `versions-${kind}`, name: "Versions" })).id;
  }, 120_000);
  afterAll(async () => database.destroy());

  it("loads a model version that was missing at a first attempt once it exists, naming the missing one", async () => {
    const id = `model-retry-${kind}`;
    await expect(loadModelVersion(database.db, tenantId, id)).rejects.toThrow(`loadModelVersion: no model version ${id} in the tenant`);
    const { artifact, contentHash: hash } = shiftedDefaultArtifact(0.5);
    await database.db.modelVersion.create({ data: { id, tenantId, name: "retry", version: "1", kind: "microtrust-ensemble", artifact: artifact as object, artifactSha256: hash } });
    expect((await loadModelVersion(database.db, tenantId, id)).versionId()).toBe(hash);
  });

  it("loads a policy version that was missing at a first attempt once it exists, naming the missing one", async () => {
    const id = `policy-retry-${kind}`;
    await expect(loadPolicyVersion(database.db, tenantId, id)).rejects.toThrow(`loadPolicyVersion: no policy version ${id} in the tenant`);
    const documentSha256 = contentHash(DEFAULT_DECISION_POLICY);
    await database.db.policyVersion.create({ data: { id, tenantId, name: "retry", version: "1", document: DEFAULT_DECISION_POLICY as object, documentSha256 } });
    expect(await loadPolicyVersion(database.db, tenantId, id)).toEqual({ policy: DEFAULT_DECISION_POLICY, documentSha256 });
  });
});
