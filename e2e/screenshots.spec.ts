// The pages each role lives on, at a phone's width (375 px) and a laptop's (1280 px): screenshots kept under
// test-results/screenshots, nothing scrolling sideways, the committee queue and the limit arithmetic stacked
// (no column hidden behind a sideways scroll), no dropdown too narrow for its options; then the upload form's
// example files and its report of a file with several problems, and linking a borrower login by search.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { demoPassword, demoUsers } from "../prisma/seed/demo-accounts";
import { screenshotDirectory, signIn, signOut } from "./fixtures";

const userOf = (role: string) => demoUsers.find((user) => user.role === role)!;

/** The selects whose longest option is wider than the room the closed select gives its text. */
async function truncatedSelects(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const context = document.createElement("canvas").getContext("2d");
    if (!context) return ["no canvas"];
    // The native arrow of a closed select takes about this much beside the padding.
    const arrowWidth = 20;
    return [...document.querySelectorAll("select")]
      .filter((select) => select.offsetParent !== null)
      .flatMap((select) => {
        const style = getComputedStyle(select);
        context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const longest = Math.max(...[...select.options].map((option) => context.measureText(option.text).width));
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrowWidth;
        return longest > room ? [`${select.name || select.id}: "${[...select.options].map((option) => option.text).join("/")}" needs ${Math.ceil(longest)} px, has ${Math.floor(room)} px`] : [];
      });
  });
}

/** Screenshots at 1280 and 375 px; at 375 the page must not scroll sideways, and each named region must show all it holds. */
async function shoot(page: Page, name: string, stackedRegions: string[] = []): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(screenshotDirectory, `${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => ({ scrollWidth: document.scrollingElement?.scrollWidth ?? 0, innerWidth: window.innerWidth }));
    expect(overflow.scrollWidth, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(overflow.innerWidth);
    if (width === 1280) expect(await truncatedSelects(page), `${name}: dropdowns too narrow at 1280 px`).toEqual([]);
    if (width === 375) {
      for (const label of stackedRegions) {
        const region = page.getByRole("region", { name: label, exact: true });
        const sizes = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
        expect(sizes.scrollWidth, `${name}: "${label}" hides columns behind a sideways scroll at 375 px`).toBeLessThanOrEqual(sizes.clientWidth);
        await expect(region.locator("thead")).toHaveCSS("position", "absolute");
      }
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("the committee queue, a review, the auditor's page and the borrower's page read at 375 and 1280 px", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, userOf("COMMITTEE").email, demoPassword);
  await page.goto("/committee?status=ALL");
  await expect(page.getByRole("region", { name: "Applications", exact: true })).toBeVisible();
  await shoot(page, "layout-queue", ["Applications"]);
  // Stacked, each value keeps its column's name.
  await page.setViewportSize({ width: 375, height: 812 });
  const firstRow = page.getByRole("region", { name: "Applications", exact: true }).locator("tbody tr").first();
  expect(await firstRow.locator("td").nth(2).getAttribute("data-label")).toBe("Score");
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("region", { name: "Applications", exact: true }).locator("tbody a").first().click();
  await expect(page).toHaveURL(/\/scores\//);
  await expect(page.getByRole("region", { name: "Limit and tenor arithmetic" })).toBeVisible();
  await expect(page.getByText(/\b1 days\b/)).toHaveCount(0);
  await shoot(page, "layout-review", ["Limit and tenor arithmetic"]);
  await signOut(page);

  await signIn(page, userOf("AUDITOR").email, demoPassword);
  await page.goto("/auditor");
  await shoot(page, "layout-auditor");
  await signOut(page);

  await signIn(page, userOf("BORROWER").email, demoPassword);
  await expect(page.getByRole("heading", { name: "The data the lender holds about me" })).toBeVisible();
  await expect(page.getByText(/\b1 days\b/)).toHaveCount(0);
  await shoot(page, "layout-borrower");
});

test("the app has an icon of its own", async ({ page, request }) => {
  await page.goto("/sign-in");
  const href = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(href).toMatch(/^\/icon\.svg/);
  const icon = await request.get(href!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
});

test("an analyst uploads a file with several problems, sees them all in plain words by row, then uploads an example file", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, userOf("ANALYST").email, demoPassword);
  // A demo borrower (external ids syn-…), who has linked accounts; the demo loan book's borrowers have none.
  await page.goto("/analyst?q=syn-");
  await page.getByRole("region", { name: "Borrowers" }).locator("tbody a").first().click();
  await expect(page).toHaveURL(/\/borrowers\//);
  expect(await truncatedSelects(page), "borrower page: dropdowns too narrow at 1280 px").toEqual([]);
  const form = page.getByRole("form", { name: "Upload signals" });

  const broken = ["externalId,accountId,occurredAt,amount,currency,direction,category", "e2e-bad-1,acc,2026-01-03,\"1,200\",KES,OUT,SALARY", "e2e-bad-2,acc,2026-01-04T10:00:00Z,,KES,CREDIT,GROCERIES"].join("\n");
  await form.locator('input[type="file"]').setInputFiles({ name: "broken.csv", mimeType: "text/csv", buffer: Buffer.from(broken) });
  await form.getByRole("button", { name: "Upload signals" }).click();
  const report = form.getByRole("alert");
  await expect(report.getByRole("listitem")).toHaveCount(5);
  await expect(report).toContainText('row 2 (transactions[0].occurredAt) "2026-01-03" is not a date and time with a time zone');
  await expect(report).toContainText('row 2 (transactions[0].amount) "1,200" is not an amount');
  await expect(report).toContainText('row 2 (transactions[0].direction) "OUT" is not one of CREDIT, DEBIT');
  await expect(report).toContainText("row 3 (transactions[1].amount) is missing");
  await expect(report).toContainText('row 3 (transactions[1].category) "GROCERIES" is not one of');
  await expect(report).not.toContainText("Variable");

  const link = form.getByRole("link", { name: "transactions", exact: true });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/borrowers\/signal-examples\/transactions\.csv\?accountId=/);
  const example = await page.request.get(href!);
  expect(example.status()).toBe(200);
  const text = await example.text();
  const accountId = new URL(href!, "http://x").searchParams.get("accountId")!;
  expect(text).toContain(`,${accountId},`);
  await form.locator('input[type="file"]').setInputFiles({ name: "transactions.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await form.getByRole("button", { name: "Upload signals" }).click();
  await expect(form.getByRole("status")).toContainText("Signals stored.");
});

test("an administrator links a borrower login by searching for the borrower, not by typing an internal id", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, userOf("ADMIN").email, demoPassword);
  // A borrower no login belongs to yet (the demo borrower's login has one).
  const listed = await page.request.post("/api/graphql", { data: { query: "{ users { borrowerId } borrowers(first: 20) { edges { node { id externalId givenName familyName } } } }" } });
  const { data } = (await listed.json()) as { data: { users: { borrowerId: string | null }[]; borrowers: { edges: { node: { id: string; externalId: string; givenName: string; familyName: string } }[] } } };
  const linked = new Set(data.users.map((user) => user.borrowerId));
  const { node } = data.borrowers.edges.find((edge) => !linked.has(edge.node.id))!;
  await page.goto("/admin");
  const form = page.getByRole("form", { name: "New user" });
  await form.getByLabel("Name").fill(`${node.givenName} ${node.familyName}`);
  await form.getByLabel("Email").fill("linked-by-search@demo.microtrust.local");
  await form.getByLabel("Password").fill("a long enough password");
  await form.getByLabel("Role").selectOption("BORROWER");
  await form.getByLabel("Borrower").fill(node.externalId);
  await form.getByRole("list", { name: "Matching borrowers" }).getByRole("button", { name: `${node.givenName} ${node.familyName} · ${node.externalId} ·` }).click();
  await expect(form.getByRole("status")).toContainText(`${node.givenName} ${node.familyName} · ${node.externalId}`);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByText("Created linked-by-search@demo.microtrust.local.")).toBeVisible();
  const users = await page.request.post("/api/graphql", { data: { query: "{ users { email borrowerId } }" } });
  const created = ((await users.json()) as { data: { users: { email: string; borrowerId: string | null }[] } }).data.users.find((user) => user.email === "linked-by-search@demo.microtrust.local");
  expect(created?.borrowerId).toBe(node.id);
});
