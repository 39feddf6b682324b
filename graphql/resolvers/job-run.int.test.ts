// The JobRun interface: one audit verification read as a Job and as an AuditVerification through one fragment
// on the interface gives the same shared fields, and they are the stored job's. On PGlite and (with
// DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInterfaceType, type GraphQLResolveInfo } from "graphql";
import type { Actor } from "@/core/actor";
import { getAuditVerification, runAuditVerification } from "@/core/jobs/audit-verification";
import { JobQueue } from "@/core/jobs/job-queue";
import { getJob } from "@/core/jobs/manage-jobs";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { findJobById, type JobRecord } from "@/prisma/store/job";
import { ensureTenant } from "@/prisma/store/tenant";
import { createFixtureUser } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { createGraphQLSchema } from "../schema";
import { startTestApi, type TestApi } from "../testing/graphql-test-api";

const readBothTypes = `
  fragment Run on JobRun { __typename id state createdAt startedAt finishedAt cancelRequestedAt startedBy total done error }
  query ($id: ID!) { job(id: $id) { ...Run } auditVerification(id: $id) { ...Run } }
`;

/** The JobRun fields as the API should show them for a stored job (DateTime as ISO 8601). */
function sharedFieldsOf(job: JobRecord) {
  return {
    id: job.id,
    state: job.state,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    cancelRequestedAt: job.cancelRequestedAt?.toISOString() ?? null,
    startedBy: job.startedByName,
    total: job.total,
    done: job.unitsDone,
    error: job.error,
  };
}

describe.each(testDatabaseKinds())("the JobRun interface on %s", (kind) => {
  let database: TestDatabase;
  let jobQueue: JobQueue;
  let api: TestApi;
  let admin: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    jobQueue = new JobQueue(database, undefined, { supervise: false });
    api = await startTestApi(database.db, { jobQueue });
    const tenant = await ensureTenant(database.db, { slug: `job-run-${kind}`, name: "Job Run MFI" });
    admin = (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenant.id, "ADMIN", `admin-${kind}@job-run.test`), tenantId: tenant.id })) as Actor;
  }, 120_000);
  afterAll(async () => {
    await api.stop();
    await jobQueue.stop({ graceful: true });
    await database.destroy();
  });

  async function startVerification(idempotencyKey: string): Promise<string> {
    const started = await api.execute(admin, "mutation ($key: String) { startAuditVerification(idempotencyKey: $key) { id } }", { key: idempotencyKey });
    const id = (started.data?.startAuditVerification as { id: string } | undefined)?.id;
    if (!id) throw new Error(`startAuditVerification failed: ${JSON.stringify(started.errors)}`);
    return id;
  }

  /** Reads the job as both types through the fragment; both must agree with each other and with the row. */
  async function expectBothTypesShowTheStoredJob(id: string): Promise<JobRecord> {
    const read = await api.execute(admin, readBothTypes, { id });
    expect(read.errors).toBeUndefined();
    const stored = (await findJobById(database.db, admin.tenantId, id)) as JobRecord;
    expect(read.data).toEqual({ job: { __typename: "Job", ...sharedFieldsOf(stored) }, auditVerification: { __typename: "AuditVerification", ...sharedFieldsOf(stored) } });
    return stored;
  }

  it("shows a finished verification's shared fields identically as a Job and as an AuditVerification", async () => {
    const id = await startVerification("job-run-finished");
    await runAuditVerification(database, { tenantId: admin.tenantId, jobId: id }, new Date());
    const stored = await expectBothTypesShowTheStoredJob(id);
    expect(stored).toMatchObject({ state: "SUCCEEDED", error: null, cancelRequestedAt: null, startedByName: admin.name });
    // The chain holds at least the start's own event, all of it verified.
    expect(stored.total).toBeGreaterThan(0);
    expect(stored.unitsDone).toBe(stored.total);
    expect(stored.startedAt).not.toBeNull();
  });

  it("shows a cancelled verification's cancellation and error identically as a Job and as an AuditVerification", async () => {
    const id = await startVerification("job-run-cancelled");
    const cancelled = await api.execute(admin, "mutation ($id: ID!) { cancelAuditVerification(id: $id) { id } }", { id });
    expect(cancelled.errors).toBeUndefined();
    const stored = await expectBothTypesShowTheStoredJob(id);
    expect(stored).toMatchObject({ state: "CANCELLED", startedAt: null, total: null, unitsDone: 0, error: `Cancelled by ${admin.name}` });
    expect(stored.cancelRequestedAt).not.toBeNull();
  });

  it("resolves a JobRun's concrete type from the view its resolver returned, not from the job's kind", async () => {
    const id = await startVerification("job-run-resolve-type");
    const scope = { db: database.db, actor: admin, now: new Date(), request: { id: "job-run", ipAddress: null } };
    const jobRun = createGraphQLSchema().getType("JobRun");
    if (!isInterfaceType(jobRun) || !jobRun.resolveType) throw new Error("JobRun is not an interface with a resolveType");
    const resolveType = (view: unknown) => jobRun.resolveType?.(view, {}, {} as GraphQLResolveInfo, jobRun);
    expect(resolveType(await getJob(scope, id))).toBe("Job");
    expect(resolveType(await getAuditVerification(scope, id))).toBe("AuditVerification");
  });
});
