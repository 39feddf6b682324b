import type { NextRequest } from "next/server";
import { getModelCard } from "@/core/model-lifecycle/get-model-card";
import { handleCsvDownload } from "@/graphql/http/handle-csv-download";

export const dynamic = "force-dynamic";

/** GET /api/models/:id/card.md: the model card of one version as Markdown (staff, signed in or with an API key). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return handleCsvDownload(request, `model-card-${id}.md`, async (scope) => (await getModelCard(scope, id)).markdown, "text/markdown; charset=utf-8");
}
