import type { NextRequest } from "next/server";
import { exportSimulationSwaps } from "@/core/policy-simulation/read-policy-simulation";
import { handleCsvDownload } from "@/graphql/http/handle-csv-download";

export const dynamic = "force-dynamic";

/** GET /api/simulations/:id/swaps.csv: a finished simulation's swap set, one line per moved application. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleCsvDownload(request, `simulation-${id}-swaps.csv`, (scope) => exportSimulationSwaps(scope, id));
}
