// Builds the Go programs under test/snapd/go/src/snapstore/ against snapd's own source as Debian
// packages it (golang-github-snapcore-snapd-dev, Go 1.19, GOPATH mode), so conformance tests can ask
// snapd's code itself: its store client, asserts and interfaces/policy packages.
//
// Without Go or snapd's source the suites skip with a message, except in CI (CI=true), where a
// missing toolchain is a failure: .ci/run installs it, so a skip there would hide a broken check.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");
/** Our Go workspace (GOPATH entry): programs live in src/snapstore/<name>/. */
export const GO_WORKSPACE = path.join(repoRoot, "test/snapd/go");
/** Where Debian installs Go package sources. */
export const DEBIAN_GOCODE = "/usr/share/gocode";
const SNAPD_SRC = path.join(DEBIAN_GOCODE, "src/github.com/snapcore/snapd");

export const SNAPD_GO_PACKAGES =
  "golang-go golang-github-snapcore-snapd-dev golang-gopkg-yaml.v2-dev golang-gopkg-tomb.v2-dev golang-golang-x-crypto-dev " +
  "golang-dbus-dev golang-github-juju-ratelimit-dev golang-golang-x-xerrors-dev golang-gopkg-macaroon.v1-dev golang-gopkg-retry.v1-dev";

/** null when Go and snapd's source are installed, else what is missing and how to install it. */
export function snapdToolchainMissing(): string | null {
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.status !== 0) return `Go is not installed (apt-get install ${SNAPD_GO_PACKAGES})`;
  if (!fs.existsSync(path.join(SNAPD_SRC, "asserts"))) return `snapd's Go source is not installed (apt-get install ${SNAPD_GO_PACKAGES})`;
  return null;
}

/**
 * Whether the snapd suites can run here. Logs why not; throws in CI, where they must run.
 * Use as `describe.skipIf(!haveSnapdToolchain("policy differential"))(...)`.
 */
export function haveSnapdToolchain(suite: string): boolean {
  const missing = snapdToolchainMissing();
  if (!missing) return true;
  if (process.env.CI) throw new Error(`${suite}: ${missing}`);
  console.warn(`skipped: ${suite}: ${missing}`);
  return false;
}

function sourceHash(dir: string): string {
  const h = crypto.createHash("sha256");
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(".go")) h.update(path.relative(dir, p)).update("\0").update(fs.readFileSync(p));
    }
  };
  walk(path.join(dir, "src/snapstore"));
  return h.digest("hex").slice(0, 16);
}

const built = new Map<string, string>();

/**
 * Builds test/snapd/go/src/snapstore/<name> and returns the binary's path. Binaries are cached by
 * the hash of our Go sources (in the OS temp dir), and Go's own build cache keeps snapd's packages
 * compiled, so only the first build on a machine takes long (~30 s).
 */
export function buildGoProgram(name: string): string {
  const cached = built.get(name);
  if (cached) return cached;
  const outDir = path.join(os.tmpdir(), "snapstore-go", sourceHash(GO_WORKSPACE));
  const out = path.join(outDir, name);
  if (!fs.existsSync(out)) {
    fs.mkdirSync(outDir, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    execFileSync("go", ["build", "-o", tmp, `snapstore/${name}`], {
      env: { ...process.env, GO111MODULE: "off", GOPATH: `${GO_WORKSPACE}:${DEBIAN_GOCODE}` },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 600_000,
    });
    fs.renameSync(tmp, out); // atomic: parallel test files may build the same program
  }
  built.set(name, out);
  return out;
}

/** Runs a built program with `input` on stdin and returns its stdout (throws on a non-zero exit). */
export function runGoProgram(name: string, args: string[], input?: string): string {
  return execFileSync(buildGoProgram(name), args, { input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: 600_000 });
}
