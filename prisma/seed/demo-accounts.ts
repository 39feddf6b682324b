// The demo tenant and its logins, documented in the README. Demo mode only: a production deployment
// creates its own tenant and users (MICROTRUST_SEED_DEMO=false skips all of this).
import type { Role } from "../generated/client";

export const demoTenant = { slug: "demo-mfi", name: "Demo MFI" } as const;

/** The one password of every demo account. Public by design: it protects demo data only. */
export const demoPassword = "microtrust-demo";

export const demoUsers: readonly { email: string; name: string; role: Role }[] = [
  { email: "admin@demo.microtrust.local", name: "Amina Otieno", role: "ADMIN" },
  { email: "analyst@demo.microtrust.local", name: "Brian Mwangi", role: "ANALYST" },
  { email: "committee@demo.microtrust.local", name: "Chiamaka Obi", role: "COMMITTEE" },
  { email: "auditor@demo.microtrust.local", name: "Dawit Bekele", role: "AUDITOR" },
  { email: "borrower@demo.microtrust.local", name: "Esther Wanjiru", role: "BORROWER" },
];

/** How many synthetic borrowers the demo tenant gets (the pool the demo applications are chosen from), from which seed and as of which instant. */
export const demoPopulation = { seed: 20_261_125, size: 20, asOf: "2026-11-01T00:00:00Z", market: "KE" } as const;

/** The consents demo borrowers gave: loan underwriting (all) and monitoring (three in four), every data category, kept two years. */
export const demoConsent = {
  statement: "I allow Demo MFI to read my accounts, bills, loan repayments, phone events and bureau report to assess my loan application.",
  monitoringStatement: "I allow Demo MFI to read my accounts, bills, loan repayments, phone events and bureau report while I am its customer, to review my credit limit.",
  validFrom: "2026-01-01T00:00:00Z",
  expiresAt: "2028-01-01T00:00:00Z",
  dataLifeDays: 730,
} as const;
