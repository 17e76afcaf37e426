import { describe, expect, it } from "vitest";
import type { PlugOrSlot } from "../snap/snap-yaml";
import {
  autoRefreshes,
  connect,
  disconnect,
  install,
  refresh,
  remove,
  revert,
  switchChannel,
  type Confinement,
  type DeviceState,
  type Result,
  type StoreDeclaration,
  type StoreRevision,
} from "./model";
import { connectionRows, listRows, snapConnections, snapList } from "./views";

const plug = (name: string, iface = name, attributes: Record<string, unknown> = {}): PlugOrSlot => ({
  name,
  interface: iface,
  attributes,
  apps: [],
  hooks: [],
  implicit: false,
});

const publisher = { id: "pub1", username: "acme", displayName: "Acme", validation: "unproven" as const };

function rev(
  name: string,
  revision: number,
  opts: { confinement?: Confinement; plugs?: string[]; slots?: PlugOrSlot[]; version?: string } = {},
): StoreRevision {
  return {
    name,
    snapId: `${name}-id`.padEnd(32, "x"),
    publisher,
    revision,
    version: opts.version ?? `1.${revision}`,
    confinement: opts.confinement ?? "strict",
    plugs: (opts.plugs ?? []).map((p) => plug(p)),
    slots: opts.slots ?? [],
  };
}

const NO_DECL: StoreDeclaration = { revision: 0, rules: {} };
const CAMERA_GRANT: StoreDeclaration = { revision: 1, rules: { plugs: { camera: { "allow-auto-connection": true } } } };

const empty = (classic = true): DeviceState => ({ classic, architecture: "amd64", snaps: [], connections: [] });

function ok(r: Result) {
  if (!r.ok) throw new Error(`expected success, got ${r.error.kind}: ${r.error.message}`);
  return r.value;
}

function err(r: Result) {
  if (r.ok) throw new Error(`expected an error, got: ${r.value.output}`);
  return r.error;
}

const slotOf = (s: DeviceState, snap: string, p: string) => connectionRows(s, snap).find((r) => r.plug === `${snap}:${p}`)?.slot;

describe("install: confinement flags, in snapd's words", () => {
  const table: {
    what: string;
    confinement: Confinement;
    classicSystem: boolean;
    flags: { classic?: boolean; devmode?: boolean; jailmode?: boolean };
    kind?: string;
    message?: string;
    notes?: string;
  }[] = [
    {
      what: "classic without --classic",
      confinement: "classic",
      classicSystem: true,
      flags: {},
      kind: "snap-needs-classic",
      message: 'snap "s" requires classic confinement',
    },
    { what: "classic with --classic", confinement: "classic", classicSystem: true, flags: { classic: true }, notes: "classic" },
    {
      what: "classic on Ubuntu Core",
      confinement: "classic",
      classicSystem: false,
      flags: { classic: true },
      kind: "snap-needs-classic-system",
      message: 'snap "s" requires classic confinement which is only available on classic systems',
    },
    {
      what: "devmode without --devmode",
      confinement: "devmode",
      classicSystem: true,
      flags: {},
      kind: "snap-needs-devmode",
      message: 'snap "s" requires devmode or confinement override',
    },
    { what: "devmode with --devmode", confinement: "devmode", classicSystem: true, flags: { devmode: true }, notes: "devmode" },
    { what: "devmode with --jailmode", confinement: "devmode", classicSystem: true, flags: { jailmode: true }, notes: "jailmode" },
    { what: "strict with --devmode", confinement: "strict", classicSystem: true, flags: { devmode: true }, notes: "devmode" },
    { what: "strict", confinement: "strict", classicSystem: false, flags: {}, notes: "-" },
  ];
  for (const t of table) {
    it(t.what, () => {
      const r = install(empty(t.classicSystem), rev("s", 1, { confinement: t.confinement }), NO_DECL, "latest/stable", t.flags);
      if (t.kind) {
        const e = err(r);
        expect(e.kind).toBe(t.kind);
        expect(e.message).toBe(t.message);
      } else {
        expect(listRows(ok(r).state)[0].notes).toBe(t.notes);
      }
    });
  }

  it("prints the CLI's long texts for the flags", () => {
    expect(err(install(empty(), rev("s", 1, { confinement: "classic" }), NO_DECL, "latest/stable")).cli).toMatch(
      /published using classic confinement[\s\S]*repeat the command including --classic\.$/,
    );
    expect(err(install(empty(), rev("s", 1, { confinement: "devmode" }), NO_DECL, "latest/stable")).cli).toMatch(/including --jailmode\.$/);
  });

  it("prints what snap install prints", () => {
    expect(ok(install(empty(), rev("s", 3), NO_DECL, "latest/stable")).output).toBe("s 1.3 from Acme installed");
    expect(ok(install(empty(), rev("s", 3), NO_DECL, "latest/beta")).output).toBe("s (beta) 1.3 from Acme installed");
    expect(ok(install(empty(), rev("s", 3), NO_DECL, "latest/stable", { classic: true })).output).toMatch(
      /^Warning: flag --classic ignored for strictly confined snap s\n/,
    );
  });

  it("refuses a second install and names refresh", () => {
    const s = ok(install(empty(), rev("s", 1), NO_DECL, "latest/stable")).state;
    expect(err(install(s, rev("s", 2), NO_DECL, "latest/stable")).cli).toBe(`snap "s" is already installed, see 'snap help refresh'`);
  });
});

describe("install: plug installation policy", () => {
  it("a super-privileged plug without a declaration cannot install, with the deciding rule", () => {
    const e = err(install(empty(), rev("s", 1, { plugs: ["snapd-control"] }), NO_DECL, "latest/stable"));
    expect(e.kind).toBe("installation-denied");
    expect(e.message).toBe('cannot install "s": installation not allowed by "snapd-control" plug rule of interface "snapd-control"');
    expect(e.decision?.source).toBe("base-declaration");
  });
  it("installs when the snap-declaration allows installation", () => {
    const decl = { revision: 1, rules: { plugs: { "snapd-control": { "allow-installation": true } } } };
    const s = ok(install(empty(), rev("s", 1, { plugs: ["snapd-control"] }), decl, "latest/stable")).state;
    // A declaration rule replaces the base rule whole: its omitted allow-auto-connection defaults to true.
    expect(slotOf(s, "s", "snapd-control")).toBe(":snapd-control");
  });
});

describe("install: auto-connection", () => {
  it("network connects to the system slot, camera does not", () => {
    const s = ok(install(empty(), rev("cam", 1, { plugs: ["network", "camera"] }), NO_DECL, "latest/stable")).state;
    expect(connectionRows(s, "cam")).toEqual([
      { interface: "camera", plug: "cam:camera", slot: "-", notes: "-", manual: false },
      { interface: "network", plug: "cam:network", slot: ":network", notes: "-", manual: false },
    ]);
  });
  it("a declaration granting auto-connection connects camera at install", () => {
    const s = ok(install(empty(), rev("cam", 1, { plugs: ["camera"] }), CAMERA_GRANT, "latest/stable")).state;
    expect(slotOf(s, "cam", "camera")).toBe(":camera");
  });
  it("x11 auto-connects on classic systems only (no system slot on Core)", () => {
    expect(slotOf(ok(install(empty(true), rev("g", 1, { plugs: ["x11"] }), NO_DECL, "latest/stable")).state, "g", "x11")).toBe(":x11");
    expect(slotOf(ok(install(empty(false), rev("g", 1, { plugs: ["x11"] }), NO_DECL, "latest/stable")).state, "g", "x11")).toBe("-");
  });
  it("a content plug connects to a provider of the same publisher on the device, whichever is installed first", () => {
    const provider = rev("themes", 1, { slots: [plug("gtk-3-themes", "content", { content: "gtk-3-themes", read: ["$SNAP/share"] })] });
    const consumer: StoreRevision = { ...rev("app", 1), plugs: [plug("gtk-3-themes", "content", { content: "gtk-3-themes", target: "$SNAP/themes" })] };
    let s = ok(install(empty(), provider, NO_DECL, "latest/stable")).state;
    s = ok(install(s, consumer, NO_DECL, "latest/stable")).state;
    expect(slotOf(s, "app", "gtk-3-themes")).toBe("themes:gtk-3-themes");
    let t = ok(install(empty(), consumer, NO_DECL, "latest/stable")).state;
    expect(slotOf(t, "app", "gtk-3-themes")).toBe("-");
    t = ok(install(t, provider, NO_DECL, "latest/stable")).state;
    expect(slotOf(t, "app", "gtk-3-themes")).toBe("themes:gtk-3-themes");
  });
  it("a content provider of another publisher is not auto-connected", () => {
    const provider = { ...rev("themes", 1, { slots: [plug("t", "content", { content: "t" })] }), publisher: { ...publisher, id: "other" } };
    const consumer: StoreRevision = { ...rev("app", 1), plugs: [plug("t", "content", { content: "t" })] };
    const s = ok(install(ok(install(empty(), provider, NO_DECL, "latest/stable")).state, consumer, NO_DECL, "latest/stable")).state;
    expect(slotOf(s, "app", "t")).toBe("-");
  });
  it("a classic snap gets no connections", () => {
    const s = ok(install(empty(), rev("c", 1, { confinement: "classic", plugs: ["network"] }), NO_DECL, "latest/stable", { classic: true })).state;
    expect(s.connections).toEqual([]);
  });
});

describe("manual connect and disconnect", () => {
  const base = () => ok(install(empty(), rev("cam", 1, { plugs: ["network", "camera"] }), NO_DECL, "latest/stable")).state;
  it("connect camera by hand: Notes manual", () => {
    const s = ok(connect(base(), "cam:camera")).state;
    expect(connectionRows(s, "cam").find((r) => r.interface === "camera")).toEqual({
      interface: "camera",
      plug: "cam:camera",
      slot: ":camera",
      notes: "manual",
      manual: true,
    });
    expect(ok(connect(base(), "cam:camera", ":camera")).summary).toBe("Connect cam:camera to core:camera");
  });
  it("refused with the deciding rule when the declaration denies connection", () => {
    const decl = { revision: 1, rules: { plugs: { camera: { "deny-connection": true, "deny-auto-connection": true } } } };
    const s = ok(install(empty(), rev("cam", 1, { plugs: ["camera"] }), decl, "latest/stable")).state;
    const e = err(connect(s, "cam:camera"));
    expect(e.message).toBe('connection denied by plug rule of interface "camera" for "cam" snap');
    expect(e.cli).toBe(
      'cannot perform the following tasks:\n- Connect cam:camera to core:camera (connection denied by plug rule of interface "camera" for "cam" snap)',
    );
    expect(e.decision).toMatchObject({ source: "snap-declaration", side: "plug", subrule: "deny-connection" });
  });
  it("unknown plug, unknown snap", () => {
    expect(err(connect(base(), "cam:nope")).message).toBe('snap "cam" has no plug named "nope"');
    expect(err(connect(base(), "other:camera")).message).toBe('snap "other" is not installed');
  });
  it("disconnect remembers the connection as undesired; connecting again clears it", () => {
    const s = ok(disconnect(base(), "cam:network")).state;
    expect(slotOf(s, "cam", "network")).toBe("-");
    expect(s.connections.find((c) => c.plug === "network")?.undesired).toBe(true);
    const again = ok(connect(s, "cam:network")).state;
    expect(again.connections.filter((c) => c.plug === "network")).toEqual([
      { interface: "network", plugSnap: "cam", plug: "network", slotSnap: "snapd", slot: "network", manual: true, undesired: false },
    ]);
    expect(err(disconnect(s, "cam:network")).kind).toBe("interfaces-unchanged");
  });
});

describe("refresh: the upgrade rules", () => {
  const v1 = rev("cam", 1, { plugs: ["network", "camera"] });
  const v2 = rev("cam", 2, { plugs: ["network", "camera", "audio-playback"] });

  it("new plugs auto-connect by policy", () => {
    const s = ok(install(empty(), v1, NO_DECL, "latest/stable")).state;
    const r = ok(refresh(s, "cam", v2, NO_DECL));
    expect(r.output).toBe("cam 1.2 from Acme refreshed");
    expect(slotOf(r.state, "cam", "audio-playback")).toBe(":audio-playback");
    expect(listRows(r.state)[0]).toMatchObject({ rev: "2", version: "1.2" });
  });

  it("a plug that auto-connects only under a newer declaration revision stays disconnected; a fresh install gets it", () => {
    const s = ok(install(empty(), v1, NO_DECL, "latest/stable")).state;
    const r = ok(refresh(s, "cam", v2, CAMERA_GRANT));
    expect(slotOf(r.state, "cam", "camera")).toBe("-");
    expect(r.notes.join("\n")).toMatch(/cam:camera not connected: it auto-connects only under snap-declaration revision 1/);
    const fresh = ok(install(empty(), v2, CAMERA_GRANT, "latest/stable")).state;
    expect(slotOf(fresh, "cam", "camera")).toBe(":camera");
  });

  it("the next refresh, with the installed revision having come with the grant, connects it", () => {
    const s = ok(refresh(ok(install(empty(), v1, NO_DECL, "latest/stable")).state, "cam", v2, CAMERA_GRANT)).state;
    const v3 = rev("cam", 3, { plugs: ["network", "camera", "audio-playback"] });
    expect(slotOf(ok(refresh(s, "cam", v3, CAMERA_GRANT)).state, "cam", "camera")).toBe(":camera");
  });

  it("a connection the user removed stays removed", () => {
    let s = ok(install(empty(), v1, NO_DECL, "latest/stable")).state;
    s = ok(disconnect(s, "cam:network")).state;
    s = ok(refresh(s, "cam", v2, NO_DECL)).state;
    expect(slotOf(s, "cam", "network")).toBe("-");
  });

  it("classic -> strict: no automatic connections", () => {
    let s = ok(install(empty(), rev("c", 1, { confinement: "classic" }), NO_DECL, "latest/stable", { classic: true })).state;
    const r = ok(refresh(s, "c", rev("c", 2, { plugs: ["network", "home"] }), NO_DECL));
    s = r.state;
    expect(slotOf(s, "c", "network")).toBe("-");
    expect(slotOf(s, "c", "home")).toBe("-");
    expect(listRows(s)[0].notes).toBe("-");
    expect(r.notes[0]).toMatch(/classic to strict/);
  });

  it("no newer revision: snapd's message", () => {
    const s = ok(install(empty(), v1, NO_DECL, "latest/stable")).state;
    expect(err(refresh(s, "cam", v1, NO_DECL)).message).toBe('snap "cam" has no updates available');
    expect(err(refresh(s, "nope", v2, NO_DECL)).message).toBe('snap "nope" is not installed');
  });

  it("a manual connection survives a refresh; a dropped plug's connection goes", () => {
    let s = ok(install(empty(), v1, NO_DECL, "latest/stable")).state;
    s = ok(connect(s, "cam:camera")).state;
    s = ok(refresh(s, "cam", v2, NO_DECL)).state;
    expect(connectionRows(s, "cam").find((r) => r.interface === "camera")?.notes).toBe("manual");
    s = ok(refresh(s, "cam", rev("cam", 3, { plugs: ["network"] }), NO_DECL)).state;
    expect(connectionRows(s, "cam").map((r) => r.interface)).toEqual(["network"]);
  });

  it("devmode keeps its mode and is never refreshed by the schedule", () => {
    const s = ok(install(empty(), rev("d", 1, { confinement: "devmode" }), NO_DECL, "latest/edge", { devmode: true })).state;
    expect(autoRefreshes(s.snaps[0])).toBe(false);
    const r = ok(refresh(s, "d", rev("d", 2, { confinement: "devmode" }), NO_DECL));
    expect(listRows(r.state)[0].notes).toBe("devmode");
    expect(autoRefreshes(ok(install(empty(), v1, NO_DECL, "latest/stable")).state.snaps[0])).toBe(true);
  });
});

describe("revert, switch, remove", () => {
  it("revert goes back one revision and refuses without one", () => {
    let s = ok(install(empty(), rev("a", 1), NO_DECL, "latest/stable")).state;
    expect(err(revert(s, "a")).cli).toBe('cannot revert "a": no revision to revert to');
    s = ok(refresh(s, "a", rev("a", 2), NO_DECL)).state;
    const r = ok(revert(s, "a"));
    expect(r.output).toBe("a reverted to 1.1");
    expect(listRows(r.state)[0].rev).toBe("1");
  });
  it("switch changes only the tracking channel", () => {
    const s = ok(install(empty(), rev("a", 1), NO_DECL, "latest/stable")).state;
    const r = ok(switchChannel(s, "a", "latest/beta"));
    expect(r.output).toBe('"a" switched to the "beta" channel');
    expect(listRows(r.state)[0]).toMatchObject({ tracking: "latest/beta", rev: "1" });
  });
  it("remove drops the snap and its connections", () => {
    let s = ok(install(empty(), rev("a", 1, { plugs: ["network"] }), NO_DECL, "latest/stable")).state;
    const r = ok(remove(s, "a"));
    s = r.state;
    expect(r.output).toBe("a removed");
    expect(s).toEqual(empty());
    expect(err(remove(s, "a")).message).toBe('snap "a" is not installed');
  });
});

// snapd reverts through the install path: RevertToRevision -> doInstall with flags.Revert
// (overlord/snapstate/snapstate.go), whose task set keeps setup-profiles (ifacestate
// reloadConnections: automatic connections of a vanished plug are deleted, manual ones kept "in
// case of a revert") and "auto-connect" (ifacestate doAutoConnect, no revert case; it skips any
// plug with a connection state, undesired included, and checks the declaration the device has now).
describe("revert runs setup-profiles and auto-connect, as snapd's doInstall does", () => {
  const table: {
    what: string;
    r1: { plugs: string[]; confinement?: Confinement };
    r2: { plugs: string[]; confinement?: Confinement };
    /** Declaration at install of r1 and at refresh to r2. */
    decl1?: StoreDeclaration;
    decl2?: StoreDeclaration;
    flags?: { classic?: boolean };
    /** Before the revert (on r2). */
    before?: (s: DeviceState) => DeviceState;
    /** Plug -> slot after the revert ("-" unconnected). */
    expected: Record<string, string>;
  }[] = [
    {
      what: "a plug only r1 has, dropped (auto) on refresh, auto-connects again on revert",
      r1: { plugs: ["network", "home"] },
      r2: { plugs: ["network"] },
      expected: { network: ":network", home: ":home" },
    },
    {
      what: "a manual connection of a plug r2 lacks is kept dormant and is live again after the revert",
      r1: { plugs: ["network", "camera"] },
      r2: { plugs: ["network"] },
      before: (s) => s,
      expected: { network: ":network", camera: ":camera" },
    },
    {
      what: "a plug the user disconnected stays disconnected (undesired is never clobbered)",
      r1: { plugs: ["network"] },
      r2: { plugs: ["network"] },
      before: (s) => ok(disconnect(s, "a:network")).state,
      expected: { network: "-" },
    },
    {
      what: "a grant the refresh left unconnected (upgrade rule) connects on revert: no upgrade gate there",
      r1: { plugs: ["camera"] },
      r2: { plugs: ["camera"] },
      decl2: CAMERA_GRANT,
      before: (s) => {
        expect(slotOf(s, "a", "camera")).toBe("-");
        return s;
      },
      expected: { camera: ":camera" },
    },
    {
      what: "reverting to a revision whose plug is granted by the newest declaration connects it",
      r1: { plugs: ["camera"] },
      r2: { plugs: [] },
      decl2: CAMERA_GRANT,
      expected: { camera: ":camera" },
    },
    {
      what: "revert from classic to a strict revision auto-connects (snapd has no classic-to-strict rule on revert)",
      r1: { plugs: ["network"] },
      r2: { plugs: [], confinement: "classic" },
      flags: { classic: true },
      expected: { network: ":network" },
    },
    {
      what: "revert to a classic revision makes no connections",
      r1: { plugs: [], confinement: "classic" },
      r2: { plugs: ["network"] },
      flags: { classic: true },
      expected: {},
    },
  ];
  for (const t of table) {
    it(t.what, () => {
      let s = ok(install(empty(), rev("a", 1, t.r1), t.decl1 ?? NO_DECL, "latest/stable", t.flags)).state;
      if (t.what.startsWith("a manual")) s = ok(connect(s, "a:camera")).state;
      s = ok(refresh(s, "a", rev("a", 2, t.r2), t.decl2 ?? t.decl1 ?? NO_DECL, t.flags)).state;
      if (t.before) s = t.before(s);
      const r = ok(revert(s, "a"));
      const rows = connectionRows(r.state, "a").filter((x) => x.plug.startsWith("a:"));
      expect(Object.fromEntries(rows.map((x) => [x.plug.slice(2), x.slot]))).toEqual(t.expected);
    });
  }

  it("a dormant manual connection is not listed, nor disconnectable, while its plug is gone", () => {
    let s = ok(install(empty(), rev("a", 1, { plugs: ["camera"] }), NO_DECL, "latest/stable")).state;
    s = ok(connect(s, "a:camera")).state;
    s = ok(refresh(s, "a", rev("a", 2), NO_DECL)).state;
    expect(connectionRows(s, "a")).toEqual([]);
    expect(s.connections).toHaveLength(1);
    expect(err(disconnect(s, "a:camera")).kind).toBe("interfaces-unchanged");
    expect(connectionRows(ok(revert(s, "a")).state, "a")).toEqual([{ interface: "camera", plug: "a:camera", slot: ":camera", notes: "manual", manual: true }]);
  });
});

describe("views", () => {
  it("snap list and snap connections", () => {
    let s = ok(install(empty(), rev("camera-app", 12, { plugs: ["network", "camera"], version: "2.0" }), NO_DECL, "latest/stable")).state;
    s = ok(
      install(s, { ...rev("ide", 3, { confinement: "classic" }), publisher: { ...publisher, validation: "verified" } }, NO_DECL, "latest/edge", {
        classic: true,
      }),
    ).state;
    expect(snapList(s).stdout).toBe(
      [
        "Name        Version  Rev  Tracking       Publisher  Notes",
        "camera-app  2.0      12   latest/stable  acme       -",
        "ide         1.3      3    latest/edge    acme✓      classic",
        "",
      ].join("\n"),
    );
    expect(snapConnections(s, "camera-app").stdout).toBe(
      ["Interface  Plug                Slot      Notes", "camera     camera-app:camera   -         -", "network    camera-app:network  :network  -", ""].join(
        "\n",
      ),
    );
    expect(snapList(empty()).stderr).toBe('No snaps are installed yet. Try "snap install hello-world".\n');
  });
});
