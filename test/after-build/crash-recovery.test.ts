// Crash recovery with real servers (issue 8): two production server instances share one data directory
// and database; one is killed with SIGKILL in the middle of receiving an upload and right after
// accepting another (while it processes it). The other instance, never restarted, must fail the
// interrupted revision and remove the dead upload's temp file on its own periodic sweep.
// Needs the test build: `npm test` runs the files in test/after-build right after `npm run build:test`
// (vitest.after-build.config.mts), so they always run against the code of this checkout; run by
// hand without a build, it is skipped with a message.
import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { buildSnap } from "@/lib/snap/squashfs/testing";
import { instanceEnv, kill9, root, startInstance as start, testBuildExists } from "./servers";

const built = testBuildExists("crash-recovery");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-crash-"));
const dataDir = path.join(work, "data");
const servers: ChildProcess[] = [];
afterAll(() => {
  servers.forEach(kill9);
  fs.rmSync(work, { recursive: true, force: true });
});

const env = instanceEnv(dataDir, { SNAPSTORE_STALE_SECONDS: "3", SNAPSTORE_SWEEP_SECONDS: "1" });

const startInstance = () => start(env, servers);

async function api(base: string, method: string, p: string, body?: unknown, token?: string) {
  const res = await fetch(base + p, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function until<T>(what: string, fn: () => T | null, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe.runIf(built)("an instance killed with SIGKILL", () => {
  it("mid-upload and mid-processing: the surviving instance recovers both, without a restart", { timeout: 180_000 }, async () => {
    fs.mkdirSync(dataDir, { recursive: true });
    const cli = (args: string[], input?: string) => execFileSync(process.execPath, ["cli/snapstore.mjs", ...args], { cwd: root, env: env(1), input });
    cli(["user", "create", "--email", "crash@example.com", "--role", "publisher", "--username", "crash"], "crash-password\n");
    const a = await startInstance();
    const b = await startInstance();
    const { body: tok } = await api(a.base, "POST", "/api/v1/tokens", { email: "crash@example.com", password: "crash-password", label: "t" });
    expect((await api(a.base, "POST", "/api/v1/snaps", { name: "crash-snap" }, tok.token)).status).toBe(201);
    const pack = await buildSnap({ snapYaml: "name: crash-snap\nversion: '1'\nsummary: s\ndescription: d\n", files: { "bin/x": "x" } });
    const snap = fs.readFileSync(pack.path);
    await pack.cleanup();
    const withName = snap;
    const tmp = path.join(dataDir, "tmp");

    // 1. Mid-processing: A answers 202 and is killed as the answer arrives (processing runs after it).
    const accepted = await new Promise<{ revision: number }>((resolve, reject) => {
      const req = http.request(
        new URL("/api/v1/snaps/crash-snap/uploads", a.base),
        { method: "POST", headers: { authorization: `Bearer ${tok.token}`, "content-type": "application/octet-stream", "content-length": withName.length } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => {
            kill9(a.proc);
            resolve(JSON.parse(Buffer.concat(chunks).toString()));
          });
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(withName);
    });
    expect(accepted.revision).toBe(1);

    // 2. Mid-upload: a second instance A2 receives half a body and is killed.
    const a2 = await startInstance();
    const before = new Set(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []);
    const req = http.request(new URL("/api/v1/snaps/crash-snap/uploads", a2.base), {
      method: "POST",
      headers: { authorization: `Bearer ${tok.token}`, "content-type": "application/octet-stream", "content-length": snap.length * 10 },
    });
    req.on("error", () => {});
    req.write(Buffer.concat([snap, snap]));
    const part = await until("the upload's temp file", () =>
      fs.existsSync(tmp) ? (fs.readdirSync(tmp).find((f) => f.endsWith(".part") && !before.has(f)) ?? null) : null,
    );
    kill9(a2.proc);

    // B was never restarted: its sweep fails the interrupted revision (if A died before finishing
    // it) and removes the dead upload's temp file.
    const db = new Database(path.join(dataDir, "snapstore.db"), { readonly: true });
    try {
      const status = await until("the revision to leave being_processed", () => {
        const row = db.prepare(`SELECT r.status FROM "Revision" r JOIN "Snap" s ON s.id = r."snapId" WHERE s.name = 'crash-snap' AND r.revision = 1`).get() as
          { status: string } | undefined;
        return row && row.status !== "being_processed" ? row.status : null;
      });
      // processing_error when the kill landed mid-processing (the usual case), ready_to_release if A finished first.
      expect(["processing_error", "ready_to_release"]).toContain(status);
      console.log(`crash-recovery: the revision accepted by the killed instance ended ${status}`);
      await until("the temp file to be removed", () => (fs.existsSync(path.join(tmp, part)) ? null : true));
      // Exactly one revision exists: the half upload never got a number.
      expect((db.prepare(`SELECT COUNT(*) AS n FROM "Revision"`).get() as { n: number }).n).toBe(1);
    } finally {
      db.close();
    }
    const health = await fetch(`${b.base}/api/health`);
    expect(health.ok).toBe(true);
  });
});
