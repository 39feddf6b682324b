import "server-only";
import { findBorrowerById } from "@/prisma/store/borrower";
import { createUser as insertUser, disableUser as disableStoredUser, findUserByEmail, findUserById, listUsers as listStoredUsers, setUserRole as setStoredUserRole, type UserRecord } from "@/prisma/store/user";
import type { DbClient } from "@/prisma/store/database";
import type { UseCaseScope } from "./actor";
import { badUserInput, conflict, forbidden, notFound } from "./errors";
import type { CreateUserInput } from "./inputs";
import type { Role } from "@/prisma/store/vocabulary";
import { hashPassword } from "./security/password";
import { runAudited } from "./audited-change";

const MIN_PASSWORD_LENGTH = 12;
// argon2 hashes any length, but hashing megabytes per request is a cheap way to burn CPU.
const MAX_PASSWORD_LENGTH = 200;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A login email in its stored form (trimmed, lower case). @throws DomainError BAD_USER_INPUT naming `field`. */
export function normaliseLoginEmail(email: string, field = "email"): string {
  const normalised = email.trim().toLowerCase();
  if (!emailPattern.test(normalised) || normalised.length > 254) throw badUserInput(field, `${field}: a valid address.`);
  return normalised;
}

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
  if (caller.kind === "API_KEY" && input.role === "ADMIN") throw forbidden("API keys cannot create administrators: a signed-in administrator does.");
  const email = normaliseLoginEmail(input.email);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badUserInput("name", "name: 1 to 200 characters.");
  if (input.password.length < MIN_PASSWORD_LENGTH || input.password.length > MAX_PASSWORD_LENGTH) {
    throw badUserInput("password", `password: ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`);
  }
  const passwordHash = await hashPassword(input.password);
  return runAudited(scope, async (tx) => {
    const borrowerId = await checkBorrowerLink(tx, caller.tenantId, input.role, input.borrowerId ?? null);
    if (await findUserByEmail(tx, email)) throw conflict("email", "A user with this email already exists.");
    const user = await insertUser(tx, caller.tenantId, { email, name, role: input.role, passwordHash, borrowerId });
    return { result: user, event: { action: "user.created", entityType: "User", entityId: user.id, payload: { role: user.role, email } } };
  });
}

async function checkBorrowerLink(db: DbClient, tenantId: string, role: Role, borrowerId: string | null): Promise<string | null> {
  if (role !== "BORROWER") {
    if (borrowerId) throw badUserInput("borrowerId", "borrowerId: only for BORROWER users.");
    return null;
  }
  if (!borrowerId) throw badUserInput("borrowerId", "borrowerId: required for a BORROWER user.");
  if (!(await findBorrowerById(db, tenantId, borrowerId))) throw badUserInput("borrowerId", "borrowerId: no such borrower in the tenant.");
  return borrowerId;
}

/**
 * Changes a user's role, audited. A user cannot become BORROWER this way (a borrower login is created with
 * its borrower), and an administrator cannot change their own role. The user's sessions end (they sign in
 * again under the new role). An API key may neither make an administrator nor change one.
 */
export async function setUserRole(scope: UseCaseScope, userId: string, role: Role): Promise<UserRecord> {
  const caller = scope.actor;
  return runAudited(scope, async (tx) => {
    const user = await findUserById(tx, caller.tenantId, userId);
    if (!user) throw notFound("No user with this id.");
    if (caller.kind === "API_KEY" && (role === "ADMIN" || user.role === "ADMIN")) throw forbidden("API keys cannot grant or change the administrator role: a signed-in administrator does.");
    if (role === "BORROWER" || user.role === "BORROWER") throw badUserInput("role", "role: borrower logins are created with their borrower and keep that role.");
    if (user.id === caller.id) throw badUserInput("id", "id: administrators cannot change their own role.");
    const updated = await setStoredUserRole(tx, caller.tenantId, userId, role, null);
    if (!updated) throw notFound("No user with this id.");
    return { result: updated, event: { action: "user.roleChanged", entityType: "User", entityId: userId, payload: { from: user.role, to: role } } };
  });
}

/** Disables a user's sign-in and ends their sessions at once, audited; not oneself, and not an administrator by an API key. */
export async function disableUser(scope: UseCaseScope, userId: string): Promise<UserRecord> {
  const caller = scope.actor;
  if (userId === caller.id) throw badUserInput("id", "id: administrators cannot disable themselves.");
  return runAudited(scope, async (tx) => {
    const existing = await findUserById(tx, caller.tenantId, userId);
    if (!existing) throw notFound("No user with this id.");
    if (caller.kind === "API_KEY" && existing.role === "ADMIN") throw forbidden("API keys cannot disable an administrator.");
    const user = await disableStoredUser(tx, caller.tenantId, userId, scope.now);
    if (!user) throw notFound("No user with this id.");
    const event = existing.disabledAt ? null : { action: "user.disabled", entityType: "User", entityId: userId, payload: {} };
    return { result: user, event };
  });
}
