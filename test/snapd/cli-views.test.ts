// Our `snap list`, `snap connections` and `snap changes` against the real `snap` command (snapd's
// CLI, Debian's snapd package): a fake snapd answers its REST calls on a Unix socket under
// SNAPPY_GLOBAL_ROOT with the same device state, and the CLI's output must equal ours byte for
// byte. Skips with a message when `snap` is not installed.
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlugOrSlot } from "@/lib/snap/snap-yaml";
import {
  connect,
  disconnect,
  install,
  needsClassicText,
  needsDevmodeText,
  SYSTEM_SNAP,
  type DeviceState,
  type Result,
  type StoreRevision,
} from "@/lib/devices/model";
import { snapChanges, snapConnections, snapList, type ChangeRow } from "@/lib/devices/views";
import { tabwrite } from "@/lib/devices/tabwriter";
import { fill } from "@/lib/devices/terminal";
import { haveSnapdToolchain, runGoProgram } from "../support/go";

const run = promisify(execFile);
const haveSnap = spawnSync("snap", ["version"], { encoding: "utf8" }).status === 0;
if (!haveSnap) console.warn("skipped: snap CLI comparison: the `snap` command is not installed (apt-get install snapd)");

const plug = (name: string, iface = name, attributes: Record<string, unknown> = {}): PlugOrSlot => ({
  name,
  interface: iface,
  attributes,
  apps: [],
  hooks: [],
  implicit: false,
});
const pub = (username: string, validation: "unproven" | "verified" = "unproven") => ({ id: `${username}-id`, username, displayName: username, validation });
const rev = (name: string, revision: number, extra: Partial<StoreRevision> = {}): StoreRevision => ({
  name,
  snapId: name.padEnd(32, "x"),
  publisher: pub("acme"),
  revision,
  version: `1.${revision}`,
  confinement: "strict",
  plugs: [],
  slots: [],
  ...extra,
});
const ok = (r: Result) => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value.state;
};
const NO_DECL = { revision: 0, rules: {} };

function device(): DeviceState {
  let s: DeviceState = { classic: true, architecture: "amd64", snaps: [], connections: [] };
  s = ok(install(s, rev("a-very-long-snap-name", 1234, { plugs: [plug("network"), plug("camera"), plug("home")] }), NO_DECL, "latest/stable"));
  s = ok(
    install(s, rev("ide", 7, { confinement: "classic", publisher: pub("jetbrains", "verified"), version: "2024.1.2" }), NO_DECL, "latest/edge", {
      classic: true,
    }),
  );
  s = ok(install(s, rev("dev", 2, { confinement: "devmode", publisher: pub("someone") }), NO_DECL, "2.0/beta", { devmode: true }));
  s = ok(install(s, rev("themes", 3, { slots: [plug("gtk-3-themes", "content", { content: "gtk-3-themes" })] }), NO_DECL, "latest/stable"));
  s = ok(
    install(
      s,
      rev("app", 4, { plugs: [plug("gtk-3-themes", "content", { content: "gtk-3-themes" }), plug("x11"), plug("audio-record")] }),
      NO_DECL,
      "latest/stable",
    ),
  );
  s = ok(connect(s, "a-very-long-snap-name:camera"));
  s = ok(disconnect(s, "app:x11"));
  return s;
}

/** The REST answers snapd would give for this state. */
function daemon(state: DeviceState, changes: ChangeRow[]) {
  const live = state.connections.filter((c) => !c.undesired);
  const sync = (result: unknown) => JSON.stringify({ type: "sync", "status-code": 200, status: "OK", result });
  return (url: URL): string => {
    if (url.pathname === "/v2/snaps") {
      return sync(
        state.snaps.map((s) => ({
          name: s.current.name,
          version: s.current.version,
          revision: String(s.current.revision),
          "tracking-channel": s.channel,
          publisher: {
            id: s.current.publisher.id,
            username: s.current.publisher.username,
            "display-name": s.current.publisher.displayName,
            validation: s.current.publisher.validation,
          },
          confinement: s.current.confinement,
          devmode: s.mode === "devmode",
          status: "active",
        })),
      );
    }
    if (url.pathname === "/v2/connections") {
      const snap = url.searchParams.get("snap");
      const involves = (n: string) => !snap || n === snap;
      const established = live
        .filter((c) => involves(c.plugSnap) || involves(c.slotSnap))
        .map((c) => ({
          slot: { snap: c.slotSnap, slot: c.slot },
          plug: { snap: c.plugSnap, plug: c.plug },
          interface: c.interface,
          manual: c.manual,
          gadget: false,
        }));
      const plugs = state.snaps
        .filter((s) => involves(s.current.name))
        .flatMap((s) =>
          s.current.plugs.map((p) => ({
            snap: s.current.name,
            plug: p.name,
            interface: p.interface,
            connections: live.filter((c) => c.plugSnap === s.current.name && c.plug === p.name).map((c) => ({ snap: c.slotSnap, slot: c.slot })),
          })),
        );
      const slots = state.snaps
        .filter((s) => involves(s.current.name))
        .flatMap((s) =>
          s.current.slots.map((sl) => ({
            snap: s.current.name,
            slot: sl.name,
            interface: sl.interface,
            connections: live.filter((c) => c.slotSnap === s.current.name && c.slot === sl.name).map((c) => ({ snap: c.plugSnap, plug: c.plug })),
          })),
        );
      // snapd lists its own slots too; the CLI hides the unconnected ones.
      slots.push({ snap: SYSTEM_SNAP, slot: "network", interface: "network", connections: [] });
      return sync({ established, plugs, slots, undesired: [] });
    }
    if (url.pathname === "/v2/changes") {
      return sync(
        changes.map((c) => ({
          id: String(c.id),
          kind: "install-snap",
          summary: c.summary,
          status: c.status,
          ready: c.readyAt !== null,
          "spawn-time": c.spawnedAt.toISOString(),
          ...(c.readyAt ? { "ready-time": c.readyAt.toISOString() } : {}),
        })),
      );
    }
    return JSON.stringify({ type: "error", "status-code": 404, status: "Not Found", result: { message: "not found" } });
  };
}

describe.skipIf(!haveSnap)("views equal the real snap command's output", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fake-snapd-"));
  const now = new Date();
  const day = 86_400_000;
  const changes: ChangeRow[] = [
    {
      id: 1,
      status: "Done",
      spawnedAt: new Date(now.getTime() - 90 * day),
      readyAt: new Date(now.getTime() - 90 * day + 5000),
      summary: 'Install "a-very-long-snap-name" snap',
    },
    { id: 2, status: "Done", spawnedAt: new Date(now.getTime() - 3 * day), readyAt: new Date(now.getTime() - 3 * day), summary: 'Install "ide" snap' },
    { id: 3, status: "Error", spawnedAt: new Date(now.getTime() - day), readyAt: new Date(now.getTime() - day), summary: "Connect app:x11 to core:x11" },
    { id: 14, status: "Doing", spawnedAt: new Date(now.getTime() - 1000), readyAt: null, summary: 'Refresh "app" snap' },
  ];
  const state = device();
  const answer = daemon(state, changes);
  let server: http.Server;

  beforeAll(async () => {
    fs.mkdirSync(path.join(root, "run"), { recursive: true });
    server = http.createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(answer(new URL(req.url ?? "/", "http://localhost")));
    });
    await new Promise<void>((resolve) => server.listen(path.join(root, "run/snapd.socket"), resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });

  const snap = async (...args: string[]) =>
    (await run("snap", args, { env: { ...process.env, SNAPPY_GLOBAL_ROOT: root, TZ: "UTC", LANG: "C.UTF-8", LC_ALL: "C.UTF-8" } })).stdout;

  it("snap list", async () => {
    expect(snapList(state).stdout).toBe(await snap("list", "--unicode=always", "--color=never"));
  });
  it("snap connections NAME, and all connected", async () => {
    for (const name of ["a-very-long-snap-name", "app", "themes"]) expect(snapConnections(state, name).stdout).toBe(await snap("connections", name));
    expect(snapConnections(state).stdout).toBe(await snap("connections"));
  });
  it("snap changes", async () => {
    expect(snapChanges(changes, new Date()).stdout).toBe(await snap("changes"));
  });
});

describe("tabwriter", () => {
  it("columns end where a line has fewer cells (Go's column blocks)", () => {
    expect(tabwrite("a\tbb\tc\nlonger\tx\ny\nz\tw\n")).toBe("a       bb   c\nlonger  x\ny\nz    w\n");
  });

  // Random tables (ragged rows, empty cells, wide runes) through Go's own text/tabwriter.
  it.skipIf(!haveSnapdToolchain("tabwriter differential"))("equals Go's text/tabwriter on random tables", () => {
    let seed = 12345;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const words = ["", "a", "bb", "network", ":network", "latest/stable", "acme✓", "x".repeat(17), "Ünïcödé", "-"];
    const texts: string[] = [];
    for (let t = 0; t < 300; t++) {
      const lines: string[] = [];
      for (let l = rnd(8); l >= 0; l--) lines.push(Array.from({ length: rnd(6) + 1 }, () => words[rnd(words.length)]).join("\t"));
      texts.push(lines.join("\n") + (rnd(4) ? "\n" : ""));
    }
    const go = JSON.parse(runGoProgram("tabwriter", [], JSON.stringify(texts))) as string[];
    texts.forEach((text, i) => expect(tabwrite(text), JSON.stringify(text)).toBe(go[i]));
  });
});

// snap's own wording and wrapping of the confinement refusals, from a fake snapd answering the
// install with the error kind.
describe.skipIf(!haveSnap)("confinement refusals equal the real snap command's", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fake-snapd-err-"));
  let server: http.Server;
  beforeAll(async () => {
    fs.mkdirSync(path.join(root, "run"), { recursive: true });
    server = http.createServer((req, res) => {
      const name = (req.url ?? "").split("/").pop() ?? "";
      const classic = name.startsWith("c");
      res.statusCode = 400;
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          type: "error",
          "status-code": 400,
          status: "Bad Request",
          result: { kind: classic ? "snap-needs-classic" : "snap-needs-devmode", message: "x", value: name },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(path.join(root, "run/snapd.socket"), resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });
  for (const name of ["c", "cam-ide", "classic-snap-with-a-rather-long-name", "d", "dev-tool", "devmode-snap-named-xxxxxxxxxxxxxxxxx"]) {
    it(name, async () => {
      const real = await run("snap", ["install", name], { env: { ...process.env, SNAPPY_GLOBAL_ROOT: root } }).then(
        () => "",
        (e: { stderr: string }) => e.stderr,
      );
      const ours = `error: ${fill(name.startsWith("c") ? needsClassicText(name) : needsDevmodeText(name))}\n`;
      expect(ours).toBe(real);
    });
  }
});
