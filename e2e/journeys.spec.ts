// One journey per kind of user, in order, on the same fresh database: a partner app feeds a new borrower's
// data over GraphQL and gets a score; the committee reviews and decides it; an auditor finds the day's events
// and replays the scoring; the borrower reads the explanation, revokes consent, and the next scoring is refused.
import { expect, test } from "@playwright/test";
import {
  CalculateScoreDocument,
  CreateBorrowerDocument,
  GrantConsentDocument,
  IngestSignalsDocument,
  LinkAccountDocument,
} from "../graphql/generated/client/graphql";
import { demoPassword } from "../prisma/seed/demo-accounts";
import { callWithApiKey, mustCall, saveScreenshots, signIn, signOut } from "./fixtures";
import { buildPartnerSignals } from "./partner-signals";

test.describe.configure({ mode: "serial" });

const runId = Date.now().toString(36);
const journey: { secret: string; borrowerId: string; externalId: string; givenName: string; familyName: string; scoreId: string } = {
  secret: "",
  borrowerId: "",
  externalId: `E2E-${runId}`,
  givenName: "Wanjiku",
  familyName: `Kamau-${runId}`,
  scoreId: "",
};
const borrowerLogin = { email: `wanjiku.${runId}@e2e.microtrust.local`, password: "e2e-borrower-password" };
const scoringRequest = () => ({ input: { borrowerId: journey.borrowerId, purpose: "LOAN_UNDERWRITING" as const, requestedAmount: "20000.00", requestedTenorDays: 90 } });

test("a partner app, with a key an administrator issued, ingests a borrower's data over GraphQL, records consent and gets a score", async ({ page, request }) => {
  await signIn(page, "admin@demo.microtrust.local", demoPassword);
  await page.goto("/admin");
  const keyForm = page.getByRole("form", { name: "New API key" });
  await keyForm.getByLabel("Name").fill(`Partner app ${runId}`);
  await keyForm.getByLabel("Role").selectOption("ANALYST");
  await keyForm.getByRole("button", { name: "Create key" }).click();
  const secret = page.getByTestId("api-key-secret");
  await expect(secret).toBeVisible();
  journey.secret = (await secret.textContent())?.trim() ?? "";
  expect(journey.secret.length).toBeGreaterThan(20);
  await expect(page.getByRole("cell", { name: `Partner app ${runId}`, exact: true })).toBeVisible();

  const { createBorrower } = await mustCall(request, journey.secret, CreateBorrowerDocument, {
    input: {
      externalId: journey.externalId,
      nationalIdType: "HUDUMA",
      nationalId: `3${String(Date.now()).slice(-7)}`,
      givenName: journey.givenName,
      familyName: journey.familyName,
      phone: `+2547${String(Date.now()).slice(-8)}`,
      dateOfBirth: "1990-04-17",
    },
  });
  journey.borrowerId = createBorrower.id;
  const now = Date.now();
  const { linkAccount } = await mustCall(request, journey.secret, LinkAccountDocument, {
    input: { borrowerId: journey.borrowerId, type: "MOBILE_MONEY", provider: "M-Pesa", externalReference: `MP-${runId}`, openedAt: new Date(now - 3 * 365 * 86_400_000).toISOString(), verified: true },
  });
  const batch = { borrowerId: journey.borrowerId, ...buildPartnerSignals(linkAccount.id, now, runId) };
  const first = await mustCall(request, journey.secret, IngestSignalsDocument, { input: batch });
  expect(first.ingestSignals.transactions).toEqual({ received: batch.transactions.length, stored: batch.transactions.length, duplicates: 0 });
  expect(first.ingestSignals.bills.stored).toBe(batch.bills.length);
  // A retry of the same batch stores nothing twice.
  const retry = await mustCall(request, journey.secret, IngestSignalsDocument, { input: batch });
  expect(retry.ingestSignals.transactions).toEqual({ received: batch.transactions.length, stored: 0, duplicates: batch.transactions.length });

  const refused = await callWithApiKey(request, journey.secret, CalculateScoreDocument, scoringRequest());
  expect(refused.errors?.[0].extensions?.code).toBe("CONSENT_REQUIRED");

  await mustCall(request, journey.secret, GrantConsentDocument, {
    input: {
      borrowerId: journey.borrowerId,
      purpose: "LOAN_UNDERWRITING",
      dataCategories: ["IDENTITY", "TRANSACTIONS", "BILLS", "LOAN_REPAYMENTS", "BEHAVIOURAL_EVENTS"],
      statement: "I allow Demo MFI to read my mobile-money, bill and loan records to assess my loan application.",
      validFrom: new Date(now - 60_000).toISOString(),
      expiresAt: new Date(now + 365 * 86_400_000).toISOString(),
      dataLifeDays: 730,
    },
  });
  const { calculateScore } = await mustCall(request, journey.secret, CalculateScoreDocument, scoringRequest());
  expect(calculateScore.score).toBeGreaterThanOrEqual(300);
  expect(calculateScore.score).toBeLessThanOrEqual(850);
  journey.scoreId = calculateScore.id;

  await page.goto(`/borrowers/${journey.borrowerId}`);
  await expect(page.getByRole("heading", { level: 1, name: `${journey.givenName} ${journey.familyName}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Score ${calculateScore.score}` })).toBeVisible();
  await saveScreenshots(page, "borrower-record");
});

test("a committee member opens the queue, reviews the application with every reason in view, and decides — an override needs a note", async ({ page }) => {
  await signIn(page, "committee@demo.microtrust.local", demoPassword);
  await expect(page).toHaveURL(/\/committee$/);
  const applicationLink = page.getByRole("link", { name: `${journey.givenName} ${journey.familyName}` });
  await expect(applicationLink).toBeVisible();
  await saveScreenshots(page, "committee-queue");
  await applicationLink.click();

  await expect(page).toHaveURL(new RegExp(`/scores/${journey.scoreId}$`));
  await expect(page.getByRole("img", { name: /^Score \d+ on a scale of 300 to 850, score band / })).toBeVisible();
  await expect(page.getByText("Probability of default")).toBeVisible();
  await expect(page.getByRole("heading", { name: "How the limit and tenor were worked out" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Limit and tenor arithmetic" }).getByRole("row")).not.toHaveCount(1);
  await expect(page.getByRole("list", { name: /Sub-scores by component/ }).getByRole("listitem")).not.toHaveCount(0);
  await expect(page.getByText(/^Base score \(the average applicant\) [\d.]+ [+−][\d.]+ points from \d+ features = [\d.]+, shown as \d+\.$/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Monthly cash flow (last 12 months)" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Bill and repayment timeline" }).getByRole("listitem")).not.toHaveCount(0);
  await expect(page.getByRole("region", { name: "Consents in effect for this scoring" }).getByText("Loan underwriting")).toBeVisible();
  await page.getByRole("button", { name: "Write the narrative" }).click();
  await expect(page.getByText(/frozen .* UTC\./)).toBeVisible();
  await saveScreenshots(page, "review");

  const decision = page.getByRole("form", { name: "Record the committee's decision" });
  const recommended = (await decision.getByText(/^The system recommends/).textContent()) ?? "";
  // Decide against the recommendation: declining what it would approve (or refer), approving what it would reject.
  const overriding = /recommends reject/.test(recommended) ? "Approve" : "Decline";
  await decision.getByLabel(overriding).check();
  await expect(decision.getByText("This verdict departs from it")).toBeVisible();
  if (overriding === "Approve") {
    await decision.getByLabel("Amount (KES)").fill("15000");
    await decision.getByLabel("Tenor (days)").fill("60");
  }
  await decision.getByRole("button", { name: "Record decision" }).click();
  const noteError = page.locator("#decision-note-error");
  await expect(noteError).toBeVisible();
  await expect(decision.getByLabel("Note")).toHaveAttribute("aria-invalid", "true");

  await decision.getByLabel("Note").fill("Committee view: recent income is not yet verified with the employer.");
  await decision.getByRole("button", { name: "Record decision" }).click();
  // Once recorded, the form changes the decision in force (issue 12): find its status by the role it keeps.
  await expect(page.getByRole("form", { name: /committee's decision$/ }).getByRole("status")).toContainText("(override)");
  await expect(page.getByRole("list", { name: "Decision history" }).getByText("Override")).toBeVisible();
});

test("an auditor finds the day's events for the borrower and replays the scoring: identical", async ({ page }) => {
  await signIn(page, "auditor@demo.microtrust.local", demoPassword);
  await expect(page).toHaveURL(/\/auditor$/);
  const finder = page.getByRole("form", { name: "Find a borrower's audit trail" });
  await finder.getByLabel(/^Borrower/).fill(journey.externalId);
  await finder.getByRole("button", { name: "Show events" }).click();
  const events = page.getByRole("list", { name: "Audit events in order" });
  await expect(events).toBeVisible();
  expect(await events.getByRole("listitem").count()).toBeGreaterThanOrEqual(4);
  // Who acted is named: the partner app's key ingested and scored, the committee member decided.
  await expect(events.getByText(`Partner app ${runId}`).first()).toBeVisible();
  await expect(events.getByText("Chiamaka Obi").first()).toBeVisible();
  await page.getByRole("button", { name: "Replay" }).first().click();
  await expect(page.getByText("Identical: the replay reproduced the stored record exactly.")).toBeVisible();
  await page.getByRole("button", { name: "Verify the chain now" }).click();
  await expect(page.getByText("Chain intact:")).toBeVisible();
  await saveScreenshots(page, "audit");
});

test("the borrower signs in, reads the explanation and the steps to improve, revokes consent, and a new scoring is refused", async ({ page, request }) => {
  await signIn(page, "admin@demo.microtrust.local", demoPassword);
  await page.goto("/admin");
  const userForm = page.getByRole("form", { name: "New user" });
  await userForm.getByLabel("Name").fill(`${journey.givenName} ${journey.familyName}`);
  await userForm.getByLabel("Email").fill(borrowerLogin.email);
  await userForm.getByLabel("Password").fill(borrowerLogin.password);
  await userForm.getByLabel("Role").selectOption("BORROWER");
  // The borrower is picked by search (name, external reference or phone), not by an internal id.
  await userForm.getByLabel("Borrower").fill(journey.externalId);
  await userForm.getByRole("list", { name: "Matching borrowers" }).getByRole("button", { name: new RegExp(`· ${journey.externalId} ·`) }).click();
  await userForm.getByRole("button", { name: "Create user" }).click();
  await expect(userForm.getByRole("status")).toContainText(`Created ${borrowerLogin.email}`);
  await saveScreenshots(page, "admin");
  await signOut(page);

  await signIn(page, borrowerLogin.email, borrowerLogin.password);
  await expect(page).toHaveURL(/\/borrower$/);
  await expect(page.getByText(/is in score band [A-E] of A–E \(the model's bands, A the lowest estimated risk\) on a scale from 300 to 850\. Out of 100 people/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "What helped" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "What held it back" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "How to improve" })).toBeVisible();
  await expect(page.getByRole("region", { name: "How to improve" }).getByRole("listitem").first()).toContainText(/(about [\d,]+ points?|less than 1 point) up$/);
  await expect(page.getByRole("heading", { name: "The data the lender holds about me" })).toBeVisible();
  await saveScreenshots(page, "borrower-view");

  await page.getByRole("button", { name: "Revoke loan underwriting consent" }).click();
  await page.getByRole("alertdialog", { name: "Confirm revoking the loan underwriting consent" }).getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByRole("listitem", { name: "Loan underwriting consent, revoked" })).toBeVisible();
  const refused = await callWithApiKey(request, journey.secret, CalculateScoreDocument, scoringRequest());
  expect(refused.errors?.[0].extensions?.code).toBe("CONSENT_REQUIRED");
  expect(refused.data).toBeNull();
  // Issue 12: after revoking, she can consent again, and the next scoring reads under the new consent.
  await page.getByRole("button", { name: "Consent again to loan underwriting" }).click();
  await expect(page.getByRole("listitem", { name: "Loan underwriting consent, active" })).toBeVisible();
  const accepted = await callWithApiKey(request, journey.secret, CalculateScoreDocument, scoringRequest());
  expect(accepted.errors).toBeUndefined();
});

test("a loan officer's signal upload names every invalid row of the file, and the quick score answers from entered indicators", async ({ page }) => {
  await signIn(page, "analyst@demo.microtrust.local", demoPassword);
  await page.goto(`/borrowers/${journey.borrowerId}`);
  const upload = page.getByRole("form", { name: "Upload signals" });
  const csv = "externalId,accountId,occurredAt,amount,currency,direction,category\n" + `up-${runId}-1,not-an-account,2026-01-02T10:00:00Z,150.50,KES,CREDIT,SALARY\n` + `up-${runId}-2,not-an-account,2026-01-03T10:00:00Z,0,KES,DEBIT,MERCHANT\n`;
  await upload.getByLabel("Signals file (.csv or .json)").setInputFiles({ name: "transactions.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await upload.getByRole("button", { name: "Upload signals" }).click();
  const issues = upload.getByRole("list", { name: "Validation issues" });
  await expect(issues).toBeVisible();
  await expect(issues.getByText("row 3 (transactions[1].amount)")).toBeVisible();
  await expect(issues.getByText("row 2 (transactions[0].accountId)")).toBeVisible();

  await page.getByRole("link", { name: "Quick score" }).click();
  const form = page.getByRole("form", { name: "Behavioural indicators" });
  await form.getByLabel("Bills paid on time").fill("0.95");
  await form.getByLabel("Monthly income").fill("45000");
  await form.getByLabel("Months of history").fill("24");
  await form.getByLabel("Identity verified").selectOption("yes");
  await form.getByRole("button", { name: "Get quick score" }).click();
  await expect(page.getByRole("img", { name: /^Score \d+ on a scale of 300 to 850/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Top factors" })).toBeVisible();
  await saveScreenshots(page, "quick-score");
});

test("the models page shows each model's report and, for the committee, outcomes with the reject-inference caveat", async ({ page }) => {
  await signIn(page, "committee@demo.microtrust.local", demoPassword);
  await page.getByRole("link", { name: "Models" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Models and outcomes" })).toBeVisible();
  const activeModel = page.getByRole("article").filter({ has: page.getByRole("heading", { name: / Active\b/ }) });
  await expect(activeModel).toBeVisible();
  // The default model is registered with its validation report (scoring/artifacts/default-model.report.json).
  await expect(activeModel.getByRole("img", { name: /^ROC curve, AUC 0\.\d{3}$/ })).toBeVisible();
  await expect(activeModel.getByRole("img", { name: /^Calibration plot/ })).toBeVisible();
  await expect(page.getByText("Reject inference:")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Decision policy versions" })).toBeVisible();
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible();
  await saveScreenshots(page, "models");
});

test("an administrator's invalid policy document is refused with each invalid field named, and the active policy stays", async ({ page }) => {
  await signIn(page, "admin@demo.microtrust.local", demoPassword);
  const publisher = page.getByRole("form", { name: "Publish a decision policy" });
  const document = publisher.getByLabel("Policy document (JSON)");
  await document.fill("{ not json");
  await publisher.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.locator("#policy-document-error")).toContainText("Not valid JSON");
  await document.fill(JSON.stringify({ name: "broken", thresholds: "high" }));
  await publisher.getByRole("button", { name: "Save as draft" }).click();
  await expect(publisher.getByRole("list", { name: "Validation issues" }).getByText(/^document\./).first()).toBeVisible();
  await expect(document).toHaveAttribute("aria-invalid", "true");
  await page.goto("/models");
  await expect(page.getByRole("region", { name: "Decision policy versions" }).getByText("Active", { exact: true })).toHaveCount(1);
});
