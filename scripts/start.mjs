#!/usr/bin/env node
// `npm start` / `npm run dev`: prepare the database (check configuration, migrate, seed demo data
// on the embedded default), then hand over to Next. A bad configuration stops here with one line.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const mode = process.argv[2] === "dev" ? "dev" : "start";
const port = process.env.PORT || "3000";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
env.NEXTAUTH_URL ||= `http://localhost:${port}`;

const prep = spawnSync(process.execPath, [path.join(root, "cli/snapstore.mjs"), "db", "prepare"], { cwd: root, env, stdio: "inherit" });
if (prep.status !== 0) process.exit(prep.status ?? 1);

// Configuration first (its errors are the ones a person fixes first), then the build: `next start`
// serves the build in SNAPSTORE_DIST_DIR (tests: .next-test) or .next; say how to make it when it is
// missing instead of Next's generic message.
const distDir = process.env.SNAPSTORE_DIST_DIR || ".next";
if (mode === "start" && !fs.existsSync(path.join(root, distDir, "BUILD_ID"))) {
  const build = distDir === ".next" ? "npm run build" : distDir === ".next-test" ? "npm run build:test" : `SNAPSTORE_DIST_DIR=${distDir} npm run build`;
  console.error(`No production build in ${distDir}/: run \`${build}\` first.`);
  process.exit(1);
}

// start: the bundled server (server/serve.ts: Next's handler with the anonymous page cache in
// front; PORT and HOSTNAME_BIND); dev: `next dev`.
const serve = path.join(root, distDir, "serve/serve.cjs");
if (mode === "start" && !fs.existsSync(serve)) {
  console.error(`The build in ${distDir}/ has no server bundle (serve/serve.cjs): run the build again (npm run build).`);
  process.exit(1);
}
env.PORT = port;
const args =
  mode === "start"
    ? [serve]
    : [path.join(root, "node_modules/next/dist/bin/next"), "dev", "-p", port, ...(process.env.HOSTNAME_BIND ? ["-H", process.env.HOSTNAME_BIND] : [])];
const child = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
