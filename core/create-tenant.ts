import "server-only";
import { randomBytes } from "node:crypto";
import { registerDefaultScoringInTransaction } from "@/prisma/seed/register-default-scoring";
import { appendAuditEventInTransaction, lockAuditChain } from "@/prisma/store/audit-event";
import type { Db } from "@/prisma/store/database";
import { createTenant as insertTenant, findTenantBySlug, type TenantRecord } from "@/prisma/store/tenant";
import { createUser, findUserByEmail, type UserRecord } from "@/prisma/store/user";
import { asConflict, badUserInput, conflict } from "./errors";
import { normaliseLoginEmail } from "./manage-users";
import { hashPassword } from "./security/password";

export interface CreateTenantInput {
  name: string;
  /** URL-safe short name, unique: 2 to 50 lower-case letters, digits and hyphens. */
  slug: string;
  adminEmail: string;
  adminName?: string;
}

export interface CreatedTenant {
  tenant: TenantRecord;
  admin: UserRecord;
  /** The first administrator's password, shown once: only its argon2id hash is stored. */
  oneTimePassword: string;
  modelVersionId: string;
  policyVersionId: string;
}

const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

/**
 * Onboards a lender: the tenant, its first administrator (with a generated one-time password), and the
 * committed default model and decision policy as its ACTIVE versions, all in one transaction with their
 * audit events (actor SYSTEM, `operator` naming who ran it) as the first entries of the tenant's chain.
 * @throws DomainError BAD_USER_INPUT naming name/slug/adminEmail/adminName; CONFLICT when the slug or the email is taken.
 */
export async function createTenant(db: Db, input: CreateTenantInput, context: { now: Date; operator: string; requestId: string }): Promise<CreatedTenant> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 200) throw badUserInput("name", "name: 1 to 200 characters.");
  const slug = input.slug.trim();
  if (!slugPattern.test(slug)) throw badUserInput("slug", "slug: 2 to 50 lower-case letters, digits and hyphens, e.g. kilimo-sacco.");
  const adminEmail = normaliseLoginEmail(input.adminEmail, "adminEmail");
  const adminName = (input.adminName ?? "Administrator").trim();
  if (adminName.length < 1 || adminName.length > 200) throw badUserInput("adminName", "adminName: 1 to 200 characters.");
  // 24 random bytes, base64url: 32 characters, 192 bits.
  const oneTimePassword = randomBytes(24).toString("base64url");
  const passwordHash = await hashPassword(oneTimePassword);
  try {
    return await db.$transaction(
      async (tx) => {
        if (await findTenantBySlug(tx, slug)) throw conflict("slug", "slug: a tenant with this slug already exists.");
        if (await findUserByEmail(tx, adminEmail)) throw conflict("adminEmail", "adminEmail: a user with this email already exists.");
        const tenant = await insertTenant(tx, { name, slug });
        const { model, policy } = await registerDefaultScoringInTransaction(tx, tenant.id);
        const admin = await createUser(tx, tenant.id, { email: adminEmail, name: adminName, role: "ADMIN", passwordHash });
        const by = { actorType: "SYSTEM" as const, actorId: context.operator, requestId: context.requestId, occurredAt: context.now };
        await lockAuditChain(tx, tenant.id);
        for (const event of [
          { action: "tenant.created", entityType: "Tenant", entityId: tenant.id, payload: { name, slug } },
          { action: "model.activated", entityType: "ModelVersion", entityId: model.id, payload: { name: model.name, version: model.version, artifactSha256: model.artifactSha256 } },
          { action: "policy.published", entityType: "PolicyVersion", entityId: policy.id, payload: { name: policy.name, version: policy.version, documentSha256: policy.documentSha256 } },
          { action: "user.created", entityType: "User", entityId: admin.id, payload: { role: admin.role, email: adminEmail } },
        ]) {
          await appendAuditEventInTransaction(tx, tenant.id, { ...by, ...event });
        }
        return { tenant, admin, oneTimePassword, modelVersionId: model.id, policyVersionId: policy.id };
      },
      { timeout: 30_000 },
    );
  } catch (error) {
    throw asConflict(error) ?? error;
  }
}
