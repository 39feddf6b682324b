import type { NextRequest } from "next/server";
import { exportRescoreItems } from "@/core/jobs/manage-jobs";
import { handleCsvDownload } from "@/graphql/http/handle-csv-download";

export const dynamic = "force-dynamic";

/** GET /api/jobs/:id/items.csv: a re-scoring's items, one line per borrower. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleCsvDownload(request, `rescoring-${id}.csv`, (scope) => exportRescoreItems(scope, id));
}
