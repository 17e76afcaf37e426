import { describe, expect, it } from "vitest";
import { corpusFiles, CORPUS_DIR, requireShared } from "../../test/support/shared";
import { isValidSnapName, parseSnapYaml, SNAP_NAME_RULE } from "./snap-yaml";

/**
 * Corpus files that are deliberately invalid or not usable as-is, each with the reason.
 * Everything else in the corpus must parse with no errors.
 */
const EXPECTED_INVALID: Record<string, { reason: string; fields: string[] }> = {
  "tests__main__layout-content-delayed-effects__test-snapd-content-consumer.yaml": {
    reason: "template: name contains %SUFF%, substituted by the test before packing",
    fields: ["name"],
  },
  "tests__main__layout-content-delayed-effects__test-snapd-content-provider.yaml": {
    reason: "template: name contains %SUFF%, substituted by the test before packing",
    fields: ["name"],
  },
  "tests__main__base-none__test-snapd-base-none-invalid.yaml": {
    reason: 'deliberately invalid (snapd test "base-none"): base "none" with apps',
    fields: ["base"],
  },
  "tests__nested__manual__muinstaller-core__snap-with-comps.yaml": {
    reason: "template: base is the shell variable $BASE, substituted before packing",
    fields: ["base"],
  },
  "snapd-testing-tools__tests__spread-filter__tests__lib__tools__suite__test2__snap.yaml": {
    reason: "empty file (a spread-filter fixture, not a real snap.yaml): no name, no version",
    fields: ["name", "version"],
  },
  // Refused by snapd 2.57.6 itself (test/snapd/validate.test.ts asks it): these are snapd's own
  // negative fixtures or fixtures its tests rewrite before use.
  "tests__lib__snaps__socket-activation-classic.yaml": {
    reason: 'sockets without a network-bind plug (snapd: "network-bind" interface plug is required when sockets are used)',
    fields: ["apps.sleep-daemon.sockets"],
  },
  "tests__main__interfaces-content-compatibility__cons.yaml": {
    reason: "template: compatibility is empty until the test fills it in (snapd: invalid scalar <nil>)",
    fields: ["plugs.ciiface.compatibility"],
  },
  "tests__main__interfaces-content-compatibility__prod.yaml": {
    reason: "template: compatibility is empty until the test fills it in (snapd: invalid scalar <nil>)",
    fields: ["slots.ciiface.compatibility"],
  },
  "tests__main__system-usernames-illegal__test-snapd-illegal-system-username.yaml": {
    reason: 'deliberately invalid (snapd test "system-usernames-illegal"): unsupported system username "daemon"',
    fields: ["system-usernames.daemon"],
  },
  "tests__regression__lp-1949368__bad-layout.yaml": {
    reason: "deliberately invalid (snapd regression test lp-1949368): an AppArmor wildcard in a layout source",
    fields: ["layout./var/lib/foo"],
  },
};

const y = (s: string) => parseSnapYaml(s);
const fields = (s: string) => y(s).errors.map((e) => e.field);

describe.skipIf(!requireShared("snap.yaml corpus tests", CORPUS_DIR))("corpus: snapd test suite snap.yaml files", () => {
  const corpus = corpusFiles();
  const files = corpus.map(([f]) => f);
  const texts = new Map(corpus);

  it("has the expected corpus", () => {
    expect(files.length).toBe(383);
    for (const f of Object.keys(EXPECTED_INVALID)) expect(files).toContain(f);
  });

  it.each(files)("%s", (file) => {
    const text = texts.get(file)!;
    const r = parseSnapYaml(text);
    const expected = EXPECTED_INVALID[file];
    if (expected) {
      expect(r.errors.length, expected.reason).toBeGreaterThan(0);
      expect([...new Set(r.errors.map((e) => e.field))].sort()).toEqual([...expected.fields].sort());
    } else {
      expect(r.errors).toEqual([]);
      expect(r.meta).not.toBeNull();
      expect(isValidSnapName(r.meta!.name)).toBe(true);
    }
  });

  it("reads PyYAML-style multi-line quoted scalars like snapd (remodel gadget)", () => {
    const r = parseSnapYaml(texts.get("tests__lib__snaps__test-snapd-remodel-pc-18.yaml")!);
    expect(r.errors).toEqual([]);
    expect(r.meta!.description).toBe("This gadget enables testing of pc devices with snapd brand store\n");
    expect(r.meta!.version).toBe("18-2");
    expect(r.meta!.type).toBe("gadget");
  });
});

// The name table itself is in naming.test.ts (snapd snap/naming); here: how parseSnapYaml reports it.
describe("name", () => {
  it("reports the rule and the bad value", () => {
    const r = y("name: Bad_Name\nversion: 1\n");
    expect(r.errors).toEqual([{ field: "name", message: `name "Bad_Name" is invalid: ${SNAP_NAME_RULE}` }]);
    expect(r.meta?.name).toBe("Bad_Name"); // meta still returned
  });

  it("missing name -> error and no meta", () => {
    const r = y("version: 1\n");
    expect(r.meta).toBeNull();
    expect(r.errors.map((e) => e.field)).toEqual(["name"]);
  });

  it("numeric name is read as text", () => {
    expect(y("name: 1234\nversion: 1\n").errors[0].message).toContain('"1234"');
  });
});

describe("version", () => {
  it.each([
    ["1.0", true],
    ["1", true],
    ["a", true],
    ["1.0~rc1", true],
    ["2:1.0+git", true],
    ["1.0-beta", true],
    ["v".repeat(32), true],
    ["1+", true],
    ["1~", true],
    ["v".repeat(33), false],
    ["-1", false],
    ["1-", false],
    ["1.0.", false],
    ["1 0", false],
    ["1_0", false],
    ["ünïcode", false],
    [".1", false],
  ])("version %j valid=%s", (v, ok) => {
    expect(fields(`name: ab\nversion: ${JSON.stringify(v)}\n`).includes("version")).toBe(!ok);
  });

  it("keeps the YAML source text, like snapd: 1.0 stays 1.0, 1.10 stays 1.10", () => {
    expect(y("name: ab\nversion: 1.0\n").meta!.version).toBe("1.0");
    expect(y("name: ab\nversion: 1.10\n").meta!.version).toBe("1.10");
    expect(y("name: ab\nversion: '01'\n").meta!.version).toBe("01");
    expect(y("name: ab\nversion: 1e3\n").meta!.version).toBe("1e3");
  });

  it("missing version is an error but meta is still returned", () => {
    const r = y("name: ab\n");
    expect(r.errors).toEqual([{ field: "version", message: expect.stringContaining("version is missing") }]);
    expect(r.meta).not.toBeNull();
  });

  it("explains what is wrong", () => {
    const msg = y("name: ab\nversion: -1.0_x.\n").errors[0].message;
    expect(msg).toContain('"-1.0_x."');
    expect(msg).toContain("must start with");
    expect(msg).toContain("must end with");
    expect(msg).toContain('"_"');
  });
});

describe("title, summary, description (code points)", () => {
  it.each([
    ["title", 40],
    ["summary", 128],
    ["description", 4096],
  ])("%s up to %d code points", (field, max) => {
    const ok = "é".repeat(max); // 2 UTF-8 bytes each: counts code points, not bytes
    const emoji = "😀".repeat(max); // 2 UTF-16 units each
    expect(fields(`name: ab\nversion: 1\n${field}: ${JSON.stringify(ok)}\n`)).toEqual([]);
    expect(fields(`name: ab\nversion: 1\n${field}: ${JSON.stringify(emoji)}\n`)).toEqual([]);
    const r = y(`name: ab\nversion: 1\n${field}: ${JSON.stringify(ok + "x")}\n`);
    // snapd 2.57 does not check summaries: that limit is the store's own rule.
    const storeOnly = field === "summary" ? { storeOnly: true } : {};
    expect(r.errors).toEqual([{ field, message: `${field} can have up to ${max} code points, got ${max + 1}`, ...storeOnly }]);
  });

  it("must be strings", () => {
    expect(fields("name: ab\nversion: 1\nsummary: [a, b]\n")).toEqual(["summary"]);
  });
});

describe("enums", () => {
  it.each([
    ["confinement", "strict", true],
    ["confinement", "classic", true],
    ["confinement", "devmode", true],
    ["confinement", "jailmode", false],
    ["confinement", "Strict", false],
    ["grade", "stable", true],
    ["grade", "devel", true],
    ["grade", "beta", false],
    ["type", "app", true],
    ["type", "base", true],
    ["type", "gadget", true],
    ["type", "kernel", true],
    ["type", "snapd", true],
    ["type", "os", true],
    ["type", "core", false],
    ["type", "app-x", false],
  ])("%s: %s valid=%s", (field, value, ok) => {
    const r = y(`name: ab\nversion: 1\n${field}: ${value}\n`);
    expect(r.errors.map((e) => e.field)).toEqual(ok ? [] : [field]);
    if (ok) expect((r.meta as unknown as Record<string, string>)[field]).toBe(value);
    else expect(r.errors[0].message).toContain(JSON.stringify(value));
  });

  it('type "application" is an app, as snapd reads it', () => {
    const r = y("name: ab\nversion: 1\ntype: application\n");
    expect(r.errors).toEqual([]);
    expect(r.meta!.type).toBe("app");
  });

  it("defaults: strict, stable, app, architectures all, epoch 0", () => {
    const m = y("name: ab\nversion: 1\n").meta!;
    expect(m.confinement).toBe("strict");
    expect(m.grade).toBe("stable");
    expect(m.type).toBe("app");
    expect(m.architectures).toEqual(["all"]);
    expect(m.epoch).toBe("0");
    expect(m.base).toBeUndefined();
  });
});

describe("base", () => {
  it.each([
    ["core22", true],
    ["core", true],
    ["none", true],
    ["test-snapd-core18", true],
    ["Core22", false],
    ["core_x", false],
    ["-core", false],
  ])("base %s valid=%s", (base, ok) => {
    expect(fields(`name: ab\nversion: 1\nbase: ${base}\n`)).toEqual(ok ? [] : ["base"]);
  });

  it("a base snap cannot have a base (except none)", () => {
    expect(fields("name: ab\nversion: 1\ntype: base\nbase: core22\n")).toEqual(["base"]);
    expect(fields("name: ab\nversion: 1\ntype: base\nbase: none\n")).toEqual([]);
    expect(fields("name: ab\nversion: 1\ntype: base\n")).toEqual([]);
  });

  it('base "none" cannot have apps', () => {
    expect(fields("name: ab\nversion: 1\nbase: none\napps:\n  x: {command: bin/x}\n")).toEqual(["base"]);
  });
});

describe("architectures", () => {
  it.each([
    ["[amd64]", true],
    ["[amd64, arm64, armhf, i386, ppc64el, riscv64, s390x]", true],
    ["[all]", true],
    ["[x86_64]", false],
    ["[amd64, all]", false],
    ["[amd64, amd64]", false],
    ["amd64", false],
    ["[AMD64]", false],
  ])("architectures: %s valid=%s", (a, ok) => {
    expect(fields(`name: ab\nversion: 1\narchitectures: ${a}\n`)).toEqual(ok ? [] : ["architectures"]);
  });

  it("keeps the listed architectures", () => {
    expect(y("name: ab\nversion: 1\narchitectures: [arm64, amd64]\n").meta!.architectures).toEqual(["arm64", "amd64"]);
  });
});

describe("license and epoch in snap.yaml (rules: spdx.test.ts, epoch.test.ts)", () => {
  it("reports an invalid license with the value", () => {
    const r = y(`name: ab\nversion: 1\nlicense: "MIT Apache-2.0"\n`);
    expect(r.errors.map((e) => e.field)).toEqual(["license"]);
    expect(r.errors[0].message).toContain('"MIT Apache-2.0"');
  });

  it.each([
    ["1", "1"],
    ["'1*'", "1*"],
    ["{read: [1, 2], write: [2]}", "2*"],
    ["{read: [1, 2]}", "2*"],
  ])("epoch: %s -> %s", (e, out) => {
    const r = y(`name: ab\nversion: 1\nepoch: ${e}\n`);
    expect(r.errors).toEqual([]);
    expect(r.meta!.epoch).toBe(out);
  });

  it.each(["0*", "01", "1.0", "{read: [], write: [1]}", "[1]"])("invalid epoch: %s", (e) => {
    expect(fields(`name: ab\nversion: 1\nepoch: ${e}\n`)).toEqual(["epoch"]);
  });
});

describe("apps and hooks", () => {
  it.each([
    ["foo", true],
    ["Foo2", true],
    ["a-b", true],
    ["1", true],
    ["-a", false],
    ["a-", false],
    ["a--b", false],
    ["a_b", false],
    ["a.b", false],
  ])("app name %s valid=%s", (n, ok) => {
    expect(fields(`name: ab\nversion: 1\napps:\n  ${JSON.stringify(n)}: {command: bin/x}\n`)).toEqual(ok ? [] : [`apps.${n}`]);
  });

  it("validates daemon values and daemon-only fields", () => {
    const r = y(
      [
        "name: ab",
        "version: 1",
        "apps:",
        "  svc: {command: bin/svc, daemon: simple, restart-condition: always, stop-mode: sigterm, refresh-mode: endure}",
        "  bad: {command: bin/bad, daemon: shared}",
        "  cli: {command: bin/cli, stop-mode: sighup, restart-condition: never, refresh-mode: ignore-running}",
        "  user: {command: bin/u, daemon: simple, daemon-scope: user}",
        "  wrong: {command: bin/w, daemon: simple, restart-condition: sometimes}",
      ].join("\n"),
    );
    expect(r.errors.map((e) => e.field).sort()).toEqual(
      ["apps.bad.daemon", "apps.cli.restart-condition", "apps.cli.stop-mode", "apps.wrong.restart-condition"].sort(),
    );
    const apps = Object.fromEntries(r.meta!.apps.map((a) => [a.name, a]));
    expect(apps.svc.daemon).toBe("simple");
    expect(apps.svc.daemonScope).toBe("system");
    expect(apps.user.daemonScope).toBe("user");
    expect(apps.cli.daemon).toBeUndefined();
  });

  it("rejects illegal characters in commands (quotes)", () => {
    expect(fields(`name: ab\nversion: 1\napps:\n  x:\n    command: bin/x "quoted"\n`)).toEqual(["apps.x.command"]);
    expect(fields(`name: ab\nversion: 1\napps:\n  x:\n    command: $SNAP/bin/x --flag=1:2 # comment\n`)).toEqual(["apps.x.command"]);
    expect(fields(`name: ab\nversion: 1\napps:\n  x:\n    command: $SNAP/bin/x --flag 1:2 #ok\n`)).toEqual([]);
  });

  it("ignores hooks snapd does not support, as snapd does", () => {
    const r = y("name: ab\nversion: 1\nhooks:\n  install:\n  Configure:\n  my-hook: {plugs: [network]}\n");
    expect(r.errors).toEqual([]);
    expect(r.meta!.hooks.map((h) => h.name)).toEqual(["install"]);
    expect(r.meta!.plugs.network).toBeUndefined(); // an ignored hook's plugs are not created
  });

  it("binds hook slots (snapd 2.57 accepts slots on hooks)", () => {
    const r = y("name: ab\nversion: 1\nhooks:\n  configure: {slots: [srv]}\n");
    expect(r.errors).toEqual([]);
    expect(r.meta!.slots.srv).toMatchObject({ interface: "srv", hooks: ["configure"], apps: [], implicit: true });
  });
});

describe("plugs and slots: every YAML form", () => {
  const base = "name: ab\nversion: 1\n";

  it("name: {interface: X, ...attrs}", () => {
    const r = y(base + "plugs:\n  cam:\n    interface: camera\n    foo: bar\n    num: 3\napps:\n  a: {command: a, plugs: [cam]}\n  b: {command: b}\n");
    expect(r.errors).toEqual([]);
    expect(r.meta!.plugs.cam).toMatchObject({ name: "cam", interface: "camera", attributes: { foo: "bar", num: 3 }, apps: ["a"], implicit: false });
  });

  it("name: X (interface as a string)", () => {
    const r = y(base + "plugs:\n  cam: camera\n");
    expect(r.errors).toEqual([]);
    expect(r.meta!.plugs.cam).toMatchObject({ interface: "camera", attributes: {} });
  });

  it("name: null / name: {} / bare key -> interface = name", () => {
    for (const form of ["camera: null", "camera: {}", "camera:", "camera: ~"]) {
      const r = y(base + `plugs:\n  ${form}\n`);
      expect(r.errors, form).toEqual([]);
      expect(r.meta!.plugs.camera, form).toMatchObject({ name: "camera", interface: "camera", attributes: {} });
    }
  });

  it("plugs listed only under apps are implicit, interface = name", () => {
    const r = y(base + "apps:\n  a: {command: a, plugs: [network, home]}\n  b: {command: b, plugs: [network], slots: [dbus-x]}\n");
    expect(r.errors).toEqual([]);
    expect(r.meta!.plugs.network).toMatchObject({ interface: "network", apps: ["a", "b"], implicit: true });
    expect(r.meta!.plugs.home).toMatchObject({ interface: "home", apps: ["a"], implicit: true });
    expect(r.meta!.slots["dbus-x"]).toMatchObject({ interface: "dbus-x", apps: ["b"], implicit: true });
  });

  it("a top-level plug no app lists is bound to ALL apps (and hooks)", () => {
    const r = y(
      base +
        "plugs:\n  network:\n  cam: camera\nslots:\n  srv: {interface: content, content: x}\napps:\n  a: {command: a, plugs: [cam]}\n  b: {command: b}\nhooks:\n  install:\n",
    );
    expect(r.errors).toEqual([]);
    const m = r.meta!;
    expect(m.plugs.network.apps).toEqual(["a", "b"]);
    expect(m.plugs.network.hooks).toEqual(["install"]);
    expect(m.plugs.cam.apps).toEqual(["a"]);
    expect(m.slots.srv.apps).toEqual(["a", "b"]);
    expect(m.apps.find((a) => a.name === "b")!.plugs).toEqual(["network"]);
    expect(m.apps.find((a) => a.name === "a")!.plugs.sort()).toEqual(["cam", "network"]);
  });

  it("a plug used only by a hook is not bound to apps", () => {
    const r = y(base + "plugs:\n  network-control:\napps:\n  a: {command: a}\nhooks:\n  configure:\n    plugs: [network-control]\n");
    expect(r.errors).toEqual([]);
    expect(r.meta!.plugs["network-control"]).toMatchObject({ apps: [], hooks: ["configure"] });
  });

  it("label is kept apart from attributes", () => {
    const r = y(base + "slots:\n  s:\n    interface: content\n    label: Shared\n    read: [$SNAP/x]\n");
    expect(r.meta!.slots.s).toMatchObject({ label: "Shared", attributes: { read: ["$SNAP/x"] } });
  });

  it("YAML 1.1 booleans in attributes, like yaml.v2", () => {
    const r = y(base + "plugs:\n  browser-support:\n    allow-sandbox: yes\n");
    expect(r.meta!.plugs["browser-support"].attributes["allow-sandbox"]).toBe(true);
  });

  it.each([
    ["plugs:\n  cam:\n    interface: camera\n    $foo: 1\n", "plugs.cam.$foo", "reserved attribute"],
    ["plugs:\n  Cam: camera\n", "plugs.Cam", "plug name"],
    ["plugs:\n  cam: Camera_X\n", "plugs.cam.interface", "interface name"],
    ["plugs:\n  cam:\n    interface: [a]\n", "plugs.cam.interface", "must be a string"],
    ["plugs:\n  cam: [camera]\n", "plugs.cam", "malformed"],
    ["plugs: [camera]\n", "plugs", "must be a mapping"],
    ["slots:\n  s-1-: x\n", "slots.s-1-", "slot name"],
    ["apps:\n  a: {command: a, plugs: [Bad]}\n", "apps.a.plugs", "plug name"],
    ["apps:\n  a: {command: a, plugs: camera}\n", "apps.a.plugs", "must be a list"],
    ["plugs:\n  x: camera\nslots:\n  x: camera\n", "plugs.x", "same name"],
  ])("invalid: %j", (text, field, msg) => {
    const r = y(base + text);
    expect(r.errors.map((e) => e.field)).toContain(field);
    expect(r.errors.find((e) => e.field === field)!.message).toContain(msg);
  });
});

describe("YAML-level problems", () => {
  it("syntax error -> single error with line number", () => {
    const r = y("name: ab\nversion: 1\napps:\n  a: [unclosed\n  b: 2\n");
    expect(r.meta).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].field).toBe("snap.yaml");
    expect(r.errors[0].message).toMatch(/line \d+/);
  });

  it("duplicate keys are rejected", () => {
    const r = y("name: ab\nversion: 1\nname: cd\n");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].field).toBe("snap.yaml");
    expect(r.errors[0].message).toMatch(/line 3.*unique|unique.*line 3/i);
  });

  it("alias bombs are refused", () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "name: ab",
      "version: 1",
    ].join("\n");
    const r = y(bomb);
    expect(r.meta).toBeNull();
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].field).toBe("snap.yaml");
  });

  it("a few aliases are fine", () => {
    const r = y("name: ab\nversion: 1\nx: &p [network]\napps:\n  a: {command: a, plugs: *p}\n");
    expect(r.errors).toEqual([]);
    expect(r.meta!.apps[0].plugs).toEqual(["network"]);
  });

  it("non-mapping document", () => {
    expect(y("- a\n- b\n").errors).toEqual([{ field: "snap.yaml", message: expect.stringContaining("mapping") }]);
  });

  it("unknown top-level keys are allowed", () => {
    expect(y("name: ab\nversion: 1\nassumes: [snapd2.55]\nlayout: {}\nsomething-new: 1\n").errors).toEqual([]);
  });
});

it("reports every violation at once", () => {
  const r = y(
    [
      "name: Bad_Name",
      "version: -1",
      `summary: ${"s".repeat(129)}`,
      `title: ${"t".repeat(41)}`,
      "confinement: jail",
      "grade: beta",
      "type: thing",
      "base: Core",
      "architectures: [x86]",
      "epoch: 0*",
      "license: MIT Apache",
      "apps:",
      "  bad_app: {command: x, daemon: nope}",
      "plugs:",
      "  cam: {interface: camera, $x: 1}",
    ].join("\n"),
  );
  expect(new Set(r.errors.map((e) => e.field))).toEqual(
    new Set([
      "name",
      "version",
      "summary",
      "title",
      "confinement",
      "grade",
      "type",
      "base",
      "architectures",
      "epoch",
      "license",
      "apps.bad_app",
      "apps.bad_app.daemon",
      "plugs.cam.$x",
    ]),
  );
  expect(r.meta).not.toBeNull();
  expect(r.meta!.confinement).toBe("strict"); // invalid values fall back to defaults in meta
});

it("names keep their source text, attribute keys are typed (YAML 1.1 reads `n`/`on` as booleans), as in yaml.v2", () => {
  // apps, plugs, hooks are map[string]... in snapd: a key `1` or `on` is the name "1" / "on".
  const ok = y("name: ab\nversion: 1\nplugs:\n  cam:\n    interface: camera\n    'n': 1\n    \"on\": yes\napps:\n  1: {command: x}\n  on: {command: y}\n");
  expect(ok.errors).toEqual([]);
  expect(ok.meta!.plugs.cam.attributes).toEqual({ n: 1, on: true });
  expect(ok.meta!.apps.map((a) => a.name)).toEqual(["1", "on"]);
  // attributes are interface{} in snapd: an unquoted `n` key is the boolean false, which snapd refuses.
  const bad = y("name: ab\nversion: 1\nplugs:\n  cam:\n    interface: camera\n    n: 1\n");
  expect(bad.errors.map((e) => e.field)).toEqual(["plugs.cam"]);
  expect(bad.errors[0].message).toContain("not a string");
});
