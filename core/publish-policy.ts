import "server-only";
import { contentHash } from "@/scoring/artifact/canonical-json";
import { parseDecisionPolicy } from "@/scoring/decision/policy";
import { listPolicyVersions as listStoredPolicyVersions, publishPolicyVersion, type PolicyVersionRecord } from "@/prisma/store/policy-version";
import type { UseCaseScope } from "./actor";
import { badUserInput, badUserInputIssues } from "./errors";
import type { PublishPolicyInput } from "./inputs";
import { runAudited } from "./audited-change";

export async function listPolicyVersions(scope: UseCaseScope): Promise<PolicyVersionRecord[]> {
  return listStoredPolicyVersions(scope.db, scope.actor.tenantId);
}

/**
 * Validates a decision policy document and publishes it as the tenant's one ACTIVE version (the previous one
 * is retired, never changed: its scores keep replaying). Audited with the document's hash.
 * @throws DomainError BAD_USER_INPUT naming the first invalid field as `document.<path>`, every issue in `extensions.issues`.
 */
export async function publishPolicy(scope: UseCaseScope, input: PublishPolicyInput): Promise<PolicyVersionRecord> {
  const caller = scope.actor;
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badUserInput("name", "name: 1 to 200 characters.");
  const parsed = parseDecisionPolicy(input.document);
  if (!parsed.ok) throw badUserInputIssues(parsed.issues.map((issue) => ({ field: `document.${issue.field}`, message: issue.message })));
  const documentSha256 = contentHash(parsed.policy);
  return runAudited(scope, async (tx) => {
    const { version } = await publishPolicyVersion(tx, caller.tenantId, { name, document: parsed.policy, documentSha256 });
    return { result: version, event: { action: "policy.published", entityType: "PolicyVersion", entityId: version.id, payload: { name, version: version.version, documentSha256 } } };
  });
}
