// End-to-end tests as a new user meets MicroTrust: build the app, start it on a fresh embedded database
// (empty data directory, no DATABASE_URL, no secrets set), then drive Debian's chromium against it.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  throw new Error(`Chromium not found at ${chromiumPath}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
}

const port = Number(process.env.E2E_PORT ?? 3310);
const baseURL = `http://localhost:${port}`;
// The config is evaluated again in each worker: keep the directory chosen by the main process.
process.env.MICROTRUST_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "microtrust-e2e-"));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "npm run build && npm start",
    url: `${baseURL}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      NEXTAUTH_URL: baseURL,
      MICROTRUST_DATA_DIR: path.join(process.env.MICROTRUST_E2E_DATA_DIR, "data"),
      DATABASE_URL: "",
      AUTH_SECRET: "",
      NEXTAUTH_SECRET: "",
      MICROTRUST_ID_HASH_KEY: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  },
});
