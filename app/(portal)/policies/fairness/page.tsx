import Link from "next/link";
import { FairnessPageDocument, PoliciesOverviewDocument, ProtectedAttributeListDocument, type FairnessPageQuery } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../_components/api-error-alert";
import { formatMoney, formatNumber, formatPercent } from "../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../_components/portal-data";
import { pageRoles } from "../../../_components/role-homes";
import { Badge, EmptyState, PageHeader, Section, TableScroll, buttonClass, inputClass } from "../../../_components/ui";
import { RecordAttributesForm } from "./record-attributes-form";

type GroupFigures = FairnessPageQuery["fairnessReport"]["groups"][number]["active"];

function PolicyCells({ figures, tooSmall }: { figures: GroupFigures | null | undefined; tooSmall: boolean }) {
  if (!figures) return <td className="py-1.5">—</td>;
  return (
    <td className="py-1.5">
      {formatPercent(figures.approvalRate)} approved · ratio {figures.adverseImpactRatio === null || figures.adverseImpactRatio === undefined ? "—" : formatNumber(figures.adverseImpactRatio, 2)}{" "}
      {figures.belowFourFifths ? <Badge tone="red">below 4/5</Badge> : tooSmall ? <Badge tone="slate">too small to judge</Badge> : <Badge tone="green">within 4/5</Badge>}
      <br />
      <span className="text-xs text-slate-600">mean limit {formatMoney(figures.meanRecommendedLimit)}</span>
    </td>
  );
}

export default async function FairnessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePortalRole(pageRoles.policies);
  const params = await searchParams;
  const read = (name: string) => (typeof params[name] === "string" ? (params[name] as string) : "");
  const today = new Date().toISOString().slice(0, 10);
  const attribute = read("attribute") || "SEX";
  const from = read("from") || new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  const to = read("to") || today;
  const draft = read("draft");
  const minGroupSize = read("min") ? Number(read("min")) : null;
  const [versions, attributes, report] = await Promise.all([
    loadPortalQuery(user, PoliciesOverviewDocument, {}),
    loadPortalQuery(user, ProtectedAttributeListDocument, {}),
    loadPortalQuery(user, FairnessPageDocument, {
      attribute,
      from: `${from}T00:00:00.000Z`,
      to: new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000).toISOString(),
      draftPolicyVersionId: draft || null,
      minGroupSize,
    }),
  ]);
  const drafts = versions.ok ? versions.data.policyVersions.filter((version) => version.status !== "ACTIVE") : [];
  return (
    <div className="space-y-6">
      <PageHeader title="Fairness report">
        Approval rates, adverse-impact ratios (the four-fifths rule), mean limits and the model&apos;s accuracy by group of a protected attribute.{" "}
        <Link href="/policies" className="text-emerald-800 hover:underline">
          Policies
        </Link>
      </PageHeader>
      <Section title="Report" id="report-heading">
        <form method="get" className="mb-4 grid gap-3 sm:grid-cols-5" aria-label="Fairness report options">
          <label className="text-sm">
            Attribute
            <input name="attribute" defaultValue={attribute} list="protected-attributes" className={inputClass} />
            <datalist id="protected-attributes">{attributes.ok && attributes.data.protectedAttributes.map((entry) => <option key={entry.attribute} value={entry.attribute} />)}</datalist>
          </label>
          <label className="text-sm">
            From
            <input name="from" type="date" defaultValue={from} className={inputClass} />
          </label>
          <label className="text-sm">
            To (inclusive)
            <input name="to" type="date" defaultValue={to} className={inputClass} />
          </label>
          <label className="text-sm">
            Draft to compare
            <select name="draft" defaultValue={draft} className={inputClass}>
              <option value="">None (active policy only)</option>
              {drafts.map((version) => (
                <option key={version.id} value={version.id}>
                  {version.name} v{version.version} ({version.status.toLowerCase()})
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Minimum group size
            <input name="min" type="number" min={1} defaultValue={minGroupSize ?? 30} className={inputClass} />
          </label>
          <div className="sm:col-span-5">
            <button type="submit" className={buttonClass}>
              Show report
            </button>
          </div>
        </form>
        {!report.ok ? (
          <LoadError what="the fairness report" message={report.error} />
        ) : report.data.fairnessReport.groups.length === 0 ? (
          <EmptyState>No applications in the period.</EmptyState>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-700">
              Reference group (most approved of at least {report.data.fairnessReport.minGroupSize} applications): active policy <strong>{report.data.fairnessReport.referenceGroup.active ?? "none large enough"}</strong>
              {report.data.fairnessReport.draftPolicyVersionId && (
                <>
                  , draft <strong>{report.data.fairnessReport.referenceGroup.draft ?? "none large enough"}</strong>
                </>
              )}
              .
            </p>
            <TableScroll label="Fairness by group">
              <table className="w-full min-w-[52rem] text-left text-sm">
                <thead className="border-b border-slate-300 text-slate-500">
                  <tr>
                    <th className="py-2 font-medium">Group</th>
                    <th className="py-2 font-medium">Applications</th>
                    <th className="py-2 font-medium">Active policy</th>
                    <th className="py-2 font-medium">Draft</th>
                    <th className="py-2 font-medium">Model (loans with an outcome)</th>
                  </tr>
                </thead>
                <tbody>
                  {report.data.fairnessReport.groups.map((group) => (
                    <tr key={group.group} className="border-b border-slate-100 align-top">
                      <td className="py-1.5 font-medium">{group.group}</td>
                      <td className="py-1.5">
                        {group.applications}
                        {group.tooSmall && <span className="block text-xs text-amber-800">too small: {group.sizeNeeded} more needed</span>}
                      </td>
                      <PolicyCells figures={group.active} tooSmall={group.tooSmall} />
                      <PolicyCells figures={group.draft} tooSmall={group.tooSmall} />
                      <td className="py-1.5 text-xs">
                        {group.model.withOutcome} observed, {group.model.defaulted} defaulted
                        <br />
                        AUC {group.model.auc === null || group.model.auc === undefined ? "— (too few outcomes)" : formatNumber(group.model.auc, 3)}
                        <br />
                        mean PD {group.model.meanProbabilityOfDefault === null || group.model.meanProbabilityOfDefault === undefined ? "—" : formatPercent(group.model.meanProbabilityOfDefault)} vs observed{" "}
                        {group.model.observedDefaultRate === null || group.model.observedDefaultRate === undefined ? "—" : formatPercent(group.model.observedDefaultRate)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <p className="mt-2 text-xs text-slate-600">Outcomes exist only for loans that were made: the model&apos;s figures describe approved borrowers only. Borrowers without a recorded value form UNRECORDED.</p>
          </>
        )}
      </Section>
      {user.role === "ADMIN" && (
        <Section title="Record protected attributes" id="record-heading">
          <RecordAttributesForm />
        </Section>
      )}
    </div>
  );
}
