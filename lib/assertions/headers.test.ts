import { describe, expect, it } from "vitest";
import { checkHeaderValue, encodeHeader, parseHeaders, type HeaderValue } from "./headers";

// Expected texts worked out from snapd's appendEntry; the round trips include the values of snapd's
// own asserts/headers_test.go (TestAppendEntryMultiline, TestAppendEntryListNested, ...). The
// conformance suite (test/snapd/assertions.test.ts) checks the real thing against snapd's code.
describe("encodeHeader", () => {
  const cases: [string, HeaderValue, string][] = [
    ["simple", "foo", "\nname: foo"],
    ["empty string", "", "\nname: "],
    ["multi-line", "foo\nbar\n\nbaz", "\nname:\n    foo\n    bar\n    \n    baz"],
    ["trailing newline", "a\n", "\nname:\n    a\n    "],
    ["list", ["a", "b"], "\nname:\n  - a\n  - b"],
    ["list with multi-line entry", ["a", "x\ny"], "\nname:\n  - a\n  -\n      x\n      y"],
    ["map sorted by key", { zz: "1", aa: "2", "a-b": "3" }, "\nname:\n  a-b: 3\n  aa: 2\n  zz: 1"],
    ["list of maps", [{ b: "1", a: "2" }], "\nname:\n  -\n    a: 2\n    b: 1"],
    ["map of lists", { k: ["x", "y"] }, "\nname:\n  k:\n    - x\n    - y"],
    ["nested multi-line in map", { k: "l1\nl2" }, "\nname:\n  k:\n      l1\n      l2"],
    ["empty list omitted", [], ""],
    ["empty map omitted", {}, ""],
  ];
  it.each(cases)("%s", (_, value, want) => {
    expect(encodeHeader("name", value)).toBe(want);
  });
});

describe("parseHeaders", () => {
  const roundTrips: [string, Record<string, HeaderValue>][] = [
    ["scalars", { type: "account", "authority-id": "x", empty: "" }],
    ["multi-line", { type: "t", text: "one\ntwo\n\nfour\n" }],
    ["nested", { type: "t", plugs: { camera: { "allow-connection": [{ "plug-attributes": { a: ["x", "y\nz"] } }, { "on-classic": "false" }] } } }],
    ["value with leading space", { type: "t", v: "  spaced" }],
    ["snapd's multilines", { type: "t", a: "a\n", b: "a\nb", c: "baz\n baz1\nbaz2", d: "baz\n baz1\nbaz2\n", e: "baz\n baz1\nbaz2\n\n" }],
    ["snapd's nested list", { type: "t", bar: ["x", "a\nb\n", "", ["u1", ["w1", "w2"]]] }],
    ["snapd's simple map", { type: "t", bar: { x: "X", yy: "YY", z5: "" } }],
  ];
  it.each(roundTrips)("round-trips %s", (_, headers) => {
    const text = Object.entries(headers)
      .map(([k, v]) => encodeHeader(k, v))
      .join("")
      .slice(1);
    expect(parseHeaders(text)).toEqual(headers);
  });

  const bad: [string, string, RegExp][] = [
    ["no separator", "type: a\nnonsense", /missing ':'/],
    ["bad name", "Type: a", /invalid header name/],
    ["no space", "type:a", /should have a space/],
    ["repeated", "type: a\ntype: b", /repeated header/],
    ["multiline without indent", "text:\nfoo", /nesting prefix/],
    ["multiline at EOF", "text:", /EOF/],
    ["bad map key", "m:\n  Bad: x", /invalid map entry key/],
    ["repeated map key", "m:\n  a: x\n  a: y", /repeated map entry/],
  ];
  it.each(bad)("refuses %s", (_, text, re) => {
    expect(() => parseHeaders(text)).toThrow(re);
  });
});

describe("checkHeaderValue", () => {
  it.each([
    ["a number", 3, /must be a string, a list or a map/],
    ["null", null, /got null/],
    ["an empty list", [], /empty list/],
    ["an empty map", {}, /empty map/],
    ["a bad key", { "Not OK": "x" }, /invalid key/],
    ["a lone surrogate", "a\uD800b", /not valid Unicode/],
    ["a nested boolean", { a: [true] }, /h\.a\[0\]: must be a string/],
  ])("reports %s", (_, value, re) => {
    expect(checkHeaderValue(value, "h").join("; ")).toMatch(re);
  });
  it("accepts nested strings, lists and maps", () => {
    expect(checkHeaderValue({ a: ["x", { b: "y" }], c: "ünïcode" }, "h")).toEqual([]);
  });
});
