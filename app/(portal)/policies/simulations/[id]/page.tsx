import Link from "next/link";
import { notFound } from "next/navigation";
import { PolicySimulationDetailDocument, type FiguresPairBriefFieldsFragment, type PolicyFiguresFieldsFragment } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../../_components/api-error-alert";
import { formatDateTime, formatMoney, formatPercent, humanizeEnum } from "../../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../../_components/portal-data";
import { pageRoles } from "../../../../_components/role-homes";
import { Badge, EmptyState, FactList, PageHeader, Section, TableScroll, recommendationTone, secondaryButtonClass } from "../../../../_components/ui";
import { JobStateBadge, ProgressBar, RefreshWhileRunning } from "../../../jobs/job-progress";

const SWAPS_SHOWN = 500;

const figureRows: [string, (figures: PolicyFiguresFieldsFragment) => string][] = [
  ["Applications", (f) => String(f.applications)],
  ["Approve rate", (f) => `${formatPercent(f.approveRate)} (${f.approved})`],
  ["Review rate", (f) => `${formatPercent(f.reviewRate)} (${f.referred})`],
  ["Reject rate", (f) => `${formatPercent(f.rejectRate)} (${f.rejected})`],
  ["Total recommended limit", (f) => formatMoney(f.totalRecommendedLimit)],
  ["Mean recommended limit", (f) => formatMoney(f.meanRecommendedLimit)],
  ["Expected loss (Σ PD × limit)", (f) => formatMoney(f.expectedLoss)],
  ["Approved with an outcome", (f) => String(f.approvedWithOutcome)],
  ["Realised default rate", (f) => (f.realisedDefaultRate === null || f.realisedDefaultRate === undefined ? "—" : formatPercent(f.realisedDefaultRate))],
  ["Realised loss", (f) => formatMoney(f.realisedLoss)],
];

function PairTable({ pairs, keyLabel, label }: { pairs: FiguresPairBriefFieldsFragment[]; keyLabel: string; label: string }) {
  return (
    <TableScroll label={label}>
      <table className="w-full min-w-[40rem] text-left text-sm">
        <thead className="border-b border-slate-300 text-slate-500">
          <tr>
            <th className="py-2 font-medium">{keyLabel}</th>
            <th className="py-2 font-medium">Applications</th>
            <th className="py-2 font-medium">Approve: baseline → draft</th>
            <th className="py-2 font-medium">Total limit: baseline → draft</th>
            <th className="py-2 font-medium">Expected loss: baseline → draft</th>
          </tr>
        </thead>
        <tbody>
          {pairs.map((pair) => (
            <tr key={pair.key} className="border-b border-slate-100">
              <td className="py-1.5">{pair.key}</td>
              <td className="py-1.5">{pair.baseline.applications}</td>
              <td className="py-1.5">
                {formatPercent(pair.baseline.approveRate)} → {formatPercent(pair.draft.approveRate)}
              </td>
              <td className="py-1.5">
                {formatMoney(pair.baseline.totalRecommendedLimit)} → {formatMoney(pair.draft.totalRecommendedLimit)}
              </td>
              <td className="py-1.5">
                {formatMoney(pair.baseline.expectedLoss)} → {formatMoney(pair.draft.expectedLoss)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export default async function PolicySimulationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalRole(pageRoles.policies);
  const { id } = await params;
  const loaded = await loadPortalQuery(user, PolicySimulationDetailDocument, { id, swapsFirst: SWAPS_SHOWN });
  if (!loaded.ok) return <LoadError what="the simulation" message={loaded.error} />;
  const simulation = loaded.data.policySimulation;
  if (!simulation) notFound();
  const running = simulation.state === "QUEUED" || simulation.state === "RUNNING";
  const overall = simulation.overall;
  const swapTotal = simulation.swapCounts?.reduce((sum, entry) => sum + entry.count, 0) ?? 0;
  const fairnessHref = `/policies/fairness?draft=${simulation.policyVersionId}&from=${simulation.from.slice(0, 10)}&to=${simulation.to.slice(0, 10)}`;
  return (
    <div className="space-y-6">
      <RefreshWhileRunning running={running} />
      <PageHeader title="Policy simulation">
        <Link href={`/policies/${simulation.policyVersionId}`} className="text-emerald-800 hover:underline">
          The policy version
        </Link>{" "}
        ·{" "}
        <Link href={fairnessHref} className="text-emerald-800 hover:underline">
          Fairness report for this draft
        </Link>
      </PageHeader>
      <Section title="Progress" id="progress-heading">
        <div className="space-y-3">
          <JobStateBadge state={simulation.state} />
          <ProgressBar done={simulation.done} total={simulation.total ?? null} />
          <FactList
            facts={[
              ["Period", `${formatDateTime(simulation.from)} – ${formatDateTime(simulation.to)} (end excluded)`],
              ["Baseline", simulation.baseline === "STORED" ? "the decisions as made (stored)" : `the active policy re-evaluated (${simulation.baselinePolicyVersionId})`],
              ["Model", simulation.modelVersionId ? `challenger ${simulation.modelVersionId}` : "each application's stored score"],
              ["Started by", simulation.startedBy],
              ["Error", simulation.error ?? "—"],
            ]}
          />
        </div>
      </Section>
      {overall && (
        <>
          <Section title="Overall" id="overall-heading">
            <TableScroll label="Overall figures">
              <table className="w-full min-w-[30rem] text-left text-sm">
                <thead className="border-b border-slate-300 text-slate-500">
                  <tr>
                    <th className="py-2 font-medium">Figure</th>
                    <th className="py-2 font-medium">Baseline</th>
                    <th className="py-2 font-medium">Draft</th>
                  </tr>
                </thead>
                <tbody>
                  {figureRows.map(([label, read]) => (
                    <tr key={label} className="border-b border-slate-100">
                      <td className="py-1.5">{label}</td>
                      <td className="py-1.5">{read(overall.baseline)}</td>
                      <td className="py-1.5">{read(overall.draft)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <p className="mt-2 text-xs text-slate-600">Outcomes exist only for loans that were made: realised figures cover approved applications with an observed outcome.</p>
          </Section>
          <Section
            title={`Swap set (${swapTotal})`}
            id="swaps-heading"
            actions={
              <a href={simulation.swapsCsvUrl} className={secondaryButtonClass}>
                Download CSV
              </a>
            }
          >
            <ul className="mb-3 flex flex-wrap gap-3 text-sm">
              {simulation.swapCounts?.map((entry) => (
                <li key={entry.kind}>
                  {humanizeEnum(entry.kind)}: <strong>{entry.count}</strong>
                </li>
              ))}
            </ul>
            {!simulation.swaps || simulation.swaps.length === 0 ? (
              <EmptyState>No application changes its recommendation.</EmptyState>
            ) : (
              <TableScroll label="Moved applications">
                <table className="w-full min-w-[48rem] text-left text-sm">
                  <thead className="border-b border-slate-300 text-slate-500">
                    <tr>
                      <th className="py-2 font-medium">Application</th>
                      <th className="py-2 font-medium">Band</th>
                      <th className="py-2 font-medium">Month</th>
                      <th className="py-2 font-medium">Move</th>
                      <th className="py-2 font-medium">Limit</th>
                      <th className="py-2 font-medium">Rule that moved it</th>
                    </tr>
                  </thead>
                  <tbody>
                    {simulation.swaps.map((swap) => (
                      <tr key={swap.creditScoreId} className="border-b border-slate-100">
                        <td className="py-1.5">
                          <Link href={`/scores/${swap.creditScoreId}`} className="font-mono text-xs text-emerald-800 hover:underline">
                            {swap.creditScoreId}
                          </Link>
                        </td>
                        <td className="py-1.5">{swap.band}</td>
                        <td className="py-1.5">{swap.month}</td>
                        <td className="py-1.5">
                          <Badge tone={recommendationTone[swap.from]}>{swap.from}</Badge> → <Badge tone={recommendationTone[swap.to]}>{swap.to}</Badge>
                        </td>
                        <td className="py-1.5">
                          {formatMoney(swap.baselineLimit)} → {formatMoney(swap.draftLimit)}
                        </td>
                        <td className="py-1.5 text-xs">
                          {swap.raisedRules.length > 0 && <span>raised {swap.raisedRules.join(", ")}</span>}
                          {swap.raisedRules.length > 0 && swap.clearedRules.length > 0 && "; "}
                          {swap.clearedRules.length > 0 && <span>cleared {swap.clearedRules.join(", ")}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
            {swapTotal > SWAPS_SHOWN && <p className="mt-2 text-xs text-slate-600">The first {SWAPS_SHOWN} are shown; the CSV has all {swapTotal}.</p>}
          </Section>
          <Section title="By score band" id="bands-heading">
            <PairTable pairs={simulation.byBand ?? []} keyLabel="Band" label="Figures by score band" />
          </Section>
          <Section title="By month" id="months-heading">
            <PairTable pairs={simulation.byMonth ?? []} keyLabel="Month" label="Figures by month" />
          </Section>
          <Section title="Reason codes" id="reasons-heading">
            <TableScroll label="Reason-code shift">
              <table className="w-full min-w-[24rem] text-left text-sm">
                <thead className="border-b border-slate-300 text-slate-500">
                  <tr>
                    <th className="py-2 font-medium">Code</th>
                    <th className="py-2 font-medium">Baseline</th>
                    <th className="py-2 font-medium">Draft</th>
                    <th className="py-2 font-medium">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {simulation.reasonShift?.map((shift) => (
                    <tr key={shift.code} className="border-b border-slate-100">
                      <td className="py-1.5 font-mono text-xs">{shift.code}</td>
                      <td className="py-1.5">{shift.baseline}</td>
                      <td className="py-1.5">{shift.draft}</td>
                      <td className="py-1.5">{shift.change > 0 ? `+${shift.change}` : shift.change}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {simulation.skipped && simulation.skipped.length > 0 && <p className="mt-2 text-sm text-amber-800">{simulation.skipped.length} applications could not be evaluated under the draft (e.g. {simulation.skipped[0].reason}).</p>}
          </Section>
        </>
      )}
    </div>
  );
}
