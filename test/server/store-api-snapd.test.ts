// The store API checked by snapd's own code (Debian's snapd 2.57): its Go `store` package
// (test/snapd/go/src/snapstore/storeclient) for find, info, install/refresh/download actions, the
// download with its SHA3-384 and size check (and a resumed download: Range/206), sections and the
// names catalogue; its asserts package for the assertion chain of the downloaded file; and the
// `snap download` CLI. The route handlers run behind a plain node:http server on a real database
// with real .snap files. In CI (CI=true) a missing toolchain fails instead of skipping.
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIdentity, trustedStream, type SigningIdentity } from "@/lib/assertions/identity";
import { fixtureKey } from "@/lib/assertions/testing";
import { useSigningIdentityForProcess } from "@/lib/server/signing";
import { createTestDb, type TestDb } from "@/test/support/db";
import { buildGoProgram, haveSnapdToolchain } from "@/test/support/go";
import { buildStoreCatalogue, fixture, type StoreCatalogue } from "./store-api-fixtures";
import { startStoreServer, type StoreServer } from "./store-api-server";

const haveSnapCli = spawnSync("snap", ["version"], { encoding: "utf8" }).status === 0;
if (!haveSnapCli && !process.env.CI) console.warn("skipped: `snap download` needs Debian's snapd package (apt-get install snapd)");
// The daemon runs without systemd in a scratch root, but it still wants to be root (state, sockets).
const haveSnapdDaemon = haveSnapCli && fs.existsSync("/usr/lib/snapd/snapd") && process.getuid?.() === 0;
if (!haveSnapdDaemon && !process.env.CI) console.warn("skipped: `snap find` / `snap info` through the snapd daemon need Debian's snapd package and root");

interface SnapOut {
  name: string;
  snapId: string;
  revision: number;
  channel: string;
  version: string;
  confinement: string;
  title: string;
  summary: string;
  publisher: string;
  type: string;
  epoch: string;
  size: number;
  sha3_384: string;
  url: string;
  apps: string[] | null;
  plugs: string[] | null;
  channels?: Record<string, { revision: number; version: string; confinement: string; size: number; releasedAt: string }>;
  tracks?: string[];
}
interface OpResult {
  error?: string;
  errors?: Record<string, string>;
  snaps?: SnapOut[];
  sections?: string[];
  names?: string[];
  added?: { name: string; version: string; summary: string; commands: string[] }[];
  file?: { size: number };
  streams?: string[];
}

describe.skipIf(!haveSnapdToolchain("store API through snapd's store client"))("snapd's store client against the store API", () => {
  let t: TestDb;
  let cat: StoreCatalogue;
  let server: StoreServer;
  let id: SigningIdentity;
  let work: string;
  const strictBytes = fs.readFileSync(fixture("strict.snap"));
  const strictSha = createHash("sha3-384").update(strictBytes).digest("hex");

  const run = promisify(execFile);
  /** Runs snapd's client without blocking the event loop (this process answers it). */
  async function snapd(ops: object[], architecture = "amd64"): Promise<OpResult[]> {
    const child = run(buildGoProgram("storeclient"), [], { encoding: "utf8", timeout: 180_000, maxBuffer: 64 << 20 });
    child.child.stdin!.end(JSON.stringify({ baseUrl: `${server.base}/`, architecture, ops }));
    return JSON.parse((await child).stdout) as OpResult[];
  }
  const one = async (op: object, arch?: string) => (await snapd([op], arch))[0];

  beforeAll(async () => {
    buildGoProgram("storeclient");
    buildGoProgram("assertions");
    t = await createTestDb();
    const [rootKey, storeKey] = await Promise.all([fixtureKey("root"), fixtureKey("store")]);
    id = buildIdentity({ authorityId: "test-store", displayName: "Test Store", rootKey, storeKey, since: new Date("2016-01-01T00:00:00Z") });
    useSigningIdentityForProcess(id);
    cat = await buildStoreCatalogue(t.db);
    server = await startStoreServer();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-store-snapd-"));
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    useSigningIdentityForProcess(null);
    cat?.cleanup();
    await t?.cleanup();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("find: words, name prefix, category, wide scope; never devmode", async () => {
    const [words, wide, prefix, category, devmode] = await snapd([
      { kind: "find", query: "greeter" },
      { kind: "find", query: "greeter", scope: "wide" },
      { kind: "find", query: "hello", prefix: true },
      { kind: "find", category: "development" },
      { kind: "find", query: "devmode", scope: "wide" },
    ]);
    const names = (r: OpResult) => (r.snaps ?? []).map((s) => s.name).sort();
    expect(words.error).toBeUndefined();
    expect(names(words)).toEqual(["hello-classic", "hello-strict"]);
    expect(names(wide)).toEqual(["hello-classic", "hello-strict"]);
    expect(names(prefix)).toEqual(["hello-classic", "hello-strict"]);
    expect(names(category)).toEqual(["hello-classic"]);
    expect(names(devmode)).toEqual([]);
    const strict = words.snaps!.find((s) => s.name === "hello-strict")!;
    expect(strict).toMatchObject({
      snapId: cat.snaps.strict.snapId,
      revision: 1,
      version: "1.0",
      confinement: "strict",
      title: "Hello Strict",
      publisher: cat.snaps.strict.ownerId,
      type: "app",
      channel: "stable",
    });
    // What snapd sent: the v2 headers, channel=stable unless the scope is wide, never devmode.
    const sent = server.seen.filter((s) => s.path.startsWith("/v2/snaps/find"));
    expect(sent[0].headers["snap-device-series"]).toBe("16");
    expect(sent[0].path).toMatch(/confinement=strict%2Cclassic/);
    expect(sent[0].path).toMatch(/channel=stable/);
  });

  it("info: the channel map per track/risk, sizes, the current revision; devmode by name; unknown is not found", async () => {
    const [strict, dev, unknown, priv] = await snapd([
      { kind: "info", name: "hello-strict" },
      { kind: "info", name: "hello-devmode" },
      { kind: "info", name: "no-such-snap" },
      { kind: "info", name: "hello-camera" },
    ]);
    expect(strict.error).toBeUndefined();
    expect(strict.snaps![0]).toMatchObject({ name: "hello-strict", snapId: cat.snaps.strict.snapId, revision: 1, channel: "stable", tracks: ["latest"] });
    expect(strict.snaps![0].channels).toEqual({
      "latest/stable": expect.objectContaining({ revision: 1, version: "1.0", confinement: "strict", size: strictBytes.length }),
      "latest/beta": expect.objectContaining({ revision: 1 }),
    });
    expect(dev.snaps![0]).toMatchObject({ confinement: "devmode", channel: "beta" });
    expect(unknown.error).toBe("snap not found");
    expect(priv.error).toBe("snap not found");
  });

  it("snap actions: install follows a closed channel, download, refresh with and without an update, errors per snap", async () => {
    const [install, download, devStable, missing] = await snapd([
      { kind: "action", actions: [{ action: "install", name: "hello-strict", channel: "candidate" }] },
      { kind: "action", actions: [{ action: "download", name: "hello-classic", channel: "stable" }] },
      { kind: "action", actions: [{ action: "install", name: "hello-devmode", channel: "stable" }] },
      { kind: "action", actions: [{ action: "install", name: "no-such-snap", channel: "stable" }] },
    ]);
    expect(install.error).toBeUndefined();
    expect(install.snaps![0]).toMatchObject({
      name: "hello-strict",
      revision: 1,
      sha3_384: strictSha,
      size: strictBytes.length,
      url: `${server.base}/v2/snaps/download/${cat.snaps.strict.snapId}_1.snap`,
      channel: "latest/candidate",
    });
    // snap-yaml was decoded by snapd: the plugs come from it.
    expect(install.snaps![0].plugs).toEqual(["network"]);
    expect(download.snaps![0]).toMatchObject({ name: "hello-classic", confinement: "classic" });
    expect(devStable.errors?.["install:hello-devmode"]).toBe("no snap revision available as specified (stable: all=/beta all=/edge)");
    expect(missing.errors?.["install:no-such-snap"]).toBe("snap not found");

    const cur = (revision: number, channel = "latest/stable") => [{ name: "hello-strict", snapId: cat.snaps.strict.snapId, revision, channel }];
    const refreshAct = [{ action: "refresh", name: "hello-strict", snapId: cat.snaps.strict.snapId }];
    const [upToDate, otherTrack] = await snapd([
      { kind: "action", current: cur(1), actions: refreshAct },
      { kind: "action", current: cur(1, "2.0/stable"), actions: refreshAct },
    ]);
    expect(upToDate.errors).toMatchObject({ "no-results": "true" });
    expect(otherTrack.errors?.["refresh:hello-strict"]).toBe("no snap revision available as specified (2.0/stable: amd64=/stable amd64=/beta)");
  });

  it("download: snapd checks size and SHA3-384, resumes with a Range (206); the assertion chain verifies the file", async () => {
    const target = path.join(work, "hello-strict_1.snap");
    const whole = await one({ kind: "download", name: "hello-strict", channel: "stable", target });
    expect(whole.error).toBeUndefined();
    expect(fs.readFileSync(target).equals(strictBytes)).toBe(true);

    const resumed = path.join(work, "resumed.snap");
    server.seen.length = 0;
    const r = await one({
      kind: "download",
      name: "hello-strict",
      channel: "stable",
      target: resumed,
      resumeFrom: strictBytes.subarray(0, 1000).toString("base64"),
    });
    expect(r.error).toBeUndefined();
    expect(fs.readFileSync(resumed).equals(strictBytes)).toBe(true);
    const get = server.seen.find((s) => s.path.startsWith("/v2/snaps/download/"))!;
    expect(get.headers.range).toBe("bytes=1000-");
    expect(get.status).toBe(206);

    // snapd's asserts: snap-revision -> snap-declaration -> account -> account-key, then
    // CrossCheck and DeriveSideInfo against the downloaded file.
    const child = run(buildGoProgram("assertions"), ["fetch"], { encoding: "utf8", timeout: 120_000 });
    child.child.stdin!.end(
      JSON.stringify({
        baseUrl: `${server.base}/`,
        trusted: trustedStream(id),
        snaps: [
          {
            name: "downloaded",
            snapName: "hello-strict",
            snapId: cat.snaps.strict.snapId,
            revision: 1,
            sha3_384: Buffer.from(strictSha, "hex").toString("base64url"),
            size: strictBytes.length,
            snapFile: target,
          },
        ],
        declarations: [],
        accounts: [],
      }),
    );
    const out = JSON.parse((await child).stdout) as { snaps: { ok: boolean; error?: string; sideInfo?: object }[] };
    expect(out.snaps[0]).toMatchObject({ ok: true, sideInfo: { name: "hello-strict", snapId: cat.snaps.strict.snapId, revision: 1 } });
  });

  it("fails when the store breaks snapd: a wrong digest, a relative URL, a charset suffix", async () => {
    const target = path.join(work, "tampered.snap");
    const rewrite = (edit: (body: Record<string, unknown>) => void, contentType = "application/json") =>
      (server.override = async (req, pathname) => {
        if (pathname !== "/v2/snaps/refresh" && pathname !== "/v2/snaps/find") return null;
        server.override = null;
        const { storeSnapAction, storeFind } = await import("@/lib/server/store-api");
        const r = pathname === "/v2/snaps/find" ? await storeFind(t.db, req) : await storeSnapAction(t.db, req);
        const body = (await r.json()) as Record<string, unknown>;
        edit(body);
        server.override = null;
        return new Response(JSON.stringify(body), { status: r.status, headers: { "Content-Type": contentType } });
      });
    const snapOf = (b: Record<string, unknown>) => ((b.results as Record<string, unknown>[])[0].snap as { download: Record<string, unknown> }).download;
    try {
      rewrite((b) => (snapOf(b)["sha3-384"] = "0".repeat(96)));
      expect((await one({ kind: "download", name: "hello-strict", channel: "stable", target })).error).toMatch(/sha3-384 mismatch/);
      rewrite((b) => (snapOf(b).url = "/v2/snaps/download/x.snap"));
      expect((await one({ kind: "download", name: "hello-strict", channel: "stable", target: `${target}2` })).error).toMatch(/unsupported protocol scheme/);
      rewrite(() => undefined, "application/json; charset=utf-8");
      expect((await one({ kind: "find", query: "greeter" })).error).toBeTruthy();
    } finally {
      server.override = null;
    }
  });

  it("fetch-assertions: snapd's assertion query gets stream URLs it can read, and not-found per assertion", async () => {
    const missing = "x".repeat(32);
    const r = await one({
      kind: "assertions",
      refs: [
        { type: "snap-declaration", primaryKey: ["16", cat.snaps.strict.snapId], revision: -1 },
        { type: "account", primaryKey: [cat.snaps.strict.ownerId], revision: -1 },
      ],
    });
    expect(r.error).toBeUndefined();
    expect(r.errors ?? {}).toEqual({});
    // snapd sends its assertion-max-formats; the URLs carry them to the assertion route.
    expect(r.streams).toEqual([
      expect.stringMatching(new RegExp(`^${server.base}/v2/assertions/snap-declaration/16/${cat.snaps.strict.snapId}(\\?max-format=\\d+)?$`)),
      expect.stringMatching(new RegExp(`^${server.base}/v2/assertions/account/${cat.snaps.strict.ownerId}(\\?max-format=\\d+)?$`)),
    ]);
    // ... and snapd read both streams.
    for (const u of r.streams!) expect(server.seen.some((s) => `${server.base}${s.path}` === u && s.status === 200)).toBe(true);
    const gone = await one({ kind: "assertions", refs: [{ type: "snap-declaration", primaryKey: ["16", missing], revision: -1 }] });
    expect(gone.error).toBeUndefined();
    expect(gone.errors).toEqual({ [`snap-declaration/16/${missing}`]: "not-found" });
    expect(gone.streams ?? []).toEqual([]);
  });

  it("sections (old headers) and the names catalogue", async () => {
    server.seen.length = 0;
    const [sections, catalog] = await snapd([{ kind: "sections" }, { kind: "catalog" }]);
    expect(sections.error).toBeUndefined();
    expect(sections.sections).toEqual(expect.arrayContaining(["featured", "development", "utilities"]));
    const sent = server.seen.find((s) => s.path === "/api/v1/snaps/sections")!;
    expect(sent.headers["snap-device-series"]).toBeUndefined();
    expect(catalog.error).toBeUndefined();
    expect(catalog.names).toEqual(["hello-classic", "hello-strict"]);
    expect(catalog.added).toEqual(expect.arrayContaining([expect.objectContaining({ name: "hello-strict", version: "1.0", commands: ["hello-strict"] })]));
  });

  it.skipIf(!haveSnapCli && !process.env.CI)("`snap download` gets the file and stops only at the self-hosted trust root", async () => {
    const dir = fs.mkdtempSync(path.join(work, "cli-"));
    server.seen.length = 0;
    const res = await run("snap", ["download", "hello-strict"], {
      cwd: dir,
      env: { ...process.env, SNAPPY_FORCE_API_URL: `${server.base}/`, SNAP_REEXEC: "0", HOME: dir },
      encoding: "utf8",
      timeout: 120_000,
    }).catch((e: { stdout: string; stderr: string; code: number }) => e);
    const stderr = (res as { stderr: string }).stderr;
    // Everything up to the assertions worked: a stock snapd trusts only Canonical's root key.
    const paths = server.seen.map((s) => `${s.method} ${s.path.split("?")[0]} ${s.status}`);
    expect(paths).toContain("POST /v2/snaps/refresh 200");
    expect(paths).toContain(`GET /v2/snaps/download/${cat.snaps.strict.snapId}_1.snap 200`);
    expect(paths.some((p) => p.startsWith("GET /v2/assertions/snap-revision/") && p.endsWith(" 200"))).toBe(true);
    expect(stderr).not.toMatch(/sha3|mismatch|cannot decode|unsupported protocol|unexpected/i);
    expect(stderr).toMatch(/assertion|circular|account/i);
  });

  describe.skipIf(!haveSnapdDaemon && !process.env.CI)("the snapd daemon (no systemd): `snap find` and `snap info`", () => {
    let root: string;
    let daemon: ChildProcess | undefined;
    let daemonLog = "";
    const snap = (...args: string[]) =>
      run("snap", args, { env: { ...process.env, SNAPPY_GLOBAL_ROOT: root, SNAP_REEXEC: "0" }, encoding: "utf8", timeout: 60_000 }).catch(
        (e: { stdout: string; stderr: string }) => ({ stdout: e.stdout, stderr: e.stderr }),
      );

    beforeAll(async () => {
      // The recipe of snapd-client.md: a scratch root, snapd's helpers linked in, and `noregister`
      // so the daemon never asks the public store for a device serial.
      root = fs.mkdtempSync(path.join(work, "snapd-root-"));
      fs.mkdirSync(path.join(root, "run/snapd"), { recursive: true });
      fs.mkdirSync(path.join(root, "usr/lib"), { recursive: true });
      fs.symlinkSync("/usr/lib/snapd", path.join(root, "usr/lib/snapd"));
      fs.writeFileSync(path.join(root, "run/snapd/noregister"), "");
      daemon = spawn("/usr/lib/snapd/snapd", [], {
        env: { ...process.env, SNAPPY_GLOBAL_ROOT: root, SNAP_REEXEC: "0", SNAPD_STANDBY_WAIT: "1h", SNAPPY_FORCE_API_URL: `${server.base}/` },
        stdio: ["ignore", "pipe", "pipe"],
      });
      daemon.stdout!.on("data", (c: Buffer) => (daemonLog += c.toString()));
      daemon.stderr!.on("data", (c: Buffer) => (daemonLog += c.toString()));
      const socket = path.join(root, "run/snapd.socket");
      for (let i = 0; i < 150 && !fs.existsSync(socket); i++) await new Promise((r) => setTimeout(r, 200));
      if (!fs.existsSync(socket)) throw new Error(`snapd did not start:\n${daemonLog}`);
    }, 60_000);

    afterAll(async () => {
      if (daemon && daemon.exitCode === null) {
        const exited = new Promise((r) => daemon!.once("exit", r));
        daemon.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (daemon.exitCode === null) daemon.kill("SIGKILL");
      }
    });

    it("`snap find` lists strict and classic snaps, never the devmode one; --section asks for a category", async () => {
      const words = await snap("find", "greeter");
      const rows = words.stdout.trim().split("\n").slice(1);
      expect(rows.map((r) => r.split(/\s+/)[0])).toEqual(["hello-classic", "hello-strict"]);
      expect(rows[0]).toMatch(/^hello-classic\s+1\.0\s+\S+\s+classic\s+A classic greeter$/);
      expect((await snap("find", "devmode")).stderr).toMatch(/No matching snaps for "devmode"/);
      expect((await snap("find", "hello-devmode")).stdout).not.toMatch(/hello-devmode/);
      const section = await snap("find", "--section=development");
      expect(
        section.stdout
          .trim()
          .split("\n")
          .slice(1)
          .map((r) => r.split(/\s+/)[0]),
      ).toEqual(["hello-classic"]);
    });

    it("`snap info` shows the channel map with followed (^) and devmode channels; unknown names are not found", async () => {
      const strict = await snap("info", "hello-strict");
      expect(strict.stdout).toContain(`snap-id: ${cat.snaps.strict.snapId}`);
      expect(strict.stdout).toMatch(/latest\/stable:\s+1\.0 \d{4}-\d\d-\d\d \(1\) 4kB -/);
      expect(strict.stdout).toMatch(/latest\/candidate:\s+\^/);
      const dev = await snap("info", "hello-devmode");
      expect(dev.stdout).toMatch(/latest\/beta:\s+1\.0 .*\(1\) 4kB devmode/);
      expect(dev.stdout).toMatch(/latest\/stable:\s+--/);
      expect((await snap("info", "no-such-snap")).stderr).toMatch(/no snap found for "no-such-snap"/);
    });
  });
});
