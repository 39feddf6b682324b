// Small fixtures for the service-level tests of issue 14: a tenant with the default scoring and an analyst,
// bare borrowers with one consent whose instants the test chooses, and a model genuinely different from the
// committed default (its calibration shifted), so "which model scored" is visible in the result.
import { contentHash } from "@/scoring/artifact/canonical-json";
import { readDefaultModelArtifact, registerDefaultScoring } from "../seed/register-default-scoring";
import { createBorrower, type BorrowerRecord } from "../store/borrower";
import { createConsent, type ConsentRecord } from "../store/consent";
import type { Db } from "../store/database";
import { ensureActiveModelVersion, type ModelVersionSummary } from "../store/model-version";
import { ensureTenant } from "../store/tenant";
import { createUser } from "../store/user";
import type { ConsentPurpose, DataCategory, Role } from "../store/vocabulary";

/** A tenant with the committed default model and policy active. */
export async function createScoringTenant(db: Db, slug: string): Promise<{ tenantId: string }> {
  const tenant = await ensureTenant(db, { slug, name: `${slug} MFI` });
  await registerDefaultScoring(db, tenant.id);
  return { tenantId: tenant.id };
}

/** A user of the tenant with `role` (a BORROWER user is linked to `borrowerId`); returns the user's id. */
export async function createFixtureUser(db: Db, tenantId: string, role: Role, email: string, borrowerId: string | null = null): Promise<string> {
  return (await createUser(db, tenantId, { email, name: `${role} user`, role, passwordHash: "not-used", borrowerId })).id;
}

let borrowerCount = 0;

/** A borrower with an identity and no signals (identity alone is enough to be scored, as a thin file). */
export function createBareBorrower(db: Db, tenantId: string, label: string): Promise<BorrowerRecord> {
  borrowerCount += 1;
  const n = String(borrowerCount).padStart(6, "0");
  return createBorrower(db, tenantId, {
    externalId: `${label}-${n}`,
    nationalIdType: "HUDUMA",
    nationalIdHash: `${label}${n}`.padEnd(64, "0").slice(0, 64),
    nationalIdLast4: n.slice(-4),
    givenName: "Fixture",
    familyName: `Borrower ${n}`,
    phone: `+2547${n.padStart(8, "1")}`,
    dateOfBirth: new Date("1988-03-14T00:00:00Z"),
    idVerified: true,
  });
}

export interface ConsentTermsInput {
  validFrom: Date;
  expiresAt: Date;
  dataLifeDays?: number;
  purpose?: ConsentPurpose;
  dataCategories?: DataCategory[];
}

/** One consent (LOAN_UNDERWRITING, IDENTITY and TRANSACTIONS, 10 years of data life unless said otherwise). */
export function grantFixtureConsent(db: Db, tenantId: string, borrowerId: string, terms: ConsentTermsInput): Promise<ConsentRecord> {
  return createConsent(db, tenantId, {
    borrowerId,
    purpose: terms.purpose ?? "LOAN_UNDERWRITING",
    dataCategories: terms.dataCategories ?? ["IDENTITY", "TRANSACTIONS"],
    statement: "Fixture consent.",
    validFrom: terms.validFrom,
    expiresAt: terms.expiresAt,
    dataLifeDays: terms.dataLifeDays ?? 3650,
    grantedAt: terms.validFrom,
  });
}

/**
 * The committed default model with its Platt calibration's intercept shifted by `interceptShift` and the
 * content hash recomputed: a valid artifact whose probabilities of default all differ from the default's.
 */
export function shiftedDefaultArtifact(interceptShift: number): { artifact: Record<string, unknown>; contentHash: string } {
  const { artifact } = readDefaultModelArtifact();
  const { contentHash: _declared, ...body } = structuredClone(artifact);
  const calibration = body.calibration as { intercept: number };
  calibration.intercept += interceptShift;
  const hash = contentHash(body);
  return { artifact: { ...body, contentHash: hash }, contentHash: hash };
}

/** Registers `shiftedDefaultArtifact(interceptShift)` as the tenant's ACTIVE model (the previous one is retired). */
export function activateShiftedDefaultModel(db: Db, tenantId: string, interceptShift: number): Promise<ModelVersionSummary> {
  const { artifact, contentHash: hash } = shiftedDefaultArtifact(interceptShift);
  return db.$transaction((tx) =>
    ensureActiveModelVersion(tx, tenantId, { name: "shifted-default", version: hash.slice(0, 12), kind: "microtrust-ensemble", artifact: artifact as object, artifactSha256: hash }),
  );
}
