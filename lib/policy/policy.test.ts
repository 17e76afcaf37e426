import { describe, expect, it } from "vitest";
import type { PlugOrSlot } from "../snap/snap-yaml";
import { parseSnapYaml } from "../snap/snap-yaml";
import { describeInterface, getInterface, interfaceSummaries, INTERFACES } from "./interfaces";
import { BASE_DECLARATION, canAutoConnect, canConnect, canInstall, canInstallSlot, validateDeclaration, type SnapDeclaration } from "./declaration";
import { explainPlug } from "./explain";

function plug(name: string, iface = name, attributes: Record<string, unknown> = {}): PlugOrSlot {
  return { name, interface: iface, attributes, apps: [], hooks: [], implicit: false };
}
const slot = plug;

const CLASSIC = { classicSystem: true };
const CORE = { classicSystem: false };

describe("interface table covers domain.md", () => {
  const autoYes = [
    "network",
    "network-bind",
    "network-status",
    "opengl",
    "desktop",
    "desktop-legacy",
    "unity7",
    "gsettings",
    "audio-playback",
    "browser-support",
    "optical-drive",
    "screen-inhibit-control",
    "upower-observe",
    "mir",
    "online-accounts-service",
    "media-hub",
  ];
  const classicOnly = ["x11", "wayland", "home"];
  const manual = [
    "camera",
    "removable-media",
    "mount-observe",
    "system-observe",
    "hardware-observe",
    "process-control",
    "network-control",
    "network-observe",
    "network-manager",
    "bluez",
    "bluetooth-control",
    "pulseaudio",
    "audio-record",
    "cups-control",
    "raw-usb",
    "joystick",
    "u2f-devices",
    "alsa",
    "time-control",
    "timezone-control",
    "hostname-control",
    "login-session-observe",
    "log-observe",
    "kvm",
    "ssh-keys",
    "ssh-public-keys",
    "gpg-keys",
    "gpg-public-keys",
    "password-manager-service",
    "serial-port",
    "hidraw",
    "gpio",
    "i2c",
    "spi",
    "firewall-control",
    "account-control",
    "raw-input",
    "cpu-control",
    "fuse-support",
    "system-backup",
  ];
  const superPriv = [
    "snapd-control",
    "personal-files",
    "system-files",
    "docker-support",
    "kubernetes-support",
    "lxd-support",
    "kernel-module-control",
    "kernel-module-load",
    "block-devices",
    "classic-support",
    "polkit",
    "desktop-launch",
    "steam-support",
    "mount-control",
    "uinput",
    "userns",
    "snap-refresh-control",
    "snap-refresh-observe",
    "snap-themes-control",
    "ubuntu-pro-control",
    "tee",
    "nvidia-drivers-support",
    "multipass-support",
    "microstack-support",
    "greengrass-support",
    "dm-crypt",
    "nvme-control",
    "packagekit-control",
  ];

  it.each(autoYes)("%s auto-connects", (n) => {
    expect(getInterface(n)).toMatchObject({ autoConnect: "yes", superPrivileged: false });
  });
  it.each(classicOnly)("%s auto-connects on classic only", (n) => {
    expect(getInterface(n)).toMatchObject({ autoConnect: "classic-only", superPrivileged: false });
  });
  it.each(manual)("%s is manual", (n) => {
    expect(getInterface(n)).toMatchObject({ autoConnect: "no", superPrivileged: false });
  });
  it.each(superPriv)("%s is super-privileged", (n) => {
    expect(getInterface(n)).toMatchObject({ superPrivileged: true });
  });
  it("content auto-connects for the same publisher; reserved ones are marked", () => {
    expect(getInterface("content")?.autoConnect).toBe("same-publisher");
    expect(getInterface("personal-files")?.reserved).toBe(true);
    expect(getInterface("system-files")?.reserved).toBe(true);
    expect(getInterface("snapd-control")?.reserved).toBeFalsy();
  });
  it("descriptions", () => {
    expect(describeInterface("camera")).toBe("camera: access to cameras");
    expect(describeInterface("nope")).toBe("nope: unknown interface");
    for (const i of Object.values(INTERFACES)) expect(i.description.length, i.name).toBeGreaterThan(5);
  });
  it("unknown names do not hit prototype properties", () => {
    expect(getInterface("constructor")).toBeUndefined();
    expect(getInterface("__proto__")).toBeUndefined();
  });
});

describe("canInstall", () => {
  it("ordinary plugs install (no base plug rule)", () => {
    for (const n of ["network", "camera", "home", "x11", "content", "not-a-known-interface"]) {
      const d = canInstall(plug(n));
      expect(d.allowed, n).toBe(true);
      expect(d.source).toBe("base-declaration");
    }
  });

  it("super-privileged plugs are denied by the base declaration", () => {
    for (const n of ["snapd-control", "docker-support", "personal-files", "system-files", "kernel-module-control"]) {
      const d = canInstall(plug(n));
      expect(d).toMatchObject({ allowed: false, source: "base-declaration", side: "plug" });
      expect(d.reason).toContain("allow-installation");
    }
  });

  it("uses the plug's interface, not its name", () => {
    expect(canInstall(plug("ctl", "snapd-control")).allowed).toBe(false);
    expect(canInstall(plug("snapd-control", "network")).allowed).toBe(true);
  });

  it("a snap-declaration can allow installation", () => {
    const decl: SnapDeclaration = { plugs: { "snapd-control": { "allow-installation": true } } };
    expect(canInstall(plug("snapd-control"), decl)).toMatchObject({ allowed: true, source: "snap-declaration" });
    // a declaration for another interface does not help
    expect(canInstall(plug("docker-support"), decl).allowed).toBe(false);
  });

  it("assertion-style string booleans work", () => {
    const decl = { plugs: { "snapd-control": { "allow-installation": "true" } } } as SnapDeclaration;
    expect(canInstall(plug("snapd-control"), decl).allowed).toBe(true);
  });

  it("deny-installation is checked before allow", () => {
    const decl: SnapDeclaration = { plugs: { camera: { "allow-installation": true, "deny-installation": true } } };
    expect(canInstall(plug("camera"), decl)).toMatchObject({ allowed: false, source: "snap-declaration" });
    expect(canInstall(plug("camera"), decl).reason).toContain("deny-installation");
  });

  it("constraints on plug attributes (regexp, AND in a map, OR across a list)", () => {
    const decl: SnapDeclaration = {
      plugs: {
        "personal-files": {
          "allow-installation": [
            { "plug-attributes": { read: "\\$HOME/\\.config/foo(/.*)?" } },
            { "plug-attributes": { write: "\\$HOME/\\.foo", read: "\\$HOME/\\.foo" } },
          ],
        },
      },
    };
    const pf = (attrs: Record<string, unknown>) => canInstall(plug("dot-foo", "personal-files", attrs), decl).allowed;
    expect(pf({ read: ["$HOME/.config/foo"] })).toBe(true);
    expect(pf({ read: ["$HOME/.config/foo", "$HOME/.config/foo/bar"] })).toBe(true);
    expect(pf({ read: ["$HOME/.config/foo", "$HOME/.ssh"] })).toBe(false); // every element must match
    expect(pf({ read: ["$HOME/.foo"], write: ["$HOME/.foo"] })).toBe(true); // second alternative, both keys
    expect(pf({ write: ["$HOME/.foo"] })).toBe(false); // AND: read missing
    expect(pf({})).toBe(false);
  });

  it("plug-snap-type and on-classic constraints", () => {
    const decl: SnapDeclaration = { plugs: { "snapd-control": { "allow-installation": { "plug-snap-type": ["gadget"] } } } };
    expect(canInstall(plug("snapd-control"), decl, { snapType: "gadget" }).allowed).toBe(true);
    expect(canInstall(plug("snapd-control"), decl, { snapType: "app" }).allowed).toBe(false);
    const d2: SnapDeclaration = { plugs: { "snapd-control": { "allow-installation": { "on-classic": false } } } };
    expect(canInstall(plug("snapd-control"), d2, { classicSystem: false }).allowed).toBe(true);
    expect(canInstall(plug("snapd-control"), d2, { classicSystem: true }).allowed).toBe(false);
  });
});

describe("canInstallSlot", () => {
  it("system interfaces can only be provided by the core snap", () => {
    expect(canInstallSlot(slot("network"), undefined, { snapType: "app" }).allowed).toBe(false);
    expect(canInstallSlot(slot("network"), undefined, { snapType: "os" }).allowed).toBe(true);
    expect(canInstallSlot(slot("network"), undefined, { snapType: "snapd" }).allowed).toBe(true);
  });
  it("app-providable slots", () => {
    expect(canInstallSlot(slot("data", "content"), undefined, { snapType: "app" }).allowed).toBe(true);
    expect(canInstallSlot(slot("x11"), undefined, { snapType: "app" }).allowed).toBe(true);
    expect(canInstallSlot(slot("serial", "serial-port"), undefined, { snapType: "gadget" }).allowed).toBe(true);
    expect(canInstallSlot(slot("serial", "serial-port"), undefined, { snapType: "app" }).allowed).toBe(false);
  });
  it("a declaration can allow a slot", () => {
    const decl: SnapDeclaration = { slots: { network: { "allow-installation": true } } };
    expect(canInstallSlot(slot("network"), decl, { snapType: "app" })).toMatchObject({ allowed: true, source: "snap-declaration" });
  });
});

describe("canAutoConnect (to the system slot)", () => {
  it.each([
    ["network", {}, CLASSIC, true],
    ["network", {}, CORE, true],
    ["opengl", {}, CORE, true],
    ["camera", {}, CLASSIC, false],
    ["removable-media", {}, CLASSIC, false],
    ["x11", {}, CLASSIC, true],
    ["x11", {}, CORE, false],
    ["wayland", {}, CORE, false],
    ["home", {}, CLASSIC, true],
    ["home", {}, CORE, false],
    ["home", { read: "all" }, CLASSIC, false],
    ["browser-support", {}, CLASSIC, true],
    ["browser-support", { "allow-sandbox": false }, CLASSIC, true],
    ["browser-support", { "allow-sandbox": true }, CLASSIC, false],
    ["optical-drive", {}, CLASSIC, true],
    ["optical-drive", { write: true }, CLASSIC, false],
    ["snapd-control", {}, CLASSIC, false],
    ["personal-files", { read: ["$HOME/.x"] }, CLASSIC, false],
    ["not-known", {}, CLASSIC, false],
  ])("%s %j %j -> %s", (iface, attrs, env, ok) => {
    expect(canAutoConnect(plug(iface, iface, attrs), undefined, undefined, env).allowed).toBe(ok);
  });

  it("a declaration grants auto-connection (camera)", () => {
    const decl: SnapDeclaration = { plugs: { camera: { "allow-auto-connection": true } } };
    const d = canAutoConnect(plug("camera"), decl, undefined, CORE);
    expect(d).toMatchObject({ allowed: true, source: "snap-declaration", side: "plug" });
  });

  it("a declaration rule replaces the base rule entirely: omitted allow-* default to true", () => {
    // Only installation is mentioned, yet auto-connection is now allowed because the whole base rule is replaced.
    const decl: SnapDeclaration = { plugs: { "snapd-control": { "allow-installation": true } } };
    expect(canAutoConnect(plug("snapd-control"), decl, undefined, CLASSIC)).toMatchObject({ allowed: true, source: "snap-declaration" });
    // ...and for x11 on Core too (the base on-classic rule no longer applies)
    const x: SnapDeclaration = { plugs: { x11: { "allow-installation": true } } };
    expect(canAutoConnect(plug("x11"), x, undefined, CORE).allowed).toBe(true);
  });

  it("deny before allow inside the deciding rule", () => {
    const decl: SnapDeclaration = { plugs: { camera: { "allow-auto-connection": true, "deny-auto-connection": true } } };
    expect(canAutoConnect(plug("camera"), decl, undefined, CLASSIC).allowed).toBe(false);
  });

  it("a declaration can deny auto-connection of a normally auto-connected interface", () => {
    const decl: SnapDeclaration = { plugs: { network: { "allow-auto-connection": false } } };
    expect(canAutoConnect(plug("network"), decl, undefined, CLASSIC)).toMatchObject({ allowed: false, source: "snap-declaration" });
  });

  it("order: plug-side declaration, then slot-side declaration, then base plug, then base slot", () => {
    const plugDecl: SnapDeclaration = { plugs: { camera: { "allow-auto-connection": false } } };
    const slotDecl: SnapDeclaration = { slots: { camera: { "allow-auto-connection": true } } };
    const slotSide = { slot: slot("camera"), decl: slotDecl, snapType: "os" as const };
    // plug-side wins over slot-side
    expect(canAutoConnect(plug("camera"), plugDecl, slotSide, CLASSIC)).toMatchObject({ allowed: false, side: "plug", source: "snap-declaration" });
    // without a plug-side rule the slot-side rule decides (and overrides base deny)
    expect(canAutoConnect(plug("camera"), undefined, slotSide, CLASSIC)).toMatchObject({ allowed: true, side: "slot", source: "snap-declaration" });
    // a plug declaration for a different interface is ignored
    expect(canAutoConnect(plug("camera"), { plugs: { network: { "allow-auto-connection": true } } }, undefined, CLASSIC)).toMatchObject({
      allowed: false,
      source: "base-declaration",
      side: "slot",
    });
    // base plug rule (snapd-control) decides before the base slot rule
    expect(canAutoConnect(plug("snapd-control"), undefined, undefined, CLASSIC)).toMatchObject({ side: "plug", source: "base-declaration" });
    // browser-support has only a slot rule in snapd 2.57
    expect(canAutoConnect(plug("browser-support"), undefined, undefined, CLASSIC)).toMatchObject({ allowed: true, side: "slot" });
  });

  it("constraint lists are alternatives; maps are AND", () => {
    const decl: SnapDeclaration = {
      plugs: {
        camera: {
          "allow-auto-connection": [{ "on-classic": true, "plug-attributes": { mode: "rw" } }, { "on-classic": false }],
        },
      },
    };
    expect(canAutoConnect(plug("camera", "camera", { mode: "rw" }), decl, undefined, CLASSIC).allowed).toBe(true);
    expect(canAutoConnect(plug("camera", "camera", { mode: "ro" }), decl, undefined, CLASSIC).allowed).toBe(false);
    expect(canAutoConnect(plug("camera", "camera", { mode: "ro" }), decl, undefined, CORE).allowed).toBe(true);
  });

  it("slot-snap-type and $MISSING", () => {
    const decl: SnapDeclaration = {
      plugs: { camera: { "allow-auto-connection": { "slot-snap-type": ["core"], "plug-attributes": { special: "$MISSING" } } } },
    };
    expect(canAutoConnect(plug("camera"), decl, undefined, CLASSIC).allowed).toBe(true);
    expect(canAutoConnect(plug("camera", "camera", { special: 1 }), decl, undefined, CLASSIC).allowed).toBe(false);
    expect(canAutoConnect(plug("camera"), decl, { slot: slot("camera"), snapType: "app" }, CLASSIC).allowed).toBe(false);
  });

  it("plug-names with $INTERFACE", () => {
    const decl: SnapDeclaration = { plugs: { camera: { "allow-auto-connection": { "plug-names": ["$INTERFACE"] } } } };
    expect(canAutoConnect(plug("camera"), decl, undefined, CLASSIC).allowed).toBe(true);
    expect(canAutoConnect(plug("cam", "camera"), decl, undefined, CLASSIC).allowed).toBe(false);
  });

  it("unknown constraint keys never match", () => {
    const decl = { plugs: { camera: { "allow-auto-connection": { "plug-colour": ["red"] } } } } as unknown as SnapDeclaration;
    expect(canAutoConnect(plug("camera"), decl, undefined, CLASSIC).allowed).toBe(false);
  });

  it("interface mismatch is refused", () => {
    expect(canAutoConnect(plug("camera"), undefined, { slot: slot("network") }, CLASSIC).allowed).toBe(false);
  });
});

describe("content interface", () => {
  const contentPlug = plug("gtk-3-themes", "content", { content: "gtk-3-themes", target: "$SNAP/share/themes" });
  const providerSlot = { slot: slot("gtk-3-themes", "content", { content: "gtk-3-themes", read: ["$SNAP/share/themes"] }), snapType: "app" as const };

  it("auto-connects only with the same publisher and matching content", () => {
    expect(canAutoConnect(contentPlug, undefined, providerSlot, { ...CLASSIC, samePublisher: true }).allowed).toBe(true);
    expect(canAutoConnect(contentPlug, undefined, providerSlot, { ...CLASSIC, samePublisher: false }).allowed).toBe(false);
    const other = { slot: slot("x", "content", { content: "other" }), snapType: "app" as const };
    expect(canAutoConnect(contentPlug, undefined, other, { ...CLASSIC, samePublisher: true }).allowed).toBe(false);
  });

  it("publisher ids work when samePublisher is not given", () => {
    const env = { ...CLASSIC, plugPublisherId: "pub1" };
    expect(canAutoConnect(contentPlug, undefined, { ...providerSlot, publisherId: "pub1" }, env).allowed).toBe(true);
    expect(canAutoConnect(contentPlug, undefined, { ...providerSlot, publisherId: "pub2" }, env).allowed).toBe(false);
  });

  it("manual connection needs matching content but not the same publisher", () => {
    expect(canConnect(contentPlug, undefined, providerSlot, { ...CLASSIC, samePublisher: false }).allowed).toBe(true);
    const other = { slot: slot("x", "content", { content: "other" }), snapType: "app" as const };
    expect(canConnect(contentPlug, undefined, other, CLASSIC).allowed).toBe(false);
  });

  it("works on a real snapd test snap", () => {
    const { meta } = parseSnapYaml(
      "name: consumer\nversion: 1\nplugs:\n  shared-content:\n    interface: content\n    content: mylib\n    target: $SNAP/lib\n",
    );
    const p = meta!.plugs["shared-content"];
    const s = { slot: slot("lib", "content", { content: "mylib" }), snapType: "app" as const };
    expect(canAutoConnect(p, undefined, s, { ...CLASSIC, samePublisher: true }).allowed).toBe(true);
  });
});

describe("canConnect (manual)", () => {
  it("manual connection is allowed for ordinary and super-privileged interfaces once installed", () => {
    for (const n of ["camera", "network", "snapd-control", "home", "removable-media"]) {
      expect(canConnect(plug(n), undefined, undefined, CORE).allowed, n).toBe(true);
    }
    // on Core, snapd's own x11 slot is refused (deny-connection on-classic: false): an app provides it
    expect(canConnect(plug("x11"), undefined, undefined, CORE)).toMatchObject({ allowed: false, subrule: "deny-connection" });
  });
  it("only *-connection subrules count", () => {
    const decl: SnapDeclaration = { plugs: { camera: { "deny-connection": true, "allow-auto-connection": true } } };
    expect(canConnect(plug("camera"), decl, undefined, CLASSIC).allowed).toBe(false);
    expect(canAutoConnect(plug("camera"), decl, undefined, CLASSIC).allowed).toBe(true);
  });
});

describe("base declaration and rule helpers", () => {
  it("has plug rules only for super-privileged and conditional interfaces", () => {
    expect(BASE_DECLARATION.plugs["snapd-control"]).toEqual({ "allow-installation": false, "deny-auto-connection": true });
    expect(BASE_DECLARATION.plugs.camera).toBeUndefined();
    expect(BASE_DECLARATION.slots.camera).toEqual({ "allow-installation": { "slot-snap-type": ["core"] }, "deny-auto-connection": true });
  });
  it("invalid regexps in constraints never match and never throw", () => {
    const decl: SnapDeclaration = { plugs: { camera: { "allow-auto-connection": { "plug-attributes": { x: "([" } } } } };
    expect(canAutoConnect(plug("camera", "camera", { x: "([" }), decl, undefined, CLASSIC).allowed).toBe(false);
  });
  it("validateDeclaration", () => {
    expect(validateDeclaration({ plugs: { camera: { "allow-auto-connection": true } } })).toEqual([]);
    expect(validateDeclaration(undefined)).toEqual([]);
    expect(validateDeclaration({ plugz: {} })[0]).toContain("plugz");
    expect(validateDeclaration({ plugs: { camera: { "allow-everything": true } } }).join("; ")).toContain("allow-everything");
    expect(validateDeclaration({ plugs: { camera: { "allow-installation": { "plug-colour": ["x"] } } } })[0]).toContain("plug-colour");
    expect(validateDeclaration({ plugs: { camera: { "allow-installation": [] } } })[0]).toContain("empty");
    // snapd's own refusals come first, then the keys it would silently ignore
    expect(validateDeclaration({ plugs: { camera: { "allow-connection": { "plug-colour": ["x"] } } } })[0]).toContain("must specify at least one of");
    expect(validateDeclaration([])[0]).toContain("mapping");
  });
});

describe("explainPlug", () => {
  it("camera: not auto-connected, request auto-connection", () => {
    const e = explainPlug(plug("camera"), undefined, { classicSystem: true, snapName: "photo" });
    expect(e).toMatchObject({ interface: "camera", autoConnects: false, needsRequest: "auto-connection", installable: true });
    expect(e.text).toBe(
      "camera: not auto-connected (access to cameras); users connect it with `snap connect photo:camera`, or request auto-connection (deny-auto-connection in the base declaration's slot rule)",
    );
    expect(e).toMatchObject({ grant: "auto-connection", decidedBy: { source: "base-declaration", side: "slot", subrule: "deny-auto-connection" } });
  });
  it("camera with a declaration grant auto-connects", () => {
    const e = explainPlug(plug("camera"), { plugs: { camera: { "allow-auto-connection": true } } }, { classicSystem: true });
    expect(e).toMatchObject({ autoConnects: true, needsRequest: null });
    expect(e.text).toContain("granted by the snap-declaration");
  });
  it("network auto-connects", () => {
    expect(explainPlug(plug("network"), undefined, CLASSIC)).toMatchObject({
      autoConnects: true,
      needsRequest: null,
      text: "network: auto-connected (access to the network)",
    });
  });
  it("x11 is classic-only", () => {
    const e = explainPlug(plug("x11"), undefined, CORE);
    expect(e).toMatchObject({ autoConnects: false, classicOnly: true, needsRequest: "auto-connection" });
    expect(e.text).toContain("on Ubuntu Core");
    const c = explainPlug(plug("x11"), undefined, CLASSIC);
    expect(c).toMatchObject({ autoConnects: true, classicOnly: true });
  });
  it("snapd-control needs an installation request", () => {
    const e = explainPlug(plug("snapd-control"), undefined, CLASSIC);
    expect(e).toMatchObject({ installable: false, autoConnects: false, needsRequest: "installation" });
    expect(e.text).toContain("manual review");
  });
  it("personal-files mentions the reserved interface", () => {
    expect(explainPlug(plug("dot-x", "personal-files"), undefined, CLASSIC).text).toContain("reserved");
  });
  it("browser-support with allow-sandbox explains why", () => {
    const e = explainPlug(plug("browser-support", "browser-support", { "allow-sandbox": true }), undefined, CLASSIC);
    expect(e.autoConnects).toBe(false);
    expect(e.text).toContain("allow-sandbox: true");
  });
  it("content mentions the same-publisher rule", () => {
    const e = explainPlug(plug("themes", "content", { content: "gtk-3-themes" }), undefined, CLASSIC);
    expect(e.needsRequest).toBeNull();
    expect(e.text).toContain("same publisher");
    expect(e.text).toContain("themes (content)");
  });
  it("unknown interfaces", () => {
    expect(explainPlug(plug("weird"), undefined, CLASSIC)).toMatchObject({ known: false, autoConnects: false, needsRequest: null });
  });
});

describe("interfaceSummaries", () => {
  it("covers every interface we know, sorted, from the base declaration", () => {
    const s = interfaceSummaries();
    expect(s.map((x) => x.name)).toEqual(Object.keys(INTERFACES).sort());
    const by = Object.fromEntries(s.map((x) => [x.name, x]));
    expect(by.network).toMatchObject({ "auto-connect": { classic: true, core: true }, "super-privileged": false });
    expect(by.x11["auto-connect"]).toEqual({ classic: true, core: false });
    expect(by.camera["auto-connect"]).toEqual({ classic: false, core: false });
    expect(by.docker["super-privileged"]).toBe(true); // its slot: no snap may provide it undeclared
    expect(by["snapd-control"]["super-privileged"]).toBe(true);
    expect(by.mir["auto-connect"]).toEqual({ classic: true, core: true }); // an app's slot, auto-connected
    expect(by.unity8).toMatchObject({ "auto-connect": { classic: true, core: true }, "super-privileged": true }); // installation denied, auto-connection allowed
    expect(getInterface("userns")).toMatchObject({ knownTo257: false, superPrivileged: true });
    expect(getInterface("camera")).toMatchObject({ knownTo257: true, systemSlot: ["classic", "core"] });
  });
});

describe("device context", () => {
  const kiosk = { classic: false, brand: "brand-a", model: "kiosk", store: "store-x" };
  const grant = (c: Record<string, unknown>): SnapDeclaration => ({ plugs: { camera: { "allow-auto-connection": c } } });
  it.each([
    [{ "on-store": ["store-x"] }, kiosk, true],
    [{ "on-store": ["store-z"] }, kiosk, false],
    [{ "on-store": ["store-z"] }, { ...kiosk, friendlyStores: ["store-z"] }, true],
    [{ "on-brand": ["brand-a"] }, kiosk, true],
    [{ "on-model": ["brand-a/kiosk"] }, kiosk, true],
    [{ "on-model": ["brand-a/other"] }, kiosk, false],
    [{ "on-brand": ["brand-a"] }, { classic: false }, false], // no model: never matches
    [{ "on-classic": ["ubuntu", "debian"] }, { classic: true, osId: "debian" }, true],
    [{ "on-classic": ["ubuntu"] }, { classic: true, osId: "fedora" }, false],
    [{ "on-classic": ["ubuntu"] }, { classic: false }, false],
  ])("%j on %j -> %s", (c, device, ok) => {
    expect(canAutoConnect(plug("camera"), grant(c), undefined, { classicSystem: device.classic, device }).allowed).toBe(ok);
  });
  it("slots-per-plug is reported for auto-connection", () => {
    expect(canAutoConnect(plug("camera"), grant({ "slots-per-plug": "*" }), undefined, CLASSIC).slotsPerPlug).toBe("*");
    expect(canAutoConnect(plug("network"), undefined, undefined, CLASSIC).slotsPerPlug).toBe(1);
  });
  it("an invalid declaration refuses everything, naming the problem", () => {
    const d = canInstall(plug("camera"), { plugs: { camera: { "allow-installation": { "plug-snap-type": ["nope"] } } } });
    expect(d).toMatchObject({ allowed: false, source: "snap-declaration" });
    expect(d.reason).toContain("invalid");
  });
});
