import "server-only";
import { getServerSession } from "next-auth";
import { getDatabase } from "@/prisma/store/database";
import { resolveSessionCaller } from "@/core/resolve-session-caller";
import type { Role } from "../generated/resolvers-types";
import { getAuthOptions } from "./auth-options";

export interface PortalUser {
  id: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string;
  sessionVersion: number;
}

/**
 * The signed-in user of a portal page (server components), or null: checked against the user row, so a
 * session ended by sign-out, a role change or disabling is refused here as it is by the API.
 */
export async function getPortalUser(): Promise<PortalUser | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  if (!user?.id || !user.role) return null;
  const { db } = await getDatabase();
  const caller = await resolveSessionCaller(db, { userId: user.id, tenantId: user.tenantId, sessionVersion: user.sessionVersion ?? 0 });
  if (!caller) return null;
  return { id: caller.id, tenantId: caller.tenantId, role: caller.role, name: caller.name, email: caller.email ?? "", sessionVersion: user.sessionVersion ?? 0 };
}
