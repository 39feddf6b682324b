import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resolveDataDirectory } from "@/prisma/store/database";

/** The deployment's secrets: each comes from its environment variable when set. */
export const secretEnvironment = {
  /** Signs and encrypts session tokens (next-auth). NEXTAUTH_SECRET is accepted as an alias. */
  authSecret: ["AUTH_SECRET", "NEXTAUTH_SECRET"],
  /** Keys the HMAC of national id numbers; changing it orphans every stored hash. */
  idHashKey: ["MICROTRUST_ID_HASH_KEY"],
  /** Signs the audit chain's checkpoints (HMAC-SHA256); keep it where the database's owner cannot read it. */
  auditKey: ["MICROTRUST_AUDIT_KEY"],
} as const;

export type SecretName = keyof typeof secretEnvironment;

let generated: Partial<Record<SecretName, string>> | undefined;

// Local and demo mode only: generate each missing secret once and keep it beside the embedded database,
// so sessions and id hashes survive restarts. Never a constant in the code.
function readOrCreateLocalSecrets(): Partial<Record<SecretName, string>> {
  const file = path.join(resolveDataDirectory(), "secrets.json");
  let stored: Partial<Record<SecretName, string>> = {};
  try {
    stored = JSON.parse(readFileSync(file, "utf8")) as Partial<Record<SecretName, string>>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const missing = (Object.keys(secretEnvironment) as SecretName[]).filter((name) => !stored[name]);
  if (missing.length > 0) {
    for (const name of missing) stored[name] = randomBytes(32).toString("base64url");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return stored;
}

/**
 * The secret from its environment variable; without one, a generated secret kept in the data directory —
 * unless DATABASE_URL is set: a server on a shared database must be given its secrets explicitly, or two
 * instances would sign with different keys.
 * @throws Error naming the variable to set, with DATABASE_URL set and the variable missing.
 */
export function resolveSecret(name: SecretName): string {
  for (const variable of secretEnvironment[name]) {
    const value = process.env[variable]?.trim();
    if (value) return value;
  }
  if (process.env.DATABASE_URL?.trim()) {
    throw new Error(`${secretEnvironment[name][0]} must be set when DATABASE_URL is set (a long random string, e.g. \`openssl rand -base64 32\`).`);
  }
  generated ??= readOrCreateLocalSecrets();
  const value = generated[name];
  if (!value) throw new Error(`secret ${name} missing from the data directory's secrets.json`);
  return value;
}
