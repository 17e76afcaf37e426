import { describe, expect, it } from "vitest";
import { declarationFromHeaders, declarationHeaders, DeclarationError, type DeclarationInput } from "./declaration";

const ID = "SnapAaaaaaaaaaaaaaaaaaaaaaaaaaaA";

describe("declarationHeaders: headers and format", () => {
  // [name, declaration, expected headers (null: only the format matters), format]
  const cases: [string, DeclarationInput | undefined, object | null, number][] = [
    ["nothing", undefined, {}, 0],
    ["empty sides", { plugs: {}, slots: {} }, {}, 0],
    ["allow auto-connection", { plugs: { camera: { "allow-auto-connection": true } } }, { plugs: { camera: { "allow-auto-connection": "true" } } }, 1],
    ["string booleans stay", { plugs: { camera: { "allow-installation": "false" } } }, { plugs: { camera: { "allow-installation": "false" } } }, 1],
    ["whole-rule shortcuts", { plugs: { x11: true, camera: false } }, { plugs: { x11: "true", camera: "false" } }, 1],
    ["a rule with no subrules means true", { plugs: { x11: {} } }, { plugs: { x11: "true" } }, 1],
    [
      "constraint map",
      { plugs: { "snapd-control": { "allow-connection": { "slot-snap-type": ["core"], "on-classic": false } } } },
      { plugs: { "snapd-control": { "allow-connection": { "slot-snap-type": ["core"], "on-classic": "false" } } } },
      1,
    ],
    [
      "alternatives",
      { slots: { content: { "deny-connection": [{ "plug-snap-id": [ID] }, { "plug-snap-type": ["gadget"] }] } } },
      { slots: { content: { "deny-connection": [{ "plug-snap-id": [ID] }, { "plug-snap-type": ["gadget"] }] } } },
      1,
    ],
    [
      "attribute scalars become strings",
      { plugs: { "system-files": { "allow-installation": { "plug-attributes": { write: 3, recursive: true } } } } },
      { plugs: { "system-files": { "allow-installation": { "plug-attributes": { write: "3", recursive: "true" } } } } },
      1,
    ],
    ["$SLOT() needs format 2", { slots: { content: { "allow-connection": { "plug-attributes": { content: "$SLOT(content)" } } } } }, null, 2],
    ["$MISSING needs format 2", { plugs: { home: { "allow-auto-connection": { "plug-attributes": { read: "$MISSING" } } } } }, null, 2],
    ["plug-names needs format 4", { plugs: { camera: { "allow-connection": { "plug-names": ["$INTERFACE"] } } } }, null, 4],
    ["attribute alternatives need format 5", { plugs: { home: { "allow-auto-connection": { "plug-attributes": { read: ["all", "none"] } } } } }, null, 5],
    [
      "top-level attribute alternatives need format 5",
      { plugs: { home: { "allow-auto-connection": { "plug-attributes": [{ read: "all" }, { read: "none" }] } } } },
      null,
      5,
    ],
    [
      "highest feature wins",
      { plugs: { a: { "allow-connection": { "plug-names": ["x"] } }, b: { "allow-connection": { "plug-attributes": { c: "$PLUG(c)" } } } } },
      null,
      4,
    ],
  ];
  it.each(cases)("%s", (_, decl, headers, format) => {
    const h = declarationHeaders(decl);
    expect(h.format).toBe(format);
    if (headers) expect({ plugs: h.plugs, slots: h.slots }).toEqual({ plugs: undefined, slots: undefined, ...headers });
  });
});

describe("declarationHeaders refuses what snapd would refuse or read differently", () => {
  const bad: [string, unknown, RegExp][] = [
    ["unknown side", { plug: {} }, /plug: unknown declaration key/],
    ["unknown rule", { plugs: { camera: { "allow-everything": true } } }, /plugs\.camera\.allow-everything: unknown rule/],
    [
      "slot-side id in a plug rule's installation",
      { plugs: { camera: { "allow-installation": { "slot-snap-id": [ID] } } } },
      /not a constraint of a plug rule's installation subrule/,
    ],
    [
      "plug-snap-id in a plug rule's connection",
      { plugs: { camera: { "allow-connection": { "plug-snap-id": [ID] } } } },
      /not a constraint of a plug rule's connection subrule/,
    ],
    [
      "plug-publisher-id in a plug rule",
      { plugs: { content: { "allow-auto-connection": { "plug-publisher-id": ["$SLOT_PUBLISHER_ID"] } } } },
      /not a constraint of a plug rule/,
    ],
    ["an empty id list", { slots: { content: { "allow-connection": { "plug-snap-id": [] } } } }, /an empty list/],
    ["a bad snap id", { slots: { content: { "allow-connection": { "plug-snap-id": ["short"] } } } }, /"short" is not a 32-character snap-id/],
    ["a bad snap type", { slots: { content: { "allow-connection": { "plug-snap-type": ["os"] } } } }, /"os" is not a snap type/],
    ["a bad publisher marker", { slots: { content: { "allow-connection": { "plug-publisher-id": ["$lower"] } } } }, /is not an account id or a \$MARKER/],
    ["an empty constraint map", { plugs: { camera: { "allow-connection": {} } } }, /an empty constraint map/],
    ["an empty list of alternatives", { plugs: { camera: { "allow-connection": [] } } }, /an empty list of alternatives/],
    ["a shortcut among alternatives", { plugs: { camera: { "allow-connection": [true] } } }, /alternatives must be constraint maps/],
    ["on-classic not boolean", { plugs: { camera: { "allow-connection": { "on-classic": "sometimes" } } } }, /on-classic: must be true or false/],
    [
      "a scalar at the top of attributes",
      { plugs: { camera: { "allow-connection": { "plug-attributes": "x" } } } },
      /first level of attribute constraints must be a map/,
    ],
    ["nested alternatives", { plugs: { home: { "allow-connection": { "plug-attributes": { read: [["a"]] } } } } }, /cannot nest alternatives directly/],
    [
      "a bad $ operation",
      { plugs: { home: { "allow-connection": { "plug-attributes": { read: "$FOO(x)" } } } } },
      /is not \$MISSING, \$PLUG\(attribute\) or \$SLOT\(attribute\)/,
    ],
    ["a regexp RE2 cannot compile", { plugs: { home: { "allow-connection": { "plug-attributes": { read: "(?=x)y" } } } } }, /lookaround or back-references/],
    ["a broken regexp", { plugs: { home: { "allow-connection": { "plug-attributes": { read: "(" } } } } }, /is not a valid regexp/],
    [
      "an attribute name snapd cannot encode",
      { plugs: { home: { "allow-connection": { "plug-attributes": { Read_All: "x" } } } } },
      /attribute name "Read_All"/,
    ],
    ["an empty attribute map", { plugs: { home: { "allow-connection": { "plug-attributes": { nested: {} } } } } }, /empty map of attribute constraints/],
    ["a fractional number", { plugs: { home: { "allow-connection": { "plug-attributes": { n: 1.5 } } } } }, /1\.5 is not an integer/],
    ["a name with spaces", { plugs: { home: { "allow-connection": { "plug-names": ["a b"] } } } }, /cannot contain spaces/],
    ["an invalid special name", { plugs: { home: { "allow-connection": { "plug-names": ["$interface"] } } } }, /special value "\$interface" is invalid/],
    ["an invalid interface name", { plugs: { "Bad Iface": true } }, /plugs\.Bad Iface: not a valid interface name/],
    ["null rules", { plugs: { camera: null } }, /must be true, false or a map/],
  ];
  it.each(bad)("%s", (_, decl, re) => {
    let err: unknown;
    try {
      declarationHeaders(decl as DeclarationInput);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DeclarationError);
    expect((err as Error).message).toMatch(re);
  });

  it("lists every problem, with its path", () => {
    try {
      declarationHeaders({ plugs: { a: { "allow-connection": {} }, b: { "deny-installation": [] } } } as DeclarationInput);
      expect.unreachable();
    } catch (e) {
      expect((e as DeclarationError).problems).toEqual([
        "plugs.a.allow-connection: an empty constraint map (snapd requires at least one constraint)",
        "plugs.b.deny-installation: an empty list of alternatives",
      ]);
    }
  });
});

describe("declarationFromHeaders", () => {
  it("turns the headers back into the model (booleans for true/false)", () => {
    const decl: DeclarationInput = {
      plugs: { camera: { "allow-auto-connection": true }, x11: true },
      slots: { content: { "allow-connection": { "plug-snap-id": [ID], "on-classic": false } } },
    };
    expect(declarationFromHeaders(declarationHeaders(decl))).toEqual(decl);
    expect(declarationFromHeaders({})).toEqual({});
  });
});
