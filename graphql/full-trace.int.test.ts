// Issue #5 end to end through GraphQL: consent → ingest → score → decision → audit → replay → outcome, on
// PGlite and (when DATABASE_URL is set) PostgreSQL.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePopulation, type SyntheticBorrower } from "@/scoring/synthetic/generate-population";
import { DEFAULT_DECISION_POLICY } from "@/scoring/decision/policy";
import { appendAuditEvent } from "@/prisma/store/audit-event";
import { verifyAuditChain } from "@/core/verify-audit-chain";
import type { Actor } from "@/core/actor";
import { findCreditScoreById, hashCreditScore } from "@/prisma/store/credit-score";
import { createModelVersion, findModelVersionById } from "@/prisma/store/model-version";
import { readDefaultModelArtifact, registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser } from "@/prisma/store/user";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import type { Caller } from "./context";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import { JobQueue } from "@/core/jobs/job-queue";
import { runPolicySimulation } from "@/core/policy-simulation/run-policy-simulation";
import { startTestApi, type OperationResult, type TestApi } from "./testing/graphql-test-api";

process.env.MICROTRUST_ID_HASH_KEY ??= "test-id-hash-key";

const [synthetic] = generatePopulation({ seed: 7, size: 1, asOf: "2026-11-01T00:00:00Z", market: "KE" });
const ALL_CATEGORIES = ["IDENTITY", "TRANSACTIONS", "BILLS", "LOAN_REPAYMENTS", "BEHAVIOURAL_EVENTS", "BUREAU"];
const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

const SCORE_FIELDS = `id score scoreExact baseScore probabilityOfDefault riskBucket confidence consentIds dataCategoriesRead inputsSha256 recordHash
  contributions { feature points value } subScores { component value points } adverseReasons { code text points }
  decision { recommendation riskLevel recommendedLimit tenorDays currency requiresHumanReview arithmetic { label value formula } fraudFlags { code } humanReviewFlags { code } }
  modelVersion { id } policyVersion { id documentSha256 }`;

function expectNoErrors(result: OperationResult): Record<string, unknown> {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data as Record<string, unknown>;
}

/** The synthetic bundle as an ingestSignals batch, its account ids replaced by the linked accounts'. */
function batchOf(borrower: SyntheticBorrower, accountIds: Map<string, string>) {
  const { bundle } = borrower;
  const account = (id: string): string => accountIds.get(id) as string;
  // The generator schedules payments past its asOf; a partner can only report what has happened (ingestSignals
  // refuses future-dated signals), so a payment or write-off still ahead of today is sent as not yet made.
  const happened = (instant: string | null | undefined): string | null => (instant && Date.parse(instant) <= Date.now() ? new Date(instant).toISOString() : null);
  return {
    transactions: bundle.transactions.map((t) => ({ externalId: t.externalId, accountId: account(t.accountId), occurredAt: t.occurredAt, amount: t.amount.toFixed(2), currency: t.currency, direction: t.direction, category: t.category, counterparty: t.counterparty ?? null })),
    bills: bundle.bills.map((b) => ({ externalId: b.externalId, accountId: b.accountId ? account(b.accountId) : null, biller: b.biller, billType: b.billType, dueDate: b.dueDate, amountDue: b.amountDue.toFixed(2), paidAt: happened(b.paidAt), amountPaid: happened(b.paidAt) ? (b.amountPaid?.toFixed(2) ?? null) : null })),
    loans: bundle.loans.map((l) => ({ externalId: l.externalId, lender: l.lender, lenderType: l.lenderType, principal: l.principal.toFixed(2), disbursedAt: new Date(l.disbursedAt).toISOString(), writtenOffAt: happened(l.writtenOffAt), instalments: l.instalments.map((i) => ({ dueDate: i.dueDate, amountDue: i.amountDue.toFixed(2), paidAt: happened(i.paidAt), amountPaid: happened(i.paidAt) ? (i.amountPaid?.toFixed(2) ?? null) : null })) })),
    events: bundle.events.map((e) => ({ externalId: e.externalId, type: e.type, occurredAt: e.occurredAt, deviceId: e.deviceId ?? null })),
  };
}

describe.each(testDatabaseKinds())("the full trace on %s", (kind) => {
  let database: TestDatabase;
  let api: TestApi;
  let admin: Caller;
  let borrowerId: string;
  let signalCount: number;
  const asOf = "2026-11-01T00:00:00.000Z";

  let jobQueue: JobQueue;
  const run = (query: string, variables?: Record<string, unknown>, caller: Caller | null = admin) => api.execute(caller, query, variables);
  const grant = (overrides: Record<string, unknown> = {}) =>
    run("mutation ($input: GrantConsentInput!) { grantConsent(input: $input) { id status dataCategories } }", {
      input: { borrowerId, purpose: "LOAN_UNDERWRITING", dataCategories: ALL_CATEGORIES, statement: "I allow Demo MFI to read my accounts to assess this loan.", validFrom: "2026-01-01T00:00:00Z", expiresAt: iso(Date.now() + 365 * DAY), dataLifeDays: 3650, ...overrides },
    });
  const score = (overrides: Record<string, unknown> = {}) =>
    run(`mutation ($input: CalculateScoreInput!) { calculateScore(input: $input) { ${SCORE_FIELDS} } }`, { input: { borrowerId, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90, asOf, ...overrides } });
  const revokeAll = async () => {
    const { consents } = expectNoErrors(await run("query ($id: ID!) { consents(borrowerId: $id) { id status } }", { id: borrowerId })) as { consents: { id: string; status: string }[] };
    for (const consent of consents.filter((c) => c.status === "ACTIVE")) expectNoErrors(await run("mutation ($id: ID!) { revokeConsent(id: $id) { status } }", { id: consent.id }));
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    jobQueue = new JobQueue(database);
    api = await startTestApi(database.db, { jobQueue });
    const tenant = await ensureTenant(database.db, { slug: "trace", name: "Trace MFI" });
    await registerDefaultScoring(database.db, tenant.id);
    const user = await createUser(database.db, tenant.id, { email: "admin@trace.test", name: "Trace Admin", role: "ADMIN", passwordHash: "x" });
    admin = (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Caller;
    const identity = synthetic.bundle.identity;
    const created = expectNoErrors(
      await run("mutation ($input: CreateBorrowerInput!) { createBorrower(input: $input) { id } }", {
        input: { externalId: "TRACE-1", nationalIdType: identity?.nationalIdType ?? "HUDUMA", nationalId: "TRACE0001", givenName: "Wanjiku", familyName: "Trace", phone: identity?.phone ?? "+254712000001", dateOfBirth: identity?.dateOfBirth ?? "1990-01-01" },
      }),
    ) as { createBorrower: { id: string } };
    borrowerId = created.createBorrower.id;
    const accountIds = new Map<string, string>();
    for (const account of synthetic.bundle.accounts) {
      const linked = expectNoErrors(
        await run("mutation ($input: LinkAccountInput!) { linkAccount(input: $input) { id } }", { input: { borrowerId, type: account.type, provider: account.provider, externalReference: `trace-${account.id}`, openedAt: new Date(account.openedAt).toISOString(), verified: account.verified } }),
      ) as { linkAccount: { id: string } };
      accountIds.set(account.id, linked.linkAccount.id);
    }
    const batch = batchOf(synthetic, accountIds);
    const ingested = expectNoErrors(await run("mutation ($input: IngestSignalsInput!) { ingestSignals(input: $input) { transactions { received stored duplicates } loanInstalments { stored } } }", { input: { borrowerId, ...batch } })) as {
      ingestSignals: { transactions: { received: number; stored: number } };
    };
    expect(ingested.ingestSignals.transactions.stored).toBe(batch.transactions.length);
    signalCount = batch.transactions.length;
    const again = expectNoErrors(await run("mutation ($input: IngestSignalsInput!) { ingestSignals(input: $input) { transactions { received stored duplicates } } }", { input: { borrowerId, ...batch } })) as {
      ingestSignals: { transactions: { received: number; stored: number; duplicates: number } };
    };
    expect(again.ingestSignals.transactions).toEqual({ received: batch.transactions.length, stored: 0, duplicates: batch.transactions.length });
  }, 120_000);

  afterAll(async () => {
    await api.stop();
    await jobQueue.stop({ graceful: false, timeoutMs: 1000 });
    await database.destroy();
  });

  it("refuses a batch with an invalid item, naming every one, and stores nothing of it", async () => {
    const good = { externalId: "new-ok-1", accountId: "nope", occurredAt: "2026-10-01T10:00:00Z", amount: "10.00", currency: "KES", direction: "CREDIT", category: "P2P" };
    const result = await run("mutation ($input: IngestSignalsInput!) { ingestSignals(input: $input) { transactions { stored } } }", {
      input: { borrowerId, transactions: [good, { ...good, externalId: "new-bad-2", amount: "-3", currency: "kes" }] },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "transactions[0].accountId" });
    expect((result.errors?.[0].extensions?.issues as { field: string }[]).map((issue) => issue.field)).toEqual(["transactions[0].accountId", "transactions[1].amount", "transactions[1].currency", "transactions[1].accountId"]);
    expect(await database.db.transaction.count({ where: { externalId: { startsWith: "new-" } } })).toBe(0);
    expect(signalCount).toBeGreaterThan(100);
  });

  it("refuses to score without consent, after revocation and after expiry, and audits each refusal", async () => {
    expect((await score()).errors?.[0].extensions?.code).toBe("CONSENT_REQUIRED");
    expectNoErrors(await grant());
    expectNoErrors(await score());
    await revokeAll();
    expect((await score()).errors?.[0].extensions?.code).toBe("CONSENT_REQUIRED");
    expectNoErrors(await grant({ validFrom: "2026-01-01T00:00:00Z", expiresAt: iso(Date.now() - 1000) }));
    expect((await score()).errors?.[0].extensions?.code).toBe("CONSENT_REQUIRED");
    expectNoErrors(await grant({ purpose: "MONITORING" }));
    expect((await score()).errors?.[0].extensions?.code).toBe("CONSENT_REQUIRED");
    const refusals = await database.db.auditEvent.count({ where: { borrowerId, action: "creditScore.refused" } });
    expect(refusals).toBe(4);
  });

  it("scores with an exact explanation and records who asked, what was read and under which consent", async () => {
    const consent = expectNoErrors(await grant()) as { grantConsent: { id: string } };
    const data = expectNoErrors(await score()) as { calculateScore: Record<string, unknown> & { contributions: { points: number }[]; decision: { arithmetic: unknown[] } } };
    const result = data.calculateScore;
    const sum = result.contributions.reduce((total, c) => total + c.points, 0);
    expect(sum).toBeCloseTo((result.scoreExact as number) - (result.baseScore as number), 9);
    expect(result.score).toBe(Math.round(result.scoreExact as number));
    expect(result.consentIds).toEqual([consent.grantConsent.id]);
    expect(result.dataCategoriesRead).toEqual([...ALL_CATEGORIES].sort());
    expect(result.decision.arithmetic.length).toBeGreaterThan(0);
    const stored = await findCreditScoreById(database.db, admin.tenantId, result.id as string);
    expect(stored).toMatchObject({ callerId: admin.id, callerRole: "ADMIN", callerKind: "USER", purpose: "LOAN_UNDERWRITING" });
    expect(hashCreditScore(stored as NonNullable<typeof stored>)).toBe(stored?.recordHash);
    const event = await database.db.auditEvent.findFirst({ where: { entityId: result.id as string, action: "creditScore.calculated" } });
    expect(event?.payload).toMatchObject({ recordHash: stored?.recordHash });
    await expect(database.db.creditScore.update({ where: { id: result.id as string }, data: { score: 850 } })).rejects.toThrow(/append-only/);
  });

  it("reads only the consented categories, and no signal past its data life", async () => {
    await revokeAll();
    expectNoErrors(await grant({ dataCategories: ["TRANSACTIONS"] }));
    const onlyTransactions = expectNoErrors(await score()) as { calculateScore: { id: string; dataCategoriesRead: string[] } };
    expect(onlyTransactions.calculateScore.dataCategoriesRead).toEqual(["TRANSACTIONS"]);
    const stored = await findCreditScoreById(database.db, admin.tenantId, onlyTransactions.calculateScore.id);
    const rows = (stored?.inputs as { rows: Record<string, number> }).rows;
    expect(rows).toMatchObject({ bills: 0, loanInstalments: 0, events: 0, bureau: 0 });
    expect(rows.transactions).toBeGreaterThan(0);
    await revokeAll();
    // Signals older than 60 days (counted from now) are past this consent's data life: none of the
    // synthetic history (which ends on 2026-11-01) may be read once that is more than 60 days ago.
    expectNoErrors(await grant({ dataCategories: ["TRANSACTIONS"], dataLifeDays: 1 }));
    const expired = expectNoErrors(await score()) as { calculateScore: { id: string } };
    const expiredRows = ((await findCreditScoreById(database.db, admin.tenantId, expired.calculateScore.id))?.inputs as { rows: Record<string, number> }).rows;
    const newest = Math.max(...synthetic.bundle.transactions.map((t) => Date.parse(t.occurredAt)));
    expect(expiredRows.transactions).toBe(synthetic.bundle.transactions.filter((t) => Date.parse(t.occurredAt) > Date.now() - DAY && Date.parse(t.occurredAt) < Date.parse(asOf)).length);
    expect(newest < Date.now() - DAY ? expiredRows.transactions : 0).toBe(0);
    await revokeAll();
    expectNoErrors(await grant());
  });

  it("replays a scoring byte for byte after a newer model and policy became active", async () => {
    const original = expectNoErrors(await score()) as { calculateScore: { id: string; modelVersion: { id: string }; policyVersion: { id: string } } };
    const oldModel = await findModelVersionById(database.db, admin.tenantId, original.calculateScore.modelVersion.id);
    await database.db.modelVersion.updateMany({ where: { tenantId: admin.tenantId }, data: { status: "RETIRED" } });
    await createModelVersion(database.db, admin.tenantId, { name: "microtrust-default", version: "retrained", kind: oldModel?.kind ?? "", status: "ACTIVE", artifact: oldModel?.artifact ?? {}, artifactSha256: "e".repeat(64) });
    const newer = { ...DEFAULT_DECISION_POLICY, thresholds: { approveMinScore: 700, rejectBelowScore: 650 }, affordability: { ...DEFAULT_DECISION_POLICY.affordability, instalmentShareOfNetInflow: 0.2 } };
    const drafted = expectNoErrors(await run("mutation ($input: DraftPolicyInput!) { draftPolicy(input: $input) { id version status } }", { input: { name: "Stricter", document: newer } })) as { draftPolicy: { id: string; status: string } };
    expect(drafted.draftPolicy.status).toBe("DRAFT");
    // A draft decides nothing: it is simulated, and the policy changes only once a second person approves its publication citing that simulation.
    const simulation = expectNoErrors(await run('mutation ($id: ID!) { startPolicySimulation(input: { policyVersionId: $id, from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }) { id } }', { id: drafted.draftPolicy.id })) as { startPolicySimulation: { id: string } };
    await runPolicySimulation(database, { tenantId: admin.tenantId, jobId: simulation.startPolicySimulation.id }, new Date());
    const proposal = expectNoErrors(await run('mutation ($id: ID!, $evidence: ID!) { proposeChange(input: { kind: PUBLISH_POLICY, subjectId: $id, note: "Stricter cut-offs.", evidenceJobId: $evidence }) { id state } }', { id: drafted.draftPolicy.id, evidence: simulation.startPolicySimulation.id })) as { proposeChange: { id: string } };
    expect(((expectNoErrors(await score()) as { calculateScore: { policyVersion: { id: string } } }).calculateScore.policyVersion.id)).toBe(original.calculateScore.policyVersion.id);
    const committeeUser = await createUser(database.db, admin.tenantId, { email: "second@trace.test", name: "Second Signer", role: "COMMITTEE", passwordHash: "x" });
    const second = (await resolveSessionCaller(database.db, { userId: committeeUser.id, tenantId: admin.tenantId })) as Caller;
    expectNoErrors(await run("mutation ($id: ID!) { approveChange(input: { proposalId: $id }) { state } }", { id: proposal.proposeChange.id }, second));
    const after = expectNoErrors(await score()) as { calculateScore: { policyVersion: { id: string }; modelVersion: { id: string } } };
    expect(after.calculateScore.policyVersion.id).toBe(drafted.draftPolicy.id);
    expect(after.calculateScore.modelVersion.id).not.toBe(original.calculateScore.modelVersion.id);
    const replay = expectNoErrors(await run("mutation ($id: ID!) { replayScore(scoreId: $id) { identical differences { path } original replayed } }", { id: original.calculateScore.id })) as {
      replayScore: { identical: boolean; differences: unknown[]; original: unknown; replayed: unknown };
    };
    expect(replay.replayScore).toMatchObject({ identical: true, differences: [] });
    expect(replay.replayScore.replayed).toEqual(replay.replayScore.original);
  });

  it("refuses an invalid policy naming the field, and keeps the published one active", async () => {
    const bad = { ...DEFAULT_DECISION_POLICY, thresholds: { approveMinScore: 900, rejectBelowScore: 500 } };
    const result = await run("mutation ($input: DraftPolicyInput!) { draftPolicy(input: $input) { id } }", { input: { name: "Bad", document: bad } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "document.thresholds.approveMinScore" });
  });

  it("requires a note to override the recommendation, and joins the outcome to its score", async () => {
    const scored = expectNoErrors(await score()) as { calculateScore: { id: string; decision: { recommendation: string; recommendedLimit: string } } };
    const { id, decision } = scored.calculateScore;
    const against = decision.recommendation === "APPROVE" ? "DECLINED" : "APPROVED";
    const input = { scoreId: id, verdict: against, amount: against === "APPROVED" ? "5000" : null, tenorDays: against === "APPROVED" ? 60 : null };
    const mutation = "mutation ($input: RecordCommitteeDecisionInput!) { recordCommitteeDecision(input: $input) { id isOverride note verdict decidedBy { id } } }";
    if (decision.recommendation !== "REVIEW") {
      expect((await run(mutation, { input })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "note" });
    }
    const recorded = expectNoErrors(await run(mutation, { input: { ...input, verdict: "APPROVED", amount: String(Number(decision.recommendedLimit) + 1000), tenorDays: 60, note: "Known customer of the branch." } })) as { recordCommitteeDecision: { isOverride: boolean; decidedBy: { id: string } } };
    expect(recorded.recordCommitteeDecision).toMatchObject({ isOverride: true, decidedBy: { id: admin.id } });
    const observedAt = iso(Date.now());
    const outcome = { scoreId: id, status: "DEFAULT", maxDaysLate: 95, defaultedAt: observedAt, recoveredAmount: "1200.50", observedAt };
    expect((await run("mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }", { input: { ...outcome, defaultedAt: null } })).errors?.[0].extensions).toMatchObject({ field: "defaultedAt" });
    expectNoErrors(await run("mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id creditScoreId } }", { input: outcome }));
    const joined = expectNoErrors(await run("query ($id: ID!) { creditScore(id: $id) { outcome { status maxDaysLate recoveredAmount } committeeDecisions { isOverride } } }", { id })) as { creditScore: unknown };
    expect(joined.creditScore).toEqual({ outcome: { status: "DEFAULT", maxDaysLate: 95, recoveredAmount: "1200.5" }, committeeDecisions: [{ isOverride: true }] });
  });

  it("freezes the first narrative and shows what happened for the borrower in order", async () => {
    const scored = expectNoErrors(await score()) as { calculateScore: { id: string } };
    const explain = "mutation ($id: ID!) { explainScore(scoreId: $id) { text source frozenAt } }";
    const first = expectNoErrors(await run(explain, { id: scored.calculateScore.id })) as { explainScore: { text: string; source: string } };
    const second = expectNoErrors(await run(explain, { id: scored.calculateScore.id }));
    expect(second).toEqual(first);
    expect(first.explainScore.source).toBe("TEMPLATE");
    expect(first.explainScore.text.split(/(?<=\.)\s+(?=[A-Z])/).length).toBeGreaterThanOrEqual(2);
    const trail = expectNoErrors(await run("query ($id: ID!, $from: DateTime!, $to: DateTime!) { auditTrail(borrowerId: $id, from: $from, to: $to) { seq action actorType actorId actorName } }", { id: borrowerId, from: "2020-01-01T00:00:00Z", to: iso(Date.now() + DAY) })) as {
      auditTrail: { seq: number; action: string; actorType: string; actorId: string; actorName: string | null }[];
    };
    // Who acted, by name: every step of this trace was the tenant's admin.
    expect(new Set(trail.auditTrail.map((event) => `${event.actorType} ${event.actorId} ${event.actorName}`))).toEqual(new Set([`USER ${admin.id} Trace Admin`]));
    const seqs = trail.auditTrail.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(trail.auditTrail.map((event) => event.action)).toEqual(expect.arrayContaining(["borrower.created", "account.linked", "signals.ingested", "consent.granted", "consent.revoked", "creditScore.refused", "creditScore.calculated", "creditScore.replayed", "committeeDecision.recorded", "outcome.recorded", "creditScore.narrated"]));
  });

  it("narrates with an OpenAI-compatible model when one is configured, and refuses an invented figure", async () => {
    let answer = "";
    const server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        const facts = JSON.parse((JSON.parse(body) as { messages: { content: string }[] }).messages[1].content) as { score: number };
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify({ choices: [{ message: { content: answer.replace("SCORE", String(facts.score)) } }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    process.env.MICROTRUST_NARRATIVE_LLM_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    process.env.MICROTRUST_NARRATIVE_LLM_MODEL = "fake-narrator";
    try {
      const explain = async (text: string) => {
        answer = text;
        const scored = expectNoErrors(await score()) as { calculateScore: { id: string } };
        return (expectNoErrors(await run("mutation ($id: ID!) { explainScore(scoreId: $id) { text source } }", { id: scored.calculateScore.id })) as { explainScore: { text: string; source: string } }).explainScore;
      };
      expect(await explain("The applicant scored SCORE. The committee decides.")).toEqual({ text: expect.stringMatching(/^The applicant scored \d+\. The committee decides\.$/), source: "LLM" });
      expect((await explain("The applicant scored SCORE and will surely repay 123457 shillings.")).source).toBe("TEMPLATE");
    } finally {
      delete process.env.MICROTRUST_NARRATIVE_LLM_URL;
      delete process.env.MICROTRUST_NARRATIVE_LLM_MODEL;
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("keeps the chain valid under 50 concurrent scorings", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => score()));
    for (const result of results) expectNoErrors(result);
    const status = expectNoErrors(await run("{ verifyAuditChain { valid checkedEvents firstInvalidSeq } }")) as { verifyAuditChain: { valid: boolean; checkedEvents: number } };
    expect(status.verifyAuditChain.valid).toBe(true);
    expect(status.verifyAuditChain.checkedEvents).toBe(await database.db.auditEvent.count({ where: { tenantId: admin.tenantId } }));
  }, 120_000);

  it("answers a quick score as an audited simulation", async () => {
    const data = expectNoErrors(await run("mutation { quickScore(indicators: { billPaymentOnTimeShare: 0.95, monthlyIncome: 30000, idVerified: true }) { id score probabilityOfDefault subScores { component } } }")) as { quickScore: { id: string; score: number } };
    expect(data.quickScore.score).toBeGreaterThanOrEqual(300);
    expect(await database.db.auditEvent.count({ where: { entityId: data.quickScore.id, action: "quickScore.simulated" } })).toBe(1);
    expect((await run("mutation { quickScore(indicators: { billPaymentOnTimeShare: 1.5 }) { id } }")).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "indicators.billPaymentOnTimeShare" });
  });

  it("serves the committee queue, portfolio performance, signal summary, improvement steps and users", async () => {
    const page = expectNoErrors(await run("{ applications(first: 2, filter: { status: DECIDED }) { totalCount edges { cursor node { id committeeDecisions { verdict } } } pageInfo { hasNextPage endCursor } } }")) as {
      applications: { totalCount: number; edges: { node: { committeeDecisions: unknown[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    };
    expect(page.applications.totalCount).toBe(1);
    expect(page.applications.edges[0].node.committeeDecisions).toHaveLength(1);
    const all = expectNoErrors(await run("{ applications(first: 100) { totalCount } }")) as { applications: { totalCount: number } };
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const next = expectNoErrors(await run("query ($after: String) { applications(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }", { after })) as {
        applications: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      };
      ids.push(...next.applications.edges.map((edge) => edge.node.id));
      after = next.applications.pageInfo.hasNextPage ? next.applications.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(ids).size).toBe(all.applications.totalCount);

    // The replay test activated a report-less "retrained" version; PSI is measured for the active model's own
    // scores against its report, so make the registered default model (with its report) active again.
    await database.db.modelVersion.updateMany({ where: { tenantId: admin.tenantId }, data: { status: "RETIRED" } });
    await database.db.modelVersion.updateMany({ where: { tenantId: admin.tenantId, artifactSha256: readDefaultModelArtifact().contentHash }, data: { status: "ACTIVE" } });
    const performance = expectNoErrors(await run("{ portfolioPerformance { scored withOutcome defaults auc psi note byBand { band scored withOutcome defaults } byMonth { month scored } } }")) as {
      portfolioPerformance: { scored: number; withOutcome: number; defaults: number; auc: number | null; psi: number | null; byBand: { scored: number }[]; byMonth: { scored: number }[]; note: string };
    };
    // The active model was registered with its report, whose holdout score deciles PSI compares against; this
    // tenant has far fewer of its scorings than a drift verdict needs, so none is given.
    expect(performance.portfolioPerformance.psi).toBeNull();
    expect(performance.portfolioPerformance.note).toMatch(/from 400 of them on/);
    const models = expectNoErrors(await run("{ modelVersions { status artifactSha256 report { holdoutRows auc aucLower aucUpper roc { falsePositiveRate truePositiveRate } calibration { count } featureImportance { feature label meanAbsolutePoints } componentImportance { component label } } } }")) as {
      modelVersions: { status: string; artifactSha256: string; report: { holdoutRows: number; auc: number; aucLower: number; aucUpper: number; roc: unknown[]; calibration: { count: number }[]; featureImportance: { feature: string; label: string }[]; componentImportance: unknown[] } | null }[];
    };
    const active = models.modelVersions.find((version) => version.status === "ACTIVE");
    expect(active?.report).not.toBeNull();
    const report = active!.report!;
    expect(report.auc).toBeGreaterThanOrEqual(report.aucLower);
    expect(report.auc).toBeLessThanOrEqual(report.aucUpper);
    expect(report.calibration.reduce((n, bin) => n + bin.count, 0)).toBe(report.holdoutRows);
    expect(report.featureImportance.every((entry) => entry.label.length > 0 && entry.label !== entry.feature)).toBe(true);
    expect(performance.portfolioPerformance).toMatchObject({ scored: all.applications.totalCount, withOutcome: 1, defaults: 1, auc: null });
    expect(performance.portfolioPerformance.byBand.reduce((n, band) => n + band.scored, 0)).toBe(all.applications.totalCount);
    expect(performance.portfolioPerformance.note).toMatch(/approved/);

    const summary = expectNoErrors(await run("query ($id: ID!) { borrower(id: $id) { signalSummary(asOf: \"2026-11-01T00:00:00Z\") { transactionCount monthlyCashFlow { month inflow } payments { kind daysLate } } accounts { id } } }", { id: borrowerId })) as {
      borrower: { signalSummary: { transactionCount: number; monthlyCashFlow: { month: string }[] }; accounts: unknown[] };
    };
    expect(summary.borrower.signalSummary.transactionCount).toBe(signalCount);
    expect(summary.borrower.signalSummary.monthlyCashFlow.map((month) => month.month)).toEqual(["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(summary.borrower.accounts).toHaveLength(synthetic.bundle.accounts.length);

    const scored = expectNoErrors(await score()) as { calculateScore: { id: string; score: number } };
    const steps = expectNoErrors(await run("query ($id: ID!) { creditScore(id: $id) { score improvementSteps { feature action estimatedScoreChange } } }", { id: scored.calculateScore.id })) as {
      creditScore: { improvementSteps: { estimatedScoreChange: number }[] };
    };
    for (const step of steps.creditScore.improvementSteps) expect(step.estimatedScoreChange).toBeGreaterThan(0);

    const created = expectNoErrors(await run('mutation { createUser(input: { email: "Officer@Trace.test", name: "Officer", role: ANALYST, password: "correct horse battery" }) { id email role disabled } }')) as { createUser: { id: string; email: string } };
    expect(created.createUser).toMatchObject({ email: "officer@trace.test", role: "ANALYST", disabled: false });
    expect((await run('mutation { createUser(input: { email: "short@trace.test", name: "S", role: ANALYST, password: "short" }) { id } }')).errors?.[0].extensions).toMatchObject({ field: "password" });
    expectNoErrors(await run("mutation ($id: ID!) { setUserRole(id: $id, role: COMMITTEE) { role } }", { id: created.createUser.id }));
    const disabled = expectNoErrors(await run("mutation ($id: ID!) { disableUser(id: $id) { disabled role } }", { id: created.createUser.id }));
    expect(disabled).toEqual({ disableUser: { disabled: true, role: "COMMITTEE" } });
    expect(await resolveSessionCaller(database.db, { userId: created.createUser.id, tenantId: admin.tenantId })).toBeNull();
  });

  describe("a full verifyAuditChain detects tampering done behind the trigger's back (core/verify-audit-chain.int.test.ts: what an incremental one detects)", () => {
    async function tenantWithEvents(slug: string): Promise<{ caller: Caller; ids: string[] }> {
      const tenant = await ensureTenant(database.db, { slug, name: slug });
      const user = await createUser(database.db, tenant.id, { email: `auditor@${slug}.test`, name: "Auditor", role: "AUDITOR", passwordHash: "x" });
      const ids: string[] = [];
      for (let k = 0; k < 4; k += 1) {
        const event = await appendAuditEvent(database.db, tenant.id, { actorType: "SYSTEM", actorId: "test", action: "test.event", entityType: "Test", entityId: String(k), payload: { k }, occurredAt: new Date(Date.UTC(2026, 0, 1 + k)) });
        ids.push(event.id);
      }
      return { caller: (await resolveSessionCaller(database.db, { userId: user.id, tenantId: tenant.id })) as Caller, ids };
    }
    const tamper = (sql: string) => database.withSqlSession((session) => session.executeScript(`SET session_replication_role = replica; ${sql}; SET session_replication_role = origin;`));
    // A full verification is a job's work (GraphQL refuses full: true); its core function, called as the job calls it.
    const verify = (caller: Caller) => verifyAuditChain({ db: database.db, actor: caller as Actor, now: new Date(), request: { id: "full-trace", ipAddress: null } }, { full: true });

    it("is refused over GraphQL with full: true, pointing to the verification job", async () => {
      const { caller } = await tenantWithEvents(`refused-${kind}`);
      const refused = await run("{ verifyAuditChain(full: true) { valid } }", undefined, caller);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "full" });
      expect(refused.errors?.[0].message).toContain("startAuditVerification");
    });

    it("an edited row", async () => {
      const { caller, ids } = await tenantWithEvents(`edit-${kind}`);
      expect(await verify(caller)).toMatchObject({ valid: true });
      await tamper(`UPDATE "AuditEvent" SET payload = '{"k": 99}' WHERE id = '${ids[1]}'`);
      expect(await verify(caller)).toMatchObject({ valid: false, firstInvalidSeq: 2 });
    });

    it("an edited credit score, whose audit event is untouched", async () => {
      const scored = expectNoErrors(await score()) as { calculateScore: { id: string } };
      expect(await verify(admin)).toMatchObject({ valid: true });
      await tamper(`UPDATE "CreditScore" SET "recommendedLimit" = "recommendedLimit" + 100000 WHERE id = '${scored.calculateScore.id}'`);
      const status = await verify(admin);
      expect(status).toMatchObject({ valid: false });
      expect(status.firstInvalidSeq).toBe((await database.db.auditEvent.findFirst({ where: { entityId: scored.calculateScore.id, action: "creditScore.calculated" } }))?.seq);
    });

    it("a deleted row", async () => {
      const { caller, ids } = await tenantWithEvents(`delete-${kind}`);
      await tamper(`DELETE FROM "AuditEvent" WHERE id = '${ids[2]}'`);
      expect(await verify(caller)).toMatchObject({ valid: false, firstInvalidSeq: 4 });
    });

    it("an inserted row", async () => {
      const { caller, ids } = await tenantWithEvents(`insert-${kind}`);
      await tamper(
        `UPDATE "AuditEvent" SET seq = seq + 1000 WHERE id IN ('${ids[2]}', '${ids[3]}');
         UPDATE "AuditEvent" SET seq = seq - 999 WHERE id IN ('${ids[2]}', '${ids[3]}');
         INSERT INTO "AuditEvent" (id, "tenantId", seq, "actorType", "actorId", action, "entityType", payload, "occurredAt", "prevHash", "rowHash")
         SELECT 'forged', "tenantId", 3, 'SYSTEM', 'x', 'forged', 'Test', '{}', "occurredAt", "rowHash", repeat('0', 64) FROM "AuditEvent" WHERE id = '${ids[1]}'`,
      );
      expect(await verify(caller)).toMatchObject({ valid: false, firstInvalidSeq: 3 });
    });
  });
});
