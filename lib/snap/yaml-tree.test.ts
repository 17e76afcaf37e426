import { describe, expect, it } from "vitest";
import { MAX_YAML_ALIASES, MAX_YAML_DEPTH, MAX_YAML_TOKENS } from "./limits";
import { precheckSections } from "./yaml-precheck";
import { isNull, readYaml, typed, type YScalar } from "./yaml-tree";

const plain = (text: string): YScalar => ({ kind: "scalar", text, style: "plain", line: 1 });

describe("scalar typing as yaml.v2 resolves it (YAML 1.1)", () => {
  it.each([
    ["", "null", null],
    ["~", "null", null],
    ["null", "null", null],
    ["NULL", "null", null],
    ["yes", "bool", true],
    ["Y", "bool", true],
    ["on", "bool", true],
    ["n", "bool", false],
    ["off", "bool", false],
    ["FALSE", "bool", false],
    ["1", "int", 1],
    ["-7", "int", -7],
    ["0x1F", "int", 31],
    ["0755", "int", 493],
    ["0o17", "int", 15],
    ["0b101", "int", 5],
    ["1_000", "int", 1000],
    // The literals are the doubles yaml.v2 yields for these integers: the loss of precision is the point.
    // eslint-disable-next-line no-loss-of-precision
    ["9223372036854775807", "int", 9223372036854775807],
    // eslint-disable-next-line no-loss-of-precision
    ["18446744073709551615", "uint", 18446744073709551615],
    ["1.5", "float", 1.5],
    [".5", "float", 0.5],
    ["1e3", "float", 1000],
    ["99999999999999999999", "float", 1e20],
    ["1.0.0", "str", "1.0.0"],
    ["2001-12-14", "str", "2001-12-14"],
    ["abc", "str", "abc"],
    ["0x", "str", "0x"],
    ["1:20", "str", "1:20"],
  ])("%j is %s", (text, type, value) => {
    expect(typed(plain(text))).toEqual({ type, value });
  });

  it("quoted scalars and !!str are strings; .inf/.nan are floats", () => {
    expect(typed({ ...plain("yes"), style: "quoted" })).toEqual({ type: "str", value: "yes" });
    expect(typed({ ...plain("1"), tag: "tag:yaml.org,2002:str" })).toEqual({ type: "str", value: "1" });
    expect(typed(plain("-.inf")).value).toBe(-Infinity);
    expect(Number.isNaN(typed(plain(".nan")).value)).toBe(true);
    expect(isNull(plain("~"))).toBe(true);
    expect(isNull({ ...plain("~"), style: "quoted" })).toBe(false);
  });
});

describe("readYaml", () => {
  it("keeps the text of scalars and the order of keys", () => {
    const r = readYaml("version: 1.10\nb: 'x'\na: [1, ~]\n");
    expect(r.errors).toEqual([]);
    const root = r.root!;
    expect(root.kind).toBe("map");
    if (root.kind !== "map") return;
    expect(root.pairs.map((p) => (p.key.kind === "scalar" ? p.key.text : "?"))).toEqual(["version", "b", "a"]);
    expect(root.pairs[0].value).toMatchObject({ kind: "scalar", text: "1.10", style: "plain" });
    expect(root.pairs[1].value).toMatchObject({ kind: "scalar", text: "x", style: "quoted" });
  });

  it("an empty document has no root and no error", () => {
    expect(readYaml("")).toEqual({ root: null, errors: [], duplicates: [], storeOnly: [] });
    expect(readYaml("# only a comment\n").root).toBeNull();
  });

  it("finds duplicate keys with their lines", () => {
    expect(readYaml("a: 1\nb: 2\na: 3\n").duplicates).toEqual([{ key: "a", line: 3 }]);
  });

  it("resolves aliases and merge keys", () => {
    const r = readYaml("x: &p {a: 1}\ny: {<<: *p, b: 2}\nz: *p\n");
    expect(r.errors).toEqual([]);
    const root = r.root as Extract<typeof r.root, { kind: "map" }>;
    const y = root.pairs[1].value;
    expect(y.kind === "map" && y.pairs.map((p) => (p.key as YScalar).text)).toEqual(["a", "b"]);
    expect(root.pairs[2].value).toBe(root.pairs[0].value); // shared, not copied
  });

  it.each([
    ["syntax error", "a: [unclosed\nb: 2\n", /invalid YAML at line \d+/],
    ["an alias before its anchor", "a: *nope\n", /before its anchor/],
    ["too many tokens", "x: [" + "a, ".repeat(MAX_YAML_TOKENS) + "]\n", /more than 20,000 YAML tokens/],
    ["deep flow nesting", "x: " + "[".repeat(200) + "]".repeat(200) + "\n", /nests too deeply/],
    ["deep nesting within the parser's limit", "x: " + "[".repeat(MAX_YAML_DEPTH + 2) + "]".repeat(MAX_YAML_DEPTH + 2) + "\n", /more than 32 levels deep/],
    [
      "an alias bomb",
      "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n",
      /more than 20,000 YAML nodes/,
    ],
    ["too many aliases", Array.from({ length: MAX_YAML_ALIASES }, (_, i) => `a${i}: &a${i} 1\nb${i}: *a${i}\n`).join(""), /more than 100 YAML/],
    [
      "a value of 70,000 characters",
      "a: 1\nb: 2\nc: " + "x".repeat(70_000) + "\n",
      /line 3 has a value of 70,000 characters; the store accepts at most 65,536/,
    ],
    ["a quoted value of 70,000 characters", 'a: "' + "\\t".repeat(35_000) + '"\n', /line 1 has a value of 70,002 characters/],
    [
      "300,000 characters of values",
      Array.from({ length: 6 }, (_, i) => `k${i}: ` + "x".repeat(50_000)).join("\n") + "\n",
      /more than 262,144 characters of values/,
    ],
    ["a huge mapping", Array.from({ length: 2_001 }, (_, i) => `k${i}: 1`).join("\n") + "\n", /mapping with 2,001 entries/],
  ])("refuses %s, as one snap.yaml error", (_, text, message) => {
    const r = readYaml(text);
    expect(r.root).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].field).toBe("snap.yaml");
    expect(r.errors[0].message).toMatch(message);
  });

  it("reads the first of several documents, as yaml.v2 does, and marks the others as the store's refusal", () => {
    const r = readYaml("a: 1\n---\nb: [\n");
    expect(r.errors).toEqual([]);
    expect(r.root).toMatchObject({ kind: "map", pairs: [{ key: { text: "a" } }] });
    expect(r.storeOnly).toEqual([{ field: "snap.yaml", message: expect.stringContaining("holds 2 YAML documents"), storeOnly: true }]);
  });

  it.each([
    ["a control character", "a: x\u0001y\n", /line 1 contains the control character U\+0001/],
    ["%YAML 1.2", "%YAML 1.2\n---\na: 1\n", /incompatible YAML document/],
    ["a lone surrogate escape", 'a: "\\ud800"\n', /invalid Unicode character/],
    ["NEL as a line break (libyaml)", "a: x\u0085b\n", /invalid YAML at line 2/],
  ])("libyaml's refusals: %s", (_, text, message) => {
    const r = readYaml(text);
    expect(r.errors.map((e) => e.message).join()).toMatch(message);
  });

  it("a merge key that cannot be merged is kept for the decoders to report", () => {
    const r = readYaml("x: {<<: 1, a: 2}\n");
    expect(r.errors).toEqual([]);
    expect(r.root).toMatchObject({ pairs: [{ value: { kind: "map", badMerge: 1 } }] });
  });

  it("accepts PyYAML's multi-line quoted scalars that libyaml accepts", () => {
    const r = readYaml("description: 'This gadget\n\n  and more'\nx: 1\n");
    expect(r.errors).toEqual([]);
  });
});

describe("precheckSections (line counts before parsing)", () => {
  const block = (section: string, n: number) => `name: x\n${section}:\n` + Array.from({ length: n }, (_, i) => `  e${i}:\n    command: x\n`).join("");
  it.each([
    ["apps", 500, null],
    ["apps", 501, "snap.yaml has 501 apps; the store accepts at most 500"],
    ["hooks", 201, "snap.yaml has 201 hooks; the store accepts at most 200"],
    ["plugs", 501, "snap.yaml has 501 plugs; the store accepts at most 500"],
    ["slots", 501, "snap.yaml has 501 slots; the store accepts at most 500"],
    ["layout", 5_000, null],
    ["layout", 10_000, "snap.yaml has 20,003 lines; the store accepts at most 20,000"],
    ["apps", 11_000, "snap.yaml has 11,000 apps; the store accepts at most 500"],
  ])("%s with %d entries -> %s", (section, n, message) => {
    expect(precheckSections(block(section, n))).toBe(message);
  });

  it("counts entries at the section's own indentation only, skipping comments and quoted keys count", () => {
    expect(precheckSections("apps:\n  # x\n  a:\n    plugs: [x]\n  'b':\n    c: d\nother:\n  e: 1\n")).toBeNull();
  });
});
