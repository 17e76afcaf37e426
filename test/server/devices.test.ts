// Simulated devices on a real database: the issue's install/refresh scenarios through the services
// and the JSON routes, and every device route and service refusing another user's device and
// unauthenticated callers.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { AppError } from "@/lib/errors";
import { issueSnapDeclaration } from "@/lib/server/assertions";
import {
  connectPlug,
  createDevice,
  deviceChanges,
  deviceConnections,
  deviceSnaps,
  deviceView,
  disconnectPlug,
  installSnap,
  refreshSnap,
  removeSnap,
  revertSnap,
  autoRefresh,
  runDueAutoRefreshes,
  runSnapCommand,
  snapInstallMetrics,
  switchSnap,
} from "@/lib/server/devices";
import { parseCommand } from "@/lib/devices/terminal";
import { releaseRevision } from "@/lib/server/releases";
import { issueTokenFor } from "@/lib/server/tokens";
import type { Actor } from "@/lib/server/ownership";
import * as devicesRoute from "@/app/api/v1/devices/route";
import * as snapsRoute from "@/app/api/v1/devices/[id]/snaps/route";
import * as snapRoute from "@/app/api/v1/devices/[id]/snaps/[name]/route";
import * as actionRoute from "@/app/api/v1/devices/[id]/snaps/[name]/[action]/route";
import * as connectionsRoute from "@/app/api/v1/devices/[id]/connections/route";
import * as changesRoute from "@/app/api/v1/devices/[id]/changes/route";
import * as autoRefreshRoute from "@/app/api/v1/devices/[id]/auto-refresh/route";
import { addRevision, makeActor, registered } from "./publisher-helpers";
import { refused } from "@/test/support/refusal";

let t: TestDb;
let pub: Actor;
let alice: Actor;
let bob: Actor;
let aliceToken: string;
let bobToken: string;

async function publish(name: string, spec: Parameters<typeof addRevision>[3], channels = ["stable"]) {
  const snap = (await t.db.snap.findUnique({ where: { name } })) ?? (await registered(t.db, pub, name));
  if (spec?.confinement === "classic") await t.db.snap.update({ where: { id: snap.id }, data: { classicGranted: true } });
  const { revision } = await addRevision(t.db, snap.id, pub, { architectures: ["all"], ...spec });
  await releaseRevision(t.db, pub, name, { revision, channels });
  return { snap, revision };
}

beforeAll(async () => {
  t = await createTestDb();
  pub = await makeActor(t.db, "publisher");
  alice = await makeActor(t.db, "user", "alice");
  bob = await makeActor(t.db, "user", "bob");
  aliceToken = (await issueTokenFor(t.db, alice, "t")).token;
  bobToken = (await issueTokenFor(t.db, bob, "t")).token;
  await publish("dev-ide", { confinement: "classic" });
  await publish("cam-app", { plugs: { network: "network", camera: "camera" } });
  await publish("dev-tool", { confinement: "devmode", grade: "devel" }, ["edge"]);
  await publish("ctl-app", { plugs: { "snapd-control": "snapd-control" } });
});
afterAll(() => t.cleanup());

const slotOf = async (actor: Actor, deviceId: string, plug: string) => (await deviceConnections(t.db, actor, deviceId)).find((c) => c.plug === plug)?.slot;

describe("the issue's flow on a real database", () => {
  it("classic needs --classic, devmode --devmode, a super-privileged plug cannot install", async () => {
    const d = await createDevice(t.db, alice, { name: "laptop", architecture: "amd64", classic: true });
    const e = await refused(installSnap(t.db, alice, d.id, { name: "dev-ide" }));
    expect([e.code, e.status, e.message, e.details?.kind]).toEqual(["snapd-refused", 400, 'snap "dev-ide" requires classic confinement', "snap-needs-classic"]);
    expect((await installSnap(t.db, alice, d.id, { name: "dev-ide", classic: true })).output).toMatch(/^dev-ide 1\.1 from .* installed$/);
    expect((await refused(installSnap(t.db, alice, d.id, { name: "dev-tool", channel: "edge" }))).message).toBe(
      'snap "dev-tool" requires devmode or confinement override',
    );
    await installSnap(t.db, alice, d.id, { name: "dev-tool", channel: "edge", devmode: true });
    const denied = await refused(installSnap(t.db, alice, d.id, { name: "ctl-app" }));
    expect(denied.message).toBe('cannot install "ctl-app": installation not allowed by "snapd-control" plug rule of interface "snapd-control"');
    expect((await deviceSnaps(t.db, alice, d.id)).map((r) => [r.name, r.tracking, r.notes])).toEqual([
      ["dev-ide", "latest/stable", "classic"],
      ["dev-tool", "latest/edge", "devmode"],
    ]);
    const changes = await deviceChanges(t.db, alice, d.id);
    expect(changes.map((c) => [c.id, c.status, c.summary])).toEqual([
      [1, "Done", 'Install "dev-ide" snap'],
      [2, "Done", 'Install "dev-tool" snap'],
      [3, "Error", 'Install "ctl-app" snap'],
    ]);
    expect(await refused(createDevice(t.db, alice, { name: "laptop", architecture: "arm64", classic: true }))).toMatchObject({
      code: "device-name-taken",
      status: 409,
    });
  });

  it("network connects, camera does not; a grant with a new revision leaves it disconnected on refresh but connects on a fresh install", async () => {
    const d1 = await createDevice(t.db, alice, { name: "desk", architecture: "amd64", classic: true });
    await installSnap(t.db, alice, d1.id, { name: "cam-app" });
    expect(await slotOf(alice, d1.id, "cam-app:network")).toBe(":network");
    expect(await slotOf(alice, d1.id, "cam-app:camera")).toBe("-");
    expect((await refused(refreshSnap(t.db, alice, d1.id, "cam-app"))).message).toBe('snap "cam-app" has no updates available');

    const snap = await t.db.snap.findUniqueOrThrow({ where: { name: "cam-app" } });
    // The first signature generates the store's key: give the transaction time for it.
    await t.db.$transaction((tx) => issueSnapDeclaration(tx, snap.id, { plugs: { camera: { "allow-auto-connection": true } } }, null), { timeout: 120_000 });
    await publish("cam-app", { plugs: { network: "network", camera: "camera" } });

    const r = await refreshSnap(t.db, alice, d1.id, "cam-app");
    expect(r.output).toMatch(/^cam-app 1\.2 from .* refreshed$/);
    expect(r.notes.join()).toMatch(/cam-app:camera not connected/);
    expect(await slotOf(alice, d1.id, "cam-app:camera")).toBe("-");

    const d2 = await createDevice(t.db, alice, { name: "other", architecture: "arm64", classic: false });
    await installSnap(t.db, alice, d2.id, { name: "cam-app" });
    expect(await slotOf(alice, d2.id, "cam-app:camera")).toBe(":camera");

    // Manual connection, then revert: the connection stays (the plug exists in both revisions).
    await connectPlug(t.db, alice, d1.id, "cam-app:camera");
    expect((await deviceConnections(t.db, alice, d1.id)).find((c) => c.plug === "cam-app:camera")).toEqual({
      interface: "camera",
      plug: "cam-app:camera",
      slot: ":camera",
      manual: true,
    });
    expect((await revertSnap(t.db, alice, d1.id, "cam-app")).output).toBe("cam-app reverted to 1.1");
    expect((await deviceSnaps(t.db, alice, d1.id))[0].rev).toBe("1");
    // Disconnect is remembered: a refresh does not bring network back.
    await disconnectPlug(t.db, alice, d1.id, "cam-app:network");
    await refreshSnap(t.db, alice, d1.id, "cam-app");
    expect(await slotOf(alice, d1.id, "cam-app:network")).toBe("-");
    expect((await deviceView(t.db, alice, d1.id, "connections", "cam-app")).stdout).toContain("camera     cam-app:camera   :camera  manual");
    expect((await deviceView(t.db, alice, d1.id, "info", "cam-app")).stdout).toMatch(
      /^name: +cam-app\n[\s\S]*tracking: +latest\/stable\n[\s\S]*installed: +1\.2 +\(2\)/m,
    );

    expect((await switchSnap(t.db, alice, d1.id, "cam-app", "beta")).output).toBe('"cam-app" switched to the "beta" channel');
    expect((await removeSnap(t.db, alice, d1.id, "cam-app")).output).toBe("cam-app removed");
    expect(await deviceConnections(t.db, alice, d1.id)).toEqual([]);
    const audit = await t.db.auditLog.findMany({ where: { targetType: "device", targetId: d1.id } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "device.create",
        "device.install-snap",
        "device.refresh-snap",
        "device.connect-snap",
        "device.revert-snap",
        "device.remove-snap",
      ]),
    );
  });

  it("a concurrent second install of the same snap is refused, not doubled", async () => {
    const d = await createDevice(t.db, alice, { name: "race", architecture: "amd64", classic: true });
    const results = await Promise.allSettled([installSnap(t.db, alice, d.id, { name: "cam-app" }), installSnap(t.db, alice, d.id, { name: "cam-app" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(AppError);
    expect(["snapd-refused", "device-changed"]).toContain((loser.reason as AppError).code);
    expect(await t.db.deviceSnap.count({ where: { deviceId: d.id } })).toBe(1);
  });
});

describe("snap info on a device", () => {
  it("shows a snap that is not installed from the store's channel map; a private snap only to its publisher; plain without --verbose", async () => {
    const d = await createDevice(t.db, alice, { name: "info", architecture: "amd64", classic: true });
    // Not installed: the store's view (this used to be `no snap found`), its listing from snap.yaml until the publisher saves one.
    const devTool = await t.db.snap.findUniqueOrThrow({ where: { name: "dev-tool" } });
    for (const r of await t.db.revision.findMany({ where: { snapId: devTool.id } }))
      await t.db.revision.update({ where: { id: r.id }, data: { meta: { ...(r.meta as object), summary: "Yaml summary", description: "Yaml words." } } });
    const out = (await deviceView(t.db, alice, d.id, "info", "dev-tool")).stdout;
    expect(out).toMatch(/^name: +dev-tool\nsummary: +Yaml summary\n/);
    expect(out).toMatch(/\ndescription: \|\n {2}Yaml words\.\n/);
    expect(out).toMatch(/\nnotes:\s*\n {2}private: +false\n {2}confinement: devmode\n(?! )/);
    expect(out).toMatch(
      /\nchannels:\n {2}latest\/stable: +–\s*\n {2}latest\/candidate: +–\s*\n {2}latest\/beta: +–\s*\n {2}latest\/edge: +1\.\d+ +\d{4}-\d\d-\d\d +\(\d+\) +\d+B devmode\n$/,
    );
    expect(out).not.toMatch(/tracking:|installed:|health:/);
    const secret = await publish("secret-app", {});
    await t.db.snap.update({ where: { id: secret.snap.id }, data: { private: true } });
    expect(await deviceView(t.db, alice, d.id, "info", "secret-app")).toEqual({ stdout: "", stderr: 'error: no snap found for "secret-app"\n' });
    const own = await createDevice(t.db, pub, { name: "pub-box", architecture: "amd64", classic: true });
    expect((await deviceView(t.db, pub, own.id, "info", "secret-app")).stdout).toMatch(/\n {2}private: +true\n/);
    expect(await deviceView(t.db, alice, d.id, "info", "no-such-snap")).toEqual({ stdout: "", stderr: 'error: no snap found for "no-such-snap"\n' });
    // Installed: health, tracking, the installed line; without --verbose no notes.
    await installSnap(t.db, alice, d.id, { name: "cam-app" });
    const p = parseCommand("snap info cam-app");
    if (!p.ok) throw new Error(p.error);
    const plain = (await runSnapCommand(t.db, alice, d.id, p.command)).stdout;
    expect(plain).toMatch(/\ntracking: +latest\/stable\n/);
    expect(plain).toMatch(/\ninstalled: +1\.\d+ +\(\d+\) +\d+B -\n$/);
    expect(plain).not.toMatch(/notes:|health:/);
    expect((await deviceView(t.db, alice, d.id, "info", "cam-app")).stdout).toMatch(/\nhealth:\n {2}status: +unknown\n {2}message: health has not been set\n/);
  });
});

describe("the simulated refresh schedule", () => {
  it("refreshes snaps with a newer revision in their channel, never devmode ones", async () => {
    const d = await createDevice(t.db, alice, { name: "sched", architecture: "amd64", classic: true });
    await installSnap(t.db, alice, d.id, { name: "dev-tool", channel: "edge", devmode: true });
    await installSnap(t.db, alice, d.id, { name: "cam-app" });
    const before = Object.fromEntries((await deviceSnaps(t.db, alice, d.id)).map((r) => [r.name, Number(r.rev)]));
    await publish("dev-tool", { confinement: "devmode", grade: "devel" }, ["edge"]);
    await publish("cam-app", { plugs: { network: "network", camera: "camera" } });
    const r = await autoRefresh(t.db, alice, d.id);
    expect(r.refreshed.map((x) => x.name)).toEqual(["cam-app"]);
    expect(r.skipped).toEqual([{ name: "dev-tool", reason: "devmode snaps are not refreshed automatically" }]);
    const after = Object.fromEntries((await deviceSnaps(t.db, alice, d.id)).map((x) => [x.name, Number(x.rev)]));
    expect(after["dev-tool"]).toBe(before["dev-tool"]);
    expect(after["cam-app"]).toBeGreaterThan(before["cam-app"]);
    expect((await deviceChanges(t.db, alice, d.id)).at(-1)?.summary).toBe('Auto-refresh snap "cam-app"');
    // A manual refresh of the devmode snap still works.
    expect((await refreshSnap(t.db, alice, d.id, "dev-tool")).output).toMatch(/^dev-tool \(edge\) .* refreshed$/);
    // Due again only after the interval.
    expect(Object.keys(await runDueAutoRefreshes(t.db, alice))).not.toContain(d.id);
    expect(Object.keys(await runDueAutoRefreshes(t.db, alice, new Date(Date.now() + 7 * 3_600_000)))).toContain(d.id);
    expect(await refused(autoRefresh(t.db, bob, d.id))).toMatchObject({ code: "device-not-found" });
  });
});

describe("publisher metrics", () => {
  it("counts active devices of the snap by channel, architecture and system; only for its publisher", async () => {
    const m = await snapInstallMetrics(t.db, pub, "cam-app", "system", 3);
    expect(m.metric).toBe("installed_base_by_operating_system");
    expect(m.buckets).toHaveLength(3);
    // Today: every device that had it today (installed now, or removed today).
    const snapRow = await t.db.snap.findUniqueOrThrow({ where: { name: "cam-app" } });
    const had = await t.db.deviceSnapSpan.groupBy({ by: ["deviceId", "system"], where: { snapId: snapRow.id } });
    const total = had.length;
    const core = had.filter((x) => x.system === "core").length;
    expect(Object.fromEntries(m.series.map((x) => [x.name, x.values.at(-1)]))).toEqual({ classic: total - core, core });
    const byArch = await snapInstallMetrics(t.db, pub, "cam-app", "architecture", 1);
    expect(byArch.series.reduce((n, x) => n + x.values[0], 0)).toBe(total);
    const other = await makeActor(t.db, "publisher", "other");
    expect(await refused(snapInstallMetrics(t.db, other, "cam-app", "channel"))).toMatchObject({ code: "not-owner", status: 403 });
    expect(await refused(snapInstallMetrics(t.db, alice, "cam-app", "channel"))).toMatchObject({ status: 403 });
  });
});

describe("installed-base history", () => {
  it("records installs, refreshes, switches and removes, so past days stay true after a remove", async () => {
    await publish("hist-app", {});
    const d = await createDevice(t.db, alice, { name: "hist", architecture: "arm64", classic: false });
    const other = await createDevice(t.db, alice, { name: "hist-2", architecture: "amd64", classic: true });
    await installSnap(t.db, alice, d.id, { name: "hist-app" });
    await installSnap(t.db, alice, other.id, { name: "hist-app" });
    await publish("hist-app", {}, ["stable", "beta"]);
    await refreshSnap(t.db, alice, d.id, "hist-app");
    await switchSnap(t.db, alice, d.id, "hist-app", "beta");
    await removeSnap(t.db, alice, d.id, "hist-app");
    const spans = await t.db.deviceSnapSpan.findMany({ where: { deviceId: d.id }, orderBy: [{ from: "asc" }, { revision: "asc" }] });
    expect(spans.map((s) => [s.channel, s.revision, s.version, s.architecture, s.system, s.until !== null])).toEqual([
      ["latest/stable", 1, "1.1", "arm64", "core", true],
      ["latest/stable", 2, "1.2", "arm64", "core", true],
      ["latest/beta", 2, "1.2", "arm64", "core", true],
    ]);
    // The removed device still counts today (it had the snap today), with where it ended; tomorrow it does not.
    expect((await snapInstallMetrics(t.db, pub, "hist-app", "channel", 1)).series).toEqual([
      { name: "latest/beta", values: [1] },
      { name: "latest/stable", values: [1] },
    ]);
    const tomorrow = await snapInstallMetrics(t.db, pub, "hist-app", "system", 2, new Date(Date.now() + 86_400_000));
    expect(tomorrow.series).toEqual([
      { name: "classic", values: [1, 1] },
      { name: "core", values: [1, 0] },
    ]);
    // Days ago: move the first device's history back (install 5 days ago, refresh 3, switch and remove 1).
    const day = 86_400_000;
    const back = [5, 3, 1];
    for (const [i, s] of spans.entries()) {
      const from = new Date(Date.now() - back[i] * day);
      const until = i + 1 < spans.length ? new Date(Date.now() - back[i + 1] * day) : new Date(Date.now() - day + 1000);
      await t.db.deviceSnapSpan.update({ where: { id: s.id }, data: { from, until } });
    }
    const byVersion = await snapInstallMetrics(t.db, pub, "hist-app", "version", 6);
    const v = Object.fromEntries(byVersion.series.map((s) => [s.name, s.values]));
    // 1.1: the arm64 device days -5 and -4, the amd64 one (still on 1.1) today; 1.2 from the refresh day to the remove day.
    expect(v["1.1"]).toEqual([1, 1, 0, 0, 0, 1]);
    expect(v["1.2"]).toEqual([0, 0, 1, 1, 1, 0]);
  });
});

describe("the history migration's backfill", () => {
  it("gives every install that predates the history an open period from its install day", async () => {
    const d = await createDevice(t.db, alice, { name: "backfill", architecture: "armhf", classic: false });
    await installSnap(t.db, alice, d.id, { name: "cam-app" });
    const installedAt = new Date("2026-01-02T03:04:05Z");
    await t.db.deviceSnap.updateMany({ where: { deviceId: d.id }, data: { installedAt } });
    await t.db.deviceSnapSpan.deleteMany({ where: { deviceId: d.id } });
    // The INSERT … SELECT of the migration this provider ran, on rows that predate it.
    const file = path.join("prisma/migrations", t.config.provider, "20261201030300_installed_base_history/migration.sql");
    const sql = fs.readFileSync(file, "utf8");
    const insert = sql.slice(sql.indexOf("INSERT INTO")).trim().replace(/;$/, "");
    // Only this device's rows: the others already have their history.
    // (inlined: the two drivers spell placeholders differently; a cuid is plain alphanumerics)
    expect(d.id).toMatch(/^[a-z0-9]+$/);
    await t.db.$executeRawUnsafe(`${insert} WHERE ds."deviceId" = '${d.id}'`);
    const spans = await t.db.deviceSnapSpan.findMany({ where: { deviceId: d.id } });
    expect(spans.map((s) => [s.channel, s.version, s.architecture, s.system, s.from.toISOString(), s.until])).toEqual([
      ["latest/stable", expect.stringMatching(/^1\.\d+$/), "armhf", "core", installedAt.toISOString(), null],
    ]);
  });
});

describe("the terminal", () => {
  const run = async (actor: Actor, id: string, line: string) => {
    const p = parseCommand(line);
    if (!p.ok) throw new Error(p.error);
    return runSnapCommand(t.db, actor, id, p.command);
  };
  it("prints what snap prints, errors included", async () => {
    const d = await createDevice(t.db, alice, { name: "term", architecture: "amd64", classic: true });
    expect(await run(alice, d.id, "snap list")).toEqual({ stdout: "", stderr: 'No snaps are installed yet. Try "snap install hello-world".\n' });
    const e = await run(alice, d.id, "snap install dev-ide");
    // Re-wrapped like snap's fill() (test/snapd/cli-views.test.ts compares it with the real command).
    expect(e.stderr).toMatch(/^error: This revision of snap "dev-ide" was published using classic confinement\n {7}and thus may/);
    expect(e.stderr).toMatch(/\n\n {7}If you understand and want to proceed repeat the command including\n {7}--classic\.\n$/);
    expect((await run(alice, d.id, "sudo snap install --classic dev-ide")).stdout).toMatch(/^dev-ide 1\.1 from .* installed\n$/);
    expect((await run(alice, d.id, "snap list")).stdout).toMatch(
      /^Name +Version +Rev +Tracking +Publisher +Notes\ndev-ide +1\.1 +1 +latest\/stable +\S+ +classic\n$/,
    );
    expect((await run(alice, d.id, "snap refresh dev-ide")).stderr).toBe('snap "dev-ide" has no updates available\n');
    expect((await run(alice, d.id, "snap changes")).stdout).toMatch(
      /^ID +Status +Spawn +Ready +Summary\n1 +Done +today at \d\d:\d\d UTC +today at \d\d:\d\d UTC +Install "dev-ide" snap\n\n$/,
    );
    expect(await refused(run(bob, d.id, "snap list"))).toMatchObject({ code: "device-not-found" });
  });
});

describe("another user's device", () => {
  it("every service refuses it as not found", async () => {
    const d = await createDevice(t.db, alice, { name: "private", architecture: "amd64", classic: true });
    await installSnap(t.db, alice, d.id, { name: "cam-app" });
    // Thunks: each call starts only when awaited (no rejection left unhandled meanwhile).
    const calls: (() => Promise<unknown>)[] = [
      () => deviceSnaps(t.db, bob, d.id),
      () => deviceConnections(t.db, bob, d.id),
      () => deviceChanges(t.db, bob, d.id),
      () => deviceView(t.db, bob, d.id, "list"),
      () => installSnap(t.db, bob, d.id, { name: "dev-tool", channel: "edge", devmode: true }),
      () => refreshSnap(t.db, bob, d.id, "cam-app"),
      () => revertSnap(t.db, bob, d.id, "cam-app"),
      () => switchSnap(t.db, bob, d.id, "cam-app", "edge"),
      () => removeSnap(t.db, bob, d.id, "cam-app"),
      () => connectPlug(t.db, bob, d.id, "cam-app:camera"),
      () => disconnectPlug(t.db, bob, d.id, "cam-app:network"),
    ];
    for (const c of calls) expect(await refused(c())).toMatchObject({ code: "device-not-found", status: 404 });
    expect(await deviceSnaps(t.db, alice, d.id)).toHaveLength(1);
    expect(await slotOf(alice, d.id, "cam-app:network")).toBe(":network");
  });

  it("every route refuses it (404) and refuses unauthenticated callers (401)", async () => {
    const d = await createDevice(t.db, alice, { name: "routes", architecture: "amd64", classic: true });
    const url = (p: string) => `http://localhost/api/v1/devices/${d.id}${p}`;
    const call = async (
      handler: (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>,
      method: string,
      path: string,
      params: Record<string, string>,
      token: string | null,
      body?: unknown,
    ) => {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await handler(new NextRequest(url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), {
        params: Promise.resolve(params),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const p = { id: d.id };
    const routes: [Parameters<typeof call>[0], string, string, Record<string, string>, unknown?][] = [
      [snapsRoute.GET, "GET", "/snaps", p],
      [snapsRoute.POST, "POST", "/snaps", p, { name: "cam-app" }],
      [snapRoute.DELETE, "DELETE", "/snaps/cam-app", { ...p, name: "cam-app" }],
      [actionRoute.POST, "POST", "/snaps/cam-app/refresh", { ...p, name: "cam-app", action: "refresh" }],
      [actionRoute.POST, "POST", "/snaps/cam-app/revert", { ...p, name: "cam-app", action: "revert" }],
      [actionRoute.POST, "POST", "/snaps/cam-app/switch", { ...p, name: "cam-app", action: "switch" }, { channel: "edge" }],
      [connectionsRoute.GET, "GET", "/connections", p],
      [connectionsRoute.POST, "POST", "/connections", p, { plug: "cam-app:camera" }],
      [connectionsRoute.DELETE, "DELETE", "/connections", p, { plug: "cam-app:network" }],
      [changesRoute.GET, "GET", "/changes", p],
      [autoRefreshRoute.POST, "POST", "/auto-refresh", p],
    ];
    for (const [h, method, path, params, body] of routes) {
      const foreign = await call(h, method, path, params, bobToken, body);
      expect([method, path, foreign.status, (foreign.json["error-list"] as { code: string }[])[0].code]).toEqual([method, path, 404, "device-not-found"]);
      // Outside Next's request scope the session cookie cannot be read, so "unauthenticated" here is
      // a bearer token that names nobody (e2e covers the cookie-less browser).
      const anon = await call(h, method, path, params, "not-a-token", body);
      expect([method, path, anon.status]).toEqual([method, path, 401]);
    }
    // And the owner gets through, with snapd's words in the error-list.
    const installed = await call(snapsRoute.POST, "POST", "/snaps", p, aliceToken, { name: "cam-app" });
    expect(installed.status).toBe(200);
    const again = await call(snapsRoute.POST, "POST", "/snaps", p, aliceToken, { name: "cam-app" });
    expect([again.status, again.json["error-list"]]).toEqual([
      400,
      [{ code: "snapd-refused", message: 'snap "cam-app" is already installed', extra: expect.objectContaining({ kind: "snap-already-installed" }) }],
    ]);
    const conns = await call(connectionsRoute.GET, "GET", "/connections", p, aliceToken);
    // cam-app's declaration grants camera auto-connection by now (the test above): a fresh install gets it.
    expect(conns.json.connections).toEqual([
      { interface: "camera", plug: "cam-app:camera", slot: ":camera", manual: false },
      { interface: "network", plug: "cam-app:network", slot: ":network", manual: false },
    ]);
    const list = await call(devicesRoute.GET, "GET", "", {}, bobToken);
    expect((list.json.devices as { id: string }[]).some((x) => x.id === d.id)).toBe(false);
    expect((await call(devicesRoute.GET, "GET", "", {}, "not-a-token")).status).toBe(401);
    expect((await call(devicesRoute.POST, "POST", "", {}, "not-a-token", { name: "x", architecture: "amd64" })).status).toBe(401);
  });
});
