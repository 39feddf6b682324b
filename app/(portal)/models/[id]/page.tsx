import Link from "next/link";
import { ModelLifecycleDocument, type ModelLifecycleQuery } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../_components/api-error-alert";
import { formatDateTime, formatNumber, formatPercent, humanizeEnum } from "../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../_components/portal-data";
import { pageRoles } from "../../../_components/role-homes";
import { Badge, EmptyState, FactList, PageHeader, Section, TableScroll } from "../../../_components/ui";
import { ChallengerButtons, ProposeForm, StartComparisonButton } from "./lifecycle-actions";

const statusTone = { ACTIVE: "green", DRAFT: "blue", RETIRED: "slate" } as const;
type Comparison = ModelLifecycleQuery["modelComparisons"][number];
type Report = NonNullable<Comparison["report"]>;

const figure = (value: number, digits = 3) => value.toFixed(digits);
const withInterval = (side: Report["champion"]) => `${figure(side.auc.auc)} (95 % CI ${figure(side.auc.lower)}–${figure(side.auc.upper)})`;

function ComparisonReport({ comparison, report }: { comparison: Comparison; report: Report }) {
  const difference = report.aucDifference;
  const sides = [
    ["Champion", `${comparison.champion.name} ${comparison.champion.version}`, report.champion],
    ["Challenger", `${comparison.challenger.name} ${comparison.challenger.version}`, report.challenger],
  ] as const;
  return (
    <div className="space-y-4">
      <p className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">{report.note}</p>
      <FactList
        facts={[
          ["Loans with an outcome", `${formatNumber(report.loans)} (${formatNumber(report.defaults)} defaults${report.skipped ? `, ${report.skipped} left out` : ""})`],
          ["AUC difference (challenger − champion)", `${difference.difference >= 0 ? "+" : ""}${figure(difference.difference)} (95 % CI ${figure(difference.lower)} to ${figure(difference.upper)}; DeLong p = ${figure(difference.pValue)})`],
          ["PSI between the two PD distributions", figure(report.psi)],
          ["Approve → reject", `${report.approveToReject.count} loans, ${report.approveToReject.defaults} of them defaulted`],
          ["Reject → approve", `${report.rejectToApprove.count} loans, ${report.rejectToApprove.defaults} of them defaulted`],
        ]}
      />
      <TableScroll label="Champion and challenger">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 font-medium">Model</th>
              <th className="py-1 font-medium">AUC</th>
              <th className="py-1 text-right font-medium">KS</th>
              <th className="py-1 text-right font-medium">Approval rate</th>
              <th className="py-1 text-right font-medium">Defaults among approved</th>
              <th className="py-1 text-right font-medium">Expected loss (Σ PD × limit)</th>
            </tr>
          </thead>
          <tbody>
            {sides.map(([role, name, side]) => (
              <tr key={role} className="border-t border-slate-100 tabular-nums">
                <th scope="row" className="py-1 font-normal">
                  {role}: {name}
                </th>
                <td className="py-1">{withInterval(side)}</td>
                <td className="py-1 text-right">{figure(side.ks)}</td>
                <td className="py-1 text-right">{formatPercent(side.approvalRate)}</td>
                <td className="py-1 text-right">{side.approvedDefaults}</td>
                <td className="py-1 text-right">{formatNumber(Math.round(side.expectedLoss))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <TableScroll label="Calibration by decile">
        <table className="w-full min-w-[28rem] text-left text-sm">
          <caption className="text-left font-medium">Calibration by decile of PD: predicted vs observed default rate</caption>
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 font-medium">Decile</th>
              <th className="py-1 text-right font-medium">Champion predicted / observed</th>
              <th className="py-1 text-right font-medium">Challenger predicted / observed</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: Math.max(report.champion.calibration.length, report.challenger.calibration.length) }, (_, index) => (
              <tr key={index} className="border-t border-slate-100 tabular-nums">
                <td className="py-1">{index + 1}</td>
                {[report.champion.calibration[index], report.challenger.calibration[index]].map((bin, side) => (
                  <td key={side} className="py-1 text-right">
                    {bin ? `${formatPercent(bin.meanPredicted)} / ${formatPercent(bin.observedRate)} (${bin.count})` : "—"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

export default async function ModelLifecyclePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePortalRole(pageRoles.models);
  const { id } = await params;
  const query = await searchParams;
  const loaded = await loadPortalQuery(user, ModelLifecycleDocument, { id });
  if (!loaded.ok) return <LoadError what="this model" message={loaded.error} />;
  const { modelVersion: model, modelChallenger, modelComparisons, changeProposals } = loaded.data;
  if (!model) return <EmptyState>No model version with this id.</EmptyState>;
  const selected = modelComparisons.find((comparison) => comparison.id === query.comparison) ?? modelComparisons[0] ?? null;
  const succeeded = modelComparisons.find((comparison) => comparison.state === "SUCCEEDED") ?? null;
  const pending = changeProposals.filter((proposal) => proposal.state === "PENDING");
  const isAdmin = user.role === "ADMIN";
  const canCompare = isAdmin || user.role === "ANALYST";

  return (
    <div className="space-y-6">
      <PageHeader title={`${model.name} ${model.version}`}>
        <span className="flex flex-wrap items-center gap-2">
          <Badge tone={statusTone[model.status]}>{humanizeEnum(model.status)}</Badge>
          {model.isChallenger && <Badge tone="amber">Challenger (scored in shadow)</Badge>}
          <span className="text-xs text-slate-500">Installed {formatDateTime(model.createdAt)}</span>
          <Link href={`/models/${model.id}/card`} className="text-sm text-emerald-800 underline">
            Model card
          </Link>
          <a href={`/api/models/${model.id}/card.md`} className="text-sm text-emerald-800 underline">
            Download the card (Markdown)
          </a>
          <Link href="/models" className="text-sm text-emerald-800 underline">
            All models
          </Link>
        </span>
      </PageHeader>

      <Section title="Challenger" id="challenger-heading">
        <p className="mb-3 text-sm text-slate-600">
          A challenger is scored in shadow beside the active model on every scoring and re-scoring, from the same frozen features. It never decides, never reaches the borrower and never changes the
          committee&apos;s recommendation. {modelChallenger ? `The challenger now is ${modelChallenger.modelVersion.name} ${modelChallenger.modelVersion.version}, set by ${modelChallenger.setBy} on ${formatDateTime(modelChallenger.setAt)}.` : "There is no challenger now."}
        </p>
        {model.status !== "ACTIVE" && isAdmin && <ChallengerButtons modelVersionId={model.id} isChallenger={model.isChallenger} canSet />}
      </Section>

      {model.status !== "ACTIVE" && (
        <Section title="Champion vs challenger" id="comparison-heading" actions={canCompare ? <StartComparisonButton modelVersionId={model.id} /> : undefined}>
          {modelComparisons.length === 0 ? (
            <EmptyState>No comparison of this model yet.</EmptyState>
          ) : (
            <div className="space-y-4">
              <ul className="space-y-1 text-sm">
                {modelComparisons.map((comparison) => (
                  <li key={comparison.id}>
                    <Link href={`/models/${model.id}?comparison=${comparison.id}`} className="text-emerald-800 underline">
                      Against {comparison.champion.name} {comparison.champion.version}, started {formatDateTime(comparison.createdAt)} by {comparison.startedBy}
                    </Link>{" "}
                    — {humanizeEnum(comparison.state)}
                    {comparison.error ? `: ${comparison.error}` : ""}
                  </li>
                ))}
              </ul>
              {selected?.report ? <ComparisonReport comparison={selected} report={selected.report} /> : selected && <EmptyState>This comparison is {humanizeEnum(selected.state).toLowerCase()}; its report appears when it has succeeded.</EmptyState>}
            </div>
          )}
        </Section>
      )}

      <Section title="Promotion (four eyes)" id="promotion-heading">
        <p className="mb-3 text-sm text-slate-600">
          An administrator proposes making this model active, with a note and a finished comparison of it as evidence; a different administrator or committee member approves it on the{" "}
          <Link href="/approvals" className="text-emerald-800 underline">
            Approvals
          </Link>{" "}
          page. Restoring a retired model is the same proposal. Every scoring keeps naming the model that made it.
        </p>
        {pending.length > 0 && (
          <ul className="mb-3 space-y-1 text-sm" aria-label="Pending proposals">
            {pending.map((proposal) => (
              <li key={proposal.id}>
                Pending: proposed by {proposal.proposedByName} on {formatDateTime(proposal.proposedAt)} — “{proposal.note}”.{" "}
                <Link href="/approvals" className="text-emerald-800 underline">
                  Approve or reject
                </Link>
              </li>
            ))}
          </ul>
        )}
        {changeProposals.filter((proposal) => proposal.state !== "PENDING").length > 0 && (
          <ul className="mb-3 space-y-1 text-sm text-slate-600" aria-label="Earlier proposals">
            {changeProposals
              .filter((proposal) => proposal.state !== "PENDING")
              .map((proposal) => (
                <li key={proposal.id}>
                  {humanizeEnum(proposal.state)} by {proposal.decidedByName ?? "—"} ({proposal.decidedAt ? formatDateTime(proposal.decidedAt) : "—"}); proposed by {proposal.proposedByName}.
                </li>
              ))}
          </ul>
        )}
        {model.status === "ACTIVE" ? (
          <EmptyState>This is the active model.</EmptyState>
        ) : !isAdmin ? null : pending.length > 0 ? null : succeeded ? (
          <ProposeForm modelVersionId={model.id} evidenceJobId={succeeded.id} restore={model.status === "RETIRED"} />
        ) : (
          <EmptyState>Run a comparison of this model first: a proposal needs it as evidence.</EmptyState>
        )}
      </Section>
    </div>
  );
}
