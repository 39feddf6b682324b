import { expect, test } from "@playwright/test";
import { demoPassword, demoUsers } from "../prisma/seed/demo-accounts";
import { signIn, signOut } from "./fixtures";

const admin = demoUsers.find((user) => user.role === "ADMIN")!;
const committee = demoUsers.find((user) => user.role === "COMMITTEE")!;

test("a committee member simulates a stricter policy, reads the swap set and the fairness report, and approves its publication proposed by an admin", async ({ page }) => {
  // The admin saves a stricter draft: every score below 850 is rejected.
  await signIn(page, admin.email, demoPassword);
  await page.goto("/admin");
  const publisher = page.getByRole("form", { name: "Publish a decision policy" });
  const documentField = publisher.getByLabel("Policy document (JSON)");
  const active = JSON.parse(await documentField.inputValue()) as { thresholds: Record<string, number> };
  await publisher.getByLabel("Name").fill("Stricter e2e");
  await documentField.fill(JSON.stringify({ ...active, thresholds: { approveMinScore: 850, rejectBelowScore: 850 } }, null, 2));
  await publisher.getByRole("button", { name: "Save as draft" }).click();
  await expect(publisher.getByRole("status")).toContainText("Saved Stricter e2e");
  await signOut(page);

  // The committee member simulates it over the demo's stored applications.
  await signIn(page, committee.email, demoPassword);
  await page.getByRole("link", { name: "Policies" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Policies" })).toBeVisible();
  const simulate = page.getByRole("form", { name: "Simulate a policy" });
  await simulate.getByLabel("Policy version to try").selectOption({ label: "Stricter e2e v1 (draft)" });
  await simulate.getByRole("button", { name: "Simulate" }).click();
  await expect(page).toHaveURL(/\/policies\/simulations\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Succeeded")).toBeVisible({ timeout: 60_000 });
  const swaps = page.getByRole("region", { name: /^Swap set/ });
  await expect(swaps).toBeVisible();
  // Every stored approval or referral moves to REJECT, each naming the cut-off rule that moved it.
  await expect(swaps.getByRole("row").filter({ hasText: "raised SCORE_BELOW_CUTOFF" }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Overall" }).getByRole("row", { name: /^Approve rate .* 0\.0 % \(0\)$/ })).toBeVisible();

  await page.getByRole("link", { name: "Fairness report for this draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fairness report" })).toBeVisible();
  const groups = page.getByRole("region", { name: "Report" }).getByRole("table");
  // No attribute is recorded in the demo: every application falls in one group, shown with its approval rate
  // (the figures themselves are checked against a hand-computed fixture in core/fairness).
  await expect(groups.getByRole("row", { name: /UNRECORDED/ })).toContainText("% approved");
  await signOut(page);

  // The admin proposes publishing it, citing the committee member's simulation and confirming the changes.
  await signIn(page, admin.email, demoPassword);
  await page.goto("/policies");
  await page.getByRole("region", { name: "Policy versions" }).getByRole("link", { name: "Stricter e2e v1" }).click();
  await expect(page.getByRole("region", { name: /^Changes against the active version/ }).getByRole("row", { name: /thresholds\.approveMinScore/ })).toBeVisible();
  const propose = page.getByRole("form", { name: "Propose publication" });
  await propose.getByLabel("Why this change (shown to the approver)").fill("Tighter cut-off after the simulation.");
  await propose.getByRole("checkbox").check();
  await propose.getByRole("button", { name: "Propose publication" }).click();
  await expect(propose.getByRole("status")).toContainText("Proposed");
  const policyUrl = page.url();
  await signOut(page);

  // The committee member approves; the published policy links the simulation that was reviewed.
  await signIn(page, committee.email, demoPassword);
  await page.goto("/approvals");
  const proposal = page.getByRole("article", { name: "Publish policy: Stricter e2e 1" });
  await proposal.getByRole("button", { name: "Approve and apply" }).click();
  await expect(proposal.getByText("Approved", { exact: true })).toBeVisible();
  await page.goto(policyUrl);
  await expect(page.getByRole("region", { name: "Version" }).getByText("ACTIVE", { exact: true })).toBeVisible();
  const publication = page.getByRole("region", { name: "Publication" });
  await expect(publication.getByText("APPROVED", { exact: true })).toBeVisible();
  await publication.getByRole("link", { name: "Simulation reviewed" }).click();
  await expect(page).toHaveURL(/\/policies\/simulations\/[0-9a-f-]{36}$/);
});
