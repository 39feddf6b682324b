import type { NextRequest } from "next/server";
import { handleRestRequest } from "@/graphql/http/handle-rest-request";
import { calculateScoreOperation } from "@/graphql/http/rest-operations";

export const dynamic = "force-dynamic";

/** POST /api/credit-scores/calculate: calculateScore for partners without GraphQL (`?shape=microtrust` for the partner shape). */
export function POST(request: NextRequest): Promise<Response> {
  return handleRestRequest(request, calculateScoreOperation);
}
