import { defineConfig, devices } from "@playwright/test";

// The server under test: `next start` on its own port, data directory and build directory
// (.next-test, built by `npm run build:test`), so a run never touches ./data or the .next that a
// running `npm run demo` serves. scripts/test.mjs sets E2E_* for SQLite or PostgreSQL runs.
const port = Number(process.env.E2E_PORT || 3210);
export const distDir = process.env.SNAPSTORE_DIST_DIR || ".next-test";
export const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.E2E_DATA_DIR || "test-results/e2e-data";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    // Debian's chromium by default (Playwright's own download needs the internet); override with
    // PLAYWRIGHT_CHROMIUM_PATH="" to use a Playwright-managed browser.
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};
if (chromium.launchOptions.executablePath === "") delete (chromium.launchOptions as { executablePath?: string }).executablePath;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS || 2),
  // One retry in CI, for the browser, not for the app: a headless Chromium renderer here has
  // stopped producing frames mid-test (a trace with no screencast frame for the last 55 s), which
  // hangs Playwright's stability check on a visible link until the test times out. The list
  // reporter names a test that passed only on its retry as "flaky"; one that fails twice fails.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: { baseURL, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/, use: chromium },
    { name: "api", testMatch: /api\/.*\.spec\.ts/, dependencies: ["setup"] },
    {
      name: "chromium",
      testMatch: /ui\/.*\.spec\.ts/,
      // Demo accounts exist only on the embedded default (never on PostgreSQL).
      testIgnore: process.env.DATABASE_URL ? /demo\.spec\.ts/ : undefined,
      dependencies: ["setup"],
      use: chromium,
    },
  ],
  webServer: {
    command: "node scripts/start.mjs start",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      SNAPSTORE_DIST_DIR: distDir,
      NEXTAUTH_URL: baseURL,
      SNAPSTORE_DATA_DIR: dataDir,
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      ...(process.env.NEXTAUTH_SECRET ? { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET } : {}),
    },
  },
});
