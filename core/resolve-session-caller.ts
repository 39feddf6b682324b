import "server-only";
import type { Db } from "@/prisma/store/database";
import { findUserById, revokeUserSessions } from "@/prisma/store/user";
import type { Actor } from "./actor";

/** What a session token identifies: the user, their tenant, and the session version it was issued under. */
export interface SessionReference {
  userId: string;
  tenantId: string;
  /** User.sessionVersion when the token was issued; tokens from before versions existed count as 0. */
  sessionVersion?: number;
}

/**
 * The caller behind a session token, re-read from the database on each request so a disabled user or a
 * changed role takes effect at once; null when the user no longer exists, is disabled, or the token's
 * session version is no longer the user's (signed out, role changed, disabled: server-side revocation of a
 * stateless token).
 */
export async function resolveSessionCaller(db: Db, session: SessionReference): Promise<Actor | null> {
  const user = await findUserById(db, session.tenantId, session.userId);
  if (!user || user.disabledAt || user.sessionVersion !== (session.sessionVersion ?? 0)) return null;
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

/** Signing out ends every session of the user (each browser signs in again): a copied cookie stops working too. */
export async function endUserSessions(db: Db, session: SessionReference): Promise<void> {
  if (await resolveSessionCaller(db, session)) await revokeUserSessions(db, session.tenantId, session.userId);
}
