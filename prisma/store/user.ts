import type { Role, User } from "../generated/client";
import type { DbClient } from "./database";

export type UserRecord = User;

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  borrowerId?: string | null;
}

/** Email is the login name: unique across tenants, compared in lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The login lookup: the only user query not scoped by tenant, since the tenant is what it finds out. */
export function findUserByEmail(db: DbClient, email: string): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { email: normaliseEmail(email) } });
}

export function findUserById(db: DbClient, tenantId: string, userId: string): Promise<UserRecord | null> {
  return db.user.findFirst({ where: { id: userId, tenantId } });
}

export function createUser(db: DbClient, tenantId: string, input: NewUser): Promise<UserRecord> {
  return db.user.create({ data: { ...input, email: normaliseEmail(input.email), tenantId } });
}

export function listUsers(db: DbClient, tenantId: string): Promise<UserRecord[]> {
  return db.user.findMany({ where: { tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

/**
 * Changes a user's role (a BORROWER keeps their borrower link only while BORROWER) and ends their sessions;
 * null when the tenant has no such user.
 */
export async function setUserRole(db: DbClient, tenantId: string, userId: string, role: Role, borrowerId: string | null): Promise<UserRecord | null> {
  await db.user.updateMany({ where: { id: userId, tenantId }, data: { role, borrowerId, sessionVersion: { increment: 1 } } });
  return findUserById(db, tenantId, userId);
}

/** Disables sign-in (first time kept) and ends the user's sessions; null when the tenant has no such user. */
export async function disableUser(db: DbClient, tenantId: string, userId: string, disabledAt: Date): Promise<UserRecord | null> {
  await db.user.updateMany({ where: { id: userId, tenantId, disabledAt: null }, data: { disabledAt, sessionVersion: { increment: 1 } } });
  return findUserById(db, tenantId, userId);
}

/**
 * Ends every session of the user: session tokens carry the version they were issued under, and a token
 * whose version is no longer the user's is refused (core/resolve-session-caller.ts).
 */
export async function revokeUserSessions(db: DbClient, tenantId: string, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId, tenantId }, data: { sessionVersion: { increment: 1 } } });
}
