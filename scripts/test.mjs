#!/usr/bin/env node
// `npm test`: every check the project has, in the order that fails fastest.
//   1. schema drift + missing migrations   2. TypeScript   3. Vitest (unit + integration)
//   4. next build                           5. Playwright (API + Chromium) against `next start`
// Default database: SQLite in a temporary directory. With SNAPSTORE_TEST_PG=postgresql://.../db
// (an account that may CREATE DATABASE) the integration and end-to-end suites run on fresh
// PostgreSQL databases instead; `--db-suites` skips the steps that do not touch a database.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dbSuitesOnly = process.argv.includes("--db-suites");
const pgAdmin = process.env.SNAPSTORE_TEST_PG;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.DATABASE_URL;

function run(label, cmd, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n=== ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`=== ${label}: FAILED after ${secs}s`);
    throw Object.assign(new Error(`${label} failed`), { exitCode: r.status ?? 1 });
  }
  console.log(`=== ${label}: ok (${secs}s)`);
}

const node = process.execPath;
const bin = (p) => path.join(root, "node_modules", p);

const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
if (chromium && !fs.existsSync(chromium)) {
  console.error(`npm test needs Chromium at ${chromium}: install Debian's package (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_PATH`);
  process.exit(1);
}
for (const tool of ["mksquashfs", "unsquashfs"]) {
  if (spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0) {
    console.error(`npm test needs ${tool}: install Debian's squashfs-tools (apt-get install squashfs-tools)`);
    process.exit(1);
  }
}

if (!dbSuitesOnly) {
  run("prisma schema check", node, ["scripts/prisma.mjs", "check"]);
  run("typecheck", node, [bin("typescript/bin/tsc"), "--noEmit"]);
  run("vitest", node, [bin("vitest/vitest.mjs"), "run"]);
} else {
  run("vitest (database suites)", node, [bin("vitest/vitest.mjs"), "run", "test/"]);
}

if (!dbSuitesOnly || !fs.existsSync(path.join(root, ".next/BUILD_ID"))) run("next build", node, ["scripts/build.mjs"]);

const e2eEnv = { E2E_DATA_DIR: fs.mkdtempSync(path.join(root, "test-results-data-")) };
let dropDb = null;
if (pgAdmin) {
  const { default: pg } = await import("pg");
  const name = `snapstore_e2e_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgAdmin);
  url.pathname = `/${name}`;
  Object.assign(e2eEnv, { DATABASE_URL: url.toString(), NEXTAUTH_SECRET: crypto.randomBytes(24).toString("hex") });
  dropDb = async () => {
    const c = new pg.Client({ connectionString: pgAdmin });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  console.log(`\n(end-to-end suite on PostgreSQL database ${name})`);
}
let exitCode = 0;
try {
  run(`playwright (${pgAdmin ? "PostgreSQL" : "SQLite"})`, node, [bin("@playwright/test/cli.js"), "test"], e2eEnv);
} catch (err) {
  exitCode = err.exitCode ?? 1;
} finally {
  fs.rmSync(e2eEnv.E2E_DATA_DIR, { recursive: true, force: true });
  if (dropDb) await dropDb();
}
process.exit(exitCode);
