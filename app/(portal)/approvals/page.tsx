import Link from "next/link";
import { ChangeProposalsDocument, type ChangeProposalFieldsFragment } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../_components/api-error-alert";
import { formatDateTime, humanizeEnum } from "../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../_components/portal-data";
import { approvingRoles, pageRoles } from "../../_components/role-homes";
import { Badge, EmptyState, PageHeader, Section, type BadgeTone } from "../../_components/ui";
import { DecideProposalForm } from "./decide-proposal-form";

const stateTone: Record<string, BadgeTone> = { PENDING: "amber", APPROVED: "green", REJECTED: "red", WITHDRAWN: "slate" };
const kindLabel: Record<string, string> = { ACTIVATE_MODEL: "Make model active", PUBLISH_POLICY: "Publish policy" };
const evidenceLabel: Record<string, string> = { ACTIVATE_MODEL: "the champion–challenger comparison", PUBLISH_POLICY: "the policy simulation" };

/** Where the reviewed evidence is read: a comparison on its model's lifecycle page, a simulation on its own page. */
function evidenceHref(proposal: ChangeProposalFieldsFragment, jobId: string): string {
  return proposal.kind === "ACTIVATE_MODEL" ? `/models/${proposal.subjectId}?comparison=${jobId}` : `/policies/simulations/${jobId}`;
}

function ProposalCard({ proposal, children }: { proposal: ChangeProposalFieldsFragment; children?: React.ReactNode }) {
  return (
    <article aria-label={`${kindLabel[proposal.kind]}: ${proposal.subjectLabel}`} className="space-y-2 rounded border border-slate-200 p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-medium">
          {kindLabel[proposal.kind]}: {proposal.subjectLabel}
        </h3>
        <Badge tone={stateTone[proposal.state] ?? "slate"}>{humanizeEnum(proposal.state)}</Badge>
      </div>
      <p className="text-sm text-slate-700">
        Proposed by {proposal.proposedByName} on {formatDateTime(proposal.proposedAt)}: “{proposal.note}”
      </p>
      {proposal.evidenceJobId && (
        <p className="text-sm text-slate-600">
          Evidence reviewed:{" "}
          <Link href={evidenceHref(proposal, proposal.evidenceJobId)} className="text-emerald-800 hover:underline">
            {evidenceLabel[proposal.kind]}
          </Link>
        </p>
      )}
      {proposal.decidedByName && (
        <p className="text-sm text-slate-600">
          {humanizeEnum(proposal.state)} by {proposal.decidedByName}
          {proposal.decidedAt ? ` on ${formatDateTime(proposal.decidedAt)}` : ""}
          {proposal.decisionNote ? `: “${proposal.decisionNote}”` : "."}
        </p>
      )}
      {children}
    </article>
  );
}

/** Four-eyes changes: what waits for a second person, and what was decided. */
export default async function ApprovalsPage() {
  const user = await requirePortalRole(pageRoles.approvals);
  const list = await loadPortalQuery(user, ChangeProposalsDocument, {});
  const canDecide = approvingRoles.includes(user.role);
  if (!list.ok) return <LoadError what="the change proposals" message={list.error} />;
  const pending = list.data.changeProposals.filter((proposal) => proposal.state === "PENDING");
  const decided = list.data.changeProposals.filter((proposal) => proposal.state !== "PENDING");
  return (
    <div className="space-y-6">
      <PageHeader title="Approvals">
        Making a model or a policy active needs two people: an administrator proposes it with the evidence reviewed, and a different administrator or committee member approves it.
      </PageHeader>
      <Section title="Waiting for a second person" id="pending-heading">
        {pending.length === 0 ? (
          <EmptyState>Nothing is waiting for approval.</EmptyState>
        ) : (
          <div className="space-y-3">
            {pending.map((proposal) => (
              <ProposalCard key={proposal.id} proposal={proposal}>
                {proposal.proposedById === user.id ? (
                  <DecideProposalForm proposalId={proposal.id} mode="withdraw" />
                ) : canDecide ? (
                  <DecideProposalForm proposalId={proposal.id} mode="decide" />
                ) : (
                  <p className="text-sm text-slate-600">An administrator or a committee member decides.</p>
                )}
              </ProposalCard>
            ))}
          </div>
        )}
      </Section>
      <Section title="Decided" id="decided-heading">
        {decided.length === 0 ? (
          <EmptyState>No decided proposals yet.</EmptyState>
        ) : (
          <div className="space-y-3">
            {decided.map((proposal) => (
              <ProposalCard key={proposal.id} proposal={proposal} />
            ))}
          </div>
        )}
      </Section>
    </div>
  );
}
