import { describe, expect, it } from "vitest";
import { describeDiff, diffRevisions, type DiffInfo } from "./diff";

const p = (name: string, iface = name, attributes: Record<string, unknown> = {}) => ({ name, interface: iface, attributes });

const base: DiffInfo = {
  confinement: "strict",
  type: "app",
  base: "core22",
  plugs: { network: p("network"), home: p("home"), files: p("files", "personal-files", { read: ["$HOME/.config/a"] }) },
  slots: { dbus: p("dbus", "dbus", { bus: "session", name: "org.example.A" }) },
};

describe("diffRevisions", () => {
  it.each<[string, DiffInfo | null, DiffInfo, string[]]>([
    ["identical revisions: nothing", base, structuredClone(base), []],
    [
      "no earlier revision: everything is added",
      null,
      { confinement: "strict", type: "app", plugs: { network: p("network") } },
      ["confinement: (none) → strict", "type: (none) → app", "+ plug network"],
    ],
    ["confinement to classic", base, { ...base, confinement: "classic" }, ["confinement: strict → classic"]],
    ["base and type", base, { ...base, base: "core24", type: "base" }, ["type: app → base", "base: core22 → core24"]],
    ["base removed", base, { ...base, base: undefined }, ["base: core22 → (none)"]],
    [
      "plug added and removed",
      base,
      { ...base, plugs: { network: p("network"), cam: p("cam", "camera"), files: base.plugs!.files } },
      ["+ plug cam (camera)", "- plug home"],
    ],
    [
      "attribute changed, added and removed",
      base,
      { ...base, plugs: { ...base.plugs, files: p("files", "personal-files", { write: ["$HOME/.x"] }) } },
      ['~ plug files: read ["$HOME/.config/a"] → (unset)', '~ plug files: write (unset) → ["$HOME/.x"]'],
    ],
    [
      "attribute value changed in a slot",
      base,
      { ...base, slots: { dbus: p("dbus", "dbus", { bus: "system", name: "org.example.A" }) } },
      ['~ slot dbus: bus "session" → "system"'],
    ],
    [
      "interface of a plug changed",
      base,
      { ...base, plugs: { ...base.plugs, home: p("home", "removable-media") } },
      ["~ plug home: interface home → removable-media"],
    ],
    [
      "attribute key order is no change",
      { plugs: { x: p("x", "content", { a: 1, b: { c: 2, d: 3 } }) } },
      { plugs: { x: p("x", "content", { b: { d: 3, c: 2 }, a: 1 }) } },
      [],
    ],
    ["slot removed", base, { ...base, slots: {} }, ["- slot dbus"]],
  ])("%s", (_name, before, after, lines) => {
    const d = diffRevisions(before, after);
    expect(describeDiff(d)).toEqual(lines);
    expect(d.empty).toBe(lines.length === 0);
  });

  it("structured result", () => {
    const d = diffRevisions(base, { ...base, confinement: "classic", plugs: { ...base.plugs, cam: p("cam", "camera") } });
    expect(d.fields).toEqual([{ field: "confinement", from: "strict", to: "classic" }]);
    expect(d.plugs.added).toEqual([p("cam", "camera")]);
    expect(d.plugs.removed).toEqual([]);
    expect(d.slots).toEqual({ added: [], removed: [], changed: [] });
  });
});
