import "server-only";
import type { Db } from "@/prisma/store/database";
import { findUserByEmail } from "@/prisma/store/user";
import type { Role } from "../generated/resolvers-types";
import { hashPassword, verifyPassword } from "../security/password";

/** What the session token carries: enough to find the caller again, nothing secret. */
export interface SessionUser {
  userId: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string;
}

// Verified against when the email is unknown, so a miss costs the same time as a wrong password.
let decoyHash: Promise<string> | undefined;

/** The user whose email and password match, else null (unknown email, wrong password, disabled account alike). */
export async function authenticateUser(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const user = await findUserByEmail(db, email);
  if (!user) {
    decoyHash ??= hashPassword("decoy password, never valid");
    await verifyPassword(await decoyHash, password);
    return null;
  }
  const matches = await verifyPassword(user.passwordHash, password);
  if (!matches || user.disabledAt) return null;
  return { userId: user.id, tenantId: user.tenantId, role: user.role, name: user.name, email: user.email };
}
