import Link from "next/link";
import { ModelCardDocument } from "@/graphql/generated/client/graphql";
import { LoadError } from "../../../../_components/api-error-alert";
import { formatNumber, formatPercent } from "../../../../_components/format";
import { loadPortalQuery, requirePortalRole } from "../../../../_components/portal-data";
import { pageRoles } from "../../../../_components/role-homes";
import { FactList, PageHeader, Section, TableScroll } from "../../../../_components/ui";

export default async function ModelCardPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePortalRole(pageRoles.models);
  const { id } = await params;
  const loaded = await loadPortalQuery(user, ModelCardDocument, { id });
  if (!loaded.ok) return <LoadError what="the model card" message={loaded.error} />;
  const card = loaded.data.modelCard;
  return (
    <div className="space-y-6">
      <PageHeader title={`Model card: ${card.title}`}>
        <span className="flex flex-wrap gap-3 text-sm">
          <Link href={`/models/${card.id}`} className="text-emerald-800 underline">
            Back to the model
          </Link>
          <a href={`/api/models/${card.id}/card.md`} className="text-emerald-800 underline">
            Download as Markdown
          </a>
        </span>
      </PageHeader>
      <Section title="Data and period" id="card-data">
        <FactList
          facts={[
            ["Status", `${card.status}${card.isChallenger ? " (challenger, scored in shadow)" : ""}`],
            ["Source", card.data.source],
            ["Period", card.data.period],
            ["Rows", card.data.rows == null ? "not recorded" : formatNumber(card.data.rows)],
            ["Defaults", card.data.defaults == null ? "not recorded" : `${formatNumber(card.data.defaults)} (${formatPercent(card.data.defaultRate)})`],
            ["Artifact sha256", <code key="sha" className="break-all">{card.artifactSha256}</code>],
          ]}
        />
      </Section>
      <Section title="Metrics" id="card-metrics">
        <TableScroll label="Metrics">
          <table className="w-full min-w-[28rem] text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 font-medium">Metric</th>
                <th className="py-1 text-right font-medium">Value</th>
                <th className="py-1 text-right font-medium">95 % interval</th>
                <th className="py-1 font-medium">Measured on</th>
              </tr>
            </thead>
            <tbody>
              {card.metrics.map((metric) => (
                <tr key={metric.name} className="border-t border-slate-100 tabular-nums">
                  <td className="py-1">{metric.name}</td>
                  <td className="py-1 text-right">{metric.value.toFixed(4)}</td>
                  <td className="py-1 text-right">{metric.lower == null || metric.upper == null ? "—" : `${metric.lower.toFixed(4)} – ${metric.upper.toFixed(4)}`}</td>
                  <td className="py-1">{metric.on}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
      <Section title="Known limits" id="card-limits">
        <ul className="list-disc space-y-1 pl-5 text-sm">
          {card.knownLimits.map((limit) => (
            <li key={limit}>{limit}</li>
          ))}
        </ul>
      </Section>
      <Section title="Intended use" id="card-use">
        <p className="text-sm">{card.intendedUse}</p>
      </Section>
      <Section title={`Features (${card.features.length})`} id="card-features">
        <p className="mb-2 text-sm text-slate-600">
          Members: {card.members.map((member) => `${member.name} (${member.weight})`).join(", ")}; calibration: {card.calibration}.
        </p>
        <TableScroll label="Features">
          <table className="w-full min-w-[24rem] text-left text-sm">
            <tbody>
              {card.features.map((feature) => (
                <tr key={feature.name} className="border-t border-slate-100">
                  <td className="py-1">{feature.label}</td>
                  <td className="py-1 text-slate-500">{feature.component}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Section>
    </div>
  );
}
