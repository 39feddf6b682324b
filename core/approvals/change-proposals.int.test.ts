// Four eyes through the core: a policy or a model becomes active only when a second person approves its
// proposal; the proposer cannot approve it, an ANALYST or an API key cannot decide, two deciders never both
// win, and every step is in the audit chain. On PGlite and, when DATABASE_URL is set, PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "@/scoring/artifact/canonical-json";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { randomUUID } from "node:crypto";
import { finishJob, insertJob } from "@/prisma/store/job";
import { createModelVersion } from "@/prisma/store/model-version";
import { createFixtureUser, createScoringTenant, shiftedDefaultArtifact } from "@/prisma/testing/scoring-fixtures";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Actor, UseCaseScope } from "../actor";
import { draftPolicy } from "../draft-policy";
import { resolveSessionCaller } from "../resolve-session-caller";
import { verifyAuditChain } from "../verify-audit-chain";
import { JobQueue } from "../jobs/job-queue";
import { runPolicySimulation } from "../policy-simulation/run-policy-simulation";
import { startPolicySimulation } from "../policy-simulation/start-policy-simulation";
import { approveChange, listChangeProposals, proposeChange, rejectChange } from "./change-proposals";

const now = new Date("2026-12-01T10:00:00.000Z");
const stricter = { ...DEFAULT_DECISION_POLICY, thresholds: { ...DEFAULT_DECISION_POLICY.thresholds, approveMinScore: DEFAULT_DECISION_POLICY.thresholds.approveMinScore + 20 } };

describe.each(testDatabaseKinds())("four-eyes changes on %s", (kind) => {
  let database: TestDatabase;
  let tenantId: string;
  let people: { admin: Actor; secondAdmin: Actor; committee: Actor; analyst: Actor; apiKeyAdmin: Actor };
  let seq = 0;
  let queue: JobQueue;
  /** A simulation of the policy version (started, and its unit run as a worker runs it unless `run` is false): the evidence publishing cites. */
  const simulationOf = async (policyVersionId: string, run = true) => {
    const job = await startPolicySimulation(scope(people.admin), { policyVersionId, from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") }, queue);
    if (run) await runPolicySimulation(database, { tenantId, jobId: job.id }, now);
    return job.id;
  };
  const scope = (actor: Actor): UseCaseScope => ({ db: database.db, actor, now: new Date(now.getTime() + ++seq * 1000), request: { id: `four-eyes-${seq}`, ipAddress: null } });
  const activePolicyId = async () => (await database.db.policyVersion.findFirstOrThrow({ where: { tenantId, status: "ACTIVE" } })).id;
  const activeModelId = async () => (await database.db.modelVersion.findFirstOrThrow({ where: { tenantId, status: "ACTIVE" } })).id;
  // A finished comparison of `challengerModelVersionId` against the active model: the evidence ACTIVATE_MODEL asks for
  // (the comparison job itself is tested in core/model-comparison).
  const comparisonOf = async (challengerModelVersionId: string, state: "SUCCEEDED" | "FAILED" = "SUCCEEDED") => {
    const input = { format: 1, championModelVersionId: await activeModelId(), challengerModelVersionId, policyVersionId: await activePolicyId(), actor: { ...people.admin, apiKeyHash: null } };
    const job = await insertJob(database.db, tenantId, { id: randomUUID(), kind: "MODEL_COMPARISON", idempotencyKey: randomUUID(), input, startedByKind: "USER", startedById: people.admin.id, startedByName: people.admin.name, createdAt: now });
    await finishJob(database.db, tenantId, job.id, { state, result: {}, finishedAt: now });
    return job.id;
  };
  const codeOf = (promise: Promise<unknown>) => promise.then(() => "OK", (error: { code?: string; field?: string }) => `${error.code}${error.field ? `:${error.field}` : ""}`);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    queue = new JobQueue(database);
    ({ tenantId } = await createScoringTenant(database.db, `four-eyes-${kind}`));
    const actorOf = async (role: Actor["role"], email: string) => (await resolveSessionCaller(database.db, { userId: await createFixtureUser(database.db, tenantId, role, email), tenantId })) as Actor;
    const admin = await actorOf("ADMIN", "admin@four-eyes.test");
    people = {
      admin,
      secondAdmin: await actorOf("ADMIN", "admin2@four-eyes.test"),
      committee: await actorOf("COMMITTEE", "committee@four-eyes.test"),
      analyst: await actorOf("ANALYST", "analyst@four-eyes.test"),
      apiKeyAdmin: { ...admin, kind: "API_KEY", id: "key-1", scopes: ["READ", "WRITE"] },
    };
  }, 120_000);
  afterAll(async () => {
    await queue.stop({ graceful: false, timeoutMs: 1000 });
    await database.destroy();
  });

  it("publishes a drafted policy only when a second person approves, retiring the previous one", async () => {
    const before = await activePolicyId();
    const draft = await draftPolicy(scope(people.admin), { name: "Stricter", document: stricter });
    expect(draft.status).toBe("DRAFT");
    expect(draft.documentSha256).toBe(contentHash(stricter));
    const simulationId = await simulationOf(draft.id);
    const proposal = await proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: draft.id, note: "Tighter approvals after Q3 losses.", evidenceJobId: simulationId });
    expect(proposal).toMatchObject({ state: "PENDING", proposedById: people.admin.id, subjectId: draft.id, evidenceJobId: simulationId });
    expect(await activePolicyId()).toBe(before);

    expect(await codeOf(approveChange(scope(people.admin), { proposalId: proposal.id }))).toBe("FORBIDDEN");
    expect(await codeOf(approveChange(scope(people.analyst), { proposalId: proposal.id }))).toBe("FORBIDDEN");
    expect(await codeOf(approveChange(scope({ ...people.committee, kind: "API_KEY" }), { proposalId: proposal.id }))).toBe("FORBIDDEN");
    expect(await activePolicyId()).toBe(before);

    const approved = await approveChange(scope(people.committee), { proposalId: proposal.id, note: "Simulation reviewed." });
    // The published policy links the simulation that was reviewed.
    expect(approved).toMatchObject({ state: "APPROVED", decidedById: people.committee.id, decisionNote: "Simulation reviewed.", evidenceJobId: simulationId });
    expect(await activePolicyId()).toBe(draft.id);
    expect((await database.db.policyVersion.findFirstOrThrow({ where: { id: before } })).status).toBe("RETIRED");
    expect(await codeOf(approveChange(scope(people.secondAdmin), { proposalId: proposal.id }))).toBe("CONFLICT:proposalId");

    const events = await database.db.auditEvent.findMany({ where: { tenantId, OR: [{ entityId: proposal.id }, { entityId: draft.id }] }, orderBy: { seq: "asc" } });
    expect(events.map((event) => [event.action, event.actorId])).toEqual([
      ["policy.drafted", people.admin.id],
      ["change.proposed", people.admin.id],
      ["change.approved", people.committee.id],
      ["policy.published", people.committee.id],
    ]);
    expect((await verifyAuditChain(scope(people.admin), { full: true })).valid).toBe(true);
  });

  it("activates a candidate model on approval and restores the previous one the same way", async () => {
    const original = await activeModelId();
    const { artifact, contentHash: hash } = shiftedDefaultArtifact(0.25);
    const candidate = await createModelVersion(database.db, tenantId, { name: "lender-own", version: "1", kind: "microtrust-ensemble", status: "DRAFT", artifact: artifact as object, artifactSha256: hash });
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "ACTIVATE_MODEL", subjectId: candidate.id, note: "No evidence." }))).toBe("BAD_USER_INPUT:evidenceJobId");
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "ACTIVATE_MODEL", subjectId: candidate.id, note: "Failed evidence.", evidenceJobId: await comparisonOf(candidate.id, "FAILED") }))).toBe("BAD_USER_INPUT:evidenceJobId");
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "ACTIVATE_MODEL", subjectId: candidate.id, note: "Another model's evidence.", evidenceJobId: await comparisonOf(original) }))).toBe("BAD_USER_INPUT:evidenceJobId");
    const promote = await proposeChange(scope(people.admin), { kind: "ACTIVATE_MODEL", subjectId: candidate.id, note: "Beats the default on our book.", evidenceJobId: await comparisonOf(candidate.id) });
    await approveChange(scope(people.secondAdmin), { proposalId: promote.id });
    expect(await activeModelId()).toBe(candidate.id);
    expect((await database.db.modelVersion.findFirstOrThrow({ where: { id: original } })).status).toBe("RETIRED");

    const restoreEvidence = await comparisonOf(original);
    const restore = await proposeChange(scope(people.secondAdmin), { kind: "ACTIVATE_MODEL", subjectId: original, note: "Restore: drift on new applicants.", evidenceJobId: restoreEvidence });
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "ACTIVATE_MODEL", subjectId: original, note: "Same again.", evidenceJobId: restoreEvidence }))).toBe("CONFLICT:subjectId");
    await approveChange(scope(people.committee), { proposalId: restore.id });
    expect(await activeModelId()).toBe(original);
    expect(await database.db.modelVersion.count({ where: { tenantId, status: "ACTIVE" } })).toBe(1);
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "ACTIVATE_MODEL", subjectId: original, note: "Already active.", evidenceJobId: restoreEvidence }))).toBe("CONFLICT:subjectId");
  });

  it("refuses what is not a proposal a person can make", async () => {
    const draft = await draftPolicy(scope(people.admin), { name: "Refusals", document: stricter });
    expect(await codeOf(proposeChange(scope(people.committee), { kind: "PUBLISH_POLICY", subjectId: draft.id, note: "n" }))).toBe("FORBIDDEN");
    expect(await codeOf(proposeChange(scope(people.apiKeyAdmin), { kind: "PUBLISH_POLICY", subjectId: draft.id, note: "n" }))).toBe("FORBIDDEN");
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: draft.id, note: "  " }))).toBe("BAD_USER_INPUT:note");
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: "no-such-policy", note: "n" }))).toBe("NOT_FOUND");
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: draft.id, note: "n", evidenceJobId: "00000000-0000-4000-8000-000000000000" }))).toBe("BAD_USER_INPUT:evidenceJobId");
    // Publishing cites a succeeded simulation of this very version: none, another version's, or an unfinished one is refused.
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: draft.id, note: "n" }))).toBe("BAD_USER_INPUT:evidenceJobId");
    const other = await draftPolicy(scope(people.admin), { name: "Another", document: stricter });
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: draft.id, note: "n", evidenceJobId: await simulationOf(other.id) }))).toBe("BAD_USER_INPUT:evidenceJobId");
    expect(await codeOf(proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: draft.id, note: "n", evidenceJobId: await simulationOf(draft.id, false) }))).toBe("BAD_USER_INPUT:evidenceJobId");
    expect(await codeOf(draftPolicy(scope(people.analyst), { name: "x", document: stricter }))).toBe("FORBIDDEN");
    expect(await database.db.changeProposal.count({ where: { tenantId, subjectId: draft.id } })).toBe(0);
  });

  it("rejects with a note, lets the proposer withdraw, and lists both", async () => {
    const toReject = await draftPolicy(scope(people.admin), { name: "To reject", document: stricter });
    const evidenceJobId = await simulationOf(toReject.id);
    const first = await proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: toReject.id, note: "Try it.", evidenceJobId });
    expect(await codeOf(rejectChange(scope(people.committee), { proposalId: first.id }))).toBe("BAD_USER_INPUT:note");
    expect(await codeOf(rejectChange(scope(people.analyst), { proposalId: first.id, note: "no" }))).toBe("FORBIDDEN");
    expect(await rejectChange(scope(people.committee), { proposalId: first.id, note: "The simulation shows too many swaps." })).toMatchObject({ state: "REJECTED" });
    const second = await proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: first.subjectId, note: "Again, after changes.", evidenceJobId });
    expect(await rejectChange(scope(people.admin), { proposalId: second.id })).toMatchObject({ state: "WITHDRAWN", decidedById: people.admin.id });
    const listed = await listChangeProposals(scope(people.analyst), { subjectId: first.subjectId });
    expect(listed.map((proposal) => proposal.state)).toEqual(["WITHDRAWN", "REJECTED"]);
    expect(await codeOf(listChangeProposals({ ...scope(people.analyst), actor: { ...people.analyst, role: "BORROWER" } }, {}))).toBe("FORBIDDEN");
  });

  it("lets one of two concurrent approvers win; the other gets CONFLICT and nothing is applied twice", async () => {
    const draft = await draftPolicy(scope(people.admin), { name: "Raced", document: stricter });
    const proposal = await proposeChange(scope(people.admin), { kind: "PUBLISH_POLICY", subjectId: draft.id, note: "Race.", evidenceJobId: await simulationOf(draft.id) });
    const results = await Promise.all([codeOf(approveChange(scope(people.committee), { proposalId: proposal.id })), codeOf(approveChange(scope(people.secondAdmin), { proposalId: proposal.id }))]);
    expect(results.sort()).toEqual(["CONFLICT:proposalId", "OK"].sort());
    expect(await database.db.auditEvent.count({ where: { tenantId, action: "change.approved", entityId: proposal.id } })).toBe(1);
    expect(await database.db.auditEvent.count({ where: { tenantId, action: "policy.published", entityId: draft.id } })).toBe(1);
    expect(await activePolicyId()).toBe(draft.id);
  });
});
