import { describe, expect, it } from "vitest";
import { attrEqual, checkAttributes, compileAttributeConstraints, compileGoRegexp, ConstraintError } from "./attributes";

const matches = (constraint: unknown, attrs: Record<string, unknown>, helper?: { plug: Record<string, unknown>; slot: Record<string, unknown> }) =>
  checkAttributes(compileAttributeConstraints(constraint), attrs, helper) === null;

describe("attribute constraints (snapd asserts/constraint.go)", () => {
  it.each([
    ["regexp is anchored", { a: "fo+" }, { a: "foo" }, true],
    ["regexp is anchored (no partial match)", { a: "fo+" }, { a: "xfoo" }, false],
    ["alternation inside the anchor", { a: "foo|bar" }, { a: "bar" }, true],
    ["inline case flag", { a: "(?i)foo" }, { a: "FOO" }, true],
    ["booleans match as text", { a: "true" }, { a: true }, true],
    ["integers match as text", { a: "12" }, { a: 12 }, true],
    ["floats never match", { a: "1.5" }, { a: 1.5 }, false],
    ["maps never match a regexp", { a: "x" }, { a: { b: "x" } }, false],
    ["unset attribute", { a: "x" }, {}, false],
    ["list: every element", { a: "x|y" }, { a: ["x", "y"] }, true],
    ["list: one bad element", { a: "x|y" }, { a: ["x", "z"] }, false],
    ["empty list matches anything", { a: "x" }, { a: [] }, true],
    ["alternatives per element", { a: ["x", "y"] }, { a: ["x", "y"] }, true],
    ["alternatives per element, miss", { a: ["x", "y"] }, { a: ["x", "z"] }, false],
    ["nested map, any key order", { m: { b: "2", a: "1" } }, { m: { a: 1, b: 2 } }, true],
    ["list of maps (mount-control)", { mount: [{ what: "/dev/.*" }] }, { mount: [{ what: "/dev/sda", where: "/x" }, { what: "/dev/sdb" }] }, true],
    ["list of maps, one miss", { mount: [{ what: "/dev/.*" }] }, { mount: [{ what: "/dev/sda" }, { what: "/tmp" }] }, false],
    ["$MISSING when absent", { a: "$MISSING" }, {}, true],
    ["$MISSING when set", { a: "$MISSING" }, { a: "x" }, false],
    ["$MISSING among alternatives never matches absence", { a: ["$MISSING", "x"] }, {}, false],
    ["$MISSING among alternatives, set", { a: ["$MISSING", "x"] }, { a: "x" }, true],
    ["top-level dotted path", { "m.k": "v" }, { m: { k: "v" } }, true],
    ["top-level alternatives of maps", [{ a: "1" }, { b: "2" }], { b: 2 }, true],
  ])("%s", (_name, constraint, attrs, ok) => {
    expect(matches(constraint, attrs as Record<string, unknown>)).toBe(ok);
  });

  it("$PLUG()/$SLOT() compare with the other side, exactly (int is not float, maps by key)", () => {
    const h = (slot: Record<string, unknown>) => ({ plug: {}, slot });
    expect(matches({ a: "$SLOT(a)" }, { a: { x: 1, y: "2" } }, h({ a: { y: "2", x: 1 } }))).toBe(true);
    expect(matches({ a: "$SLOT(a)" }, { a: 1 }, h({ a: 1.5 }))).toBe(false);
    expect(matches({ a: "$SLOT(a)" }, { a: "x" }, h({}))).toBe(false);
    expect(matches({ a: "$SLOT(b.c)" }, { a: "x" }, h({ b: { c: "x" } }))).toBe(true);
    // no other side at installation
    expect(matches({ a: "$SLOT(a)" }, { a: "x" })).toBe(false);
  });

  it.each([
    ["a string at the top", "foo"],
    ["nested alternatives", { a: [["x"]] }],
    ["unknown $ operation", { a: "$FOO(a)" }],
    ["two arguments", { a: "$SLOT(a,b)" }],
    ["bad regexp", { a: "(" }],
    ["look-ahead (not RE2)", { a: "(?=x)x" }],
    ["back-reference (not RE2)", { a: "(x)\\1" }],
    ["(?<name>) is not Go 1.19", { a: "(?<n>x)" }],
    ["a number", { a: 5 }],
  ])("refuses %s", (_name, constraint) => {
    expect(() => compileAttributeConstraints(constraint)).toThrow(ConstraintError);
  });

  it("Go-only syntax works: (?P<name>), \\pL, [[:alpha:]], \\z", () => {
    for (const re of ["(?P<n>x)", "\\pL", "[[:alpha:]]", "x\\z"]) expect(() => compileGoRegexp(re), re).not.toThrow();
    expect(compileGoRegexp("\\pL+").test("héllo")).toBe(true);
    // `$` is the end of the text, not before a final newline
    expect(compileGoRegexp("x").test("x\n")).toBe(false);
  });

  it("matching takes linear time on a pattern that stalls backtracking engines", () => {
    const re = compileGoRegexp("(a+)+$");
    const start = process.hrtime.bigint();
    expect(re.test(`${"a".repeat(5000)}!`)).toBe(false);
    expect(Number(process.hrtime.bigint() - start) / 1e9).toBeLessThan(5);
  });

  it("attrEqual", () => {
    expect(attrEqual([1, "a"], [1, "a"])).toBe(true);
    expect(attrEqual([1, "a"], ["a", 1])).toBe(false);
    expect(attrEqual(1, 1.5)).toBe(false);
    expect(attrEqual(true, "true")).toBe(false);
  });
});
