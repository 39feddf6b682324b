import "server-only";
import type { NextRequest } from "next/server";
import type { UseCaseScope } from "@/core/actor";
import { isDomainError } from "@/core/errors";
import { scopeOf } from "../context";
import { restError } from "./handle-rest-request";
import { createRequestContext } from "./create-request-context";

/**
 * A GET that answers with a CSV file a core use case writes, for the signed-in user or an API key: the
 * same credentials as /api/graphql, domain errors as the REST error body with their HTTP status. Other text
 * files (a model card's Markdown) pass their content type.
 */
export async function handleCsvDownload(request: NextRequest, fileName: string, write: (scope: UseCaseScope) => Promise<string>, contentType = "text/csv; charset=utf-8"): Promise<Response> {
  try {
    const context = await createRequestContext(request);
    if (!context.caller) return restError("UNAUTHENTICATED", "Sign in or send an API key.");
    const csv = await write(scopeOf(context));
    return new Response(csv, { headers: { "content-type": contentType, "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" } });
  } catch (error) {
    if (isDomainError(error)) return restError(error.code, error.message, error.field);
    if (error instanceof Error && "extensions" in error && (error as { extensions?: { code?: string } }).extensions?.code === "UNAUTHENTICATED") return restError("UNAUTHENTICATED", error.message);
    console.error("[csv] download failed", error);
    return restError("INTERNAL_SERVER_ERROR", "Internal server error");
  }
}
