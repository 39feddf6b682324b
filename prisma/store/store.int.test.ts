import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../testing/test-database";
import { createApiKey, findApiKeyByPrefix, listApiKeys, recordApiKeyUse, revokeApiKey } from "./api-key";
import { appendAuditEvent, checkAuditChain, hashAuditEvent, listAuditEvents } from "./audit-event";
import { ingestBehaviouralEvents, listBehaviouralEvents } from "./behavioural-event";
import { ingestBills, listBills } from "./bill";
import { countBorrowers, createBorrower, ensureBorrower, findBorrowerById, findBorrowerByNationalId, listBorrowers, type NewBorrower } from "./borrower";
import { ingestBureauRecords, listBureauRecords } from "./bureau-record";
import { listCommitteeDecisions, recordCommitteeDecision } from "./committee-decision";
import { createConsent, listConsents, revokeConsent } from "./consent";
import { findCreditScoreById, listCreditScores, recordCreditScore } from "./credit-score";
import { ensureLinkedAccount, listLinkedAccounts } from "./linked-account";
import { ingestLoanRepayments, listLoanRepayments } from "./loan-repayment";
import { createModelVersion, findModelVersionById, listModelVersions } from "./model-version";
import { listOutcomes, recordOutcome } from "./outcome";
import { createPolicyVersion, findPolicyVersionById, listPolicyVersions } from "./policy-version";
import { ensureTenant, findTenantById, findTenantBySlug } from "./tenant";
import { ingestTransactions, listTransactions } from "./transaction";
import { createUser, findUserByEmail, findUserById } from "./user";

const at = (iso: string): Date => new Date(iso);
const sha = (character: string): string => character.repeat(64);

function newBorrower(externalId: string, nationalIdHash: string): NewBorrower {
  return {
    externalId,
    nationalIdType: "HUDUMA",
    nationalIdHash,
    nationalIdLast4: "1234",
    givenName: "Wanjiku",
    familyName: "Kamau",
    phone: "+254712345678",
    dateOfBirth: at("1990-04-17T00:00:00Z"),
    simRegisteredAt: at("2019-01-01T00:00:00Z"),
    idVerified: true,
    nameMatchesAccounts: true,
    deviceId: "device-1",
  };
}

describe.each(testDatabaseKinds())("prisma/store on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());

  it("writes and reads back every entity, scoped by tenant", async () => {
    const { db } = database;
    const tenant = await ensureTenant(db, { slug: "acme", name: "Acme MFI" });
    const other = await ensureTenant(db, { slug: "other", name: "Other SACCO" });
    expect(await ensureTenant(db, { slug: "acme", name: "renamed" })).toEqual(tenant);
    expect(await findTenantById(db, tenant.id)).toEqual(tenant);
    expect(await findTenantBySlug(db, "other")).toEqual(other);

    const borrower = await createBorrower(db, tenant.id, newBorrower("B-1", sha("a")));
    expect(await ensureBorrower(db, tenant.id, { ...newBorrower("B-1", sha("a")), givenName: "Changed" })).toEqual(borrower);
    expect(await findBorrowerById(db, tenant.id, borrower.id)).toEqual(borrower);
    expect(await findBorrowerById(db, other.id, borrower.id)).toBeNull();
    expect(await findBorrowerByNationalId(db, tenant.id, "HUDUMA", sha("a"))).toEqual(borrower);
    expect((await listBorrowers(db, tenant.id, { first: 10, search: "wanj" })).borrowers).toEqual([borrower]);
    // A full name matches word by word across the name fields; a word that matches nothing excludes the borrower.
    expect((await listBorrowers(db, tenant.id, { first: 10, search: "  wanjiku   KAMAU " })).borrowers).toEqual([borrower]);
    expect((await listBorrowers(db, tenant.id, { first: 10, search: "Wanjiku Otieno" })).borrowers).toEqual([]);
    expect((await listBorrowers(db, other.id, { first: 10 })).borrowers).toEqual([]);
    expect(await countBorrowers(db, tenant.id)).toBe(1);

    const user = await createUser(db, tenant.id, { email: " Officer@Acme.test ", name: "Officer", role: "ANALYST", passwordHash: "$argon2id$placeholder" });
    const borrowerUser = await createUser(db, tenant.id, { email: "b@acme.test", name: "B", role: "BORROWER", passwordHash: "x", borrowerId: borrower.id });
    expect(user.email).toBe("officer@acme.test");
    expect(await findUserByEmail(db, "OFFICER@acme.test")).toEqual(user);
    expect(await findUserById(db, tenant.id, borrowerUser.id)).toMatchObject({ borrowerId: borrower.id });
    expect(await findUserById(db, other.id, user.id)).toBeNull();

    const apiKey = await createApiKey(db, tenant.id, { name: "core banking", prefix: "0123456789ab", secretHash: sha("b"), role: "ANALYST", scopes: ["READ"], createdByUserId: user.id });
    await recordApiKeyUse(db, tenant.id, apiKey.id, at("2026-01-02T00:00:00Z"));
    // The lookup runs on the driver: the row exactly as Prisma reads it (types included), or null.
    expect(await findApiKeyByPrefix(db, "0123456789ab")).toEqual({ ...apiKey, lastUsedAt: at("2026-01-02T00:00:00Z") });
    expect(await findApiKeyByPrefix(db, "nosuchprefix")).toBeNull();
    expect(await revokeApiKey(db, other.id, apiKey.id, at("2026-01-03T00:00:00Z"))).toBeNull();
    expect((await revokeApiKey(db, tenant.id, apiKey.id, at("2026-01-03T00:00:00Z")))?.revokedAt).toEqual(at("2026-01-03T00:00:00Z"));
    expect((await revokeApiKey(db, tenant.id, apiKey.id, at("2026-02-01T00:00:00Z")))?.revokedAt).toEqual(at("2026-01-03T00:00:00Z"));
    expect((await listApiKeys(db, tenant.id)).map((key) => key.id)).toEqual([apiKey.id]);
    expect(await listApiKeys(db, other.id)).toEqual([]);

    const account = await ensureLinkedAccount(db, tenant.id, { borrowerId: borrower.id, type: "MOBILE_MONEY", provider: "M-Wallet", externalReference: "mm-1", openedAt: at("2024-10-27T00:00:00Z"), verified: true });
    expect(await ensureLinkedAccount(db, tenant.id, { borrowerId: borrower.id, type: "MOBILE_MONEY", provider: "M-Wallet", externalReference: "mm-1", openedAt: at("2020-01-01T00:00:00Z"), verified: false })).toEqual(account);
    expect(await listLinkedAccounts(db, tenant.id, borrower.id)).toEqual([account]);

    const transaction = { borrowerId: borrower.id, externalId: "tx-1", accountId: account.id, occurredAt: at("2025-09-05T12:00:00Z"), amount: "310.86", currency: "KES", direction: "DEBIT", category: "BILL", counterparty: "National Power" } as const;
    expect(await ingestTransactions(db, tenant.id, [transaction, { ...transaction, externalId: "tx-2", amount: "0.1" }])).toBe(2);
    expect(await ingestTransactions(db, tenant.id, [transaction])).toBe(0);
    const transactions = await listTransactions(db, tenant.id, borrower.id);
    expect(transactions.map((row) => row.amount.toString()).sort()).toEqual(["0.1", "310.86"]);
    expect(transactions[0]).toMatchObject({ currency: "KES", direction: "DEBIT", category: "BILL", counterparty: "National Power" });

    const bill = { borrowerId: borrower.id, externalId: "bill-1", accountId: null, biller: "National Power", billType: "ELECTRICITY", dueDate: at("2025-09-09T00:00:00Z"), amountDue: "310.86", paidAt: at("2025-09-05T12:00:00Z"), amountPaid: "310.86" } as const;
    expect(await ingestBills(db, tenant.id, [bill, bill])).toBe(1);
    expect(await listBills(db, tenant.id, borrower.id)).toMatchObject([{ externalId: "bill-1", billType: "ELECTRICITY", dueDate: at("2025-09-09T00:00:00Z") }]);

    const instalment = { borrowerId: borrower.id, externalId: "loan-0#1", loanExternalId: "loan-0", lender: "QuickCash", lenderType: "DIGITAL_LENDER", principal: "11742.03", disbursedAt: at("2025-11-10T00:00:00Z"), dueDate: at("2025-12-10T00:00:00Z"), amountDue: "13503.33", paidAt: null, amountPaid: null, writtenOffAt: null } as const;
    expect(await ingestLoanRepayments(db, tenant.id, [instalment])).toBe(1);
    expect((await listLoanRepayments(db, tenant.id, borrower.id))[0].principal.toString()).toBe("11742.03");

    expect(await ingestBehaviouralEvents(db, tenant.id, [{ borrowerId: borrower.id, externalId: "event-0", type: "SIM_SWAP", occurredAt: at("2026-03-28T18:33:32Z"), deviceId: null }])).toBe(1);
    expect(await listBehaviouralEvents(db, tenant.id, borrower.id)).toMatchObject([{ type: "SIM_SWAP" }]);

    expect(await ingestBureauRecords(db, tenant.id, [{ borrowerId: borrower.id, externalId: "bureau-1", bureau: "Demo Bureau", reportedAt: at("2026-10-01T00:00:00Z"), hasFile: true, activeLoans: 2, worstStatus: "DPD_1_29", inquiriesLast6Months: 3 }])).toBe(1);
    expect(await listBureauRecords(db, tenant.id, borrower.id)).toMatchObject([{ worstStatus: "DPD_1_29", activeLoans: 2 }]);

    const consent = await createConsent(db, tenant.id, { borrowerId: borrower.id, purpose: "LOAN_UNDERWRITING", dataCategories: ["TRANSACTIONS", "BILLS"], statement: "I agree to …", validFrom: at("2026-11-01T00:00:00Z"), expiresAt: at("2027-11-01T00:00:00Z"), dataLifeDays: 730, grantedAt: at("2026-11-01T00:00:00Z") });
    expect(await listConsents(db, tenant.id, borrower.id)).toEqual([consent]);
    expect(await revokeConsent(db, other.id, consent.id, at("2026-11-02T00:00:00Z"))).toBeNull();
    expect((await revokeConsent(db, tenant.id, consent.id, at("2026-11-02T00:00:00Z")))?.revokedAt).toEqual(at("2026-11-02T00:00:00Z"));

    const model = await createModelVersion(db, tenant.id, { name: "thin-file", version: "1.0.0", kind: "scorecard", status: "ACTIVE", artifact: { points: [1, 2] }, artifactSha256: sha("c") });
    expect(await findModelVersionById(db, tenant.id, model.id)).toEqual(model);
    expect(await findModelVersionById(db, other.id, model.id)).toBeNull();
    const { artifact: _artifact, ...summary } = model;
    expect(await listModelVersions(db, tenant.id)).toEqual([summary]);
    const policy = await createPolicyVersion(db, tenant.id, { name: "default", version: "1", status: "ACTIVE", document: { cutoff: 600 }, documentSha256: sha("d") });
    expect(await findPolicyVersionById(db, tenant.id, policy.id)).toEqual(policy);
    expect(await listPolicyVersions(db, tenant.id)).toEqual([policy]);

    const score = await recordCreditScore(db, tenant.id, {
      borrowerId: borrower.id, modelVersionId: model.id, policyVersionId: policy.id, policySha256: sha("d"), purpose: "LOAN_UNDERWRITING", consentIds: [consent.id],
      callerKind: "USER", callerId: user.id, callerRole: "ANALYST", requestId: "req-1", ipAddress: "127.0.0.1", apiKeyHash: null,
      asOf: at("2026-11-01T10:00:00Z"), scoredAt: at("2026-11-01T10:00:00Z"), requestedAmount: "5000", requestedTenorDays: 90,
      score: 642, scoreExact: 641.73, probabilityOfDefault: 0.0831, riskBucket: "FAIR", riskLevel: "MEDIUM", confidence: 0.8, recommendation: "REVIEW", flagged: true, recommendedLimit: "4000", tenorDays: 90,
      inputs: { categories: ["TRANSACTIONS"] }, features: { a: 1 }, inputsSha256: sha("e"), result: { score: 641.73 }, recordHash: sha("f"),
    });
    expect(await findCreditScoreById(db, tenant.id, score.id)).toEqual(score);
    expect(await findCreditScoreById(db, other.id, score.id)).toBeNull();
    expect(await listCreditScores(db, tenant.id, borrower.id)).toEqual([score]);
    await expect(db.creditScore.update({ where: { id: score.id }, data: { score: 900 } })).rejects.toThrow(/append-only/);

    const decision = await recordCommitteeDecision(db, tenant.id, { creditScoreId: score.id, decidedByKind: "USER", decidedById: user.id, decidedByName: "Officer", verdict: "APPROVED", amount: "4000", tenorDays: 90, note: "Steady mobile-money inflows.", isOverride: true, decidedAt: at("2026-11-02T09:00:00Z") });
    expect(await listCommitteeDecisions(db, tenant.id, score.id)).toEqual([decision]);

    const outcome = await recordOutcome(db, tenant.id, { borrowerId: borrower.id, creditScoreId: score.id, status: "LATE", maxDaysLate: 12, observedAt: at("2026-12-01T00:00:00Z") });
    // One observation per score and instant: a different one at the same instant is refused, not silently dropped.
    await expect(recordOutcome(db, tenant.id, { borrowerId: borrower.id, creditScoreId: score.id, status: "DEFAULT", maxDaysLate: 95, observedAt: at("2026-12-01T00:00:00Z") })).rejects.toMatchObject({ code: "P2002" });
    expect(await listOutcomes(db, tenant.id, borrower.id)).toEqual([outcome]);

    const first = await appendAuditEvent(db, tenant.id, { actorType: "USER", actorId: user.id, action: "borrower.created", entityType: "Borrower", entityId: borrower.id, payload: { b: 1, a: [true, null] }, occurredAt: at("2026-11-01T00:00:00Z") });
    const second = await appendAuditEvent(db, tenant.id, { actorType: "API_KEY", actorId: apiKey.id, action: "apiKey.revoked", entityType: "ApiKey", entityId: apiKey.id, payload: {}, occurredAt: at("2026-11-01T00:00:01Z") });
    const otherFirst = await appendAuditEvent(db, other.id, { actorType: "SYSTEM", actorId: "seed", action: "tenant.created", entityType: "Tenant", payload: {}, occurredAt: at("2026-11-01T00:00:00Z") });
    expect([first.seq, second.seq, otherFirst.seq]).toEqual([1, 2, 1]);
    expect(first.prevHash).toBeNull();
    expect(second.prevHash).toBe(first.rowHash);
    expect(first.rowHash).toBe(hashAuditEvent(null, { tenantId: tenant.id, seq: 1, actorType: "USER", actorId: user.id, action: "borrower.created", entityType: "Borrower", entityId: borrower.id, payload: { a: [true, null], b: 1 }, occurredAt: at("2026-11-01T00:00:00Z") }));
    expect(await listAuditEvents(db, tenant.id, { first: 10 })).toEqual([first, second]);
    expect(await checkAuditChain(db, tenant.id)).toEqual({ checkedEvents: 2, firstInvalidSeq: null, reason: null, headHash: second.rowHash, headSeq: 2 });
  });

  it("refuses a row of one tenant that points at another tenant's row (composite foreign keys)", async () => {
    const { db } = database;
    const a = await ensureTenant(db, { slug: "fk-a", name: "A" });
    const b = await ensureTenant(db, { slug: "fk-b", name: "B" });
    const borrowerOfA = await createBorrower(db, a.id, newBorrower("FK-1", sha("f")));
    await expect(ensureLinkedAccount(db, b.id, { borrowerId: borrowerOfA.id, type: "BANK", provider: "Bank", externalReference: "x", openedAt: at("2020-01-01T00:00:00Z"), verified: false })).rejects.toThrow();
    await expect(createUser(db, b.id, { email: "intruder@b.test", name: "I", role: "BORROWER", passwordHash: "x", borrowerId: borrowerOfA.id })).rejects.toThrow();
  });
});
