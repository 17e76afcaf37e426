#!/usr/bin/env node
// `npm test`: every check the project has, in the order that fails fastest, each step timed:
//   1. Prisma schema drift + missing migrations   2. ESLint   3. Prettier --check   4. TypeScript
//   5. Vitest (unit + integration)                6. next build into .next-test
//   7. Playwright (API + Chromium) against `next start` on .next-test
// A pre-flight check first names every missing tool with the command that installs it.
//
// Default database: SQLite in a temporary directory. With SNAPSTORE_TEST_PG=postgresql://.../db
// (an account that may CREATE DATABASE) the integration and end-to-end suites run on fresh
// PostgreSQL databases instead. `--db-suites` (the PostgreSQL pass of .ci/run) runs only the
// suites that touch a database: the Vitest folders in DB_SUITES below, then Playwright.
// `--keep-going` runs every step even after a failure and reports all failures at the end;
// `--missing-packages` only prints the Debian packages the pre-flight check would ask for.
//
// The build and the end-to-end server use .next-test, never .next: a `npm run demo` serving from
// .next keeps working while `npm test` runs.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dbSuitesOnly = process.argv.includes("--db-suites");
const keepGoing = process.argv.includes("--keep-going");
const pgAdmin = process.env.SNAPSTORE_TEST_PG;
const DIST_DIR = ".next-test";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SNAPSTORE_DIST_DIR: DIST_DIR };
delete env.DATABASE_URL;

/**
 * Vitest folders whose suites touch a database (test/support/db.ts): the only ones the PostgreSQL
 * pass (`--db-suites`) runs again. Everything else under test/ is listed in NO_DB_SUITES, so a new
 * folder is a decision: put it in one list (an unlisted folder runs in both passes, with a note).
 * Unit tests beside their modules (lib/, cli/) are pure and never run in the PostgreSQL pass.
 */
const DB_SUITES = ["test/server", "test/foundation", "test/cli", "test/api"];
const NO_DB_SUITES = ["test/lint", "test/snapd", "test/support", "test/fixtures"];

// ---------------------------------------------------------------------------------------------
// Pre-flight: every tool the tests use, checked at once, so a fresh machine learns everything it
// lacks in one run instead of one failure per run.

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Required everywhere: name, what needs it, whether it is here, the Debian package. */
const required = [
  {
    name: chromium ? `Chromium at ${chromium}` : "Playwright's own Chromium",
    why: "browser tests (e2e/ui)",
    ok: chromium === "" || fs.existsSync(chromium),
    pkg: "chromium",
    hint: "or set PLAYWRIGHT_CHROMIUM_PATH",
  },
  {
    name: "mksquashfs, unsquashfs",
    why: "building test .snap files, squashfs reader tests",
    ok: has("mksquashfs") && has("unsquashfs"),
    pkg: "squashfs-tools",
  },
  { name: "lzop", why: "lib/snap/squashfs/compress/lzo.test.ts", ok: has("lzop"), pkg: "lzop" },
  { name: "openssl", why: "lib/snap/digest.test.ts, test/cli", ok: has("openssl"), pkg: "openssl" },
];

/** The snapd conformance suites: they skip with a message where these are missing, except in CI. */
const { snapdToolchainMissing, SNAPD_GO_PACKAGES } = await import("tsx/esm/api").then(({ tsImport }) => tsImport("../test/support/go.ts", import.meta.url));
const goMissing = snapdToolchainMissing();
const snapd = [
  {
    name: goMissing?.startsWith("Go is") === false ? "snapd's Go source" : "Go and snapd's Go source",
    why: "the snapd conformance suites (test/support/go.ts)",
    ok: goMissing === null,
    pkg: SNAPD_GO_PACKAGES,
  },
  { name: "the snap CLI", why: "the snapd conformance suites", ok: has("snap"), pkg: "snapd" },
];

/** `--missing-packages`: the Debian packages of every missing tool, for .ci/run to install. */
if (process.argv.includes("--missing-packages")) {
  const pkgs = [...required, ...snapd].filter((t) => !t.ok).flatMap((t) => t.pkg.split(" "));
  console.log([...new Set(pkgs)].join(" "));
  process.exit(0);
}

function preflight() {
  const ci = Boolean(process.env.CI);
  const missing = required.filter((t) => !t.ok);
  const missingSnapd = snapd.filter((t) => !t.ok);
  const fatal = ci ? [...missing, ...missingSnapd] : missing;
  const line = (t) => `  - ${t.name}, for ${t.why}: apt-get install ${t.pkg}${t.hint ? ` (${t.hint})` : ""}`;
  if (!ci && missingSnapd.length) {
    console.warn(`Optional tools missing: the snapd conformance suites will be skipped.\n${missingSnapd.map(line).join("\n")}`);
  }
  if (fatal.length === 0) return;
  console.error(`npm test needs tools that are not installed${ci ? " (CI=true: the snapd suites must run too)" : ""}:`);
  console.error(fatal.map(line).join("\n"));
  const pkgs = [...new Set(fatal.flatMap((t) => t.pkg.split(" ")))];
  console.error(`\nAll at once (Debian/Ubuntu, as root): apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(" ")}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Steps

const timings = [];
const failures = [];

/** Runs one step with its time; returns whether it passed. */
function run(label, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n=== ${label}`);
  const r = spawnSync(process.execPath, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
  const secs = (Date.now() - started) / 1000;
  const ok = r.status === 0;
  timings.push({ label, secs, ok });
  if (!ok) failures.push(label);
  console.log(`=== ${label}: ${ok ? "ok" : "FAILED"} (${secs.toFixed(1)}s)`);
  return ok || keepGoing;
}

function dbSuiteFolders() {
  const folders = fs
    .readdirSync(path.join(root, "test"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `test/${d.name}`);
  const unlisted = folders.filter((f) => !DB_SUITES.includes(f) && !NO_DB_SUITES.includes(f));
  if (unlisted.length) console.warn(`note: ${unlisted.join(", ")} not classified in scripts/test.mjs (DB_SUITES / NO_DB_SUITES): run in the database pass too`);
  const selected = [...DB_SUITES.filter((f) => folders.includes(f)), ...unlisted];
  console.log(`database suites: ${selected.join(" ")}`);
  return selected;
}

const bin = (p) => path.join(root, "node_modules", p);

/** The end-to-end step: its own data directory and, with SNAPSTORE_TEST_PG, its own database. */
async function playwright() {
  const e2eEnv = { E2E_DATA_DIR: fs.mkdtempSync(path.join(root, "test-results-data-")) };
  let dropDb = async () => {};
  try {
    if (pgAdmin) {
      const { default: pg } = await import("pg");
      const name = `snapstore_e2e_${crypto.randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: pgAdmin });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      dropDb = async () => {
        const c = new pg.Client({ connectionString: pgAdmin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
      const url = new URL(pgAdmin);
      url.pathname = `/${name}`;
      // A PostgreSQL deployment must be given its signing keys (every instance signs with the same).
      const keys = {};
      for (const [name, variable] of [
        ["root", "SNAPSTORE_ROOT_KEY"],
        ["store", "SNAPSTORE_SIGNING_KEY"],
      ]) {
        const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 4096 });
        keys[variable] = path.join(e2eEnv.E2E_DATA_DIR, `${name}-key.pem`);
        fs.writeFileSync(keys[variable], privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
      }
      Object.assign(e2eEnv, { DATABASE_URL: url.toString(), NEXTAUTH_SECRET: crypto.randomBytes(24).toString("hex"), ...keys });
      console.log(`\n(end-to-end suite on PostgreSQL database ${name})`);
    }
    return run(`playwright (${pgAdmin ? "PostgreSQL" : "SQLite"})`, [bin("@playwright/test/cli.js"), "test"], e2eEnv);
  } finally {
    fs.rmSync(e2eEnv.E2E_DATA_DIR, { recursive: true, force: true });
    await dropDb();
  }
}

async function main() {
  preflight();
  const steps = dbSuitesOnly
    ? [["vitest (database suites)", [bin("vitest/vitest.mjs"), "run", ...dbSuiteFolders()]]]
    : [
        ["prisma schema check", ["scripts/prisma.mjs", "check"]],
        ["eslint", [bin("eslint/bin/eslint.js"), "--cache", "--cache-strategy", "content", "--cache-location", "node_modules/.cache/eslint/", "."]],
        ["prettier --check", [bin("prettier/bin/prettier.cjs"), "--check", "--cache", "--cache-strategy", "content", "--log-level", "warn", "."]],
        ["typecheck", [bin("typescript/bin/tsc"), "--noEmit"]],
        ["vitest", [bin("vitest/vitest.mjs"), "run"]],
      ];
  for (const [label, args] of steps) if (!run(label, args)) return;
  // The PostgreSQL pass reuses the SQLite pass's build: the build does not depend on the database.
  if (!dbSuitesOnly || !fs.existsSync(path.join(root, DIST_DIR, "BUILD_ID"))) {
    if (!run(`next build (${DIST_DIR})`, ["scripts/build.mjs", "--test"])) return;
  }
  if (!run("vitest (after the build)", [bin("vitest/vitest.mjs"), "run", "--config", "vitest.after-build.config.mts"])) return;
  await playwright();
}

await main();
console.log("\n=== step times");
for (const t of timings) console.log(`  ${t.ok ? "ok    " : "FAILED"} ${t.secs.toFixed(1).padStart(7)}s  ${t.label}`);
console.log(
  `         ${timings
    .reduce((sum, t) => sum + t.secs, 0)
    .toFixed(1)
    .padStart(7)}s  total`,
);
if (failures.length) {
  console.error(`\nnpm test failed: ${failures.join(", ")}`);
  process.exit(1);
}
