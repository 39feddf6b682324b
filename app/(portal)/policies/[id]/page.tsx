import Link from "next/link";
import { notFound } from "next/navigation";
import { diffJson } from "@/core/scoring/stored-assessment";
import { ChangeProposalsDocument, PolicyVersionDetailDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../_components/api-error-alert";
import { formatDateTime } from "../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../_components/portal-data";
import { pageRoles } from "../../../_components/role-homes";
import { Badge, EmptyState, FactList, PageHeader, Section, TableScroll } from "../../../_components/ui";
import { JobStateBadge } from "../../jobs/job-progress";
import { StartSimulationForm } from "../start-simulation-form";
import { ProposePublicationForm } from "./propose-publication-form";

const simulatingRoles = ["ADMIN", "ANALYST", "COMMITTEE"];

export default async function PolicyVersionPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalRole(pageRoles.policies);
  const { id } = await params;
  const [loaded, proposals] = await Promise.all([loadPortalQuery(user, PolicyVersionDetailDocument, {}), loadPortalQuery(user, ChangeProposalsDocument, { kind: "PUBLISH_POLICY", subjectId: id })]);
  if (!loaded.ok) return <LoadError what="the policy" message={loaded.error} />;
  const version = loaded.data.policyVersions.find((entry) => entry.id === id);
  if (!version) notFound();
  const active = loaded.data.policyVersions.find((entry) => entry.status === "ACTIVE");
  const differences = active && active.id !== version.id ? diffJson(active.document, version.document) : [];
  const simulations = loaded.data.policySimulations.filter((simulation) => simulation.policyVersionId === version.id);
  return (
    <div className="space-y-6">
      <PageHeader title={`${version.name} v${version.version}`}>
        <Link href="/policies" className="text-emerald-800 hover:underline">
          All policies
        </Link>
      </PageHeader>
      <Section title="Version" id="version-heading">
        <FactList
          facts={[
            ["Status", <Badge key="status" tone={version.status === "ACTIVE" ? "green" : version.status === "DRAFT" ? "blue" : "slate"}>{version.status}</Badge>],
            ["Created", formatDateTime(version.createdAt)],
            ["Document sha256", <code key="sha" className="break-all text-xs">{version.documentSha256}</code>],
          ]}
        />
      </Section>
      <Section title={active ? `Changes against the active version (${active.name} v${active.version})` : "Changes"} id="diff-heading">
        {!active || active.id === version.id ? (
          <EmptyState>{active ? "This is the active version." : "There is no active version to compare with."}</EmptyState>
        ) : differences.length === 0 ? (
          <EmptyState>The document is identical to the active version.</EmptyState>
        ) : (
          <TableScroll label="Field-by-field differences">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <thead className="border-b border-slate-300 text-slate-500">
                <tr>
                  <th className="py-2 font-medium">Field</th>
                  <th className="py-2 font-medium">Active</th>
                  <th className="py-2 font-medium">This version</th>
                </tr>
              </thead>
              <tbody>
                {differences.map((difference) => (
                  <tr key={difference.path} className="border-b border-slate-100 align-top">
                    <td className="py-1.5 font-mono text-xs">{difference.path}</td>
                    <td className="py-1.5 font-mono text-xs text-red-800">{difference.original ?? "—"}</td>
                    <td className="py-1.5 font-mono text-xs text-emerald-800">{difference.replayed ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <Section title="Publication" id="publication-heading">
        {!proposals.ok ? (
          <LoadError what="the proposals" message={proposals.error} />
        ) : proposals.data.changeProposals.length === 0 ? (
          <EmptyState>Never proposed for publication.</EmptyState>
        ) : (
          <ul className="space-y-2 text-sm">
            {proposals.data.changeProposals.map((proposal) => (
              <li key={proposal.id}>
                <Badge tone={proposal.state === "APPROVED" ? "green" : proposal.state === "PENDING" ? "blue" : "slate"}>{proposal.state}</Badge> proposed by {proposal.proposedByName} on {formatDateTime(proposal.proposedAt)}
                {proposal.decidedByName && `, decided by ${proposal.decidedByName}`}: “{proposal.note}”.{" "}
                {proposal.evidenceJobId && (
                  <Link href={`/policies/simulations/${proposal.evidenceJobId}`} className="text-emerald-800 hover:underline">
                    Simulation reviewed
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
        {user.role === "ADMIN" && version.status !== "ACTIVE" && (
          <div className="mt-4 max-w-md">
            <ProposePublicationForm
              policyVersionId={version.id}
              changedFields={differences.length}
              simulations={simulations.filter((simulation) => simulation.state === "SUCCEEDED").map((simulation) => ({ id: simulation.id, label: `${simulation.from.slice(0, 10)} – ${simulation.to.slice(0, 10)}, by ${simulation.startedBy}` }))}
            />
          </div>
        )}
      </Section>
      <Section title="Simulations of this version" id="version-simulations-heading">
        {simulations.length === 0 ? (
          <EmptyState>Not simulated yet.</EmptyState>
        ) : (
          <ul className="space-y-1 text-sm">
            {simulations.map((simulation) => (
              <li key={simulation.id} className="flex items-center gap-2">
                <JobStateBadge state={simulation.state} />
                <Link href={`/policies/simulations/${simulation.id}`} className="text-emerald-800 hover:underline">
                  {simulation.from.slice(0, 10)} – {simulation.to.slice(0, 10)}, by {simulation.startedBy}
                </Link>
              </li>
            ))}
          </ul>
        )}
        {simulatingRoles.includes(user.role) && (
          <div className="mt-4 max-w-md">
            <StartSimulationForm versions={[{ id: version.id, label: `${version.name} v${version.version}`, status: version.status }]} defaultPolicyVersionId={version.id} />
          </div>
        )}
      </Section>
    </div>
  );
}
