import type { NextRequest } from "next/server";
import { exportAuditTimeline } from "@/core/list-audit-trail";
import { badUserInput } from "@/core/errors";
import { handleCsvDownload } from "@/graphql/http/handle-csv-download";

export const dynamic = "force-dynamic";

function instantParam(params: URLSearchParams, name: "from" | "to"): Date {
  const value = params.get(name);
  const instant = value ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) throw badUserInput(name, `${name}: an ISO 8601 instant, e.g. 2026-11-02T00:00:00Z.`);
  return instant;
}

/** GET /api/audit/events.csv?from=&to=&kind=&actorId=&borrowerId=: the auditor's timeline (auditTimeline's filter) as CSV. */
export function GET(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const day = (params.get("from") ?? "").slice(0, 10);
  return handleCsvDownload(request, `audit-${/^\d{4}-\d{2}-\d{2}$/.test(day) ? day : "events"}.csv`, (scope) =>
    exportAuditTimeline(scope, { from: instantParam(params, "from"), to: instantParam(params, "to"), kind: params.get("kind"), actorId: params.get("actorId"), borrowerId: params.get("borrowerId") }),
  );
}
