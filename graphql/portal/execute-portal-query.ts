import "server-only";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { execute, type GraphQLSchema } from "graphql";
import { getDatabase } from "@/prisma/store/database";
import type { GraphQLContext } from "../context";
import { createGraphQLSchema } from "../schema";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import type { PortalUser } from "../session/get-portal-session";

let schema: GraphQLSchema | undefined;

/**
 * Runs one of graphql/documents' operations in-process as the signed-in portal user: pages read data
 * through the same schema, @auth checks and tenant scoping as API clients.
 * @throws Error with the GraphQL errors' messages when the operation fails.
 */
export async function executePortalQuery<Result, Variables extends Record<string, unknown>>(
  user: PortalUser,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  schema ??= createGraphQLSchema();
  const { db } = await getDatabase();
  const contextValue: GraphQLContext = {
    db,
    requestId: crypto.randomUUID(),
    caller: await resolveSessionCaller(db, { userId: user.id, tenantId: user.tenantId, sessionVersion: user.sessionVersion }),
    now: new Date(),
  };
  const result = await execute({ schema, document, variableValues: variables, contextValue });
  if (result.errors?.length) throw new Error(`portal query failed: ${result.errors.map((error) => error.message).join("; ")}`);
  return result.data as Result;
}
