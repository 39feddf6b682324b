import type { NextRequest } from "next/server";
import { handleRestRequest } from "@/graphql/http/handle-rest-request";
import { recordOutcomeOperation } from "@/graphql/http/rest-operations";

export const dynamic = "force-dynamic";

/** POST /api/outcomes: recordOutcome for partners without GraphQL. */
export function POST(request: NextRequest): Promise<Response> {
  return handleRestRequest(request, recordOutcomeOperation);
}
