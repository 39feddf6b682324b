import { expect, test } from "@playwright/test";
import { demoPassword, demoUsers } from "../prisma/seed/demo-accounts";
import { signIn } from "./fixtures";

const analyst = demoUsers.find((user) => user.role === "ANALYST")!;

test("an analyst re-scores the portfolio in the portal, watches it progress and reads the summary", async ({ page }) => {
  // 500 borrowers (the demo loan book's included): the embedded app's worker starts on them as the page opens.
  test.setTimeout(180_000);
  await signIn(page, analyst.email, demoPassword);
  await page.getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jobs" })).toBeVisible();
  const form = page.getByRole("form", { name: "Re-score the portfolio" });
  await form.getByLabel("Purpose (consent needed)").selectOption("MONITORING");
  await form.getByRole("button", { name: "Start re-scoring" }).click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  const progress = page.getByRole("progressbar", { name: "Progress" });
  await expect(progress).toBeVisible();
  // The embedded app is its own worker: the job runs to the end while the page refreshes itself.
  await expect(page.getByText("Succeeded")).toBeVisible({ timeout: 120_000 });
  // The 20 demo borrowers and the 480 of the demo loan book (docs/examples/loan-book, imported at first start).
  await expect(progress).toHaveAttribute("aria-valuetext", "500 of 500 done");
  // 15 of the 20 demo borrowers consent to monitoring; the other 5, and the book's borrowers, are skipped with the reason.
  await expect(page.getByText("Skipped: No MONITORING consent in force")).toBeVisible();
  const facts = page.getByRole("region", { name: "Progress" });
  await expect(facts.getByText("15", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Band migration" })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const lines = Buffer.concat(csv as Buffer[]).toString("utf8").trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^borrower_id,external_id,status,reason,previous_score/);
  expect(lines).toHaveLength(501);
  expect(lines.filter((line) => line.includes(",SCORED,"))).toHaveLength(15);

  await page.getByRole("link", { name: "All jobs" }).click();
  // The demo loan book's import and this re-scoring.
  await expect(page.getByRole("region", { name: "Jobs" }).getByRole("row")).toHaveCount(3);
});
