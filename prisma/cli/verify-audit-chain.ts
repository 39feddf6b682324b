// `npm run audit:verify -- --tenant <slug> [--full]`
// Verifies a tenant's audit chain from a shell, with the same core function the portal, GraphQL and the
// verification job call: incrementally from the newest signed checkpoint to the head (never capped here: an
// operator's shell has no per-request budget), or from the first row with --full. Prints one line; exits 1
// when the chain is invalid or the command fails, 2 on a usage error.
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import type { Actor } from "@/core/actor";
import { verifyAuditChain } from "@/core/verify-audit-chain";
import { databaseOptionsFromEnv, openDatabase } from "../store/database";
import { findTenantBySlug } from "../store/tenant";

const usage = "usage: npm run audit:verify -- --tenant <slug> [--full]";

async function main(): Promise<void> {
  let values: { tenant?: string; full?: boolean };
  try {
    ({ values } = parseArgs({ options: { tenant: { type: "string" }, full: { type: "boolean" } }, strict: true }));
  } catch (error) {
    console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}; ${usage}`);
    process.exitCode = 2;
    return;
  }
  if (!values.tenant) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const database = await openDatabase(databaseOptionsFromEnv());
  try {
    const tenant = await findTenantBySlug(database.db, values.tenant);
    if (!tenant) {
      console.error(`audit:verify: no tenant with slug "${values.tenant}"`);
      process.exitCode = 1;
      return;
    }
    // The operator acts as an auditor of the tenant; a verification records no event, only the checkpoint it signs.
    const operator: Actor = { kind: "USER", id: `cli:audit:verify:${userInfo().username}`, tenantId: tenant.id, role: "AUDITOR", name: "audit:verify", email: null, borrowerId: null, scopes: [] };
    const result = await verifyAuditChain({ db: database.db, actor: operator, now: new Date(), request: { id: randomUUID(), ipAddress: null } }, { full: values.full === true, maxEvents: null });
    const checkpoint = result.checkpoint ? `checkpoint seq ${result.checkpoint.seq} signature ${result.checkpoint.signature}` : "no checkpoint";
    if (result.valid) console.log(`audit chain of ${tenant.slug} valid: ${result.checkedEvents} events verified (${result.full ? "full" : "from the newest checkpoint"}); ${checkpoint}`);
    else {
      console.error(`audit chain of ${tenant.slug} INVALID at seq ${result.firstInvalidSeq ?? "?"}: ${result.reason ?? "unknown"}`);
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`audit:verify failed: ${error instanceof Error ? error.message.split("\n", 1)[0] : String(error)}`);
  process.exitCode = 1;
});
