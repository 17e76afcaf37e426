// snap-declarations against snapd 2.57.6's own code: the single-rule cases where we used to
// differ (each named), then generated declarations combining rule kinds and constraints, some
// invalid on purpose (snapd refuses to decode them; so must we). Zero disagreements is the bar.
import { describe, expect, it } from "vitest";
import type { SnapDeclaration } from "@/lib/policy/declaration";
import { haveSnapdToolchain } from "@/test/support/go";
import { compare, report, type Case, type Device, type SnapSpec } from "./policy-support";

const PLUG_ID = "PLUGSNAPidPLUGSNAPidPLUGSNAPid01";
const SLOT_ID = "SLOTSNAPidSLOTSNAPidSLOTSNAPid02";
const SNAPD_ID = "PMrrV4ml8uWuEUDBT8dSGnKUYbevVhc4";
const CLASSIC: Device = { classic: true, osId: "ubuntu" };
const CORE: Device = { classic: false };

function plugger(plugs: SnapSpec["plugs"], declaration?: SnapDeclaration, type?: string): SnapSpec {
  return { name: "plugger", type, plugs, declaration, snapId: PLUG_ID, publisherId: "pub-plug" };
}
function provider(slots: SnapSpec["slots"], declaration: SnapDeclaration = {}, type = "app", publisherId = "pub-slot"): SnapSpec {
  return { name: "provider", type, slots, declaration, snapId: SLOT_ID, publisherId };
}
const snapd = (iface: string): SnapSpec => ({
  name: "snapd",
  type: "snapd",
  slots: { [iface]: { interface: iface } },
  declaration: {},
  snapId: SNAPD_ID,
  publisherId: "canonical",
});

const install = (id: string, snap: SnapSpec, device = CLASSIC): Case => ({ id, op: "install", device, snap });
const auto = (id: string, p: SnapSpec, s: SnapSpec, device = CLASSIC, plug = "p", slot = Object.keys(s.slots ?? {})[0]): Case => ({
  id,
  op: "auto-connect",
  device,
  plugSnap: p,
  plug,
  slotSnap: s,
  slot,
});
const connect = (id: string, p: SnapSpec, s: SnapSpec, device = CLASSIC, plug = "p", slot = Object.keys(s.slots ?? {})[0]): Case => ({
  id,
  op: "connect",
  device,
  plugSnap: p,
  plug,
  slotSnap: s,
  slot,
});

const pf = (read: unknown) => ({ p: { interface: "personal-files", read } });
const grantPF = (c: unknown): SnapDeclaration => ({
  plugs: { "personal-files": { "allow-installation": { "plug-attributes": c as Record<string, unknown> } } },
});
const camAuto = (c: Record<string, unknown>): SnapDeclaration => ({ plugs: { camera: { "allow-auto-connection": c } } });
const DEVICE_MODEL: Device = { classic: false, brand: "brand-a", model: "kiosk", store: "store-x" };

/** The 14 single-rule declarations of the issue, plus a few neighbours of each. */
function singleRules(): Case[] {
  return [
    // 1. list attribute: every element must match one alternative
    install("alternatives-per-element", plugger(pf(["$HOME/.a", "$HOME/.b"]), grantPF({ read: ["\\$HOME/\\.a", "\\$HOME/\\.b"] }))),
    install("alternatives-per-element-miss", plugger(pf(["$HOME/.a", "$HOME/.c"]), grantPF({ read: ["\\$HOME/\\.a", "\\$HOME/\\.b"] }))),
    // 2. a list of maps (mount-control)
    install(
      "mount-control-list-of-maps",
      plugger(
        { p: { interface: "mount-control", mount: [{ what: "/dev/sd*", where: "/media/**", type: ["ext4"] }] } },
        { plugs: { "mount-control": { "allow-installation": { "plug-attributes": { mount: [{ what: "/dev/sd\\*", where: "/media/\\*\\*" }] } } } } },
      ),
    ),
    install(
      "mount-control-list-of-maps-miss",
      plugger(
        { p: { interface: "mount-control", mount: [{ what: "/dev/sd*", where: "/mnt/**", type: ["ext4"] }] } },
        { plugs: { "mount-control": { "allow-installation": { "plug-attributes": { mount: [{ what: "/dev/sd\\*", where: "/media/\\*\\*" }] } } } } },
      ),
    ),
    // 3. an empty list attribute matches any constraint
    install("empty-list", plugger({ p: { interface: "personal-files", read: [], write: ["$HOME/.x"] } }, grantPF({ read: "nothing-like-this" }))),
    // 4. regular-expression plug names
    install(
      "plug-names-regexp",
      plugger({ "cam-front": { interface: "snapd-control" } }, { plugs: { "snapd-control": { "allow-installation": { "plug-names": ["cam-.*"] } } } }),
    ),
    install(
      "plug-names-regexp-miss",
      plugger({ "front-cam": { interface: "snapd-control" } }, { plugs: { "snapd-control": { "allow-installation": { "plug-names": ["cam-.*"] } } } }),
    ),
    auto(
      "slot-names-interface",
      plugger({ p: { interface: "camera" } }, { plugs: { camera: { "allow-auto-connection": { "slot-names": ["$INTERFACE"] } } } }),
      snapd("camera"),
    ),
    // 5. on-classic with OS ids
    install(
      "on-classic-list",
      plugger({ p: { interface: "snapd-control" } }, { plugs: { "snapd-control": { "allow-installation": { "on-classic": ["ubuntu", "debian"] } } } }),
    ),
    install(
      "on-classic-list-other-os",
      plugger({ p: { interface: "snapd-control" } }, { plugs: { "snapd-control": { "allow-installation": { "on-classic": ["debian"] } } } }),
    ),
    install(
      "on-classic-list-core",
      plugger({ p: { interface: "snapd-control" } }, { plugs: { "snapd-control": { "allow-installation": { "on-classic": ["ubuntu"] } } } }),
      CORE,
    ),
    // 6. slots-per-plug
    auto("slots-per-plug-any", plugger({ p: { interface: "camera" } }, camAuto({ "slots-per-plug": "*" })), snapd("camera")),
    auto("slots-per-plug-2", plugger({ p: { interface: "camera" } }, camAuto({ "slots-per-plug": "2" })), snapd("camera")),
    install(
      "slots-per-plug-in-installation",
      plugger({ p: { interface: "camera" } }, { plugs: { camera: { "allow-installation": { "slots-per-plug": "*" } } } }),
    ),
    // 7. equal maps in another key order ($SLOT())
    auto(
      "slot-map-key-order",
      plugger({ p: { interface: "camera", cfg: { a: 1, b: "x" } } }, camAuto({ "plug-attributes": { cfg: "$SLOT(cfg)" } })),
      provider({ camera: { interface: "camera", cfg: { b: "x", a: 1 } } }, {}, "app"),
    ),
    auto(
      "slot-map-int-vs-float",
      plugger({ p: { interface: "camera", num: 1 } }, camAuto({ "plug-attributes": { num: "$SLOT(num)" } })),
      provider({ camera: { interface: "camera", num: 1.5 } }),
    ),
    auto(
      "slot-map-equal-ints",
      plugger({ p: { interface: "camera", num: 1 } }, camAuto({ "plug-attributes": { num: "$SLOT(num)" } })),
      provider({ camera: { interface: "camera", num: 1 } }),
    ),
    // 8. inline (?i)
    install("inline-case-flag", plugger(pf(["$HOME/.Config"]), grantPF({ read: "(?i)\\$home/\\.config" }))),
    install("go-only-syntax", plugger(pf(["$HOME/.a"]), grantPF({ read: "\\$HOME/\\.\\pL" }))),
    install("named-group-go119", plugger(pf(["$HOME/.a"]), grantPF({ read: "(?P<x>\\$HOME/\\.a)" }))),
    install("angle-named-group-refused-by-go119", plugger(pf(["$HOME/.a"]), grantPF({ read: "(?<x>\\$HOME/\\.a)" }))),
    install("lookahead-refused", plugger(pf(["$HOME/.a"]), grantPF({ read: "(?=\\$)\\$HOME/\\.a" }))),
    // 9. plug-snap-id installation grant
    install(
      "plug-snap-id",
      plugger({ p: { interface: "snapd-control" } }, { plugs: { "snapd-control": { "allow-installation": { "plug-snap-id": [PLUG_ID] } } } }),
    ),
    install(
      "plug-snap-id-other",
      plugger({ p: { interface: "snapd-control" } }, { plugs: { "snapd-control": { "allow-installation": { "plug-snap-id": [SLOT_ID] } } } }),
    ),
    // 10. $MISSING among alternatives never matches a missing attribute
    install(
      "missing-among-alternatives",
      plugger({ p: { interface: "personal-files", write: ["$HOME/.x"] } }, grantPF({ read: ["$MISSING", "\\$HOME/.*"], write: "\\$HOME/.*" })),
    ),
    install("missing-alone", plugger({ p: { interface: "personal-files", write: ["$HOME/.x"] } }, grantPF({ read: "$MISSING", write: "\\$HOME/.*" }))),
    // 11. float attributes never match a regular expression
    auto("float-attribute", plugger({ p: { interface: "camera", level: 1.5 } }, camAuto({ "plug-attributes": { level: "1.5" } })), snapd("camera")),
    auto("int-attribute", plugger({ p: { interface: "camera", level: 2 } }, camAuto({ "plug-attributes": { level: "2" } })), snapd("camera")),
    // 12-14. device scope
    auto("on-store", plugger({ p: { interface: "camera" } }, camAuto({ "on-store": ["store-x"] })), snapd("camera"), DEVICE_MODEL),
    auto("on-store-friendly", plugger({ p: { interface: "camera" } }, camAuto({ "on-store": ["store-z"] })), snapd("camera"), {
      ...DEVICE_MODEL,
      friendlyStores: ["store-z"],
    }),
    auto("on-store-no-model", plugger({ p: { interface: "camera" } }, camAuto({ "on-store": ["store-x"] })), snapd("camera"), CORE),
    auto("on-brand", plugger({ p: { interface: "camera" } }, camAuto({ "on-brand": ["brand-a"] })), snapd("camera"), DEVICE_MODEL),
    auto("on-brand-other", plugger({ p: { interface: "camera" } }, camAuto({ "on-brand": ["brand-b"] })), snapd("camera"), DEVICE_MODEL),
    auto("on-model", plugger({ p: { interface: "camera" } }, camAuto({ "on-model": ["brand-a/kiosk"] })), snapd("camera"), DEVICE_MODEL),
    auto("on-model-other", plugger({ p: { interface: "camera" } }, camAuto({ "on-model": ["brand-a/other"] })), snapd("camera"), DEVICE_MODEL),
    // the content interface's publisher rule, both ways round
    auto(
      "content-same-publisher",
      plugger({ p: { interface: "content", content: "lib", target: "$SNAP/lib" } }, {}),
      provider({ lib: { interface: "content", read: ["$SNAP/lib"] } }, {}, "app", "pub-plug"),
    ),
    auto(
      "content-other-publisher",
      plugger({ p: { interface: "content", content: "lib", target: "$SNAP/lib" } }, {}),
      provider({ lib: { interface: "content", read: ["$SNAP/lib"] } }),
    ),
    connect(
      "content-mismatch",
      plugger({ p: { interface: "content", content: "lib", target: "$SNAP/lib" } }, {}),
      provider({ other: { interface: "content", read: ["$SNAP/lib"] } }),
    ),
  ];
}

// ---- generated declarations -----------------------------------------------------------------

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  return { next, pick, chance: (p: number) => next() < p };
}

const ATTR_VALUES: unknown[] = [
  "foo",
  "Foo",
  "bar",
  1,
  2,
  1.5,
  true,
  false,
  [],
  ["foo"],
  ["foo", "bar"],
  { k: "foo" },
  { k: "foo", j: 1 },
  [{ k: "foo" }, { k: "bar" }],
];
const ATTR_CONSTRAINTS: unknown[] = [
  "foo",
  "(?i)foo",
  "fo+",
  "ba.",
  "1",
  "2",
  "1.5",
  "true",
  "false",
  "$MISSING",
  ["foo", "bar"],
  ["$MISSING", "foo"],
  { k: "foo" },
  { k: "foo|bar" },
  [{ k: "foo" }, { k: "bar" }],
  "$SLOT(a)",
  "$PLUG(a)",
  "$SLOT(b.k)",
  "[",
  "(?=x)",
  "$FOO(a)",
  "$SLOT(a,b)",
];
const IFACES = ["camera", "network", "snapd-control", "x11", "home", "content", "shared-memory", "posix-mq", "mount-control", "docker", "bluez"];

function genConstraints(r: ReturnType<typeof rng>, kind: string, side: "plugs" | "slots"): Record<string, unknown> {
  const c: Record<string, unknown> = {};
  const n = 1 + Math.floor(r.next() * 3);
  for (let i = 0; i < n; i++) {
    const key = r.pick([
      "plug-attributes",
      "slot-attributes",
      "plug-snap-type",
      "slot-snap-type",
      "plug-snap-id",
      "slot-snap-id",
      "plug-publisher-id",
      "slot-publisher-id",
      "plug-names",
      "slot-names",
      "on-classic",
      "on-store",
      "on-brand",
      "on-model",
      "slots-per-plug",
      "plugs-per-slot",
    ]);
    switch (key) {
      case "plug-attributes":
      case "slot-attributes":
        c[key] = r.chance(0.15)
          ? [{ a: r.pick(ATTR_CONSTRAINTS) }, { b: r.pick(ATTR_CONSTRAINTS) }]
          : { [r.pick(["a", "b", "a.k"])]: r.pick(ATTR_CONSTRAINTS) };
        break;
      case "plug-snap-type":
      case "slot-snap-type":
        c[key] = r.pick([["app"], ["core"], ["gadget", "app"], ["kernel"], ["base"], []]);
        break;
      case "plug-snap-id":
      case "slot-snap-id":
        c[key] = r.pick([[PLUG_ID], [SLOT_ID], [SNAPD_ID, SLOT_ID], ["not-a-snap-id"]]);
        break;
      case "plug-publisher-id":
      case "slot-publisher-id":
        c[key] = r.pick([["pub-plug"], ["pub-slot"], ["$SLOT_PUBLISHER_ID"], ["$PLUG_PUBLISHER_ID"], ["canonical", "pub-plug"], ["Not Valid"]]);
        break;
      case "plug-names":
      case "slot-names":
        c[key] = r.pick([["$INTERFACE"], ["p"], ["p|camera"], ["c.*"], ["x y"], ["$interface"], ["("]]);
        break;
      case "on-classic":
        c[key] = r.pick([true, false, ["ubuntu"], ["debian", "fedora"], ["Ubuntu"], "maybe"]);
        break;
      case "on-store":
        c[key] = r.pick([["store-x"], ["store-y"], ["store-z"]]);
        break;
      case "on-brand":
        c[key] = r.pick([["brand-a"], ["brand-b"], ["Brand A"]]);
        break;
      case "on-model":
        c[key] = r.pick([["brand-a/kiosk"], ["brand-b/kiosk"], ["kiosk"]]);
        break;
      default:
        c[key] = r.pick(["*", "1", "2", "0", "-1", "01", "x"]);
    }
  }
  void kind;
  void side;
  return c;
}

function genRule(r: ReturnType<typeof rng>, side: "plugs" | "slots"): unknown {
  if (r.chance(0.08)) return r.pick([true, false]);
  const rule: Record<string, unknown> = {};
  const subs = ["allow-installation", "deny-installation", "allow-connection", "deny-connection", "allow-auto-connection", "deny-auto-connection"];
  const n = 1 + Math.floor(r.next() * 2);
  for (let i = 0; i < n; i++) {
    const sub = r.pick(subs);
    const roll = r.next();
    rule[sub] = roll < 0.25 ? r.pick([true, false]) : roll < 0.45 ? [genConstraints(r, sub, side), genConstraints(r, sub, side)] : genConstraints(r, sub, side);
  }
  return rule;
}

function genAttrs(r: ReturnType<typeof rng>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (r.chance(0.7)) out.a = r.pick(ATTR_VALUES);
  if (r.chance(0.5)) out.b = r.pick(ATTR_VALUES);
  return out;
}

function genDevice(r: ReturnType<typeof rng>): Device {
  const classic = r.chance(0.5);
  const d: Device = { classic, osId: classic ? r.pick(["ubuntu", "debian", "fedora", ""]) : undefined };
  if (r.chance(0.5)) {
    d.brand = r.pick(["brand-a", "brand-b"]);
    d.model = r.pick(["kiosk", "other"]);
    d.store = r.pick(["store-x", "store-y", ""]);
    if (d.store && r.chance(0.3)) d.friendlyStores = ["store-z"];
  }
  return d;
}

function generated(count: number, seed: number): Case[] {
  const r = rng(seed);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const iface = r.pick(IFACES);
    const plugAttrs = { interface: iface, ...genAttrs(r), ...(iface === "content" ? { target: "$SNAP/x" } : {}), ...(iface === "mount-control" ? {} : {}) };
    const slotAttrs = {
      interface: iface,
      ...genAttrs(r),
      ...(iface === "content" ? { read: ["$SNAP/x"] } : {}),
      ...(iface === "shared-memory" ? { write: ["foo"] } : {}),
      ...(iface === "posix-mq" ? { path: "/foo" } : {}),
    };
    if (iface === "shared-memory") delete (plugAttrs as Record<string, unknown>).a; // keep the plug valid for snapd's sanitizer
    const plugDecl: SnapDeclaration | undefined = r.chance(0.8)
      ? ((r.chance(0.85) ? { plugs: { [iface]: genRule(r, "plugs") } } : {}) as SnapDeclaration)
      : undefined;
    const slotDecl: SnapDeclaration | undefined = r.chance(0.7)
      ? ((r.chance(0.6) ? { slots: { [iface]: genRule(r, "slots") } } : {}) as SnapDeclaration)
      : undefined;
    const pType = r.pick(["app", "app", "gadget", "kernel"]);
    const sType = r.pick(["app", "snapd", "gadget", "os"]);
    const plugName = r.pick(["p", iface, "cam"]);
    const p: SnapSpec = {
      name: "plugger",
      type: pType,
      plugs: { [plugName]: plugAttrs },
      declaration: plugDecl,
      ...(plugDecl ? { snapId: PLUG_ID, publisherId: "pub-plug" } : {}),
    };
    const s: SnapSpec = {
      name: sType === "snapd" ? "snapd" : "provider",
      type: sType,
      slots: { [r.pick(["s", iface])]: slotAttrs },
      declaration: slotDecl,
      ...(slotDecl ? { snapId: r.pick([SLOT_ID, SNAPD_ID]), publisherId: r.pick(["pub-slot", "pub-plug", "canonical"]) } : {}),
    };
    const device = genDevice(r);
    const op = r.pick(["install-plug", "install-slot", "connect", "auto-connect"] as const);
    const id = `gen#${i}/${iface}/${op}`;
    if (op === "install-plug") cases.push(install(id, p, device));
    else if (op === "install-slot") cases.push(install(id, s, device));
    else cases.push({ id, op, device, plugSnap: p, plug: plugName, slotSnap: s, slot: Object.keys(s.slots!)[0] });
  }
  return cases;
}

describe.skipIf(!haveSnapdToolchain("declarations differential"))("snap-declarations agree with snapd 2.57.6", () => {
  it("the single-rule declarations", () => {
    const cases = singleRules();
    const { disagreements, answers } = compare(cases);
    console.log(
      `single-rule declarations: ${cases.length} cases, ${disagreements.length} disagree; snapd: ${answers.map((a) => `${a.id}=${a.invalid ? "invalid" : a.allowed ? "allow" : "refuse"}`).join(" ")}`,
    );
    expect(disagreements.length, report(disagreements)).toBe(0);
  }, 300_000);

  it("generated declarations", () => {
    const cases = generated(4000, 20230905);
    const { disagreements, answers } = compare(cases);
    const invalid = answers.filter((a) => a.invalid).length;
    const allowed = answers.filter((a) => !a.invalid && a.allowed).length;
    console.log(
      `generated declarations: ${cases.length} cases (${invalid} refused as invalid by snapd, ${allowed} allowed, ${cases.length - invalid - allowed} refused), ${disagreements.length} disagree`,
    );
    expect(disagreements.length, report(disagreements, 15)).toBe(0);
  }, 600_000);
});
