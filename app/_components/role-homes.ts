import type { Role } from "@/graphql/generated/client/graphql";

/** Each role's home page: its path segment, title and what it is for. */
export const roleHomes: Record<Role, { path: string; title: string; purpose: string }> = {
  ADMIN: { path: "admin", title: "Administration", purpose: "Run the lender's MicroTrust: users and roles, API keys and decision policies." },
  ANALYST: { path: "analyst", title: "Borrowers", purpose: "Enter applicants, link their accounts, load their signals, record consent and request scorings." },
  COMMITTEE: { path: "committee", title: "Credit committee", purpose: "Scored applications awaiting a decision. Open one to review every reason and decide." },
  AUDITOR: { path: "auditor", title: "Audit", purpose: "What happened for a borrower on a date, replay of any scoring, and the state of the tamper-evident chain." },
  BORROWER: { path: "borrower", title: "My credit", purpose: "Your score and what it means, what would improve it, your consents and the data the lender holds about you." },
};

/** Roles that may open each page of the portal; the navigation shows a role only the pages it may open. */
export const pageRoles = {
  admin: ["ADMIN"],
  borrowers: ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"],
  borrowerDetail: ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"],
  applications: ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"],
  review: ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"],
  audit: ["ADMIN", "AUDITOR", "COMMITTEE"],
  models: ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"],
  quickScore: ["ADMIN", "ANALYST", "COMMITTEE", "BORROWER"],
  ownCredit: ["BORROWER"],
  explorer: ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"],
  jobs: ["ADMIN", "ANALYST"],
  approvals: ["ADMIN", "ANALYST", "COMMITTEE", "AUDITOR"],
} as const satisfies Record<string, readonly Role[]>;

/** Roles that may approve or reject a four-eyes change (approveChange's @auth), never their own proposal. */
export const approvingRoles: readonly Role[] = ["ADMIN", "COMMITTEE"];
/** Roles that may record a committee decision (recordCommitteeDecision's @auth). */
export const decidingRoles: readonly Role[] = ["ADMIN", "COMMITTEE"];
/** Roles that may change borrowers' data (createBorrower, linkAccount, ingestSignals, grantConsent, calculateScore). */
export const writingRoles: readonly Role[] = ["ADMIN", "ANALYST"];

const navigation: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: "/borrower", label: "My credit", roles: pageRoles.ownCredit },
  { href: "/committee", label: "Applications", roles: pageRoles.applications },
  { href: "/analyst", label: "Borrowers", roles: pageRoles.borrowers },
  { href: "/auditor", label: "Audit", roles: pageRoles.audit },
  { href: "/models", label: "Models", roles: pageRoles.models },
  { href: "/jobs", label: "Jobs", roles: pageRoles.jobs },
  { href: "/approvals", label: "Approvals", roles: pageRoles.approvals },
  { href: "/quick-score", label: "Quick score", roles: pageRoles.quickScore },
  { href: "/admin", label: "Administration", roles: pageRoles.admin },
  { href: "/explorer", label: "GraphQL explorer", roles: pageRoles.explorer },
];

export function navigationFor(role: Role): { href: string; label: string }[] {
  return navigation.filter((link) => link.roles.includes(role)).map(({ href, label }) => ({ href, label }));
}
