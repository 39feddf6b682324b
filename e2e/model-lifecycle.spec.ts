// The lender's own model in the portal: an admin registers a candidate, sets it as the challenger, re-scores
// the book (every scoring is also scored in shadow), records outcomes, reads the comparison and proposes the
// candidate; a committee member approves it on the Approvals page and it becomes the active model.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { contentHash } from "../scoring/artifact/canonical-json";
import { demoPassword, demoUsers } from "../prisma/seed/demo-accounts";
import { signIn, signOut } from "./fixtures";

const admin = demoUsers.find((user) => user.role === "ADMIN")!;
const committee = demoUsers.find((user) => user.role === "COMMITTEE")!;

/** The default artifact with its calibration shifted and its members' weights rotated: another model, validly hashed. */
function candidateArtifact(): Record<string, unknown> {
  const { contentHash: _declared, ...body } = JSON.parse(readFileSync("scoring/artifacts/default-model.json", "utf8")) as Record<string, unknown>;
  (body.calibration as { intercept: number }).intercept -= 0.5;
  const members = body.members as { weight: number }[];
  const weights = members.map((member) => member.weight);
  members.forEach((member, index) => (member.weight = weights[(index + 1) % weights.length]));
  return { ...body, contentHash: contentHash(body) };
}

/** One GraphQL call as the signed-in user of `page` (the portal's own session cookie). */
async function graphql<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post("/api/graphql", { data: { query, variables } });
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

test("an admin sets a challenger, reads the comparison and proposes it; a committee member approves it", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, admin.email, demoPassword);
  const { registerModelVersion: candidate } = await graphql<{ registerModelVersion: { id: string } }>(
    page,
    "mutation ($input: RegisterModelVersionInput!) { registerModelVersion(input: $input) { id } }",
    { input: { name: "Lender own", version: "1", artifact: candidateArtifact() } },
  );

  await page.getByRole("link", { name: "Models" }).first().click();
  await page.getByRole("article", { name: "Lender own 1" }).getByRole("link", { name: /Lifecycle/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lender own 1" })).toBeVisible();
  await page.getByRole("button", { name: "Set as challenger" }).click();
  await expect(page.getByText("Challenger (scored in shadow)")).toBeVisible();

  // The book is re-scored: every scoring is also scored by the challenger, in shadow.
  const { startPortfolioRescore: job } = await graphql<{ startPortfolioRescore: { id: string } }>(page, 'mutation { startPortfolioRescore(input: { purpose: MONITORING, defaultRequestedAmount: "20000", defaultRequestedTenorDays: 90 }) { id } }');
  await expect.poll(async () => (await graphql<{ job: { state: string } }>(page, "query ($id: ID!) { job(id: $id) { state } }", { id: job.id })).job.state, { timeout: 90_000 }).toBe("SUCCEEDED");
  const { borrowers } = await graphql<{ borrowers: { edges: { node: { creditScores: { id: string; challenger: { modelVersionId: string } | null }[] } }[] } }>(
    page,
    "{ borrowers(first: 100) { edges { node { creditScores { id challenger { modelVersionId } } } } } }",
  );
  const shadowScored = borrowers.edges.flatMap((edge) => edge.node.creditScores.filter((score) => score.challenger?.modelVersionId === candidate.id));
  expect(shadowScored.length).toBeGreaterThanOrEqual(10);
  for (const [index, score] of shadowScored.entries()) {
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
  await expect(page.getByRole("region", { name: "Champion and challenger" })).toContainText("Challenger: Lender own 1");
  await expect(page.getByText("Approve → reject")).toBeVisible();

  await page.getByLabel("Why (shown to the approver and kept in the audit trail)").fill("Ranks our book better in the comparison.");
  await page.getByRole("button", { name: "Propose making this model active" }).click();
  await expect(page.getByRole("list", { name: "Pending proposals" })).toContainText("Ranks our book better in the comparison.");
  await signOut(page);

  await signIn(page, committee.email, demoPassword);
  await page.goto("/approvals");
  const proposal = page.getByRole("article").filter({ hasText: "Ranks our book better in the comparison." });
  await proposal.getByRole("button", { name: "Approve and apply" }).click();
  await expect(proposal.getByRole("button", { name: "Approve and apply" })).toBeHidden();
  await page.goto(`/models/${candidate.id}`);
  await expect(page.getByText("This is the active model.")).toBeVisible();
});
