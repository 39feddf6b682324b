import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "../testing/test-database";
import { createApiKey } from "./api-key";
import { appendAuditEvent, nameActors, type NewAuditEvent } from "./audit-event";
import { ensureTenant } from "./tenant";
import { createUser } from "./user";

describe.each(testDatabaseKinds())("nameActors on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());

  it("names users and API keys of the tenant, and nobody else", async () => {
    const { db } = database;
    const tenant = await ensureTenant(db, { slug: "actors", name: "Actors MFI" });
    const other = await ensureTenant(db, { slug: "other", name: "Other SACCO" });
    const officer = await createUser(db, tenant.id, { email: "amina@actors.test", name: "Amina Officer", role: "ANALYST", passwordHash: "x" });
    const stranger = await createUser(db, other.id, { email: "sam@other.test", name: "Sam Stranger", role: "ADMIN", passwordHash: "x" });
    const key = await createApiKey(db, tenant.id, { name: "Partner app", prefix: "mt_actors1", secretHash: "h".repeat(64), role: "ANALYST", scopes: ["READ"], createdByUserId: officer.id });
    const event = (actorType: NewAuditEvent["actorType"], actorId: string): NewAuditEvent => ({ actorType, actorId, action: "test.acted", entityType: "Test", payload: {}, occurredAt: new Date("2026-11-22T09:00:00Z") });
    const events = [
      await appendAuditEvent(db, tenant.id, event("USER", officer.id)),
      await appendAuditEvent(db, tenant.id, event("API_KEY", key.id)),
      await appendAuditEvent(db, tenant.id, event("SYSTEM", "migration")),
      // An id of another tenant's user (no such user here) and an actor that no longer exists.
      await appendAuditEvent(db, tenant.id, event("USER", stranger.id)),
      await appendAuditEvent(db, tenant.id, event("USER", "gone")),
    ];
    expect((await nameActors(db, tenant.id, events)).map((named) => named.actorName)).toEqual(["Amina Officer", "Partner app", null, null, null]);
    expect(await nameActors(db, tenant.id, [])).toEqual([]);
  });
});
