// Regenerates docs/screenshots/*.png from a fresh demo store: `npm run build && npx tsx scripts/screenshots.ts`
// (SCREENSHOTS_PORT picks another port; SNAPSTORE_DIST_DIR another build directory).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const port = Number(process.env.SCREENSHOTS_PORT || 3311);
const base = `http://127.0.0.1:${port}`;

async function main() {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "shots-"));
  const server = spawn(process.execPath, ["scripts/start.mjs", "start"], {
    env: { ...process.env, PORT: String(port), SNAPSTORE_DATA_DIR: data, NEXTAUTH_URL: base, DATABASE_URL: "" },
    stdio: "ignore",
  });
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    for (let i = 0; i < 150; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${base}/`);
    await page.screenshot({ path: "docs/screenshots/home.png" });
    await page.goto(`${base}/signin`);
    await page.getByLabel("Email").fill("publisher@example.com");
    await page.getByLabel("Password").fill("demo-publisher");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("current-user").waitFor();
    await page.goto(`${base}/dashboard`);
    await page.screenshot({ path: "docs/screenshots/dashboard.png" });
    await page.goto(`${base}/dashboard/snaps/hello-world/releases`);
    await page.screenshot({ path: "docs/screenshots/releases.png", fullPage: true });
    await page.goto(`${base}/snaps/note-taker`);
    await page.screenshot({ path: "docs/screenshots/snap-page.png" });
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    fs.rmSync(data, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
