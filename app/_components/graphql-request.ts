import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";

/** One entry of `extensions.issues`: a per-item validation problem (e.g. `transactions[3].amount`). */
export interface ApiIssue {
  field: string;
  message: string;
}

/** What the portal shows of a failed GraphQL call: the closed-set code, the field it names and any per-item issues. */
export interface ApiError {
  code: string;
  message: string;
  field?: string;
  issues: ApiIssue[];
}

export type ApiResult<Data> = { data: Data; error?: undefined } | { data?: undefined; error: ApiError };

interface GraphQLResponseBody<Data> {
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string; field?: string; issues?: ApiIssue[] } }[];
}

function toApiError(body: GraphQLResponseBody<unknown>["errors"], status: number): ApiError {
  const first = body?.[0];
  if (!first) return { code: "INTERNAL_SERVER_ERROR", message: `The server answered HTTP ${status} without a result.`, issues: [] };
  const issues = Array.isArray(first.extensions?.issues) ? first.extensions.issues : [];
  return { code: first.extensions?.code ?? "INTERNAL_SERVER_ERROR", message: first.message, field: first.extensions?.field, issues };
}

/**
 * Sends one typed operation of graphql/documents to /api/graphql as the signed-in user (session cookie).
 * Never throws: a network failure or a GraphQL error comes back as `error`, with the field it names.
 */
export async function requestGraphQL<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<ApiResult<Data>> {
  let response: Response;
  try {
    response = await fetch("/api/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: print(document), variables }),
    });
  } catch {
    return { error: { code: "NETWORK", message: "The server could not be reached. Check the connection and try again.", issues: [] } };
  }
  let body: GraphQLResponseBody<Data>;
  try {
    body = (await response.json()) as GraphQLResponseBody<Data>;
  } catch {
    return { error: { code: "INTERNAL_SERVER_ERROR", message: `The server answered HTTP ${response.status} with no readable body.`, issues: [] } };
  }
  if (body.errors?.length || !body.data) return { error: toApiError(body.errors, response.status) };
  return { data: body.data };
}

/** The error's message when it names this input field (`note`, or `input.note`), for showing beside the field. */
export function fieldError(error: ApiError | null | undefined, field: string): string | undefined {
  if (!error?.field) return undefined;
  return error.field === field || error.field.endsWith(`.${field}`) ? error.message : undefined;
}
