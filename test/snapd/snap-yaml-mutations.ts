// Deterministic mutations of real snap.yaml files, for the differential test against snapd's own
// validation (validate.test.ts). Each mutation changes one thing a publisher could get wrong (or
// right): a field dropped or given another value or type, an app, hook, plug, slot, socket, layout
// or system user added or broken. Values are written as JS (stringified as YAML 1.1, so a string
// stays a string) or as raw YAML text when the exact spelling matters (`epoch: 01`, `n: 1`).
import { parse, stringify } from "yaml";

export interface Case {
  id: string;
  yaml: string;
}

type Obj = Record<string, unknown>;
/** A change: set top-level keys (undefined drops), and/or append raw YAML lines at top level. */
interface Change {
  label: string;
  set?: Obj;
  raw?: string;
  /** Changes to the first app / first plug etc. are made on the object in place. */
  edit?: (doc: Obj) => boolean;
}

const long = (n: number, c = "x") => c.repeat(n);

const TOP: Change[] = [
  ...["name", "version", "apps", "plugs", "slots", "hooks", "base", "type", "confinement", "epoch", "architectures"].map((k) => ({
    label: `drop ${k}`,
    set: { [k]: undefined },
  })),
  ...["", "A", "a", "ab-", "-ab", "a--b", long(40, "a"), long(41, "a"), "snapd", "1234", "foo_bar", "Bad_Name", "0ad", "ab"].map((v) => ({
    label: `name ${JSON.stringify(v)}`,
    set: { name: v },
  })),
  ...["", "1.0.", "-1", long(32, "v"), long(33, "v"), "1_0", "ünï", "1 0", "1.0~rc1", "2:1.0+git", "1+", "1-"].map((v) => ({
    label: `version ${JSON.stringify(v)}`,
    set: { version: v },
  })),
  ...["version: 1.10", "version: 1e3", "version: yes", "version: ~", "version: [1]", "version: {a: 1}", "name: [a]", "name: ~"].map((raw) => ({
    label: raw,
    raw,
  })),
  ...["strict", "classic", "devmode", "jailmode", "", "Strict"].map((v) => ({ label: `confinement ${JSON.stringify(v)}`, set: { confinement: v } })),
  ...["stable", "devel", "beta"].map((v) => ({ label: `grade ${v}`, set: { grade: v } })),
  ...["app", "application", "base", "gadget", "kernel", "snapd", "os", "core", ""].map((v) => ({ label: `type ${JSON.stringify(v)}`, set: { type: v } })),
  ...["core22", "none", "Core22", "core_x", "", "-core", "test-snapd-core18"].map((v) => ({ label: `base ${JSON.stringify(v)}`, set: { base: v } })),
  ...[
    ["type base with base core22", { type: "base", base: "core22" }],
    ["type os with base none", { type: "os", base: "none" }],
    ["base none without apps", { base: "none", apps: undefined, hooks: undefined }],
  ].map(([label, set]) => ({ label: label as string, set: set as Obj })),
  ...[
    "1",
    "0",
    "'1*'",
    "5*",
    "0*",
    "01",
    "-1",
    "1.0",
    "x",
    "''",
    "~",
    "[1]",
    "4294967296",
    "4294967295",
    "{read: [1, 2], write: [2]}",
    "{read: [1, 2]}",
    "{write: [3]}",
    "{read: [], write: [1]}",
    "{read: [2, 1], write: [2]}",
    "{read: [1], write: [2]}",
    "{foo: [1]}",
    "{read: 1}",
    "{read: ['1']}",
    "{read: [0,1,2,3,4,5,6,7,8,9,10], write: [1]}",
    "{read: [01]}",
  ].map((e) => ({ label: `epoch: ${e}`, raw: `epoch: ${e}` })),
  ...[
    "MIT",
    "GPL-3.0+",
    "Apache-2.0 OR MIT",
    "MIT AND (LGPL-2.1+ OR BSD-3-Clause)",
    "GPL-2.0-only WITH Classpath-exception-2.0",
    "Proprietary",
    "LicenseRef-Foo",
    "MIT Apache-2.0",
    "Other Open Source",
    "MIT AND",
    "(MIT",
    "MIT)",
    "mit",
    "(MIT) WITH Classpath-exception-2.0",
    "MIT WITH Foo",
    "",
    "  ",
  ].map((v) => ({ label: `license ${JSON.stringify(v)}`, set: { license: v } })),
  ...[
    [40, "title"],
    [41, "title"],
    [4096, "description"],
    [4097, "description"],
    [128, "summary"],
    [129, "summary"],
  ].map(([n, k]) => ({ label: `${k} of ${n} code points`, set: { [k as string]: long(n as number, "é") } })),
  ...["[amd64]", "[all]", "[x86]", "amd64", "[amd64, all]", "[amd64, amd64]", "[arm64, s390x]", "[]", "~", "[[amd64]]"].map((v) => ({
    label: `architectures: ${v}`,
    raw: `architectures: ${v}`,
  })),
  ...["", "global-upload", "my-prov", "bad prov", "a--b"].map((v) => ({ label: `provenance ${JSON.stringify(v)}`, set: { provenance: v } })),
  ...[
    "assumes: [snapd2.55]",
    "assumes: snapd",
    "layouts: {}",
    "layouts: ~",
    "environment: {A: b}",
    "environment: {A: [1]}",
    "environment: {on: x}",
    "environment: {'on': x}",
    "environment: [a]",
  ].map((raw) => ({ label: raw, raw })),
  ...[
    "links: {website: [https://example.com]}",
    "links: {contact: [me@example.com, mailto:me@example.com]}",
    "links: {website: [ftp://example.com]}",
    "links: {contact: [nobody]}",
    "links: {'': [https://x.org]}",
    "links: {bad_key: [https://x.org]}",
    "links: {website: []}",
    "links: {website: ['']}",
    "links: {website: ['https://x.org:abc/']}",
    "links: {website: [':x']}",
  ].map((raw) => ({ label: raw, raw })),
  ...[
    "system-usernames: {snap_daemon: shared}",
    "system-usernames: {snap_daemon: {scope: shared}}",
    "system-usernames: {snap_daemon: private}",
    "system-usernames: {snap_daemon: external}",
    "system-usernames: {snap_daemon: other}",
    "system-usernames: {daemon: shared}",
    "system-usernames: {snap_microk8s: shared}",
    "system-usernames: {snap_daemon: ~}",
    "system-usernames: {snap_daemon: {scope: 1}}",
    "system-usernames: {'Bad Name': shared}",
    "system-usernames: {snap_daemon: [shared]}",
    "system-usernames: {snap_daemon: {scope: shared, extra: ~}}",
    "system-usernames: [snap_daemon]",
  ].map((raw) => ({ label: raw, raw })),
  ...[
    "layout: {/usr/share/foo: {bind: $SNAP/usr/share/foo}}",
    "layout: {/etc/foo.conf: {bind-file: $SNAP_DATA/foo.conf}}",
    "layout: {/usr/foo: {symlink: $SNAP/foo}}",
    "layout: {/var/tmp/x: {type: tmpfs}}",
    "layout: {/var/tmp/x: {type: ext4}}",
    "layout: {/usr/foo: {symlink: /etc/foo}}",
    "layout: {/dev/foo: {bind: $SNAP/foo}}",
    "layout: {usr/foo: {bind: $SNAP/foo}}",
    "layout: {/foo/bar: {bind: $SNAP/foo}}",
    "layout: {/usr/foo: {bind: $SNAP/foo, symlink: $SNAP/bar}}",
    "layout: {/usr/foo: {}}",
    "layout: {/usr/foo: {bind: $SNAP/foo, mode: '0755'}}",
    "layout: {/usr/foo: {type: tmpfs, mode: 'x'}}",
    "layout: {/usr/foo: {type: tmpfs, mode: '04755'}}",
    "layout: {/usr/foo: {type: tmpfs, user: nobody}}",
    "layout: {/usr/foo: {bind: $SNAP/foo}, /usr/foo/bar: {type: tmpfs}}",
    "layout: {/usr/foo: {bind: $HOME/foo}}",
    "layout: {/usr/foo*: {type: tmpfs}}",
    "layout: {/snap/other/x: {type: tmpfs}}",
    "layout: {/usr/a: {bind: $SNAP/x}, /usr/b: {bind-file: $SNAP/x}}",
    "layout: {$SNAP/foo: {type: tmpfs}}",
    "layout: {/usr/foo: {bind: $SNAP/../foo}}",
  ].map((raw) => ({ label: raw, raw })),
];

/** Add (or replace) app "zz" with this definition. */
const app = (label: string, def: Obj | string, extra: Obj = {}): Change => ({
  label: `app zz: ${label}`,
  edit: (doc) => {
    const apps = (doc.apps && typeof doc.apps === "object" ? doc.apps : {}) as Obj;
    apps.zz = typeof def === "string" ? parse(def) : def;
    doc.apps = apps;
    Object.assign(doc, extra);
    return true;
  },
});

const APPS: Change[] = [
  app("plain", { command: "bin/zz" }),
  app("null definition", "~"),
  app("scalar definition", "'oops'"),
  ...["simple", "forking", "oneshot", "dbus", "notify", "shared", ""].map((d) => app(`daemon ${JSON.stringify(d)}`, { command: "bin/zz", daemon: d })),
  ...["system", "user", "both", ""].map((s) => app(`daemon-scope ${JSON.stringify(s)}`, { command: "bin/zz", daemon: "simple", "daemon-scope": s })),
  app("daemon-scope without daemon", { command: "bin/zz", "daemon-scope": "user" }),
  ...["always", "on-failure", "never", "no", "sometimes"].map((r) =>
    app(`restart-condition ${r}`, `{command: bin/zz, daemon: simple, restart-condition: ${r}}`),
  ),
  app("restart-condition on a non-service", { command: "bin/zz", "restart-condition": "always" }),
  ...["10s", "1m30s", "10", "-1s", "0", "0s", "1.5h", "abc", "1d", ""].map((t) =>
    app(`stop-timeout ${JSON.stringify(t)}`, { command: "bin/zz", daemon: "simple", "stop-timeout": t }),
  ),
  ...["start-timeout", "watchdog-timeout", "restart-delay"].flatMap((k) => [
    app(`${k} 5s on a service`, { command: "bin/zz", daemon: "simple", [k]: "5s" }),
    app(`${k} 5s on a non-service`, { command: "bin/zz", [k]: "5s" }),
    app(`${k} 0s on a non-service`, { command: "bin/zz", [k]: "0s" }),
    app(`${k} -5s on a service`, { command: "bin/zz", daemon: "simple", [k]: "-5s" }),
  ]),
  ...["sigterm", "sigterm-all", "sigkill", ""].map((m) =>
    app(`stop-mode ${JSON.stringify(m)} on a service`, { command: "bin/zz", daemon: "simple", "stop-mode": m }),
  ),
  app("stop-mode on a non-service", { command: "bin/zz", "stop-mode": "sigterm" }),
  ...["endure", "restart", "ignore-running", "bogus"].flatMap((m) => [
    app(`refresh-mode ${m} on a service`, { command: "bin/zz", daemon: "simple", "refresh-mode": m }),
    app(`refresh-mode ${m} on a non-service`, { command: "bin/zz", "refresh-mode": m }),
  ]),
  ...["enable", "disable", "bogus"].flatMap((m) => [
    app(`install-mode ${m} on a service`, { command: "bin/zz", daemon: "simple", "install-mode": m }),
    app(`install-mode ${m} on a non-service`, { command: "bin/zz", "install-mode": m }),
  ]),
  ...[
    "mon-fri,10:00-12:00",
    "23:00~24:00/2",
    "mon1,,fri5,9:00",
    "00:00-24:00/24",
    "mon",
    "9:00",
    "mon2-mon1",
    "25:00",
    "mon,,",
    "10:00,mon",
    "mon-fri/2",
    "sun5-mon",
    "10:00~12:00/0",
    "-",
  ].map((t) => app(`timer ${JSON.stringify(t)}`, { command: "bin/zz", daemon: "simple", timer: t })),
  app("timer on a non-service", { command: "bin/zz", timer: "mon" }),
  app("before a missing app", { command: "bin/zz", daemon: "simple", before: ["nope"] }),
  app("after on a non-service", { command: "bin/zz", after: ["nope"] }),
  app("after itself (a cycle)", { command: "bin/zz", daemon: "simple", after: ["zz"] }),
  app("before a non-service", { command: "bin/zz", daemon: "simple", before: ["zy"] }, {}),
  ...['bin/zz "quoted"', "bin/zz --flag=1:2 #c", "$SNAP/bin/zz --x", "bin/zz;rm", "bin/zz\twith-tab", "bin/zz 'x'"].map((c) =>
    app(`command ${JSON.stringify(c)}`, { command: c }),
  ),
  app("stop-command with backtick", { command: "x", daemon: "simple", "stop-command": "stop `x`" }),
  app("bus-name invalid", { command: "x", "bus-name": 'org.example"x' }),
  app("command-chain with a space", { command: "x", "command-chain": ["bin/a b"] }),
  app("command-chain ok", { command: "x", "command-chain": ["bin/wrapper"] }),
  app("command-chain not a list", "{command: x, command-chain: bin/wrapper}"),
  app("plugs not a list", "{command: x, plugs: network}"),
  app("plugs with a bad name", { command: "x", plugs: ["Net"] }),
  app("plugs with a map", "{command: x, plugs: [{a: b}]}"),
  app("slots listed", { command: "x", slots: ["zz-slot"] }),
  app("aliases ok", { command: "x", aliases: ["zz", "zz.alt"] }),
  app("alias invalid", { command: "x", aliases: [".zz"] }),
  app("common-id", { command: "x", "common-id": "org.example.Zz" }),
  app("environment list value", "{command: x, environment: {A: [1]}}"),
  app("environment bool key", "{command: x, environment: {yes: x}}"),
  app("completer and autostart", { command: "x", completer: "c", autostart: "zz.desktop" }),
  ...[
    ["path system", { "listen-stream": "$SNAP_DATA/zz.sock" }, true, "simple"],
    ["path common", { "listen-stream": "$SNAP_COMMON/zz.sock", "socket-mode": 0o660 }, true, "simple"],
    ["path without network-bind", { "listen-stream": "$SNAP_DATA/zz.sock" }, false, "simple"],
    ["path unclean", { "listen-stream": "$SNAP_DATA/../zz.sock" }, true, "simple"],
    ["path user dir on system daemon", { "listen-stream": "$SNAP_USER_DATA/zz.sock" }, true, "simple"],
    ["path on a non-service", { "listen-stream": "$SNAP_DATA/zz.sock" }, true, ""],
    ["port", { "listen-stream": "8080" }, true, "simple"],
    ["port 0", { "listen-stream": "0" }, true, "simple"],
    ["port 70000", { "listen-stream": "70000" }, true, "simple"],
    ["host:port", { "listen-stream": "127.0.0.1:8080" }, true, "simple"],
    ["[::]:port", { "listen-stream": "[::]:8080" }, true, "simple"],
    ["bad host", { "listen-stream": "10.0.0.1:8080" }, true, "simple"],
    ["abstract own", { "listen-stream": "@snap.NAME.zz" }, true, "simple"],
    ["abstract other", { "listen-stream": "@snap.other.zz" }, true, "simple"],
    ["empty", { "listen-stream": "" }, true, "simple"],
    ["mode 0777", { "listen-stream": "8080", "socket-mode": 0o777 }, true, "simple"],
    ["mode 01777", { "listen-stream": "8080", "socket-mode": 0o1777 }, true, "simple"],
  ].map(([label, sock, bind, daemon]) => ({
    label: `app zz: socket ${label}`,
    edit: (doc: Obj) => {
      const apps = (doc.apps && typeof doc.apps === "object" ? doc.apps : {}) as Obj;
      const s = { ...(sock as Obj) };
      if (typeof s["listen-stream"] === "string") s["listen-stream"] = (s["listen-stream"] as string).replace("NAME", String(doc.name));
      apps.zz = { command: "x", ...(daemon ? { daemon } : {}), sockets: { "zz-sock": s }, ...(bind ? { plugs: ["network-bind"] } : {}) };
      doc.apps = apps;
      return true;
    },
  })),
  {
    label: "socket with a top-level network-bind plug (bound to every app)",
    edit: (doc) => {
      doc.apps = { zz: { command: "x", daemon: "simple", sockets: { s: { "listen-stream": "8080" } } } };
      doc.plugs = { "network-bind": null };
      return true;
    },
  },
  {
    label: "socket bad name",
    edit: (doc) => ((doc.apps = { zz: { command: "x", daemon: "simple", plugs: ["network-bind"], sockets: { Bad_Sock: { "listen-stream": "8080" } } } }), true),
  },
  { label: "two apps, same alias", edit: (doc) => ((doc.apps = { za: { command: "x", aliases: ["z"] }, zb: { command: "y", aliases: ["z"] } }), true) },
  { label: "two apps, same common-id", edit: (doc) => ((doc.apps = { za: { command: "x", "common-id": "c" }, zb: { command: "y", "common-id": "c" } }), true) },
  {
    label: "services ordered in a cycle",
    edit: (doc) => ((doc.apps = { za: { command: "x", daemon: "simple", after: ["zb"] }, zb: { command: "y", daemon: "simple", after: ["za"] } }), true),
  },
  {
    label: "services ordered, different scopes",
    edit: (doc) => (
      (doc.apps = { za: { command: "x", daemon: "simple", after: ["zb"] }, zb: { command: "y", daemon: "simple", "daemon-scope": "user" } }),
      true
    ),
  },
  {
    label: "activates-on a dbus slot",
    edit: (doc) => (
      (doc.slots = { ds: { interface: "dbus", bus: "system", name: "org.example.Zz" } }),
      (doc.apps = { zz: { command: "x", daemon: "simple", "activates-on": ["ds"] } }),
      true
    ),
  },
  {
    label: "activates-on, session bus on a system daemon",
    edit: (doc) => (
      (doc.slots = { ds: { interface: "dbus", bus: "session", name: "org.example.Zz" } }),
      (doc.apps = { zz: { command: "x", daemon: "simple", "activates-on": ["ds"] } }),
      true
    ),
  },
  { label: "activates-on a missing slot", edit: (doc) => ((doc.apps = { zz: { command: "x", daemon: "simple", "activates-on": ["nope"] } }), true) },
  {
    label: "activates-on a non-dbus slot",
    edit: (doc) => ((doc.slots = { ds: "camera" }), (doc.apps = { zz: { command: "x", daemon: "simple", "activates-on": ["ds"] } }), true),
  },
  {
    label: "activates-on on a non-service",
    edit: (doc) => (
      (doc.slots = { ds: { interface: "dbus", bus: "system", name: "a.b" } }),
      (doc.apps = { zz: { command: "x", "activates-on": ["ds"] } }),
      true
    ),
  },
  ...["Zz", "z_z", "-zz", "zz-", "z--z", "1", "ZZ9"].map((n) => ({
    label: `app named ${JSON.stringify(n)}`,
    edit: (doc: Obj) => ((doc.apps = { ...((doc.apps as Obj) ?? {}), [n]: { command: "x" } }), true),
  })),
  { label: "apps as a list", raw: "apps: [a, b]" },
];

const HOOKS: Change[] = [
  ...["install", "configure", "Configure", "my-hook", "connect-plug-foo", "prepare-device", "remove"].map((h) => ({
    label: `hook ${h}`,
    edit: (doc: Obj) => ((doc.hooks = { ...((doc.hooks as Obj) ?? {}), [h]: null }), true),
  })),
  { label: "hook with plugs", raw: "hooks: {install: {plugs: [network]}}" },
  { label: "hook with slots", raw: "hooks: {install: {slots: [srv]}}" },
  { label: "unsupported hook with bad plugs", raw: "hooks: {Bad: {plugs: [Bad]}}" },
  { label: "hook with a bad plug name", raw: "hooks: {install: {plugs: [Bad]}}" },
  { label: "hook command-chain", raw: "hooks: {install: {command-chain: [bin/a]}}" },
  { label: "hook command-chain with a space", raw: "hooks: {install: {command-chain: ['bin/a b']}}" },
  { label: "hook as a scalar", raw: "hooks: {install: x}" },
  { label: "hooks as a list", raw: "hooks: [install]" },
  { label: "hook environment", raw: "hooks: {install: {environment: {A: b}}}" },
];

const PS: Change[] = [
  ...[
    "plugs: {cam: camera}",
    "plugs: {cam: 1}",
    "plugs: {cam: yes}",
    "plugs: {cam: [camera]}",
    "plugs: {cam: {interface: camera, $x: 1}}",
    "plugs: {cam: {interface: camera, foo: ~}}",
    "plugs: {cam: {interface: [a]}}",
    "plugs: {cam: {interface: 1}}",
    "plugs: {cam: {label: 1}}",
    "plugs: {cam: {label: Cam}}",
    "plugs: {Cam: camera}",
    "plugs: {cam: Camera_X}",
    "plugs: {cam: {interface: camera, n: 1}}",
    "plugs: {cam: {interface: camera, 'n': 1}}",
    "plugs: {cam: {interface: camera, 1: x}}",
    "plugs: {cam: {interface: camera, '': x}}",
    "plugs: {cam: {interface: camera, a: {b: {c: [1, 2, {d: e}]}}}}",
    "plugs: {cam: {interface: camera, a: {1: x}}}",
    "plugs: {cam: {interface: camera, a: [~]}}",
    "plugs: {cam: {interface: camera, big: 18446744073709551615}}",
    "plugs: {cam: {interface: camera, f: 1.5, b: no, i: 0x10}}",
    "plugs: [camera]",
    "plugs: camera",
    "plugs: {cam: ~}",
    "plugs: {cam: {}}",
    "plugs: {unknown-iface: ~}",
    "plugs: {content: {content: x, target: $SNAP/x}}",
    "slots: {s: content}",
    "slots: {s-1-: x}",
    "slots: {s: {interface: dbus, bus: system, name: org.x}}",
    "slots: {s: {interface: content, read: [$SNAP/x]}}",
    "slots: {network: ~}\nplugs: {network: ~}",
    "slots: {x: camera}\nplugs: {x: camera}",
  ].map((raw) => ({ label: raw, raw })),
  {
    label: "app lists a plug named like a slot",
    edit: (doc) => ((doc.slots = { shared: "camera" }), (doc.apps = { zz: { command: "x", plugs: ["shared"] } }), true),
  },
  {
    label: "app lists a plug named like a known interface and a slot",
    edit: (doc) => ((doc.slots = { network: "network" }), (doc.apps = { zz: { command: "x", plugs: ["network"] } }), true),
  },
  {
    // snapd's interfaces drop a content slot without read/write paths, so the names do not clash for snapd
    label: "app lists a plug named like a slot snapd drops",
    edit: (doc) => ((doc.slots = { shared: "content" }), (doc.apps = { zz: { command: "x", plugs: ["shared"] } }), true),
  },
];

/** Duplicate keys and YAML-level problems. */
const YAML_LEVEL: Change[] = [
  { label: "duplicate top-level key", raw: "summary: a\nsummary: b" },
  { label: "anchor and alias", raw: "x-anchor: &p [network]\nx-alias: *p" },
  { label: "merge key", raw: "x-base: &b {a: 1}\nx-merged: {<<: *b, c: 2}" },
  { label: "syntax error", raw: "x: [unclosed" },
  { label: "tab indentation", raw: "x:\n\t- a" },
];

export const CHANGES: Change[] = [...TOP, ...APPS, ...HOOKS, ...PS, ...YAML_LEVEL];

function apply(base: Obj, change: Change): string | null {
  const doc = structuredClone(base);
  const raw: string[] = [];
  if (change.set) {
    for (const [k, v] of Object.entries(change.set)) {
      if (v === undefined) delete doc[k];
      else doc[k] = v;
    }
  }
  if (change.edit && !change.edit(doc)) return null;
  if (change.raw) {
    const rawKeys = [...change.raw.matchAll(/^([A-Za-z][\w-]*):/gm)].map((m) => m[1]);
    // A raw line replaces the key, except where the mutation means to write it twice.
    if (!change.label.startsWith("duplicate")) for (const k of rawKeys) delete doc[k];
    raw.push(change.raw);
  }
  const text = Object.keys(doc).length ? stringify(doc, { version: "1.1", lineWidth: 0 }) : "";
  return text + (raw.length ? raw.join("\n") + "\n" : "");
}

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The matrix: every corpus file as it is; every change applied to a few base files (small,
 * typical ones); and `perFile` changes drawn (seeded) for every corpus file.
 */
export function mutationCases(corpus: [string, string][], opts: { bases: string[]; perFile: number; seed?: number }): Case[] {
  const cases: Case[] = corpus.map(([f, text]) => ({ id: f, yaml: text }));
  const parsed = new Map<string, Obj>();
  for (const [f, text] of corpus) {
    try {
      const v = parse(text, { version: "1.1", uniqueKeys: false });
      if (v && typeof v === "object" && !Array.isArray(v)) parsed.set(f, v as Obj);
    } catch {
      // not every corpus file is valid YAML for the yaml package; those are used as they are
    }
  }
  const add = (f: string, c: Change) => {
    const base = parsed.get(f);
    const yaml = base && apply(base, c);
    if (yaml !== null && yaml !== undefined) cases.push({ id: `${f} | ${c.label}`, yaml });
  };
  for (const f of opts.bases) for (const c of CHANGES) add(f, c);
  const next = rng(opts.seed ?? 20230601);
  for (const f of parsed.keys()) {
    for (let i = 0; i < opts.perFile; i++) add(f, CHANGES[Math.floor(next() * CHANGES.length)]);
  }
  return cases;
}

const SWAP_VALUES: unknown[] = [
  null,
  "",
  "x",
  1,
  -1,
  1.5,
  true,
  [],
  ["x"],
  {},
  { a: 1 },
  "$SNAP/x",
  "Bad_Name",
  "network",
  "simple",
  "10s",
  "0",
  ["network-bind"],
  "yes",
  "0755",
  "@snap.x.y",
  "127.0.0.1:80",
  "$SNAP_DATA/a.sock",
  { "listen-stream": "80" },
  { scope: "shared" },
  "shared",
  "snap_daemon",
  { interface: "dbus", bus: "system", name: "a.b" },
  "mon",
  "tmpfs",
  "/usr/x",
  { bind: "$SNAP/x" },
  0o777,
  "-1s",
  "application",
  "devmode",
  "none",
  "core22",
  { read: [1] },
  "1*",
  "MIT OR",
];
const SWAP_KEYS = [
  "extra",
  "plugs",
  "slots",
  "daemon",
  "sockets",
  "timer",
  "command-chain",
  "aliases",
  "environment",
  "interface",
  "label",
  "scope",
  "bind",
  "mode",
];

function allPaths(o: unknown, p: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(p);
  if (Array.isArray(o)) o.forEach((v, i) => allPaths(v, [...p, i], out));
  else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) allPaths(v, [...p, k], out);
  return out;
}

/**
 * Type swaps: for each corpus file, `perFile` times (seeded), one node anywhere in the document is
 * replaced by a value of another type or meaning (or a key is added beside it). These reach the
 * corners the named changes above do not (an unsupported hook of the wrong type, a dbus slot with
 * a bad bus used for activation, a grade that is a list...).
 */
export function typeSwapCases(corpus: [string, string][], opts: { perFile: number; seed: number }): Case[] {
  const next = rng(opts.seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const cases: Case[] = [];
  for (const [f, text] of corpus) {
    let doc: unknown;
    try {
      doc = parse(text, { version: "1.1", uniqueKeys: false });
    } catch {
      continue;
    }
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) continue;
    for (let k = 0; k < opts.perFile; k++) {
      const d = structuredClone(doc) as Obj;
      const p = pick(allPaths(d).filter((x) => x.length > 0));
      let parent = d as Record<string | number, unknown>;
      for (const s of p.slice(0, -1)) parent = parent[s] as Record<string | number, unknown>;
      const v = pick(SWAP_VALUES);
      let label: string;
      if (next() < 0.2 && !Array.isArray(parent)) {
        const key = pick(SWAP_KEYS);
        parent[key] = v;
        label = `${JSON.stringify([...p.slice(0, -1), key])} = ${JSON.stringify(v)}`;
      } else {
        parent[p[p.length - 1]] = v;
        label = `${JSON.stringify(p)} = ${JSON.stringify(v)}`;
      }
      cases.push({ id: `${f} | swap ${label}`, yaml: stringify(d, { version: "1.1", lineWidth: 0 }) });
    }
  }
  return cases;
}

/** Changes to the text itself, where libyaml (snapd's yaml.v2) and the yaml package could differ. */
const TEXT_CHANGES: [string, (t: string) => string][] = [
  ["CRLF line ends", (t) => t.replace(/\n/g, "\r\n")],
  ["a byte order mark", (t) => "\ufeff" + t],
  ["a second document", (t) => t + "---\nname: other\n"],
  ["a second document with a syntax error", (t) => t + "---\nx: [\n"],
  ["document start and end markers", (t) => "---\n" + t + "...\n"],
  ["%YAML 1.1", (t) => "%YAML 1.1\n---\n" + t],
  ["%YAML 1.2", (t) => "%YAML 1.2\n---\n" + t],
  ["a control character", (t) => t + "x-note: a\u0001b\n"],
  ["DEL", (t) => t + "x-note: a\u007fb\n"],
  ["NEL in a plain scalar", (t) => t + "x-note: a\u0085b\n"],
  ["NEL in a quoted scalar", (t) => t + "x-note: 'a\u0085b'\n"],
  ["LINE SEPARATOR", (t) => t + "x-note: a\u2028b\n"],
  ["a lone surrogate escape", (t) => t + 'x-note: "\\ud800"\n'],
  ["a NUL escape", (t) => t + 'x-note: "a\\0b"\n'],
  ["tab indentation", (t) => t + "x-note:\n\t- a\n"],
  ["a tab after a colon", (t) => t + "x-note:\tvalue\n"],
  ["a complex key at top level", (t) => t + "? [a]\n: x\n"],
  ["a merge of a scalar in an unknown key", (t) => t + "x-note: {<<: 1}\n"],
  ["a merge of a scalar in apps", (t) => t + "apps:\n  zz: {<<: 1, command: x}\n"],
  ["a merge in apps", (t) => t + "x-base: &b {command: x, daemon: simple}\napps:\n  zz: {<<: *b, plugs: [network-bind]}\n"],
  ["a 1,100-character key", (t) => t + "x".repeat(1100) + ": y\n"],
  ["an empty flow entry", (t) => t + "x-note: [a, , b]\n"],
  ["a trailing comma", (t) => t + "x-note: [a, b,]\n"],
  ["a redefined anchor", (t) => t + "x-a: &a 1\nx-b: &a 2\nx-c: *a\n"],
  ["an alias as a key", (t) => t + "x-a: &a k\nx-b: {*a : 1}\n"],
  ["a !!binary scalar", (t) => t + "x-note: !!binary aGVsbG8=\n"],
  ["a custom tag on summary", (t) => t.replace(/^summary:/m, "summary: !foo") + (t.includes("\nsummary:") ? "" : "summary: !foo x\n")],
  ["!!str on the version", (t) => t.replace(/^version:\s*(.*)$/m, "version: !!str $1")],
];

/** Every text change applied to each base file, as it is written (not re-serialised). */
export function textCases(corpus: [string, string][], bases: string[]): Case[] {
  const texts = new Map(corpus);
  return bases.flatMap((f) => TEXT_CHANGES.map(([label, change]) => ({ id: `${f} | text: ${label}`, yaml: change(texts.get(f)!) })));
}
