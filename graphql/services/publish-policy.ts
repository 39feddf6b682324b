import "server-only";
import { contentHash } from "@/scoring/artifact/canonical-json";
import { parseDecisionPolicy } from "@/scoring/decision/policy";
import { listPolicyVersions as listStoredPolicyVersions, publishPolicyVersion, type PolicyVersionRecord } from "@/prisma/store/policy-version";
import { requireCaller, type GraphQLContext } from "../context";
import { badUserInput, badUserInputIssues } from "../errors";
import type { PublishPolicyInput } from "../generated/resolvers-types";
import { recordAuditEvent } from "./record-audit-event";

export async function listPolicyVersions(context: GraphQLContext): Promise<PolicyVersionRecord[]> {
  return listStoredPolicyVersions(context.db, requireCaller(context).tenantId);
}

/**
 * Validates a decision policy document and publishes it as the tenant's one ACTIVE version (the previous one
 * is retired, never changed: its scores keep replaying). Audited with the document's hash.
 * @throws GraphQLError BAD_USER_INPUT naming the first invalid field as `document.<path>`, every issue in `extensions.issues`.
 */
export async function publishPolicy(context: GraphQLContext, input: PublishPolicyInput): Promise<PolicyVersionRecord> {
  const caller = requireCaller(context);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw badUserInput("name", "name: 1 to 200 characters.");
  const parsed = parseDecisionPolicy(input.document);
  if (!parsed.ok) throw badUserInputIssues(parsed.issues.map((issue) => ({ field: `document.${issue.field}`, message: issue.message })));
  const documentSha256 = contentHash(parsed.policy);
  const version = await publishPolicyVersion(context.db, caller.tenantId, { name, document: parsed.policy, documentSha256 });
  await recordAuditEvent(context, { action: "policy.published", entityType: "PolicyVersion", entityId: version.id, payload: { name, version: version.version, documentSha256 } });
  return version;
}
