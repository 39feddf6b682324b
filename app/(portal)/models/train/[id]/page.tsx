import Link from "next/link";
import { notFound } from "next/navigation";
import { TrainingJobDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../../_components/api-error-alert";
import { formatDateTime, formatPercent } from "../../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../../_components/portal-data";
import { pageRoles } from "../../../../_components/role-homes";
import { FactList, PageHeader, Section, TableScroll } from "../../../../_components/ui";
import { RefreshWhileRunning } from "../../../jobs/job-progress";
import { JobProgressSection } from "../../../jobs/job-progress-section";

interface Interval {
  auc: number;
  lower: number;
  upper: number;
}
interface TrainingResult {
  modelVersionId: string;
  name: string;
  version: string;
  sources: { loanBook: number; scorings: number };
  trainingSeconds: number;
  report: {
    rows: number;
    defaults: number;
    defaultRate: number;
    periodFrom: string;
    periodTo: string;
    warnings: string[];
    randomFolds: { folds: number; interval: Interval; intervalMethod: string };
    outOfTime: { cutoff: string; fitRows: number; validationRows: number; validationDefaults: number; auc: Interval; ks: number; brier: number; calibrationByDecile: { meanPredicted: number; observedRate: number; count: number }[] } | null;
    memberWeights: Record<string, number>;
  };
}

const auc = (value: Interval) => `${value.auc.toFixed(3)} (95 % CI ${value.lower.toFixed(3)}–${value.upper.toFixed(3)})`;

/** One training: progress while it runs, then the DRAFT version and its validation report. */
export default async function TrainingPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalRole(pageRoles.jobs);
  const { id } = await params;
  const loaded = await loadPortalQuery(user, TrainingJobDocument, { id });
  if (!loaded.ok) return <LoadError what="the training" message={loaded.error} />;
  const job = loaded.data.job;
  if (!job || job.kind !== "MODEL_TRAINING") notFound();
  const running = job.state === "QUEUED" || job.state === "RUNNING";
  const result = job.report as TrainingResult | null;
  const report = result?.report;
  return (
    <div className="space-y-6">
      <RefreshWhileRunning running={running} />
      <PageHeader title="Model training">
        <Link href="/models/train" className="text-emerald-800 hover:underline">
          All trainings
        </Link>
      </PageHeader>
      <JobProgressSection job={job} />
      {result && report && (
        <Section title={`DRAFT ${result.name} ${result.version}`} id="report-heading">
          <div className="space-y-4">
            <FactList
              facts={[
                ["Loans", `${report.rows} (${result.sources.loanBook} from the book, ${result.sources.scorings} scorings)`],
                ["Defaults", `${report.defaults} (${formatPercent(report.defaultRate)})`],
                ["Period", `${formatDateTime(report.periodFrom)} – ${formatDateTime(report.periodTo)}`],
                [`AUC, ${report.randomFolds.folds} random folds`, auc(report.randomFolds.interval)],
                ["AUC, out of time", report.outOfTime ? `${auc(report.outOfTime.auc)} on the ${report.outOfTime.validationRows} loans from ${formatDateTime(report.outOfTime.cutoff)} (${report.outOfTime.validationDefaults} defaults), fitted on the ${report.outOfTime.fitRows} before` : "not measured (too few defaults in the latest period)"],
                ["KS / Brier, out of time", report.outOfTime ? `${report.outOfTime.ks.toFixed(3)} / ${report.outOfTime.brier.toFixed(4)}` : "—"],
                ["Members", Object.entries(report.memberWeights).map(([name, weight]) => `${name} ${weight.toFixed(2)}`).join(", ")],
                ["Trained in", `${result.trainingSeconds.toFixed(1)} s`],
              ]}
            />
            {report.warnings.length > 0 && (
              <ul className="list-disc pl-5 text-sm text-amber-800">
                {report.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
            {report.outOfTime && (
              <TableScroll label="Calibration out of time">
                <table className="w-full min-w-[24rem] text-left text-sm">
                  <caption className="text-left text-xs text-slate-500">Calibration out of time, by decile of predicted PD</caption>
                  <thead className="border-b border-slate-300 text-slate-500">
                    <tr>
                      <th className="py-2 font-medium">Loans</th>
                      <th className="py-2 font-medium">Mean predicted PD</th>
                      <th className="py-2 font-medium">Observed default rate</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.outOfTime.calibrationByDecile.map((bin, k) => (
                      <tr key={k} className="border-b border-slate-100">
                        <td className="py-2">{bin.count}</td>
                        <td className="py-2">{formatPercent(bin.meanPredicted)}</td>
                        <td className="py-2">{formatPercent(bin.observedRate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
            <p className="text-sm">
              <Link href={`/models/${result.modelVersionId}`} className="text-emerald-800 hover:underline">
                Open the version: its lifecycle (challenger, comparison, proposal) and model card
              </Link>
            </p>
          </div>
        </Section>
      )}
    </div>
  );
}
