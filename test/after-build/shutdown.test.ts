// Graceful shutdown of the production server (server/serve.ts, server/drain.ts) with real servers:
// a stop signal arrives while an upload is still being received. The server must refuse new
// connections at once, let the upload finish (and the processing Next runs after its 202), and
// exit 0; with a short SNAPSTORE_SHUTDOWN_GRACE_MS a request held open longer is cut and the
// process exits after about the grace time; a second signal during the drain exits at once.
// The held request is an upload whose body the test sends in two halves, so the test decides how
// long it stays in flight. Run by npm test right after the build (vitest.after-build.config.mts);
// skipped without it.
import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSnap } from "@/lib/snap/squashfs/testing";
import { instanceEnv, kill9, root, startInstance, testBuildExists, type Instance } from "./servers";

const built = testBuildExists("shutdown");

const work = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-shutdown-"));
const dataDir = path.join(work, "data");
const tmp = path.join(dataDir, "tmp");
const servers: ChildProcess[] = [];

const env = (extra: Record<string, string> = {}) => instanceEnv(dataDir, { SNAPSTORE_SHUTDOWN_GRACE_MS: "", ...extra });

beforeAll(() => {
  if (!built) return;
  fs.mkdirSync(dataDir, { recursive: true });
  execFileSync(process.execPath, ["cli/snapstore.mjs", "user", "create", "--email", "drain@example.com", "--role", "publisher", "--username", "drain"], {
    cwd: root,
    env: env()(1),
    input: "drain-password\n",
  });
}, 60_000);

afterAll(() => {
  servers.forEach(kill9);
  fs.rmSync(work, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api(base: string, p: string, body: unknown, token?: string) {
  const res = await fetch(base + p, {
    method: "POST",
    headers: { "content-type": "application/json", connection: "close", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** An instance with a token and a registered snap `name`, and that snap's file. */
async function ready(name: string, extra: Record<string, string> = {}) {
  const inst = await startInstance(env(extra), servers);
  const { body: tok } = await api(inst.base, "/api/v1/tokens", { email: "drain@example.com", password: "drain-password", label: name });
  expect((await api(inst.base, "/api/v1/snaps", { name }, tok.token)).status).toBe(201);
  const pack = await buildSnap({ snapYaml: `name: ${name}\nversion: '1'\nsummary: s\ndescription: d\n`, files: { "bin/x": "x".repeat(64 * 1024) } });
  const snap = fs.readFileSync(pack.path);
  await pack.cleanup();
  return { inst, token: tok.token as string, snap };
}

interface Answer {
  status: number;
  /** Node's flag: the whole message arrived (the last chunk of a chunked body included). */
  complete: boolean;
  connection: string | undefined;
  body: Buffer;
}

/**
 * An upload on its own connection whose body stops after the first half until `finish()`: the
 * request is in flight (the server is receiving it) for as long as the test likes.
 */
async function heldUpload(inst: Instance, token: string, name: string, snap: Buffer) {
  const before = new Set(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []);
  const req = http.request(new URL(`/api/v1/snaps/${name}/uploads`, inst.base), {
    method: "POST",
    agent: false,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream", "content-length": snap.length },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, complete: res.complete, connection: res.headers.connection, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
  answer.catch(() => {}); // observed by the test when it expects it
  const half = Math.floor(snap.length / 2);
  req.write(snap.subarray(0, half));
  // In flight for certain once the server spools the body to its temp file.
  await until("the upload's temp file", () => fs.existsSync(tmp) && fs.readdirSync(tmp).some((f) => f.endsWith(".part") && !before.has(f)));
  return { answer, finish: () => req.end(snap.subarray(half)) };
}

async function until(what: string, fn: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** The instance's exit code and when it exited. */
const exited = (proc: ChildProcess) =>
  new Promise<{ code: number | null; at: number }>((resolve) => {
    if (proc.exitCode !== null) resolve({ code: proc.exitCode, at: Date.now() });
    else proc.once("exit", (code) => resolve({ code, at: Date.now() }));
  });

/** Whether a new TCP connection to the port is refused. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", (err: NodeJS.ErrnoException) => resolve(err.code === "ECONNREFUSED"));
  });

describe.runIf(built)("a stop signal", () => {
  it("lets the request in flight finish, refuses new connections, and exits 0", { timeout: 60_000 }, async () => {
    const { inst, token, snap } = await ready("drain-one");
    const upload = await heldUpload(inst, token, "drain-one", snap);
    const exit = exited(inst.proc);
    // To the whole process group, as a terminal's Ctrl-C or systemd's stop: the server gets the
    // signal twice within milliseconds (directly and forwarded by scripts/start.mjs), one stop.
    const signalled = Date.now();
    process.kill(-inst.proc.pid!, "SIGTERM");
    await until("new connections to be refused", () => refused(inst.port), 3_000);
    await sleep(500);
    expect(inst.proc.exitCode, "still draining").toBeNull();
    upload.finish();
    const answer = await upload.answer;
    expect(answer.status).toBe(202);
    expect(answer.complete).toBe(true);
    // Marked so the client does not send another request on this connection.
    expect(answer.connection).toBe("close");
    expect(JSON.parse(answer.body.toString()).revision).toBe(1);
    const { code, at } = await exit;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(5_000);
    // The processing Next runs after the 202 (`after()`) finished before the exit.
    const db = new Database(path.join(dataDir, "snapstore.db"), { readonly: true });
    try {
      const row = db.prepare(`SELECT r.status FROM "Revision" r JOIN "Snap" s ON s.id = r."snapId" WHERE s.name = 'drain-one'`).get() as { status: string };
      expect(row.status).not.toBe("being_processed");
    } finally {
      db.close();
    }
    const log = inst.output();
    expect(log).toMatch(/SIGTERM: draining 1 request in flight/);
    expect(log).toMatch(/drained: every request finished/);
  });

  it("with a short SNAPSTORE_SHUTDOWN_GRACE_MS, cuts a request held longer and exits after the grace", { timeout: 60_000 }, async () => {
    const { inst, token, snap } = await ready("drain-two", { SNAPSTORE_SHUTDOWN_GRACE_MS: "300" });
    const upload = await heldUpload(inst, token, "drain-two", snap);
    const exit = exited(inst.proc);
    const signalled = Date.now();
    // To start.mjs alone, as `docker stop` or Kubernetes signal a container's first process.
    inst.proc.kill("SIGTERM");
    const { code, at } = await exit;
    expect(at - signalled).toBeGreaterThanOrEqual(250);
    expect(at - signalled).toBeLessThan(3_000);
    expect(code).toBe(1);
    await expect(upload.answer).rejects.toThrow();
    expect(inst.output()).toMatch(/grace of 300 ms over: cut 1 request in flight/);
  });

  it("a second signal during the drain exits at once", { timeout: 60_000 }, async () => {
    const { inst, token, snap } = await ready("drain-three");
    const upload = await heldUpload(inst, token, "drain-three", snap);
    const exit = exited(inst.proc);
    inst.proc.kill("SIGTERM");
    await sleep(1_000);
    expect(inst.proc.exitCode, "still draining (default grace: 10 s)").toBeNull();
    const second = Date.now();
    inst.proc.kill("SIGINT");
    const { code, at } = await exit;
    expect(at - second).toBeLessThan(1_000);
    expect(code).toBe(1);
    await expect(upload.answer).rejects.toThrow();
    expect(inst.output()).toMatch(/SIGINT during the drain: cut 1 request in flight/);
  });
});
