import { requirePortalRole } from "../../_components/portal-data";
import { pageRoles } from "../../_components/role-homes";
import { PageHeader } from "../../_components/ui";
import { QuickScoreForm } from "./quick-score-form";

export default async function QuickScorePage() {
  await requirePortalRole(pageRoles.quickScore);
  return (
    <div className="space-y-6">
      <PageHeader title="Quick score">
        MicroTrust direct mode: state a few behavioural indicators and get an instant score, risk bucket, confidence and the factors behind it. It is a simulation, recorded as one in the audit trail, never a credit decision.
      </PageHeader>
      <QuickScoreForm />
    </div>
  );
}
