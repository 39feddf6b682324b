// The REST routes for partners, through the same handler and operations the routes export, on a fresh
// embedded database: same credentials, same error codes as GraphQL, and the MicroTrust response shape.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/prisma/migrate/apply-migrations";
import { registerDefaultScoring } from "@/prisma/seed/register-default-scoring";
import { createApiKey } from "@/prisma/store/api-key";
import { createBorrower } from "@/prisma/store/borrower";
import { createConsent } from "@/prisma/store/consent";
import { getDatabase } from "@/prisma/store/database";
import { ensureTenant } from "@/prisma/store/tenant";
import { generateApiKeyToken } from "@/core/security/api-key-token";

process.env.MICROTRUST_DATA_DIR = mkdtempSync(path.join(tmpdir(), "microtrust-rest-"));
delete process.env.DATABASE_URL;
process.env.AUTH_SECRET = "test-auth-secret";

const { handleRestRequest } = await import("./handle-rest-request");
const { calculateScoreOperation, recordOutcomeOperation } = await import("./rest-operations");

describe("REST: /api/credit-scores/calculate and /api/outcomes", () => {
  let token: string;
  let borrowerId: string;
  const call = (route: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => {
    const request = new NextRequest(`http://localhost${route}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
    return handleRestRequest(request, (route.startsWith("/api/outcomes") ? recordOutcomeOperation : calculateScoreOperation) as typeof calculateScoreOperation);
  };

  beforeAll(async () => {
    const { db, withSqlSession } = await getDatabase();
    await withSqlSession((sql) => applyMigrations(sql));
    const tenant = await ensureTenant(db, { slug: "partner", name: "Partner Bank" });
    await registerDefaultScoring(db, tenant.id);
    const generated = generateApiKeyToken();
    await createApiKey(db, tenant.id, { name: "core banking", prefix: generated.prefix, secretHash: generated.secretHash, role: "ANALYST", scopes: ["READ", "WRITE"], createdByUserId: null });
    token = generated.token;
    const borrower = await createBorrower(db, tenant.id, { externalId: "P-1", nationalIdType: "NIN", nationalIdHash: "a".repeat(64), nationalIdLast4: "1234", givenName: "Ada", familyName: "Obi", phone: "+2348012345678", dateOfBirth: new Date("1990-01-01T00:00:00Z") });
    borrowerId = borrower.id;
  });
  afterAll(async () => (await getDatabase()).close());

  it("answers with the GraphQL error codes: 401 without credentials, 403 without consent, 400 naming the field", async () => {
    const request = { borrowerId, requestedAmount: "15000", requestedTenorDays: 60 };
    const anonymous = await call("/api/credit-scores/calculate", request, {});
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("UNAUTHENTICATED");
    const refused = await call("/api/credit-scores/calculate", request);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("CONSENT_REQUIRED");
    const missing = await call("/api/credit-scores/calculate", { borrowerId, requestedAmount: "15000" });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ code: "BAD_USER_INPUT", field: "requestedTenorDays" });
    const badTenor = await call("/api/credit-scores/calculate", { ...request, requestedTenorDays: 0 });
    expect((await badTenor.json()).error).toMatchObject({ code: "BAD_USER_INPUT", field: "requestedTenorDays" });
    const notJson = await call("/api/credit-scores/calculate", "{");
    expect(notJson.status).toBe(400);
  });

  it("scores, in the full shape and the MicroTrust shape, and takes the outcome back", async () => {
    const { db } = await getDatabase();
    const tenantId = (await db.tenant.findFirstOrThrow({ where: { slug: "partner" } })).id;
    await createConsent(db, tenantId, { borrowerId, purpose: "LOAN_UNDERWRITING", dataCategories: ["IDENTITY", "TRANSACTIONS"], statement: "I agree.", validFrom: new Date("2026-01-01T00:00:00Z"), expiresAt: new Date(Date.now() + 86_400_000), dataLifeDays: 365, grantedAt: new Date() });
    const full = await call("/api/credit-scores/calculate", { borrowerId, requestedAmount: 15000, requestedTenorDays: 60 });
    expect(full.status).toBe(200);
    const score = await full.json();
    expect(score).toMatchObject({ decision: { recommendation: expect.stringMatching(/^(APPROVE|REVIEW|REJECT)$/) }, consentIds: [expect.any(String)] });
    const shaped = await call("/api/credit-scores/calculate?shape=microtrust", { borrowerId, requestedAmount: "15000", requestedTenorDays: 60 });
    const body = await shaped.json();
    expect(Object.keys(body).sort()).toEqual(["microtrust_score", "model_confidence", "risk_bucket", "top_risk_factors"]);
    expect(body.microtrust_score).toBeGreaterThanOrEqual(300);
    expect(body.top_risk_factors.length).toBeLessThanOrEqual(4);
    const paidOffAt = new Date().toISOString();
    const outcome = await call("/api/outcomes", { scoreId: score.id, status: "PAID_OFF", maxDaysLate: 3, observedAt: paidOffAt });
    expect(outcome.status).toBe(200);
    const paidOff = await outcome.json();
    expect(paidOff).toMatchObject({ creditScoreId: score.id, status: "PAID_OFF", maxDaysLate: 3 });
    // Issue 12: the same observation again is the same record; a DEFAULT after PAID_OFF is refused, not dropped.
    expect(await (await call("/api/outcomes", { scoreId: score.id, status: "PAID_OFF", maxDaysLate: 3, observedAt: paidOffAt })).json()).toEqual(paidOff);
    const afterPaidOff = await call("/api/outcomes", { scoreId: score.id, status: "DEFAULT", maxDaysLate: 3, defaultedAt: paidOffAt, observedAt: new Date().toISOString() });
    expect(afterPaidOff.status).toBe(409);
    expect((await afterPaidOff.json()).error).toMatchObject({ code: "CONFLICT", field: "status" });
    const unknown = await call("/api/outcomes", { scoreId: "nope", status: "PAID_OFF", maxDaysLate: 0, observedAt: new Date().toISOString() });
    expect(unknown.status).toBe(404);
  });
});
