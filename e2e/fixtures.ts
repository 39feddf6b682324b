// Helpers the end-to-end specs share: signing in, calling /api/graphql as a partner app would, and keeping
// screenshots of pages at desktop and phone widths as test artifacts (test-results/screenshots, gitignored).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { print } from "graphql";

export const screenshotDirectory = path.join("test-results", "screenshots");

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

/** Full-page screenshots at 1280 px and 375 px wide, checking the page does not scroll sideways; the viewport is restored afterwards. */
export async function saveScreenshots(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDirectory, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 720 };
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    // Charts measure their container on resize; give them a frame to redraw.
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(screenshotDirectory, `${name}-${width}.png`), fullPage: true });
    // Usable at this width: nothing widens the page (wide tables scroll inside their own region).
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize(original);
}

export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; field?: string; issues?: { field: string; message: string }[] };
}

/** One typed operation over HTTP with an API key, as another system calls MicroTrust. */
export async function callWithApiKey<Data, Variables>(request: APIRequestContext, secret: string, document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<{ data: Data | null; errors?: GraphQLErrorBody[] }> {
  const response = await request.post("/api/graphql", { headers: { authorization: `Bearer ${secret}` }, data: { query: print(document), variables } });
  return (await response.json()) as { data: Data | null; errors?: GraphQLErrorBody[] };
}

/** The data of a call that must succeed; a failure shows the GraphQL errors in the test report. */
export async function mustCall<Data, Variables>(request: APIRequestContext, secret: string, document: TypedDocumentNode<Data, Variables>, variables: Variables): Promise<Data> {
  const body = await callWithApiKey(request, secret, document, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as Data;
}
