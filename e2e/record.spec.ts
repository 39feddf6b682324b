// Issue 12: a record that agrees with itself, walked through as each role. The committee changes a decision with
// a note and sees the history; the demo borrower sees her own name, contests a decision in her own words, and the
// committee finds the application back in its queue flagged; the auditor finds the day's events and exports them.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { demoPassword } from "../prisma/seed/demo-accounts";
import { saveScreenshots, signIn, signOut } from "./fixtures";

test.describe.configure({ mode: "serial" });

const borrowerName = "Esther Wanjiru";
const statement = `I repay my chama every Friday; my M-Pesa statement shows it (${Date.now().toString(36)}).`;

test("the committee records a decision, changes it with a note, and sees the history", async ({ page }) => {
  await signIn(page, "committee@demo.microtrust.local", demoPassword);
  const applications = page.getByRole("region", { name: "Applications" }).getByRole("link");
  await expect(applications.first()).toBeVisible();
  const names = await applications.allTextContents();
  const other = names.find((name) => name.trim() !== borrowerName);
  expect(other, "a demo application other than the demo borrower's").toBeTruthy();
  await applications.filter({ hasText: other as string }).first().click();
  await expect(page).toHaveURL(/\/scores\//);

  const form = page.getByRole("form", { name: "Record the committee's decision" });
  await form.getByLabel("Refer").check();
  await form.getByRole("button", { name: "Record decision" }).click();
  const change = page.getByRole("form", { name: "Change the committee's decision" });
  await expect(change.getByRole("status")).toContainText("Recorded: referred.");
  // The form starts over for the next decision: the verdict follows the recommendation again, the note is empty.
  await expect(change.getByLabel("Why the decision changes")).toHaveValue("");

  await change.getByLabel("Decline").check();
  await change.getByLabel("Why the decision changes").fill("The guarantor withdrew after the branch visit.");
  await change.getByRole("button", { name: "Change decision" }).click();
  // "(override)" follows when the recommendation was to approve: the demo application may be either.
  await expect(change.getByRole("status")).toContainText("Changed to: declined");
  const history = page.getByRole("list", { name: "Decision history" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history.getByRole("listitem").first()).toContainText("In force");
  await expect(history.getByRole("listitem").first()).toContainText("The guarantor withdrew after the branch visit.");
  await expect(history.getByRole("listitem").nth(1)).toContainText("Replaced");
  await saveScreenshots(page, "review-decision-history");
});

test("the demo borrower sees her own name, her decision and loan, and contests the decision in her own words", async ({ page }) => {
  await signIn(page, "borrower@demo.microtrust.local", demoPassword);
  await expect(page).toHaveURL(/\/borrower$/);
  await expect(page.getByRole("region", { name: "The data the lender holds about me" }).getByText(borrowerName, { exact: true })).toBeVisible();
  await expect(page.getByText(/^Your score is \d+\. The lender's system suggested/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "The lender's decision" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "My loan" })).toBeVisible();

  const contest = page.getByRole("form", { name: "Ask for a person to review the decision" });
  await contest.getByLabel("What did the assessment get wrong?").fill(statement);
  await contest.getByRole("button", { name: "Ask for a human review" }).click();
  await expect(page.getByText("You asked for a person to review this decision.")).toBeVisible();
  await expect(page.getByRole("list", { name: "My requests" })).toContainText(statement);
  await saveScreenshots(page, "borrower-own-page");
  await signOut(page);

  await signIn(page, "committee@demo.microtrust.local", demoPassword);
  // Her application she contested (an earlier journey may have scored her again: that one is not contested).
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: borrowerName }) }).filter({ hasText: "Contested" });
  await expect(row.getByText("Contested")).toBeVisible();
  await saveScreenshots(page, "committee-queue-contested");
  await row.getByRole("link", { name: borrowerName }).click();
  const reviews = page.getByRole("list", { name: "Borrower's requests for human review" });
  await expect(reviews).toContainText("Contested");
  await expect(reviews).toContainText(statement);
});

test("the auditor finds the day's events of every kind and exports them as CSV", async ({ page }) => {
  await signIn(page, "auditor@demo.microtrust.local", demoPassword);
  await page.goto("/auditor/day");
  // The day holds every spec's events (more than a page when the whole suite ran): filter by kind to find them.
  const events = page.getByRole("list", { name: "Events of the day in order" });
  const filter = page.getByRole("form", { name: "Filter the audit day" });
  await filter.getByLabel("Kind").selectOption("committeeDecision");
  await filter.getByRole("button", { name: "Show" }).click();
  await expect(events.getByText("committeeDecision.changed").first()).toBeVisible();
  await filter.getByLabel("Kind").selectOption("humanReview");
  await filter.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { name: /^1 event, / })).toBeVisible();
  await expect(events.getByText("humanReview.requested")).toBeVisible();
  await saveScreenshots(page, "auditor-day");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  const csv = readFileSync((await download.path()) as string, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("seq,occurred_at,action,actor_type,actor_id,actor_name,borrower_id,entity_type,entity_id,request_id,payload,row_hash");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("humanReview.requested");
  expect(lines[1]).toContain("chama");
});
