#!/usr/bin/env node
// `npm run build`: next build into .next. `--test` (npm run build:test, scripts/test.mjs) builds
// into .next-test instead, the directory the end-to-end server serves, so building for tests never
// rewrites the .next that a running `npm run demo` serves (next.config.ts reads SNAPSTORE_DIST_DIR).
// Then two files Next does not bundle are bundled with esbuild: the snap reader's worker
// (lib/snap/read-worker.ts) into <distDir>/snap-reader/, since a worker thread needs a file of its
// own to load at runtime (lib/server/snap-reader.ts finds it there), and the production server
// (server/serve.ts: Next's handler with the page cache in front) into <distDir>/serve/, which
// scripts/start.mjs runs.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (process.argv.includes("--test")) env.SNAPSTORE_DIST_DIR = ".next-test";
const distDir = env.SNAPSTORE_DIST_DIR || ".next";
const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, env, stdio: "inherit" });
if (r.status !== 0) process.exit(r.status ?? 1);

// After next build, which empties the dist dir when it starts. Packages left out of a bundle stay
// runtime requires, resolved from the project's node_modules (the dist dir is inside the project).
async function bundle(label, entry, out, options) {
  await build({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(root, distDir, out),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "warning",
    ...options,
  });
  console.log(`${label}: ${distDir}/${out}`);
}
await bundle("snap reader worker", "lib/snap/read-worker.ts", "snap-reader/read-worker.cjs", { external: ["@napi-rs/lzma"] });
// next and everything else from node_modules stay runtime requires: one copy of Next, the app's.
await bundle("server", "server/serve.ts", "serve/serve.cjs", { packages: "external" });
