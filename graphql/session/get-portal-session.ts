import "server-only";
import { getServerSession } from "next-auth";
import type { Role } from "../generated/resolvers-types";
import { getAuthOptions } from "./auth-options";

export interface PortalUser {
  id: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string;
}

/** The signed-in user of a portal page (server components), or null. */
export async function getPortalUser(): Promise<PortalUser | null> {
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  if (!user?.id || !user.role) return null;
  return { id: user.id, tenantId: user.tenantId, role: user.role, name: user.name ?? "", email: user.email ?? "" };
}
