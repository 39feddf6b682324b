// The lender's own model in the portal: an admin trains a challenger from the demo loan book (imported at first
// start, prisma/cli/import-demo-loan-book.ts) and watches the training, sets the model as the challenger, scores
// applications (each also scored in shadow), records their outcomes, reads the comparison and proposes the model;
// a committee member approves it on the Approvals page and it becomes the active model.
import { expect, test, type Page } from "@playwright/test";
import { demoPassword, demoUsers } from "../prisma/seed/demo-accounts";
import { signIn, signOut } from "./fixtures";

const admin = demoUsers.find((user) => user.role === "ADMIN")!;
const committee = demoUsers.find((user) => user.role === "COMMITTEE")!;

/** One GraphQL call as the signed-in user of `page` (the portal's own session cookie). */
async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post("/api/graphql", { data: { query, variables } });
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

test("an admin trains a challenger from the demo book, reads the comparison and proposes it; a committee member approves it", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, admin.email, demoPassword);

  // Train from the demo book and watch the job to its report.
  await page.getByRole("link", { name: "Models" }).first().click();
  await page.getByRole("link", { name: "Train a model" }).click();
  const form = page.getByRole("form", { name: "Train a model" });
  await form.getByLabel("Model name").fill("Own book");
  await form.getByRole("button", { name: "Train" }).click();
  await expect(page).toHaveURL(/\/models\/train\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar", { name: "Progress" })).toBeVisible();
  await expect(page.getByText("Succeeded")).toBeVisible({ timeout: 180_000 });
  const report = page.getByRole("region", { name: /^DRAFT Own book / });
  // 480 loans of the demo book, 72 of them defaults: enough to train (50), with the warning below 200.
  await expect(report).toContainText("480 (480 from the book, 0 scorings)");
  await expect(report).toContainText("72 (15.0 %)");
  await expect(report).toContainText("Only 72 defaults (fewer than 200)");
  await expect(report).toContainText(/AUC, 5 random folds0\.\d{3} \(95 % CI/);
  await expect(report).toContainText(/AUC, out of time0\.\d{3} \(95 % CI .* on the 96 loans from/);
  await report.getByRole("link", { name: /Open the version/ }).click();

  await expect(page.getByRole("heading", { level: 1, name: /^Own book [0-9a-f]{12}$/ })).toBeVisible();
  const candidateId = page.url().split("/").pop()!;
  await page.getByRole("button", { name: "Set as challenger" }).click();
  await expect(page.getByText("Challenger (scored in shadow)")).toBeVisible();

  // The demo borrowers apply again: each scoring is also scored by the challenger, in shadow; then their outcomes.
  const { borrowers } = await graphql<{ borrowers: { edges: { node: { id: string } }[] } }>(page, '{ borrowers(first: 100, search: "syn-") { edges { node { id } } } }');
  expect(borrowers.edges).toHaveLength(20);
  for (const [index, { node }] of borrowers.edges.entries()) {
    const { calculateScore: score } = await graphql<{ calculateScore: { id: string; challenger: { modelVersionId: string } | null } }>(
      page,
      "mutation ($input: CalculateScoreInput!) { calculateScore(input: $input) { id challenger { modelVersionId } } }",
      { input: { borrowerId: node.id, purpose: "LOAN_UNDERWRITING", requestedAmount: "20000", requestedTenorDays: 90 } },
    );
    expect(score.challenger?.modelVersionId).toBe(candidateId);
    const defaulted = index % 3 === 0;
    const observedAt = new Date().toISOString();
    await graphql(page, "mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }", {
      input: { scoreId: score.id, status: defaulted ? "DEFAULT" : "PAID_OFF", maxDaysLate: 0, observedAt, defaultedAt: defaulted ? observedAt : null },
    });
  }

  await page.reload();
  await page.getByRole("button", { name: "Compare with the active model" }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("AUC difference (challenger − champion)")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  const comparison = page.getByRole("region", { name: "Champion and challenger" });
  await expect(comparison).toContainText("Challenger: Own book");
  await expect(page.getByText("Approve → reject")).toBeVisible();

  await page.getByLabel("Why (shown to the approver and kept in the audit trail)").fill("Trained on our own book; ranks our loans as well as the active model.");
  await page.getByRole("button", { name: "Propose making this model active" }).click();
  await expect(page.getByRole("list", { name: "Pending proposals" })).toContainText("Trained on our own book");
  await signOut(page);

  await signIn(page, committee.email, demoPassword);
  await page.goto("/approvals");
  const proposal = page.getByRole("article").filter({ hasText: "Trained on our own book" });
  await proposal.getByRole("button", { name: "Approve and apply" }).click();
  await expect(proposal.getByRole("button", { name: "Approve and apply" })).toBeHidden();
  await page.goto(`/models/${candidateId}`);
  await expect(page.getByText("This is the active model.")).toBeVisible();
});
