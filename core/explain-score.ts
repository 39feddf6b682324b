import "server-only";
import { findCreditScoreNarrative, freezeCreditScoreNarrative, type CreditScoreNarrativeRecord } from "@/prisma/store/credit-score-narrative";
import { findCreditScoreById, type CreditScoreRecord } from "@/prisma/store/credit-score";
import { findPolicyVersionById } from "@/prisma/store/policy-version";
import { canSeeBorrower, type UseCaseScope } from "./actor";
import { notFound } from "./errors";
import { readPolicyVersion } from "./scoring/scoring-versions";
import { readStoredResult } from "./scoring/stored-assessment";
import { narrateWithLlm, narrativeFacts, narrativeLlmFromEnv } from "./narrate-with-llm";

const recommendationWords = { APPROVE: "recommended for approval", REVIEW: "referred to the credit committee for review", REJECT: "recommended for decline" } as const;

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, "");
// Reason texts are written to the borrower ("your bills…"), as adverse-action notices are: quoted as stated.
const quoted = (text: string): string => `“${text.replace(/\.$/, "")}”`;

/**
 * The deterministic narrative of a stored scoring: 2–3 sentences built only from stored facts (score,
 * PD, risk level, recommendation, limit and tenor, the top adverse reasons and positive factors, flags).
 */
export function narrateScore(score: CreditScoreRecord, currency: string): string {
  const { score: result, decision } = readStoredResult(score.result);
  const sentences = [
    `The applicant scored ${score.score} (estimated probability of default ${(score.probabilityOfDefault * 100).toFixed(1)} %, score band ${score.riskBucket}, policy risk level ${decision.riskLevel.replace("_", " ").toLowerCase()}) and was ${recommendationWords[decision.recommendation]}` +
      (decision.recommendedLimit > 0 ? `, with a recommended limit of ${decision.recommendedLimit.toLocaleString("en-US")} ${currency} over ${decision.tenorDays} days.` : "."),
  ];
  const adverse = result.adverseReasons.slice(0, 2).map((reason) => quoted(reason.text));
  const positive = result.positiveFactors.slice(0, 2).map((reason) => quoted(reason.text));
  if (adverse.length > 0) sentences.push(`The principal reasons lowering the score, as stated to the applicant: ${adverse.join("; ")}.`);
  if (positive.length > 0) sentences.push(`In the applicant's favour: ${positive.join("; ")}.`);
  const flags = [...decision.fraudFlags, ...decision.humanReviewFlags];
  if (flags.length > 0 && sentences.length < 3) sentences.push(`Flags for review: ${flags.map((flag) => lowerFirst(flag.text)).join("; ")}.`);
  return sentences.slice(0, 3).join(" ");
}

/**
 * The narrative of a scoring; the first one made is frozen into the audit record and returned ever after.
 * The template by default; with MICROTRUST_NARRATIVE_LLM_URL and _MODEL set, an OpenAI-compatible model
 * narrates the same stored facts (narrateWithLlm), the template standing in whenever its answer is refused.
 * @throws DomainError NOT_FOUND when the tenant has no such score (or a BORROWER asks about another's).
 */
export async function explainScore(scope: UseCaseScope, scoreId: string): Promise<CreditScoreNarrativeRecord> {
  const caller = scope.actor;
  const { db } = scope;
  const score = await findCreditScoreById(db, caller.tenantId, scoreId);
  if (!score || !canSeeBorrower(caller, score.borrowerId)) throw notFound("No credit score with this id.");
  const existing = await findCreditScoreNarrative(db, caller.tenantId, score.id);
  if (existing) return existing;
  const policyVersion = await findPolicyVersionById(db, caller.tenantId, score.policyVersionId);
  const currency = policyVersion ? readPolicyVersion(policyVersion).currency : "";
  const llm = narrativeLlmFromEnv();
  const llmText = llm ? await narrateWithLlm(llm, narrativeFacts(score, currency)) : null;
  const text = llmText ?? narrateScore(score, currency);
  const source = llmText ? "LLM" : "TEMPLATE";
  return freezeCreditScoreNarrative(db, caller.tenantId, { creditScoreId: score.id, text, source, frozenAt: scope.now }, {
    actorType: caller.kind,
    actorId: caller.id,
    borrowerId: score.borrowerId,
    action: "creditScore.narrated",
    entityType: "CreditScore",
    entityId: score.id,
    requestId: scope.request.id,
    payload: { source, text, ...(llmText && llm ? { model: llm.model } : {}) },
    occurredAt: scope.now,
  });
}
