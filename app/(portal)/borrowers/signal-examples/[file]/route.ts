import type { NextRequest } from "next/server";
import { isSignalExampleFile, readSignalExample } from "../signal-examples";

export const dynamic = "force-dynamic";

const accountIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * GET /borrowers/signal-examples/:file[?accountId=…]: an example signals file from docs/examples/signals,
 * served by the app itself (the upload form links here), with the borrower's account id filled in when given.
 * The files are documentation: they hold no tenant data.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  if (!isSignalExampleFile(file)) return new Response("No such example file.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const accountId = request.nextUrl.searchParams.get("accountId");
  const text = await readSignalExample(file, accountId && accountIdPattern.test(accountId) ? accountId : undefined);
  const type = file.endsWith(".json") ? "application/json" : "text/csv";
  return new Response(text, { headers: { "content-type": `${type}; charset=utf-8`, "content-disposition": `attachment; filename="${file}"`, "cache-control": "no-store" } });
}
