// Our `snap list`, `snap connections`, `snap changes` and `snap info` against the real `snap` command (snapd's
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
import { quotedIfNeeded, snapInfo, yamlRejects, type InfoChannelRelease, type InfoLocal, type InfoRemote, type InfoSnap } from "@/lib/devices/info";
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

// `snap info [--verbose] NAME` (lib/devices/info.ts) against the real command: a fake snapd answers
// /v2/find?name= with the store's view (channel map, tracks) and /v2/snaps/NAME with the install.
const account = (username: string, displayName: string, validation: "unproven" | "verified" | "starred" = "unproven") => ({
  id: `${username}-id`,
  username,
  displayName,
  validation,
});
const LONG_DESCRIPTION = [
  "A first paragraph long enough to be wrapped by snap at seventy-seven columns, because it keeps going and going on.",
  "",
  "  * an indented bullet whose text is also long enough to need a second line when wrapped by the CLI",
  "\tTabbed line",
  "x".repeat(90),
  "                                            deeply indented line that gives up its indent and wraps too ok",
  "trailing spaces   ",
  "",
  "",
].join("\n");
const base = (name: string, extra: Partial<InfoSnap> = {}): InfoSnap => ({
  name,
  snapId: name.padEnd(32, "i"),
  summary: `The ${name} snap`,
  description: `About ${name}.`,
  publisher: account("acme", "Acme Corp"),
  private: false,
  confinement: "strict",
  ...extra,
});
const when = (days: number) => new Date(Date.UTC(2026, 10, 1) - days * 86_400_000);
const release = (version: string, revision: number, size: number, confinement = "strict", days = 3): InfoChannelRelease => ({
  version,
  revision,
  confinement,
  size,
  releasedAt: when(days),
});
const INFO_CASES: { title: string; local: InfoLocal | null; remote: InfoRemote | null }[] = [
  {
    title: "strict, installed from stable; beta closed follows candidate; commands and services; long description",
    local: {
      ...base("strict-app", {
        license: "MIT",
        contact: "mailto:dev@acme.example",
        description: LONG_DESCRIPTION,
        apps: [{ name: "strict-app" }, { name: "tool" }, { name: "daemon", daemon: "simple" }],
      }),
      version: "1.2",
      revision: 12,
      mode: "strict",
      tracking: "latest/stable",
      installDate: new Date(Date.now() - 2 * 86_400_000),
      installedSize: 1_999,
    },
    remote: {
      ...base("strict-app", { license: "MIT", contact: "mailto:dev@acme.example", description: LONG_DESCRIPTION }),
      tracks: ["latest"],
      channels: {
        "latest/stable": release("1.2", 12, 1_999),
        "latest/candidate": release("1.3~rc1", 13, 2_000_000),
        "latest/edge": release("1.4-dev", 1004, 999, "strict", 0),
      },
    },
  },
  {
    title: "classic, tracking edge, verified publisher, two tracks, license unset, summary needing quotes",
    local: {
      ...base("ide", { confinement: "classic", publisher: account("jet-brains", "Jet Brains", "verified"), summary: "IDE: the one", base: "core22" }),
      version: "2024.1",
      revision: 7,
      mode: "classic",
      tracking: "latest/edge",
      installDate: new Date(Date.now() - 3_600_000),
      installedSize: 512_000_000,
    },
    remote: {
      ...base("ide", { confinement: "classic", publisher: account("jet-brains", "Jet Brains", "verified"), summary: "IDE: the one", base: "core22" }),
      tracks: ["latest", "2023"],
      channels: { "latest/edge": release("2024.1", 7, 512_000_000, "classic"), "2023/beta": release("2023.3", 5, 400_000_000, "classic", 90) },
    },
  },
  {
    title: "devmode, tracking a track's beta, private",
    local: {
      ...base("dev-tool", { confinement: "devmode", private: true, publisher: account("someone", "someone") }),
      version: "2.0b",
      revision: 2,
      mode: "devmode",
      tracking: "2.0/beta",
      installDate: new Date(Date.now() - 40 * 86_400_000),
      installedSize: 4096,
    },
    remote: {
      ...base("dev-tool", { confinement: "devmode", private: true, publisher: account("someone", "someone") }),
      tracks: ["latest", "2.0"],
      channels: { "2.0/beta": release("2.0b", 2, 4096, "devmode") },
    },
  },
  {
    title: "jailmode (devmode snap installed with --jailmode)",
    local: {
      ...base("jailed", { confinement: "devmode" }),
      version: "1",
      revision: 1,
      mode: "jailmode",
      tracking: "latest/edge",
      installDate: new Date(),
      installedSize: 1,
    },
    remote: { ...base("jailed", { confinement: "devmode" }), tracks: ["latest"], channels: { "latest/edge": release("1", 1, 1, "devmode") } },
  },
  {
    title: "not installed, private, starred publisher, base and type",
    local: null,
    remote: {
      ...base("gadget-x", {
        private: true,
        type: "gadget",
        base: "core24",
        publisher: account("canonical", "Canonical", "starred"),
        summary: "- starts like a list",
      }),
      tracks: ["latest", "22"],
      channels: {
        "latest/stable": release("22.1", 100, 10_000_000),
        "latest/beta": release("23", 120, 11_000_000),
        "22/edge": release("22-edge", 99, 9_000_000),
      },
    },
  },
  {
    title: "not installed, classic, long summary, empty description, os type",
    local: null,
    remote: {
      ...base("long", { confinement: "classic", type: "os", description: "", summary: "word ".repeat(30) }),
      tracks: ["latest"],
      channels: { "latest/candidate": release("9", 9, 123_456_789, "classic") },
    },
  },
  {
    title: "installed but not in the store (no channel map)",
    local: { ...base("gone"), version: "0.1", revision: 3, mode: "strict", tracking: "latest/stable", installDate: when(0), installedSize: 77_000 },
    remote: null,
  },
];

function clientSnap(s: InfoSnap) {
  return {
    id: s.snapId,
    name: s.name,
    summary: s.summary,
    description: s.description,
    license: s.license,
    contact: s.contact ?? "",
    publisher: { id: s.publisher.id, username: s.publisher.username, "display-name": s.publisher.displayName, validation: s.publisher.validation },
    developer: s.publisher.username,
    private: s.private,
    confinement: s.confinement,
    type: s.type ?? "app",
    base: s.base,
  };
}

describe.skipIf(!haveSnap)("snap info equals the real snap command's", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "fake-snapd-info-"));
  let server: http.Server;
  const sync = (result: unknown) => JSON.stringify({ type: "sync", "status-code": 200, status: "OK", result });
  const notFound = JSON.stringify({ type: "error", "status-code": 404, status: "Not Found", result: { message: "snap not found", kind: "snap-not-found" } });
  const answer = (url: URL): string => {
    if (url.pathname === "/v2/find") {
      const c = INFO_CASES.find((x) => x.remote?.name === url.searchParams.get("name"));
      if (!c?.remote) return notFound;
      const r = c.remote;
      const channels = Object.fromEntries(
        Object.entries(r.channels).map(([name, ch]) => [
          name,
          {
            revision: String(ch.revision),
            confinement: ch.confinement,
            version: ch.version,
            channel: name,
            size: ch.size,
            "released-at": ch.releasedAt?.toISOString(),
          },
        ]),
      );
      return sync([{ ...clientSnap(r), status: "available", channels, tracks: r.tracks }]);
    }
    const m = /^\/v2\/snaps\/(.+)$/.exec(url.pathname);
    const l = m ? INFO_CASES.find((x) => x.local?.name === m[1])?.local : null;
    if (!l) return notFound;
    return sync({
      ...clientSnap(l),
      status: "active",
      version: l.version,
      revision: String(l.revision),
      "tracking-channel": l.tracking,
      "install-date": l.installDate?.toISOString(),
      "installed-size": l.installedSize,
      devmode: l.mode === "devmode",
      jailmode: l.mode === "jailmode",
      apps: (l.apps ?? []).map((a) => ({ snap: l.name, name: a.name, daemon: a.daemon, enabled: true, active: true })),
    });
  };
  beforeAll(async () => {
    fs.mkdirSync(path.join(root, "run"), { recursive: true });
    server = http.createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      const body = answer(new URL(req.url ?? "/", "http://localhost"));
      if (body.includes('"status-code":404')) res.statusCode = 404;
      res.end(body);
    });
    await new Promise<void>((resolve) => server.listen(path.join(root, "run/snapd.socket"), resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });
  const snap = async (...args: string[]) =>
    (await run("snap", args, { env: { ...process.env, SNAPPY_GLOBAL_ROOT: root, TZ: "UTC", LANG: "C.UTF-8", LC_ALL: "C.UTF-8", COLUMNS: "" } })).stdout;

  for (const c of INFO_CASES) {
    const name = (c.local ?? c.remote)!.name;
    it(`${c.title} (--verbose and plain)`, async () => {
      const now = new Date();
      expect(snapInfo(c.local, c.remote, now, true).stdout).toBe(await snap("info", "--verbose", "--unicode=always", "--color=never", name));
      expect(snapInfo(c.local, c.remote, now, false).stdout).toBe(await snap("info", "--unicode=always", "--color=never", name));
    });
  }
});

// quotedIfNeeded's YAML test against yaml.v2 itself (the library snap calls).
describe("summary quoting", () => {
  const samples = [
    "plain",
    "a: b",
    "a:b",
    "ends:",
    "# hi",
    "a #b",
    "a # b: c",
    "- a",
    "-a",
    "-",
    "? a",
    "?a",
    "[a]",
    "a]",
    "]a",
    "{a",
    "}a",
    ",a",
    "'a",
    "'a'",
    "'a' b",
    "'it''s'",
    '"a"',
    '"a',
    '"a" b',
    '"a" # c',
    "@a",
    "`a",
    "!a",
    "!a: b",
    "!!str a",
    "&a",
    "&a b",
    "&a: b",
    "&",
    "*a",
    "%a",
    "|",
    "|-",
    "| a",
    ">",
    "> a",
    ">-",
    "a\tb",
    "a:\tb",
    "123",
    "true",
    "~",
    "a, b",
    "a [b]",
    ": a",
    ":a",
    "--- a",
    "x: # y",
    "a'b",
    'a"b',
    "Ünïcödé: x",
    "bell\u0007",
  ];
  it("quotes exactly what yaml.v2 rejects (table)", () => {
    for (const s of ["a: b", "- a", "[a]", "'a", '"a', "| a", "&a: b", "ends:"]) expect(yamlRejects(s), s).toBe(true);
    for (const s of ["plain", "a:b", "a #b: c", "'a'", '"a"', "!a: b", "&a b", "|", "a [b]"]) expect(yamlRejects(s), s).toBe(false);
    expect(quotedIfNeeded(" IDE: the one ")).toBe('"IDE: the one"');
    expect(quotedIfNeeded("")).toBe('""');
  });
  it.skipIf(!haveSnapdToolchain("yaml quoting differential"))("equals yaml.v2", () => {
    const go = JSON.parse(runGoProgram("yamlquote", [], JSON.stringify(samples))) as boolean[];
    samples.forEach((s, i) => expect(yamlRejects(s), JSON.stringify(s)).toBe(go[i]));
  });
});
