import type { NextRequest } from "next/server";
import { handleGraphQLRequest } from "@/graphql/http/handle-graphql-request";

export const dynamic = "force-dynamic";

export function GET(request: NextRequest): Promise<Response> {
  return handleGraphQLRequest(request);
}

export function POST(request: NextRequest): Promise<Response> {
  return handleGraphQLRequest(request);
}
