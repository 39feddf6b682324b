import "server-only";
import { hash, verify, type Options } from "@node-rs/argon2";

// argon2id with OWASP's baseline (19 MiB, 2 passes, 1 lane): Password Storage Cheat Sheet, 2023+.
const argon2idOptions: Options = { algorithm: 2 as Options["algorithm"], memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** A PHC-format argon2id hash ("$argon2id$v=19$…") with a fresh random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2idOptions);
}

/** True when `password` matches; false for a wrong password or a malformed stored hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
