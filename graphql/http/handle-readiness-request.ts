import "server-only";
import { getDatabase } from "@/prisma/store/database";
import { checkReadiness } from "@/core/check-readiness";

/** GET /api/ready: 200 when the database answers and every migration is applied, else 503 (for load balancers and supervisors). */
export async function handleReadinessRequest(): Promise<Response> {
  const readiness = await getDatabase().then(checkReadiness, () => ({ ready: false, database: "unreachable" as const, pendingMigrations: null }));
  return Response.json(readiness, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
