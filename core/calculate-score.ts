import "server-only";
import { computeFeatures } from "@/scoring/features/compute-features";
import { assessApplication, type ApplicationAssessment } from "@/scoring/pipeline/assess-application";
import { ScoringError } from "@/scoring/core/errors";
import { randomUUID } from "node:crypto";
import type { NewAuditEvent } from "@/prisma/store/audit-event";
import { appendAuditEventThroughOutbox } from "@/prisma/store/audit-outbox";
import { hashCreditScore, normaliseDecimal, recordCreditScoreWithAudit, type CreditScoreRecord, type NewCreditScore } from "@/prisma/store/credit-score";
import { readScoringContext, type ConsentTerms } from "@/prisma/store/scoring-context";
import { readScoringSignals, type SignalWindows } from "@/prisma/store/scoring-signals";
import { auditActorOf, type UseCaseScope } from "./actor";
import { badUserInput, conflict, consentRequired, notFound } from "./errors";
import type { CalculateScoreInput } from "./inputs";
import type { ConsentPurpose, DataCategory } from "@/prisma/store/vocabulary";
import { buildSignalBundle } from "./scoring/build-signal-bundle";
import { loadModelVersion, loadPolicyVersion } from "./scoring/scoring-versions";
import { freezeFeatures, storeAssessment, toJsonValue } from "./scoring/stored-assessment";
import { scoreInShadow } from "./model-lifecycle/score-in-shadow";

const MS_PER_DAY = 86_400_000;
const MAX_TENOR_DAYS = 3650;
const amountPattern = /^\d{1,15}(\.\d{1,4})?$/;

/** The category → consent assignment of one scoring: each category read under the consent that allows the longest data life. */
export interface ConsentCoverage {
  consentIds: string[];
  categories: DataCategory[];
  windows: SignalWindows;
  /** category → the consent it is read under. */
  readUnder: Partial<Record<DataCategory, string>>;
}

/**
 * Which categories a scoring may read and from when: every category some consent in force covers, each
 * read from (now − that consent's data life) to asOf. A signal whose data life has ended is not read,
 * whatever asOf is.
 */
export function coverConsentedCategories(consents: readonly ConsentTerms[], asOf: Date, now: Date): ConsentCoverage {
  const readUnder: Partial<Record<DataCategory, ConsentTerms>> = {};
  for (const consent of consents) {
    for (const category of consent.dataCategories) {
      const current = readUnder[category];
      if (!current || consent.dataLifeDays > current.dataLifeDays) readUnder[category] = consent;
    }
  }
  const categories = (Object.keys(readUnder) as DataCategory[]).sort();
  const windows: SignalWindows = {};
  for (const category of categories) {
    windows[category] = { after: new Date(now.getTime() - (readUnder[category] as ConsentTerms).dataLifeDays * MS_PER_DAY), before: asOf };
  }
  const consentIds = [...new Set(categories.map((category) => (readUnder[category] as ConsentTerms).id))].sort();
  return { consentIds, categories, windows, readUnder: Object.fromEntries(categories.map((category) => [category, (readUnder[category] as ConsentTerms).id])) };
}

function validateRequest(input: CalculateScoreInput, now: Date): { asOf: Date; requestedAmount: string } {
  const requestedAmount = input.requestedAmount.trim();
  if (!amountPattern.test(requestedAmount) || Number(requestedAmount) <= 0) throw badUserInput("requestedAmount", "requestedAmount: a positive amount with at most 4 decimals, e.g. \"25000.00\".");
  if (!Number.isInteger(input.requestedTenorDays) || input.requestedTenorDays < 1 || input.requestedTenorDays > MAX_TENOR_DAYS) {
    throw badUserInput("requestedTenorDays", `requestedTenorDays: a whole number of days from 1 to ${MAX_TENOR_DAYS}.`);
  }
  const asOf = input.asOf ?? now;
  if (asOf.getTime() > now.getTime()) throw badUserInput("asOf", "asOf: cannot be in the future.");
  return { asOf, requestedAmount: normaliseDecimal(requestedAmount) };
}

/** The audit event of a scoring refused for want of consent (the refusal is recorded, then CONSENT_REQUIRED thrown). */
function refusalEvent(scope: UseCaseScope, borrowerId: string, purpose: ConsentPurpose, asOf: Date): NewAuditEvent {
  return {
    ...auditActorOf(scope),
    borrowerId,
    action: "creditScore.refused",
    entityType: "Borrower",
    entityId: borrowerId,
    payload: { reason: "CONSENT_REQUIRED", purpose, asOf: asOf.toISOString(), callerRole: scope.actor.role },
  };
}

const consentRequiredMessage = (purpose: ConsentPurpose): string =>
  `No consent for ${purpose} is in force for this borrower at asOf and now (granted, not revoked, not expired); the refusal is audited.`;

function assess(...args: Parameters<typeof assessApplication>): ApplicationAssessment {
  try {
    return assessApplication(...args);
  } catch (error) {
    if (error instanceof ScoringError && error.code === "INVALID_ARGUMENT" && (error.field === "requestedAmount" || error.field === "requestedTenorDays")) {
      throw badUserInput(error.field, error.message);
    }
    throw error;
  }
}

/** A scoring ready to be written: the CreditScore row and its audit event. */
export interface PreparedScoring {
  record: NewCreditScore & { id: string };
  event: NewAuditEvent;
}

/** What preparing a scoring gave: a scoring to write, or a refusal (no consent in force) whose event must be written. */
export type ScoringPreparation = { kind: "scored"; scoring: PreparedScoring } | { kind: "refused"; event: NewAuditEvent; message: string };

/**
 * Everything a scoring does before it writes: checks consent, reads only consented signals dated before
 * asOf and within their data life, computes features, assesses under the tenant's active model and policy,
 * scores the tenant's challenger (if any) in shadow from the same features, and builds the record and its
 * audit event. Online scorings and portfolio jobs both start here, so a batch
 * scoring is exactly what calculateScore writes.
 * @throws DomainError BAD_USER_INPUT (amount, tenor, asOf), NOT_FOUND (borrower), CONFLICT when the tenant
 * has no active model or policy.
 */
export async function prepareScoring(scope: UseCaseScope, input: CalculateScoreInput): Promise<ScoringPreparation> {
  const caller = scope.actor;
  const { db, now } = scope;
  const { tenantId } = caller;
  const { asOf, requestedAmount } = validateRequest(input, now);
  const { borrowerId } = input;
  // The borrower, its consents in force and the active versions in one statement; their checks run in this order.
  const scoringContext = await readScoringContext(db, tenantId, borrowerId, input.purpose, [asOf, now]);
  if (!scoringContext) throw notFound("No borrower with this id.");
  const coverage = coverConsentedCategories(scoringContext.consents, asOf, now);
  if (coverage.categories.length === 0) return { kind: "refused", event: refusalEvent(scope, borrowerId, input.purpose, asOf), message: consentRequiredMessage(input.purpose) };

  const { activeModelVersionId: modelVersionId, activePolicyVersionId: policyVersionId } = scoringContext;
  if (!modelVersionId) throw conflict("modelVersion", "The tenant has no active model version.");
  if (!policyVersionId) throw conflict("policyVersion", "The tenant has no active decision policy.");
  // The challenger, if any, is scored in shadow from the same features (never the champion twice).
  const challengerModelVersionId = scoringContext.challengerModelVersionId !== modelVersionId ? scoringContext.challengerModelVersionId : null;
  const [model, { policy, documentSha256: policySha256 }, signals, challenger] = await Promise.all([
    loadModelVersion(db, tenantId, modelVersionId),
    loadPolicyVersion(db, tenantId, policyVersionId),
    readScoringSignals(db, tenantId, borrowerId, coverage.windows, new Date(asOf.getTime() - 30 * MS_PER_DAY)),
    challengerModelVersionId ? loadModelVersion(db, tenantId, challengerModelVersionId) : null,
  ]);
  const { bundle, context: borrowerContext, bundleSha256 } = buildSignalBundle(signals);
  const features = computeFeatures(bundle, borrowerContext, asOf.toISOString());
  const request = { requestedAmount: Number(requestedAmount), requestedTenorDays: input.requestedTenorDays };
  const assessment = assess(model, policy, features, request);
  const { score, decision } = assessment;
  const recommendedLimit = normaliseDecimal(decision.recommendedLimit);

  const unhashed: Omit<NewCreditScore, "recordHash"> & { id: string } = {
    id: randomUUID(),
    borrowerId,
    modelVersionId,
    policyVersionId,
    policySha256,
    purpose: input.purpose,
    consentIds: coverage.consentIds,
    callerKind: caller.kind,
    callerId: caller.id,
    callerRole: caller.role,
    requestId: scope.request.id,
    ipAddress: scope.request.ipAddress,
    apiKeyHash: caller.apiKeyHash ?? null,
    asOf,
    scoredAt: now,
    requestedAmount,
    requestedTenorDays: input.requestedTenorDays,
    score: Math.round(score.score),
    scoreExact: score.score,
    probabilityOfDefault: score.probabilityOfDefault,
    riskBucket: score.riskBucket.name,
    riskLevel: decision.riskLevel,
    confidence: score.confidence,
    recommendation: decision.recommendation,
    flagged: decision.fraudFlags.length > 0 || decision.humanReviewFlags.length > 0,
    recommendedLimit,
    tenorDays: decision.tenorDays,
    inputs: toJsonValue({
      categories: coverage.categories,
      readUnder: coverage.readUnder,
      windows: Object.fromEntries(coverage.categories.map((category) => [category, { after: coverage.windows[category]?.after.toISOString(), before: asOf.toISOString() }])),
      accountIds: signals.accounts.map((account) => account.id),
      rows: { transactions: signals.transactions.length, bills: signals.bills.length, loanInstalments: signals.instalments.length, events: signals.events.length, bureau: signals.bureau ? 1 : 0 },
      borrowerContext: borrowerContext ?? null,
    }) as object,
    features: freezeFeatures(features),
    // The engine's contentHash of the bundle (canonical JSON, SHA-256), computed natively.
    inputsSha256: bundleSha256,
    result: storeAssessment(assessment) as object,
    ...(challenger ? { challengerModelVersionId, challengerResult: scoreInShadow(challenger, policy, features, request) as object } : {}),
  };
  const recordHash = hashCreditScore(unhashed);
  const record = { ...unhashed, recordHash };
  const event: NewAuditEvent = {
    ...auditActorOf(scope),
    borrowerId,
    action: "creditScore.calculated",
    entityType: "CreditScore",
    entityId: record.id,
    payload: {
      recordHash,
      purpose: input.purpose,
      consentIds: coverage.consentIds,
      modelVersionId,
      ...(challengerModelVersionId ? { challengerModelVersionId } : {}),
      policySha256,
      score: record.score,
      recommendation: decision.recommendation,
      recommendedLimit,
    },
  };
  return { kind: "scored", scoring: { record, event } };
}

/**
 * Scores a borrower under the tenant's active model and policy (see prepareScoring) and writes the
 * CreditScore with its audit event in one transaction; a refusal for want of consent is audited first.
 * @throws DomainError BAD_USER_INPUT (amount, tenor, asOf), NOT_FOUND (borrower), CONSENT_REQUIRED,
 * CONFLICT when the tenant has no active model or policy.
 */
export async function calculateScore(scope: UseCaseScope, input: CalculateScoreInput): Promise<CreditScoreRecord> {
  const prepared = await prepareScoring(scope, input);
  const { tenantId } = scope.actor;
  if (prepared.kind === "refused") {
    await appendAuditEventThroughOutbox(scope.db, tenantId, { ...prepared.event, id: randomUUID() });
    throw consentRequired(prepared.message);
  }
  const { score } = await recordCreditScoreWithAudit(scope.db, tenantId, prepared.scoring.record, prepared.scoring.event);
  return score;
}
