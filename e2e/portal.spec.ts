import { expect, test, type Page } from "@playwright/test";
import { SIGN_IN_THROTTLE } from "../core/sign-in-throttle";
import { demoPassword, demoTenant, demoUsers } from "../prisma/seed/demo-accounts";

const homeTitles: Record<string, string> = {
  ADMIN: "Administration",
  ANALYST: "Borrowers",
  COMMITTEE: "Credit committee",
  AUDITOR: "Audit",
  BORROWER: "My credit",
};

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

for (const user of demoUsers) {
  test(`${user.role} signs in, sees their home page with the demo tenant's data, and signs out`, async ({ page }) => {
    await signIn(page, user.email, demoPassword);
    await expect(page.getByRole("heading", { level: 1, name: homeTitles[user.role] })).toBeVisible();
    await expect(page.getByRole("banner").getByText(`${user.name} · ${user.role}`)).toBeVisible();
    if (user.role === "BORROWER") {
      await expect(page.getByRole("heading", { name: "The data the lender holds about me" })).toBeVisible();
      await expect(page.getByText(/ending \w{4}/)).toBeVisible();
      await expect(page.getByRole("link", { name: "GraphQL explorer" })).toHaveCount(0);
    } else {
      await page.goto("/analyst");
      await expect(page.getByRole("heading", { name: "Borrowers on file" })).toBeVisible();
      // A page of 20 borrowers (the 20 demo borrowers and the demo loan book's 480) plus the header.
      await expect(page.getByRole("region", { name: "Borrowers" }).getByRole("row")).toHaveCount(21);
    }
    await page.getByRole("link", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in$/);
  });
}

test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
  await signIn(page, demoUsers[0].email, "not the password");
  await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match an active account." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("repeated failed sign-ins for one email are throttled, and the form says so", async ({ page }) => {
  // An address no account has: unknown emails are throttled like known ones, and no demo user is locked out.
  const email = `guesser.${Date.now()}@e2e.microtrust.local`;
  for (let attempt = 0; attempt < SIGN_IN_THROTTLE.failures; attempt += 1) {
    await signIn(page, email, `guess ${attempt}`);
    await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match an active account." })).toBeVisible();
  }
  await signIn(page, email, "one more guess");
  await expect(page.getByRole("alert").filter({ hasText: `Too many failed sign-ins for this email. Wait ${SIGN_IN_THROTTLE.windowMinutes} minutes` })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a user cannot open another role's home page", async ({ page }) => {
  await signIn(page, "analyst@demo.microtrust.local", demoPassword);
  await expect(page.getByRole("heading", { level: 1, name: homeTitles.ANALYST })).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/analyst$/);
});

test("the GraphQL explorer renders from local packages and runs a query as the signed-in user", async ({ page, baseURL }) => {
  const foreignRequests: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL ?? "") && !request.url().startsWith("data:") && !request.url().startsWith("blob:")) foreignRequests.push(request.url());
  });
  await signIn(page, "analyst@demo.microtrust.local", demoPassword);
  await expect(page.getByRole("heading", { level: 1, name: homeTitles.ANALYST })).toBeVisible();
  await page.getByRole("link", { name: "GraphQL explorer" }).click();
  await expect(page.locator(".graphiql-container")).toBeVisible();
  await expect(page.locator(".graphiql-query-editor")).toContainText("PortalViewer");
  await page.getByRole("button", { name: /Execute query/i }).click();
  await expect(page.locator(".graphiql-response")).toContainText(demoTenant.name);
  expect(foreignRequests).toEqual([]);
});

test("the GraphQL endpoint answers a protected field without credentials with UNAUTHENTICATED", async ({ request }) => {
  const response = await request.post("/api/graphql", { data: { query: "{ tenant { name } }" } });
  const body = await response.json();
  expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
  expect(body.data).toBeNull();
});

test("the GraphQL endpoint answers malformed JSON and malformed GraphQL with 400 and a GraphQL error", async ({ request }) => {
  const headers = { "content-type": "application/json" };
  const badJson = await request.post("/api/graphql", { headers, data: Buffer.from('{"query": ') });
  expect(badJson.status()).toBe(400);
  expect(await badJson.json()).toEqual({ errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_USER_INPUT" } }] });
  const badGraphQL = await request.post("/api/graphql", { headers, data: { query: "{ tenant { name " } });
  expect(badGraphQL.status()).toBe(400);
  expect((await badGraphQL.json()).errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", reason: "GRAPHQL_PARSE_FAILED" });
});
