// `npm run tenant:create -- --name "Kilimo SACCO" --slug kilimo-sacco --admin-email admin@kilimo.example [--admin-name "Jane Doe"]`
// Onboards a lender on a database whose migrations are applied (npm run db:prepare): the tenant, its first
// administrator with a one-time password printed once here, and the default model and policy, audited.
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { createTenant } from "@/core/create-tenant";
import { isDomainError } from "@/core/errors";
import { databaseOptionsFromEnv, openDatabase } from "../store/database";

const usage = 'usage: npm run tenant:create -- --name "<lender name>" --slug <slug> --admin-email <email> [--admin-name "<name>"]';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: "string" }, slug: { type: "string" }, "admin-email": { type: "string" }, "admin-name": { type: "string" } }, strict: true });
  if (!values.name || !values.slug || !values["admin-email"]) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const database = await openDatabase(databaseOptionsFromEnv());
  try {
    const created = await createTenant(
      database.db,
      { name: values.name, slug: values.slug, adminEmail: values["admin-email"], adminName: values["admin-name"] },
      { now: new Date(), operator: `cli:tenant:create:${userInfo().username}`, requestId: randomUUID() },
    );
    console.log(`Created tenant "${created.tenant.name}" (${created.tenant.slug}, id ${created.tenant.id}) with the default model and decision policy.`);
    console.log(`First administrator: ${created.admin.email}`);
    console.log(`One-time password (shown once here; only its hash is stored): ${created.oneTimePassword}`);
  } catch (error) {
    if (isDomainError(error)) {
      console.error(`tenant:create: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error("tenant:create failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
