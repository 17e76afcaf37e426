import { describe, expect, it } from "vitest";
import { compileDeclaration, compileRule, DeclarationError, validateDeclaration } from "./rules";
import { prepareAttributes } from "./prepare";

describe("compiling rules as snapd 2.57 does (asserts/ifacedecls.go)", () => {
  it("shortcuts and defaults", () => {
    const t = compileRule("plug", "camera", true);
    expect(t.subrules["allow-installation"]).toHaveLength(1);
    const f = compileRule("plug", "camera", "false");
    expect(f.subrules["deny-connection"][0].plugAttributes).toEqual({ kind: "fixed", ok: true });
    expect(f.subrules["allow-connection"][0].plugAttributes).toEqual({ kind: "fixed", ok: false });
  });

  it("slots-per-plug: 1 or * for auto-connection, * for connection; plugs-per-slot always *", () => {
    const r = compileRule("plug", "camera", {
      "allow-auto-connection": [{ "on-classic": true }, { "slots-per-plug": "*" }, { "slots-per-plug": "3" }],
      "allow-connection": { "slots-per-plug": "2" },
    });
    expect(r.subrules["allow-auto-connection"].map((c) => c.slotsPerPlug)).toEqual([1, -1, 1]);
    expect(r.subrules["allow-connection"][0].slotsPerPlug).toBe(-1);
    expect(r.subrules["allow-connection"][0].plugsPerSlot).toBe(-1);
  });

  it("installation constraint maps read only their keys, and need none (snapd's count never trips there)", () => {
    const r = compileRule("plug", "camera", { "allow-installation": { "slot-attributes": { a: "x" } } });
    expect(r.subrules["allow-installation"][0].slotAttributes).toBeUndefined();
  });

  it.each([
    ["not a map", 5, "must be a map or one of the shortcuts"],
    ["no subrule", {}, "must specify at least one of"],
    ["only unknown subrules", { "allow-everything": true }, "must specify at least one of"],
    ["a connection map naming nothing it reads", { "allow-connection": { "plug-colour": ["red"] } }, "must specify at least one of"],
    ["a shortcut among alternatives", { "allow-connection": [true] }, "must be a map"],
    ["empty alternatives", { "allow-connection": [] }, "empty list"],
    ["slots-per-plug in a deny", { "deny-auto-connection": { "slots-per-plug": "*" } }, "apply only to allow-*connection"],
    ["slots-per-plug in installation", { "allow-installation": { "slots-per-plug": "*" } }, "apply only to allow-*connection"],
    ["slots-per-plug 0", { "allow-auto-connection": { "slots-per-plug": "0" } }, "must be an integer >=1 or *"],
    ["slots-per-plug 01", { "allow-auto-connection": { "slots-per-plug": "01" } }, "invalid prefix zeros"],
    ["bad snap type", { "allow-installation": { "plug-snap-type": ["base"] } }, "contains an invalid element"],
    ["bad publisher", { "allow-connection": { "slot-publisher-id": ["Not Valid"] } }, "contains an invalid element"],
    ["bad on-classic", { "allow-connection": { "on-classic": "maybe" } }, "must be 'true', 'false' or a list"],
    ["bad OS id", { "allow-connection": { "on-classic": ["Ubuntu"] } }, "contains an invalid element"],
    ["bad on-model", { "allow-connection": { "on-model": ["kiosk"] } }, "contains an invalid element"],
    ["spaces in a name regexp", { "allow-connection": { "plug-names": ["a b"] } }, "unexpected spaces"],
    ["bad special name", { "allow-connection": { "plug-names": ["$interface"] } }, "is invalid"],
    ["bad attribute regexp", { "allow-connection": { "plug-attributes": { a: "(" } } }, "cannot compile plug-attributes"],
  ])("refuses %s", (_name, rule, message) => {
    expect(() => compileRule("plug", "camera", rule)).toThrow(DeclarationError);
    expect(() => compileRule("plug", "camera", rule)).toThrow(message);
  });

  it("reads a declaration as a device decodes the assertion", () => {
    // an empty list inside a map vanishes, as when encoded
    const d = compileDeclaration({
      plugs: { camera: { "allow-installation": { "plug-snap-type": [], "plug-snap-id": ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] } } },
    });
    expect(d.plugs.get("camera")!.subrules["allow-installation"][0].plugSnapTypes).toBeUndefined();
    // dotted keys cannot be written; a map left with nothing no longer decodes
    expect(() => compileDeclaration({ plugs: { camera: { "allow-connection": { "plug-attributes": { "a.b": "x" } } } } })).toThrow("invalid map entry key");
    expect(() => compileDeclaration({ plugs: { camera: { "allow-connection": { "plug-snap-type": [] } } } })).toThrow("cannot be written in an assertion");
  });

  it("validateDeclaration: snapd's refusal first, then keys snapd would ignore", () => {
    expect(validateDeclaration({ plugs: { camera: { "allow-auto-connection": true } } })).toEqual([]);
    expect(validateDeclaration({ plugs: { camera: { "allow-installation": { "plug-colour": ["x"] } } } })).toEqual([
      'plugs.camera.allow-installation: unknown constraint "plug-colour"',
    ]);
    expect(validateDeclaration({ extra: {} })[0]).toContain("extra");
  });
});

describe("snapd's attribute defaulting (BeforePrepare*)", () => {
  it.each([
    ["plug", "content", "themes", {}, { content: "themes" }],
    ["plug", "content", "themes", { content: 5 }, { content: "themes" }],
    ["slot", "content", "lib", { content: "gtk" }, { content: "gtk" }],
    ["plug", "shared-memory", "buf", {}, { private: false, "shared-memory": "buf" }],
    ["plug", "shared-memory", "buf", { private: true }, { private: true }],
    ["slot", "shared-memory", "buf", { write: ["x"] }, { write: ["x"], "shared-memory": "buf" }],
    ["plug", "posix-mq", "q", {}, { "posix-mq": "q" }],
    ["slot", "custom-device", "d", {}, { "custom-device": "d" }],
    ["plug", "camera", "cam", {}, {}],
  ] as const)("%s %s %s %j", (side, iface, name, attrs, out) => {
    expect(prepareAttributes(side, iface, name, attrs)).toEqual({ attributes: out });
  });
  it("type errors drop the plug, as snapd drops it", () => {
    expect(prepareAttributes("plug", "shared-memory", "b", { private: "yes" }).error).toContain("must be a bool");
    expect(prepareAttributes("plug", "posix-mq", "q", { "posix-mq": 1 }).error).toContain("must be a string");
    expect(prepareAttributes("plug", "shared-memory", "b", { private: true, "shared-memory": "x" }).error).toContain("private: true");
  });
});
