import "server-only";
import type { Db } from "@/prisma/store/database";
import { findUserById } from "@/prisma/store/user";
import type { Actor } from "./actor";

/**
 * The caller behind a session token, re-read from the database on each request so a disabled user or a
 * changed role takes effect at once; null when the user no longer exists or is disabled.
 */
export async function resolveSessionCaller(db: Db, session: { userId: string; tenantId: string }): Promise<Actor | null> {
  const user = await findUserById(db, session.tenantId, session.userId);
  if (!user || user.disabledAt) return null;
  return {
    kind: "USER",
    id: user.id,
    tenantId: user.tenantId,
    role: user.role,
    name: user.name,
    email: user.email,
    borrowerId: user.borrowerId,
    scopes: [],
  };
}
