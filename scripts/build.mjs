#!/usr/bin/env node
// `npm run build`: next build into .next. `--test` (npm run build:test, scripts/test.mjs) builds
// into .next-test instead, the directory the end-to-end server serves, so building for tests never
// rewrites the .next that a running `npm run demo` serves (next.config.ts reads SNAPSTORE_DIST_DIR).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (process.argv.includes("--test")) env.SNAPSTORE_DIST_DIR = ".next-test";
const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 1);
