import Link from "next/link";
import { ModelVersionsDocument, PolicyVersionsDocument, PortfolioPerformanceDocument, type ModelVersionsQuery } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../_components/api-error-alert";
import { CalibrationChart } from "../../_components/charts/calibration-chart";
import { ImportanceBars } from "../../_components/charts/importance-bars";
import { MonthlyPerformanceChart } from "../../_components/charts/monthly-performance-chart";
import { RocChart } from "../../_components/charts/roc-chart";
import { formatDateTime, formatNumber, formatPercent, humanizeEnum } from "../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../_components/portal-data";
import { pageRoles } from "../../_components/role-homes";
import { Badge, EmptyState, FactList, PageHeader, Section, TableScroll, buttonClass, inputClass } from "../../_components/ui";

const performanceRoles = ["ADMIN", "COMMITTEE", "AUDITOR"];
const statusTone = { ACTIVE: "green", DRAFT: "blue", RETIRED: "slate" } as const;

function interval(value: number | null | undefined, lower: number | null | undefined, upper: number | null | undefined): string {
  if (value == null) return "—";
  return lower != null && upper != null ? `${value.toFixed(3)} (95 % CI ${lower.toFixed(3)}–${upper.toFixed(3)})` : value.toFixed(3);
}

function psiReading(psi: number | null | undefined): string {
  if (psi == null) return "not enough scorings to compare";
  if (psi < 0.1) return "stable";
  return psi <= 0.25 ? "shifting: watch" : "shifted: investigate";
}

function ModelReportView({ model }: { model: ModelVersionsQuery["modelVersions"][number] }) {
  const report = model.report;
  if (!report) return <EmptyState>This version has no validation report.</EmptyState>;
  return (
    <div className="space-y-4">
      <FactList
        facts={[
          ["Holdout rows", formatNumber(report.holdoutRows)],
          ["AUC", interval(report.auc, report.aucLower, report.aucUpper)],
          ["KS", report.ks.toFixed(3)],
          ["Gini", report.gini.toFixed(3)],
          ["Brier score", report.brier.toFixed(4)],
        ]}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <RocChart points={report.roc} auc={report.auc} />
        <CalibrationChart bins={report.calibration} />
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <ImportanceBars title="Importance by feature (top 15, mean |points| on holdout rows)" items={[...report.featureImportance].sort((a, b) => b.meanAbsolutePoints - a.meanAbsolutePoints).slice(0, 15)} />
        <ImportanceBars title="Importance by component" items={report.componentImportance} />
      </div>
    </div>
  );
}

export default async function ModelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePortalRole(pageRoles.models);
  const params = await searchParams;
  const fromDay = typeof params.from === "string" && /^\d{4}-\d{2}-\d{2}$/.test(params.from) ? params.from : "";
  const toDay = typeof params.to === "string" && /^\d{4}-\d{2}-\d{2}$/.test(params.to) ? params.to : "";
  const showPerformance = performanceRoles.includes(user.role);
  const [models, policies, performance] = await Promise.all([
    loadPortalQuery(user, ModelVersionsDocument, {}),
    loadPortalQuery(user, PolicyVersionsDocument, {}),
    showPerformance
      ? loadPortalQuery(user, PortfolioPerformanceDocument, {
          from: fromDay ? `${fromDay}T00:00:00.000Z` : null,
          to: toDay ? new Date(Date.parse(`${toDay}T00:00:00Z`) + 86_400_000).toISOString() : null,
        })
      : null,
  ]);

  return (
    <div className="space-y-6">
      <PageHeader title="Models and outcomes">The models that score, how they did on rows held out from training, how scored loans have actually performed, and the decision policies. <Link href="/models/import" className="text-emerald-800 hover:underline">Import a loan book</Link> · <Link href="/models/train" className="text-emerald-800 hover:underline">Train a model</Link></PageHeader>

      <Section title="Model versions" id="models-heading">
        {!models.ok ? (
          <LoadError what="the model versions" message={models.error} />
        ) : models.data.modelVersions.length === 0 ? (
          <EmptyState>No model is installed.</EmptyState>
        ) : (
          <div className="space-y-6">
            {models.data.modelVersions.map((model) => (
              <article key={model.id} aria-label={`${model.name} ${model.version}`} className="border-t border-slate-100 pt-4 first:border-t-0 first:pt-0">
                <h3 className="flex flex-wrap items-center gap-2 font-medium">
                  {model.name} {model.version} <Badge tone={statusTone[model.status]}>{humanizeEnum(model.status)}</Badge>
                  {model.isChallenger && <Badge tone="amber">Challenger</Badge>}
                  <Link href={`/models/${model.id}`} className="text-sm font-normal text-emerald-800 underline">
                    Lifecycle: challenger, comparison, promotion, card
                  </Link>
                </h3>
                <p className="mb-3 text-xs text-slate-500">
                  Installed {formatDateTime(model.createdAt)} · artifact sha256 <code className="break-all">{model.artifactSha256}</code>
                </p>
                <ModelReportView model={model} />
              </article>
            ))}
          </div>
        )}
      </Section>

      {performance && (
        <Section title="Outcomes joined to scores" id="performance-heading">
          <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Scoring period">
            <label className="text-sm">
              <span className="font-medium">Scored from</span>
              <input type="date" name="from" defaultValue={fromDay} className={inputClass} />
            </label>
            <label className="text-sm">
              <span className="font-medium">Scored to</span>
              <input type="date" name="to" defaultValue={toDay} className={inputClass} />
            </label>
            <button type="submit" className={buttonClass}>
              Show
            </button>
          </form>
          {!performance.ok ? (
            <LoadError what="the portfolio performance" message={performance.error} />
          ) : (
            <div className="space-y-4">
              <p className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
                <strong>Reject inference:</strong>{" "}
                {/reject inference/i.test(performance.data.portfolioPerformance.note)
                  ? performance.data.portfolioPerformance.note
                  : `outcomes exist only for approved, disbursed loans, so these figures describe the approved population, not every applicant. ${performance.data.portfolioPerformance.note}`}
              </p>
              <FactList
                facts={[
                  ["Scorings", formatNumber(performance.data.portfolioPerformance.scored)],
                  ["With an outcome", formatNumber(performance.data.portfolioPerformance.withOutcome)],
                  ["Defaults", formatNumber(performance.data.portfolioPerformance.defaults)],
                  ["Realised AUC", interval(performance.data.portfolioPerformance.auc, performance.data.portfolioPerformance.aucLower, performance.data.portfolioPerformance.aucUpper)],
                  ["Realised KS", performance.data.portfolioPerformance.ks == null ? "—" : performance.data.portfolioPerformance.ks.toFixed(3)],
                  ["PSI against training", performance.data.portfolioPerformance.psi == null ? `— (${psiReading(null)})` : `${performance.data.portfolioPerformance.psi.toFixed(3)} (${psiReading(performance.data.portfolioPerformance.psi)})`],
                ]}
              />
              <div className="grid gap-4 lg:grid-cols-2">
                <div className="min-w-0">
                  <h3 className="mb-1 font-medium">By score band</h3>
                  {performance.data.portfolioPerformance.byBand.length === 0 ? (
                    <EmptyState>No scorings in this period.</EmptyState>
                  ) : (
                    <TableScroll label="Performance by score band">
                      <table className="w-full min-w-[24rem] text-left text-sm">
                        <thead className="text-slate-500">
                          <tr>
                            <th className="py-1 font-medium">Band</th>
                            <th className="py-1 text-right font-medium">Scored</th>
                            <th className="py-1 text-right font-medium">With outcome</th>
                            <th className="py-1 text-right font-medium">Defaults</th>
                            <th className="py-1 text-right font-medium">Default rate</th>
                          </tr>
                        </thead>
                        <tbody>
                          {performance.data.portfolioPerformance.byBand.map((band) => (
                            <tr key={band.band} className="border-t border-slate-100 tabular-nums">
                              <td className="py-1">{band.band}</td>
                              <td className="py-1 text-right">{band.scored}</td>
                              <td className="py-1 text-right">{band.withOutcome}</td>
                              <td className="py-1 text-right">{band.defaults}</td>
                              <td className="py-1 text-right">{formatPercent(band.defaultRate)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </TableScroll>
                  )}
                </div>
                <div className="min-w-0">
                  <h3 className="mb-1 font-medium">By month of scoring</h3>
                  {performance.data.portfolioPerformance.byMonth.length === 0 ? (
                    <EmptyState>No scorings in this period.</EmptyState>
                  ) : (
                    <>
                      <MonthlyPerformanceChart months={performance.data.portfolioPerformance.byMonth} />
                      <TableScroll label="Performance by month">
                        <table className="mt-2 w-full min-w-[28rem] text-left text-sm">
                          <thead className="text-slate-500">
                            <tr>
                              <th className="py-1 font-medium">Month</th>
                              <th className="py-1 text-right font-medium">Scored</th>
                              <th className="py-1 text-right font-medium">Outcomes</th>
                              <th className="py-1 text-right font-medium">Default rate</th>
                              <th className="py-1 text-right font-medium">AUC</th>
                              <th className="py-1 text-right font-medium">KS</th>
                            </tr>
                          </thead>
                          <tbody>
                            {performance.data.portfolioPerformance.byMonth.map((month) => (
                              <tr key={month.month} className="border-t border-slate-100 tabular-nums">
                                <td className="py-1">{month.month}</td>
                                <td className="py-1 text-right">{month.scored}</td>
                                <td className="py-1 text-right">{month.withOutcome}</td>
                                <td className="py-1 text-right">{formatPercent(month.defaultRate)}</td>
                                <td className="py-1 text-right">{month.auc == null ? "—" : month.auc.toFixed(3)}</td>
                                <td className="py-1 text-right">{month.ks == null ? "—" : month.ks.toFixed(3)}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      </TableScroll>
                    </>
                  )}
                </div>
              </div>
            </div>
          )}
        </Section>
      )}

      <Section title="Decision policy versions" id="policies-heading">
        {!policies.ok ? (
          <LoadError what="the policy versions" message={policies.error} />
        ) : policies.data.policyVersions.length === 0 ? (
          <EmptyState>No policy has been published.</EmptyState>
        ) : (
          <ul className="space-y-2 text-sm">
            {policies.data.policyVersions.map((policy) => (
              <li key={policy.id} className="rounded border border-slate-200 p-3">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">
                    {policy.name} {policy.version}
                  </span>
                  <Badge tone={statusTone[policy.status]}>{policy.status === "ACTIVE" ? "Active" : humanizeEnum(policy.status)}</Badge>
                  <span className="text-xs text-slate-500">published {formatDateTime(policy.createdAt)}</span>
                </div>
                <p className="mt-1 text-xs text-slate-500">
                  sha256 <code className="break-all">{policy.documentSha256}</code>
                </p>
                <details className="mt-1">
                  <summary className="cursor-pointer text-emerald-800">Policy document</summary>
                  <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(policy.document, null, 2)}</pre>
                </details>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
