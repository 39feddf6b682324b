import Link from "next/link";
import { PoliciesOverviewDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../_components/api-error-alert";
import { formatDateTime } from "../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../_components/portal-data";
import { pageRoles } from "../../_components/role-homes";
import { Badge, EmptyState, PageHeader, Section, TableScroll } from "../../_components/ui";
import { JobStateBadge, ProgressBar } from "../jobs/job-progress";
import { StartSimulationForm } from "./start-simulation-form";

const simulatingRoles = ["ADMIN", "ANALYST", "COMMITTEE"];

export default async function PoliciesPage() {
  const user = await requirePortalRole(pageRoles.policies);
  const loaded = await loadPortalQuery(user, PoliciesOverviewDocument, {});
  if (!loaded.ok) return <LoadError what="the policies" message={loaded.error} />;
  const { policyVersions, policySimulations } = loaded.data;
  const nameOf = (id: string) => {
    const version = policyVersions.find((entry) => entry.id === id);
    return version ? `${version.name} v${version.version}` : id;
  };
  return (
    <div className="space-y-6">
      <PageHeader title="Policies">
        Decision policy versions, what a draft would have done to past applications, and how each treats groups of applicants.{" "}
        <Link href="/policies/fairness" className="text-emerald-800 hover:underline">
          Fairness report
        </Link>
      </PageHeader>
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Section title="Versions" id="versions-heading">
          {policyVersions.length === 0 ? (
            <EmptyState>No policy versions.</EmptyState>
          ) : (
            <TableScroll label="Policy versions">
              <table className="w-full min-w-[32rem] text-left text-sm">
                <thead className="border-b border-slate-300 text-slate-500">
                  <tr>
                    <th className="py-2 font-medium">Version</th>
                    <th className="py-2 font-medium">Status</th>
                    <th className="py-2 font-medium">Created</th>
                  </tr>
                </thead>
                <tbody>
                  {policyVersions.map((version) => (
                    <tr key={version.id} className="border-b border-slate-100">
                      <td className="py-1.5">
                        <Link href={`/policies/${version.id}`} className="font-medium text-emerald-800 hover:underline">
                          {version.name} v{version.version}
                        </Link>
                      </td>
                      <td className="py-1.5">
                        <Badge tone={version.status === "ACTIVE" ? "green" : version.status === "DRAFT" ? "blue" : "slate"}>{version.status}</Badge>
                      </td>
                      <td className="py-1.5">{formatDateTime(version.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </Section>
        {simulatingRoles.includes(user.role) && (
          <Section title="Simulate a policy" id="simulate-heading">
            <StartSimulationForm versions={policyVersions.map((version) => ({ id: version.id, label: `${version.name} v${version.version} (${version.status.toLowerCase()})`, status: version.status }))} />
          </Section>
        )}
      </div>
      <Section title="Simulations" id="simulations-heading">
        {policySimulations.length === 0 ? (
          <EmptyState>No simulations yet.</EmptyState>
        ) : (
          <TableScroll label="Simulations">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="border-b border-slate-300 text-slate-500">
                <tr>
                  <th className="py-2 font-medium">Policy</th>
                  <th className="py-2 font-medium">Period</th>
                  <th className="py-2 font-medium">State</th>
                  <th className="py-2 font-medium">Progress</th>
                  <th className="py-2 font-medium">Started by</th>
                </tr>
              </thead>
              <tbody>
                {policySimulations.map((simulation) => (
                  <tr key={simulation.id} className="border-b border-slate-100">
                    <td className="py-1.5">
                      <Link href={`/policies/simulations/${simulation.id}`} className="font-medium text-emerald-800 hover:underline">
                        {nameOf(simulation.policyVersionId)}
                      </Link>
                    </td>
                    <td className="py-1.5">
                      {simulation.from.slice(0, 10)} – {simulation.to.slice(0, 10)}
                    </td>
                    <td className="py-1.5">
                      <JobStateBadge state={simulation.state} />
                    </td>
                    <td className="py-1.5">
                      <ProgressBar done={simulation.done} total={simulation.total ?? null} compact />
                    </td>
                    <td className="py-1.5">{simulation.startedBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
    </div>
  );
}
