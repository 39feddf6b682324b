import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import type { RestOperation } from "./handle-rest-request";

const amount = z.union([z.string(), z.number().finite().transform(String)]);
const instant = z.iso.datetime({ offset: true });

const calculateBody = z
  .object({
    borrowerId: z.string().min(1),
    purpose: z.enum(["LOAN_UNDERWRITING", "LIMIT_REVIEW", "MONITORING"]).default("LOAN_UNDERWRITING"),
    requestedAmount: amount,
    requestedTenorDays: z.number().int(),
    asOf: instant.optional(),
  })
  .strict();

interface Reason {
  code: string;
  text: string;
  points: number;
}

interface CalculatedScore {
  calculateScore: { score: number; riskBucket: string; confidence: number; adverseReasons: Reason[] } & Record<string, unknown>;
}

/** `?shape=microtrust` or `X-Response-Shape: microtrust` asks for the MicroTrust partner shape. */
function wantsMicroTrustShape(request: NextRequest): boolean {
  return request.nextUrl.searchParams.get("shape") === "microtrust" || request.headers.get("x-response-shape")?.toLowerCase() === "microtrust";
}

export const calculateScoreOperation: RestOperation<z.infer<typeof calculateBody>, CalculatedScore> = {
  body: calculateBody,
  document: `mutation Calculate($input: CalculateScoreInput!) {
    calculateScore(input: $input) {
      id asOf scoredAt score scoreExact probabilityOfDefault riskBucket confidence baseScore consentIds dataCategoriesRead inputsSha256 recordHash
      subScores { component value points }
      adverseReasons { code text feature points }
      positiveFactors { code text feature points }
      decision { recommendation riskLevel scoreMode decisionScore recommendedLimit currency tenorDays requiresHumanReview reasons { code text } fraudFlags { code text } humanReviewFlags { code text } arithmetic { label value formula } }
      modelVersion { id version artifactSha256 }
      policyVersion { id version documentSha256 }
    }
  }`,
  variables: (body) => ({ input: body }),
  respond: (data, request) => {
    const score = data.calculateScore;
    if (!wantsMicroTrustShape(request)) return score;
    return {
      microtrust_score: score.score,
      risk_bucket: score.riskBucket,
      model_confidence: score.confidence,
      top_risk_factors: score.adverseReasons.map((reason) => ({ code: reason.code, description: reason.text, impact_points: reason.points })),
    };
  },
};

const outcomeBody = z
  .object({
    scoreId: z.string().min(1),
    status: z.enum(["PAID_OFF", "LATE", "DEFAULT", "WRITTEN_OFF"]),
    maxDaysLate: z.number().int(),
    defaultedAt: instant.nullable().optional(),
    recoveredAmount: amount.nullable().optional(),
    observedAt: instant,
  })
  .strict();

export const recordOutcomeOperation: RestOperation<z.infer<typeof outcomeBody>, { recordOutcome: unknown }> = {
  body: outcomeBody,
  document: `mutation Outcome($input: RecordOutcomeInput!) {
    recordOutcome(input: $input) { id creditScoreId status maxDaysLate defaultedAt recoveredAmount observedAt recordedAt }
  }`,
  variables: (body) => ({ input: body }),
  respond: (data) => data.recordOutcome,
};
