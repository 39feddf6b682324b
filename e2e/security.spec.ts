// Issue 11 in a browser against the production build: the pages work under their Content-Security-Policy
// (no violation, scripts run), the headers are sent, a signed-out cookie is dead, cross-site REST is refused,
// and the readiness probe answers.
import { expect, test } from "@playwright/test";
import { demoPassword } from "../prisma/seed/demo-accounts";
import { signIn, signOut } from "./fixtures";

test("pages run under a nonce-based CSP with no violation, and send the security headers", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply)/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/sign-in");
  const headers = response?.headers() ?? {};
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Signing in needs the client-side form to run: a blocked script would leave the button inert.
  await signIn(page, "analyst@demo.microtrust.local", demoPassword);
  await page.getByRole("link", { name: "GraphQL explorer" }).click();
  await expect(page.locator(".graphiql-container")).toBeVisible();
  // The editor (Monaco, with its web workers) must load under the policy before the query can run.
  await expect(page.locator(".graphiql-query-editor")).toContainText("PortalViewer");
  await page.getByRole("button", { name: /Execute query/i }).click();
  await expect(page.locator(".graphiql-response")).toContainText("Demo MFI");
  expect(violations).toEqual([]);
});

test("signing out ends the session on the server: the old cookie no longer opens the API", async ({ page }) => {
  await signIn(page, "committee@demo.microtrust.local", demoPassword);
  const cookies = await page.context().cookies();
  const sessionCookie = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(sessionCookie).toBeDefined();
  const cookieHeader = `${sessionCookie?.name}=${sessionCookie?.value}`;
  const ask = () => page.request.post("/api/graphql", { headers: { cookie: cookieHeader, "content-type": "application/json" }, data: { query: "{ tenant { name } }" } });
  expect(await (await ask()).json()).toEqual({ data: { tenant: { name: "Demo MFI" } } });
  await signOut(page);
  const after = await (await ask()).json();
  expect(after.errors[0].extensions.code).toBe("UNAUTHENTICATED");
});

test("REST refuses a cookie-authenticated cross-site simple POST, and /api/ready answers", async ({ page }) => {
  await signIn(page, "analyst@demo.microtrust.local", demoPassword);
  const cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join("; ");
  const forged = await page.request.post("/api/outcomes", {
    headers: { cookie, origin: "http://evil.example", "content-type": "text/plain" },
    data: JSON.stringify({ scoreId: "any", status: "WRITTEN_OFF", maxDaysLate: 0, defaultedAt: new Date().toISOString(), observedAt: new Date().toISOString() }),
  });
  expect(forged.status()).toBe(415);
  const crossOrigin = await page.request.post("/api/outcomes", {
    headers: { cookie, origin: "http://evil.example", "content-type": "application/json" },
    data: { scoreId: "any", status: "WRITTEN_OFF", maxDaysLate: 0, defaultedAt: new Date().toISOString(), observedAt: new Date().toISOString() },
  });
  expect(crossOrigin.status()).toBe(403);
  const ready = await page.request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ready: true, database: "ok", pendingMigrations: 0 });
});
