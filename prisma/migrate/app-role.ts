// The app's database role when it is not the owner of the tables (MICROTRUST_MIGRATION_DATABASE_URL set):
// migrations run as the owner; the app connects as a role that may read and write rows but not change the
// schema, disable the append-only triggers or rewrite the audit records. See docs/security.md ("Database roles").
import type { SqlExecutor } from "../store/database";

/** The tables whose rows are never changed once written: the app role may read and insert them, nothing else. */
export const appendOnlyTables = ["AuditEvent", "AuditCheckpoint", "CreditScore", "CreditScoreNarrative"] as const;

/** A role name as a quoted SQL identifier. */
export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.length > 63 || name.includes("\u0000")) throw new Error(`Not a valid role name: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The grants that make `role` the app's role, as one idempotent script run by the owner after migrating:
 * row access to every table of the schema (no TRUNCATE, TRIGGER or REFERENCES), only SELECT and INSERT on the
 * append-only tables, and the job queue's tables (pg-boss's schema, which the owner installs first: the app
 * role may create a new queue's table there but not create schemas).
 */
export function appRoleGrants(role: string): string {
  const app = quoteIdentifier(role);
  const appendOnly = appendOnlyTables.map((table) => `"${table}"`).join(", ");
  return [
    `GRANT USAGE ON SCHEMA public TO ${app};`,
    `REVOKE CREATE ON SCHEMA public FROM ${app};`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app};`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};`,
    `REVOKE UPDATE, DELETE ON ${appendOnly} FROM ${app};`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app};`,
    `GRANT USAGE, CREATE ON SCHEMA pgboss TO ${app};`,
    `GRANT ALL ON ALL TABLES IN SCHEMA pgboss TO ${app};`,
    `GRANT ALL ON ALL SEQUENCES IN SCHEMA pgboss TO ${app};`,
  ].join("\n");
}

/** The role a postgresql:// URL connects as. */
export function roleOfUrl(url: string): string {
  const role = decodeURIComponent(new URL(url).username);
  if (role === "") throw new Error("DATABASE_URL names no user: the app role cannot be granted its rights.");
  return role;
}

/** Grants `role` the app's rights, unless it is the role running this (the owner needs none). Run after pg-boss is installed. */
export async function grantAppRole(sql: SqlExecutor, role: string): Promise<{ granted: boolean }> {
  const [{ current }] = await sql.query<{ current: string }>("SELECT current_user AS current");
  if (current === role) return { granted: false };
  await sql.executeScript(appRoleGrants(role));
  return { granted: true };
}
