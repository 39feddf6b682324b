import "server-only";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { redirect } from "next/navigation";
import type { Role } from "@/graphql/generated/client/graphql";
import { executePortalQuery } from "@/graphql/portal/execute-portal-query";
import { getPortalUser, type PortalUser } from "@/graphql/session/get-portal-session";
import { roleHomes } from "./role-homes";

export type PortalLoad<Data> = { ok: true; data: Data } | { ok: false; error: string };

/**
 * Runs a graphql/documents query in-process as the signed-in user and turns a failure into a message
 * the page shows in its error state (a resolver that has not landed yet, a denied field, a bad id).
 */
export async function loadPortalQuery<Data, Variables extends Record<string, unknown>>(
  user: PortalUser,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
): Promise<PortalLoad<Data>> {
  try {
    // graphql-js builds results as null-prototype objects, which React refuses to pass to client components.
    return { ok: true, data: structuredClone(await executePortalQuery(user, document, variables)) };
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^portal query failed: /, "") : String(error);
    return { ok: false, error: message };
  }
}

/** The signed-in user when their role may open this page; otherwise a redirect (sign-in, or their own home). */
export async function requirePortalRole(allowed: readonly Role[]): Promise<PortalUser> {
  const user = await getPortalUser();
  if (!user) redirect("/sign-in");
  if (!allowed.includes(user.role)) redirect(`/${roleHomes[user.role].path}`);
  return user;
}
