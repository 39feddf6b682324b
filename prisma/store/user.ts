import type { Role, User } from "../generated/client";
import type { Db } from "./database";

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
export function findUserByEmail(db: Db, email: string): Promise<UserRecord | null> {
  return db.user.findUnique({ where: { email: normaliseEmail(email) } });
}

export function findUserById(db: Db, tenantId: string, userId: string): Promise<UserRecord | null> {
  return db.user.findFirst({ where: { id: userId, tenantId } });
}

export function createUser(db: Db, tenantId: string, input: NewUser): Promise<UserRecord> {
  return db.user.create({ data: { ...input, email: normaliseEmail(input.email), tenantId } });
}
