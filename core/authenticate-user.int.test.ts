import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@/prisma/testing/test-database";
import { ensureTenant } from "@/prisma/store/tenant";
import { createUser, disableUser } from "@/prisma/store/user";
import { hashPassword } from "./security/password";
import { SIGN_IN_THROTTLE } from "./sign-in-throttle";
import { authenticateUser } from "./authenticate-user";

const minutes = (count: number): number => count * 60_000;
const start = new Date("2026-11-22T08:00:00.000Z");
const at = (offsetMs: number): { now: Date; ipAddress: string | null } => ({ now: new Date(start.getTime() + offsetMs), ipAddress: "203.0.113.7" });

describe.each(testDatabaseKinds())("authenticateUser on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const tenant = await ensureTenant(database.db, { slug: "sign-in", name: "Sign-in SACCO" });
    const passwordHash = await hashPassword("correct horse");
    await createUser(database.db, tenant.id, { email: "grace@sacco.example", name: "Grace", role: "ANALYST", passwordHash });
    await createUser(database.db, tenant.id, { email: "lock@sacco.example", name: "Locked Out", role: "ANALYST", passwordHash });
    await createUser(database.db, tenant.id, { email: "again@sacco.example", name: "Tries Again", role: "ANALYST", passwordHash });
    await createUser(database.db, tenant.id, { email: "owner@sacco.example", name: "Owner", role: "ANALYST", passwordHash });
    await createUser(database.db, tenant.id, { email: "wanted@sacco.example", name: "Wanted", role: "ANALYST", passwordHash });
    const disabled = await createUser(database.db, tenant.id, { email: "gone@sacco.example", name: "Gone", role: "ANALYST", passwordHash });
    await disableUser(database.db, tenant.id, disabled.id, start);
  });
  afterAll(() => database.destroy());

  it("signs in with the right password (email compared in lower case) and logs the attempt", async () => {
    const result = await authenticateUser(database.db, "  Grace@Sacco.Example ", "correct horse", at(0));
    expect(result.ok && result.user.email).toBe("grace@sacco.example");
    const log = await database.db.signInAttempt.findMany({ where: { email: "grace@sacco.example" } });
    expect(log).toEqual([expect.objectContaining({ succeeded: true, throttled: false, ipAddress: "203.0.113.7", attemptedAt: at(0).now })]);
  });

  it("refuses a wrong password, an unknown email and a disabled account with the same reason", async () => {
    expect(await authenticateUser(database.db, "grace@sacco.example", "wrong", at(1000))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    expect(await authenticateUser(database.db, "nobody@sacco.example", "correct horse", at(1000))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    expect(await authenticateUser(database.db, "gone@sacco.example", "correct horse", at(1000))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
  });

  it("throttles an email after repeated failures, even with the right password, until the oldest failure leaves the window", async () => {
    const { failures, windowMinutes } = SIGN_IN_THROTTLE;
    for (let attempt = 0; attempt < failures; attempt += 1) {
      expect(await authenticateUser(database.db, "lock@sacco.example", `guess ${attempt}`, at(minutes(attempt)))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    }
    const locked = await authenticateUser(database.db, "lock@sacco.example", "correct horse", at(minutes(failures)));
    expect(locked).toEqual({ ok: false, reason: "TOO_MANY_ATTEMPTS", retryAfter: at(minutes(windowMinutes)).now });
    // Refusals while locked are logged but do not count: the lock still ends when the first failure ages out.
    expect((await authenticateUser(database.db, "lock@sacco.example", "correct horse", at(minutes(windowMinutes) - 1))).ok).toBe(false);
    const afterWindow = await authenticateUser(database.db, "lock@sacco.example", "correct horse", at(minutes(windowMinutes)));
    expect(afterWindow.ok).toBe(true);
    const log = await database.db.signInAttempt.findMany({ where: { email: "lock@sacco.example" }, orderBy: { attemptedAt: "asc" } });
    expect(log.map((row) => [row.succeeded, row.throttled])).toEqual([...Array.from({ length: failures }, () => [false, false]), [false, true], [false, true], [true, false]]);
  });

  it("starts the count again after a successful sign-in, and throttles unknown emails alike", async () => {
    const { failures } = SIGN_IN_THROTTLE;
    for (let attempt = 0; attempt < failures - 1; attempt += 1) await authenticateUser(database.db, "again@sacco.example", "wrong", at(minutes(1) + attempt));
    expect((await authenticateUser(database.db, "again@sacco.example", "correct horse", at(minutes(2)))).ok).toBe(true);
    // Without the reset, these would be failures 5 to 8 within the window and the last would be throttled.
    for (let attempt = 0; attempt < failures - 1; attempt += 1) {
      expect(await authenticateUser(database.db, "again@sacco.example", "wrong", at(minutes(3) + attempt))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    }
    for (let attempt = 0; attempt < failures; attempt += 1) await authenticateUser(database.db, "nobody.else@sacco.example", "guess", at(minutes(4) + attempt));
    expect(await authenticateUser(database.db, "nobody.else@sacco.example", "guess", at(minutes(5)))).toMatchObject({ ok: false, reason: "TOO_MANY_ATTEMPTS" });
  });

  it("checks at most the allowed number of passwords when guesses arrive all at once", async () => {
    const { failures } = SIGN_IN_THROTTLE;
    const email = "burst@sacco.example";
    const results = await Promise.all(Array.from({ length: 3 * failures }, (_, guess) => authenticateUser(database.db, email, `guess ${guess}`, at(minutes(30)))));
    // Each attempt is logged before it is counted, so the burst counts itself: however the attempts
    // interleave, no more passwords are checked than the limit (checking before logging let all through).
    const checked = results.filter((result) => !result.ok && result.reason === "INVALID_CREDENTIALS").length;
    expect(checked).toBeLessThanOrEqual(failures);
    expect(results.filter((result) => !result.ok && result.reason === "TOO_MANY_ATTEMPTS")).toHaveLength(results.length - checked);
    expect(await database.db.signInAttempt.count({ where: { email, throttled: false } })).toBe(checked);
    // Refusals do not count, so the email is not locked for longer than its checked failures warrant.
    const next = await authenticateUser(database.db, email, "one more", at(minutes(31)));
    expect(next.ok === false && next.reason).toBe(checked < failures ? "INVALID_CREDENTIALS" : "TOO_MANY_ATTEMPTS");
  });

  it("does not lock the owner out: an attacker's failures refuse the attacker's address, not the owner's", async () => {
    const { failures } = SIGN_IN_THROTTLE;
    const from = (ipAddress: string, offsetMs: number) => ({ now: new Date(start.getTime() + minutes(60) + offsetMs), ipAddress });
    for (let guess = 0; guess < failures; guess += 1) await authenticateUser(database.db, "owner@sacco.example", `guess ${guess}`, from("198.51.100.66", guess));
    expect(await authenticateUser(database.db, "owner@sacco.example", "correct horse", from("198.51.100.66", 10))).toMatchObject({ ok: false, reason: "TOO_MANY_ATTEMPTS" });
    expect((await authenticateUser(database.db, "owner@sacco.example", "correct horse", from("192.0.2.10", 20))).ok).toBe(true);
  });

  it("refuses an address spraying many emails once its failures across them reach the limit", async () => {
    const { failuresPerAddress } = SIGN_IN_THROTTLE;
    const from = (offsetMs: number) => ({ now: new Date(start.getTime() + minutes(120) + offsetMs), ipAddress: "198.51.100.77" });
    const results = [];
    for (let email = 0; email < failuresPerAddress + 5; email += 1) results.push(await authenticateUser(database.db, `sprayed-${email}@sacco.example`, "Summer2026!", from(email)));
    expect(results.filter((result) => !result.ok && result.reason === "INVALID_CREDENTIALS")).toHaveLength(failuresPerAddress);
    expect(results.slice(failuresPerAddress).every((result) => !result.ok && result.reason === "TOO_MANY_ATTEMPTS")).toBe(true);
  });

  it("slows a guess spread over many addresses to one password per interval, and lets the owner in after seconds", async () => {
    const { slowAfterFailures, slowIntervalSeconds } = SIGN_IN_THROTTLE;
    const at = (offsetMs: number, ipAddress: string) => ({ now: new Date(start.getTime() + minutes(180) + offsetMs), ipAddress });
    for (let guess = 0; guess < slowAfterFailures; guess += 1) await authenticateUser(database.db, "wanted@sacco.example", `guess ${guess}`, at(guess * 100, `203.0.113.${100 + guess}`));
    const slowed = await authenticateUser(database.db, "wanted@sacco.example", "correct horse", at(5_000, "192.0.2.20"));
    expect(slowed).toMatchObject({ ok: false, reason: "TOO_MANY_ATTEMPTS" });
    expect(!slowed.ok && slowed.retryAfter && slowed.retryAfter.getTime() - at(5_000, "").now.getTime()).toBeLessThanOrEqual(slowIntervalSeconds * 1000);
    expect((await authenticateUser(database.db, "wanted@sacco.example", "correct horse", at(slowIntervalSeconds * 1000 + 2_000, "192.0.2.20"))).ok).toBe(true);
  });

  it("refuses an oversized email or password without logging or hashing it", async () => {
    const huge = `${"x".repeat(200_000)}@sacco.example`;
    expect(await authenticateUser(database.db, huge, "correct horse", at(minutes(240)))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    expect(await authenticateUser(database.db, "grace@sacco.example", "p".repeat(1_000_000), at(minutes(240)))).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    expect(await database.db.signInAttempt.count({ where: { email: { startsWith: "xxxx" } } })).toBe(0);
  });
});
