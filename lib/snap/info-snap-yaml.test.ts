import { describe, expect, it } from "vitest";
import { parseSnapYaml } from "./snap-yaml";

const y = (extra: string) => parseSnapYaml("name: ab\nversion: 1\n" + extra);

describe("plugs and slots binding (snapd info_snap_yaml.go)", () => {
  it("unscoped plugs and slots go to every app and hook; listed ones to those that list them", () => {
    const r = y(
      "plugs:\n  net: network\n  cam: camera\nslots:\n  srv: {interface: dbus, bus: session, name: a.b}\napps:\n  a: {plugs: [cam]}\n  b: {}\nhooks:\n  install:\n  configure: {slots: [hs]}\n",
    );
    expect(r.errors).toEqual([]);
    const m = r.meta!;
    expect(m.plugs.net).toMatchObject({ apps: ["a", "b"], hooks: ["install", "configure"], implicit: false });
    expect(m.plugs.cam).toMatchObject({ apps: ["a"], hooks: [] });
    expect(m.slots.srv).toMatchObject({ apps: ["a", "b"], hooks: ["install", "configure"] });
    expect(m.slots.hs).toMatchObject({ interface: "hs", apps: [], hooks: ["configure"], implicit: true });
    expect(m.hooks).toEqual([
      { name: "install", plugs: ["net"], slots: ["srv"] },
      { name: "configure", plugs: ["net"], slots: ["hs", "srv"] },
    ]);
  });

  it("activates-on binds the slot to its app", () => {
    const r = y("slots:\n  ds: {interface: dbus, bus: system, name: a.b}\napps:\n  a: {daemon: simple, activates-on: [ds]}\n  b: {}\n");
    expect(r.errors).toEqual([]);
    expect(r.meta!.slots.ds.apps).toEqual(["a"]);
    expect(r.meta!.apps[0].slots).toEqual(["ds"]);
  });

  it("a plug listed twice by an app is bound once", () => {
    expect(y("apps:\n  a: {plugs: [network, network]}\n").meta!.apps[0].plugs).toEqual(["network"]);
  });

  it("a plug named __proto__ is an own property, not the prototype", () => {
    const r = y("plugs:\n  __proto__: {interface: x, a: 1}\n");
    expect(Object.getPrototypeOf(r.meta!.plugs)).toBe(Object.prototype);
    expect(Object.keys(r.meta!.plugs)).toEqual(["__proto__"]);
  });
});

describe("count limits (after parsing, for flow-style documents the line scan does not count)", () => {
  const flow = (section: string, n: number, def: string) => `${section}: {${Array.from({ length: n }, (_, i) => `e${i}: ${def}`).join(", ")}}\n`;
  it.each([
    ["apps", 501, "{}", "snap.yaml has 501 apps; the store accepts at most 500"],
    ["hooks", 201, "{}", "snap.yaml has 201 hooks; the store accepts at most 200"],
    ["plugs", 501, "network", "snap.yaml has 501 plugs; the store accepts at most 500"],
  ])("%s: %d", (section, n, def, message) => {
    const r = y(flow(section, n, def));
    expect(r.meta).toBeNull();
    expect(r.errors).toEqual([{ field: section, message, storeOnly: true }]);
  });

  it("bindings of unscoped plugs to apps are bounded", () => {
    const plugs = Array.from({ length: 400 }, (_, i) => `p${i}: network`).join(", ");
    const slots = Array.from({ length: 100 }, (_, i) => `s${i}: network`).join(", ");
    const apps = Array.from({ length: 201 }, (_, i) => `a${i}: {}`).join(", ");
    const r = y(`plugs: {${plugs}}\nslots: {${slots}}\napps: {${apps}}\n`);
    expect(r.errors[0].message).toContain("snap.yaml has 100,500 bindings of plugs and slots");
  });
});
