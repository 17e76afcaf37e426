#!/usr/bin/env node
// Entry point for the `snapstore` bin: runs the TypeScript CLI through tsx. The react-server
// condition lets it load the store's server-only modules outside Next.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = require.resolve("tsx/cli");
const r = spawnSync(
  process.execPath,
  [tsx, "--conditions=react-server", "--tsconfig", path.join(here, "..", "tsconfig.json"), path.join(here, "main.ts"), ...process.argv.slice(2)],
  { stdio: "inherit" },
);
process.exit(r.status ?? 1);
