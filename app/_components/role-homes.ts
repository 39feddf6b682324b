import type { Role } from "@/graphql/generated/client/graphql";

/** Each role's home page: its path segment, title and what it will hold once later issues land. */
export const roleHomes: Record<Role, { path: string; title: string; purpose: string; comingNext: string[] }> = {
  ADMIN: {
    path: "admin",
    title: "Administration",
    purpose: "Run the lender's MicroTrust: users, API keys, models and policies.",
    comingNext: ["User and API-key management screens", "Model and policy versions, with approval"],
  },
  ANALYST: {
    path: "analyst",
    title: "Loan officer workspace",
    purpose: "Enter applicants, gather their consent and signals, and request scorings.",
    comingNext: ["Borrower intake with consent", "Scoring with reasons a borrower can understand"],
  },
  COMMITTEE: {
    path: "committee",
    title: "Credit committee",
    purpose: "Review referred applications and record the committee's decision.",
    comingNext: ["Queue of referred scorings", "Decision form with rationale, written to the audit trail"],
  },
  AUDITOR: {
    path: "auditor",
    title: "Audit",
    purpose: "Check every scoring and decision against the tamper-evident audit trail.",
    comingNext: ["Audit-event log with hash-chain verification", "Replay of any past scoring"],
  },
  BORROWER: {
    path: "borrower",
    title: "My credit",
    purpose: "See what a lender holds about you and why a decision was made.",
    comingNext: ["Your consents, and withdrawing them", "Your scorings and their reasons"],
  },
};

export function roleFromPath(path: string): Role | null {
  const entry = Object.entries(roleHomes).find(([, home]) => home.path === path);
  return entry ? (entry[0] as Role) : null;
}
