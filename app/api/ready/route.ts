import { handleReadinessRequest } from "@/graphql/http/handle-readiness-request";

export const dynamic = "force-dynamic";

/** GET /api/ready: readiness for load balancers and supervisors (no credentials, no data). */
export function GET(): Promise<Response> {
  return handleReadinessRequest();
}
