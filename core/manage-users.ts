import "server-only";
import { findBorrowerById } from "@/prisma/store/borrower";
import { createUser as insertUser, disableUser as disableStoredUser, findUserByEmail, findUserById, listUsers as listStoredUsers, setUserRole as setStoredUserRole, type UserRecord } from "@/prisma/store/user";
import type { UseCaseScope } from "./actor";
import { badUserInput, conflict, notFound } from "./errors";
import type { CreateUserInput } from "./inputs";
import type { Role } from "@/prisma/store/vocabulary";
import { hashPassword } from "./security/password";
import { recordAuditEvent } from "./record-audit-event";

const MIN_PASSWORD_LENGTH = 12;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function listUsers(scope: UseCaseScope): Promise<UserRecord[]> {
  return listStoredUsers(scope.db, scope.actor.tenantId);
}

/**
 * Creates a user of the caller's tenant with an argon2id password hash, audited.
 * @throws DomainError BAD_USER_INPUT naming email, name, password (≥ 12 characters) or borrowerId
 * (required for BORROWER, refused otherwise); CONFLICT when the email is taken.
 */
export async function createUser(scope: UseCaseScope, input: CreateUserInput): Promise<UserRecord> {
  const caller = scope.actor;
  const email = input.email.trim().toLowerCase();
  if (!emailPattern.test(email) || email.length > 254) throw badUserInput("email", "email: a valid address.");
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badUserInput("name", "name: 1 to 200 characters.");
  if (input.password.length < MIN_PASSWORD_LENGTH) throw badUserInput("password", `password: at least ${MIN_PASSWORD_LENGTH} characters.`);
  const borrowerId = await checkBorrowerLink(scope, caller.tenantId, input.role, input.borrowerId ?? null);
  if (await findUserByEmail(scope.db, email)) throw conflict("email", "A user with this email already exists.");
  const user = await insertUser(scope.db, caller.tenantId, { email, name, role: input.role, passwordHash: await hashPassword(input.password), borrowerId });
  await recordAuditEvent(scope, { action: "user.created", entityType: "User", entityId: user.id, payload: { role: user.role, email } });
  return user;
}

async function checkBorrowerLink(scope: UseCaseScope, tenantId: string, role: Role, borrowerId: string | null): Promise<string | null> {
  if (role !== "BORROWER") {
    if (borrowerId) throw badUserInput("borrowerId", "borrowerId: only for BORROWER users.");
    return null;
  }
  if (!borrowerId) throw badUserInput("borrowerId", "borrowerId: required for a BORROWER user.");
  if (!(await findBorrowerById(scope.db, tenantId, borrowerId))) throw badUserInput("borrowerId", "borrowerId: no such borrower in the tenant.");
  return borrowerId;
}

/**
 * Changes a user's role, audited. A user cannot become BORROWER this way (a borrower login is created with
 * its borrower), and an administrator cannot change their own role.
 */
export async function setUserRole(scope: UseCaseScope, userId: string, role: Role): Promise<UserRecord> {
  const caller = scope.actor;
  const user = await findUserById(scope.db, caller.tenantId, userId);
  if (!user) throw notFound("No user with this id.");
  if (role === "BORROWER" || user.role === "BORROWER") throw badUserInput("role", "role: borrower logins are created with their borrower and keep that role.");
  if (user.id === caller.id) throw badUserInput("id", "id: administrators cannot change their own role.");
  const updated = await setStoredUserRole(scope.db, caller.tenantId, userId, role, null);
  if (!updated) throw notFound("No user with this id.");
  await recordAuditEvent(scope, { action: "user.roleChanged", entityType: "User", entityId: userId, payload: { from: user.role, to: role } });
  return updated;
}

/** Disables a user's sign-in at once (sessions are re-read on every request), audited; not oneself. */
export async function disableUser(scope: UseCaseScope, userId: string): Promise<UserRecord> {
  const caller = scope.actor;
  if (userId === caller.id) throw badUserInput("id", "id: administrators cannot disable themselves.");
  const user = await disableStoredUser(scope.db, caller.tenantId, userId, scope.now);
  if (!user) throw notFound("No user with this id.");
  await recordAuditEvent(scope, { action: "user.disabled", entityType: "User", entityId: userId, payload: {} });
  return user;
}
