import { AdminOverviewDocument, PolicyVersionsDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../_components/api-error-alert";
import { loadPortalQuery, requirePortalRole } from "../../_components/portal-data";
import { pageRoles, roleHomes } from "../../_components/role-homes";
import { PageHeader, Section } from "../../_components/ui";
import { ApiKeysPanel } from "./api-keys-panel";
import { PolicyPublisher } from "./policy-publisher";
import { UsersPanel } from "./users-panel";

export default async function AdminPage() {
  const user = await requirePortalRole(pageRoles.admin);
  const [overview, policies] = await Promise.all([loadPortalQuery(user, AdminOverviewDocument, {}), loadPortalQuery(user, PolicyVersionsDocument, {})]);
  const active = policies.ok ? policies.data.policyVersions.find((policy) => policy.status === "ACTIVE") : undefined;
  return (
    <div className="space-y-6">
      <PageHeader title={roleHomes.ADMIN.title}>{roleHomes.ADMIN.purpose}</PageHeader>
      <Section title="Users and roles" id="users-heading">
        {overview.ok ? <UsersPanel users={overview.data.users} currentUserId={user.id} /> : <LoadError what="the users" message={overview.error} />}
      </Section>
      <Section title="API keys" id="keys-heading">
        {overview.ok ? <ApiKeysPanel apiKeys={overview.data.apiKeys} /> : <LoadError what="the API keys" message={overview.error} />}
      </Section>
      <Section title="Publish a decision policy" id="policy-heading">
        {!policies.ok && <LoadError what="the policy versions" message={policies.error} />}
        <PolicyPublisher activePolicy={active ? { name: active.name, version: active.version, document: active.document } : null} />
      </Section>
    </div>
  );
}
