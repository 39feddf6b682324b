import "server-only";
import { contentHash } from "@/scoring/artifact/canonical-json";
import { parseDecisionPolicy } from "@/scoring/decision/policy";
import { createDraftPolicyVersion, listPolicyVersions as listStoredPolicyVersions, type PolicyVersionRecord } from "@/prisma/store/policy-version";
import { requireRole, type UseCaseScope } from "./actor";
import { badUserInput, badUserInputIssues } from "./errors";
import type { DraftPolicyInput } from "./inputs";
import { runAudited } from "./audited-change";

export async function listPolicyVersions(scope: UseCaseScope): Promise<PolicyVersionRecord[]> {
  return listStoredPolicyVersions(scope.db, scope.actor.tenantId);
}

/**
 * Validates a decision policy document and registers it as a DRAFT version (the next number for its name),
 * audited with the document's hash. A draft decides nothing: it can be simulated over past applications
 * (core/policy-simulation) and becomes the active policy only through a four-eyes proposal (core/approvals).
 * @throws DomainError BAD_USER_INPUT naming the first invalid field as `document.<path>`, every issue in `extensions.issues`.
 */
export async function draftPolicy(scope: UseCaseScope, input: DraftPolicyInput): Promise<PolicyVersionRecord> {
  requireRole(scope.actor, ["ADMIN"]);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badUserInput("name", "name: 1 to 200 characters.");
  const parsed = parseDecisionPolicy(input.document);
  if (!parsed.ok) throw badUserInputIssues(parsed.issues.map((issue) => ({ field: `document.${issue.field}`, message: issue.message })));
  const documentSha256 = contentHash(parsed.policy);
  return runAudited(scope, async (tx) => {
    const version = await createDraftPolicyVersion(tx, scope.actor.tenantId, { name, document: parsed.policy, documentSha256 });
    return { result: version, event: { action: "policy.drafted", entityType: "PolicyVersion", entityId: version.id, payload: { name, version: version.version, documentSha256 } } };
  });
}
