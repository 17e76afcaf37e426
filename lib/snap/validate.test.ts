import { describe, expect, it } from "vitest";
import { parseSnapYaml } from "./snap-yaml";

const BASE = "name: ab\nversion: 1\n";
const errs = (extra: string) => parseSnapYaml(BASE + extra).errors;
const fields = (extra: string) => errs(extra).map((e) => e.field);

describe("store-only rules are marked (snapd 2.57 accepts these)", () => {
  it.each([
    ["summary: " + "s".repeat(129), "summary"],
    ["grade: beta", "grade"],
    ["architectures: [x86]", "architectures"],
    ["architectures: [amd64, all]", "architectures"],
    ["name: cd", "snap.yaml"],
    ["plugs:\n  Cam: camera", "plugs.Cam"],
    ["plugs:\n  cam: Camera_X", "plugs.cam.interface"],
    ["slots:\n  shared: camera\napps:\n  a: {command: x, plugs: [shared]}", "plugs.shared"],
  ])("%j", (extra, field) => {
    const e = errs(extra);
    expect(e.map((x) => x.field)).toEqual([field]);
    expect(e[0].storeOnly).toBe(true);
  });

  it("a plug and a slot of one name with interfaces snapd knows is snapd's refusal", () => {
    const e = errs("plugs:\n  x: camera\nslots:\n  x: camera\n");
    expect(e).toEqual([{ field: "plugs.x", message: 'cannot have a plug and a slot with the same name: "x"' }]);
  });
});

describe("system-usernames (snapd: only snap_daemon and snap_microk8s, scope shared)", () => {
  it.each([
    ["snap_daemon: shared", []],
    ["snap_daemon: {scope: shared}", []],
    ["snap_microk8s: shared", []],
    ["daemon: shared", ["system-usernames.daemon"]],
    ["snap_daemon: private", ["system-usernames.snap_daemon"]],
    ["snap_daemon: external", ["system-usernames.snap_daemon"]],
    ["snap_daemon: ~", ["system-usernames.snap_daemon"]],
    ["snap_daemon: [shared]", ["system-usernames.snap_daemon"]],
    ["'Bad Name': shared", ["system-usernames.Bad Name"]],
  ])("%j -> %j", (users, expected) => {
    expect(fields(`system-usernames: {${users}}\n`)).toEqual(expected);
  });

  it("says which user is unsupported", () => {
    expect(errs("system-usernames:\n  daemon: shared\n")[0].message).toContain('unsupported system username "daemon"');
  });

  it("keeps the declared users in meta", () => {
    expect(parseSnapYaml(BASE + "system-usernames: {snap_daemon: shared}\n").meta!.systemUsernames).toEqual({ snap_daemon: "shared" });
  });
});

describe("sockets", () => {
  const app = (sock: string, more = "plugs: [network-bind], daemon: simple") => `apps:\n  s: {command: x, ${more}, sockets: {sock: {${sock}}}}\n`;
  it.each([
    ["listen-stream: $SNAP_DATA/s.sock", []],
    ["listen-stream: $SNAP_COMMON/s.sock, socket-mode: 0660", []],
    ["listen-stream: '8080'", []],
    ["listen-stream: '127.0.0.1:8080'", []],
    ["listen-stream: '[::1]:8080'", []],
    ["listen-stream: '@snap.ab.sock'", []],
    ["listen-stream: '@snap.other.sock'", ["apps.s.sockets.sock.listen-stream"]],
    ["listen-stream: '10.0.0.1:80'", ["apps.s.sockets.sock.listen-stream"]],
    ["listen-stream: '0'", ["apps.s.sockets.sock.listen-stream"]],
    ["listen-stream: '65536'", ["apps.s.sockets.sock.listen-stream"]],
    ["listen-stream: $SNAP_DATA/../s.sock", ["apps.s.sockets.sock.listen-stream"]],
    ["listen-stream: $SNAP_USER_DATA/s.sock", ["apps.s.sockets.sock.listen-stream"]],
    ["listen-stream: '8080', socket-mode: 01777", ["apps.s.sockets.sock.socket-mode"]],
    ["listen-stream: '8080', socket-mode: rw", ["apps.s.sockets.sock.socket-mode"]],
  ])("%j -> %j", (sock, expected) => {
    expect(fields(app(sock))).toEqual(expected);
  });

  it("need a network-bind plug, listed by the app or bound to it from the top level", () => {
    const e = errs(app("listen-stream: $SNAP_DATA/s.sock", "daemon: simple"));
    expect(e).toEqual([{ field: "apps.s.sockets", message: expect.stringContaining('"network-bind" interface plug is required when sockets are used') }]);
    expect(fields("plugs:\n  network-bind:\n" + app("listen-stream: $SNAP_DATA/s.sock", "daemon: simple"))).toEqual([]);
  });
});

describe("apps (snapd ValidateApp)", () => {
  it.each([
    ["{command: x, daemon: simple, stop-timeout: 10s}", []],
    ["{command: x, stop-timeout: 10s}", ["apps.a.stop-timeout"]],
    ["{command: x, stop-timeout: 0s}", []],
    ["{command: x, daemon: simple, stop-timeout: 10}", ["apps.a.stop-timeout"]],
    ["{command: x, daemon: simple, restart-delay: -1s}", ["apps.a.restart-delay"]],
    ["{command: x, daemon: simple, restart-condition: no}", []],
    ["{command: x, daemon: simple, timer: mon-fri}", []],
    ["{command: x, daemon: simple, timer: 'mon2-mon1'}", ["apps.a.timer"]],
    ["{command: x, timer: mon}", ["apps.a.timer"]],
    ["{command: x, daemon: simple, after: [nope]}", ["apps.a.after"]],
    ["{command: x, daemon: simple, after: [a]}", ["apps"]],
    ["{command: x, command-chain: ['bin/a b']}", ["apps.a.command-chain"]],
    ["{command: x, aliases: ['.a']}", ["apps.a.aliases"]],
    ["{command: x, environment: {A: [1]}}", ["apps.a.environment.A"]],
    ["{command: x, environment: {on: x}}", ["apps.a.environment"]],
    ["{command: x, daemon: simple, install-mode: disable}", []],
    ["{command: x, install-mode: disable}", ["apps.a.install-mode"]],
    ["{command: x, daemon: simple, activates-on: [nope]}", ["apps.a.activates-on"]],
    ["~", []],
  ])("a: %s -> %j", (def, expected) => {
    expect(fields(`apps:\n  a: ${def}\n`)).toEqual(expected);
  });

  it("aliases and common-ids are unique across apps", () => {
    expect(fields("apps:\n  a: {aliases: [x], common-id: c}\n  b: {aliases: [x], common-id: c}\n").sort()).toEqual(["apps.b.aliases", "apps.b.common-id"]);
  });
});

describe("layouts (snapd ValidateLayoutAll)", () => {
  it.each([
    ["/usr/share/foo: {bind: $SNAP/usr/share/foo}", []],
    ["/etc/foo.conf: {bind-file: $SNAP_DATA/foo.conf}", []],
    ["/usr/foo: {symlink: $SNAP/foo}", []],
    ["/var/tmp/x: {type: tmpfs, mode: '1777'}", []],
    ["/usr/foo: {symlink: /etc/foo}", ["layout./usr/foo"]],
    ["/dev/foo: {bind: $SNAP/foo}", ["layout./dev/foo", "layout./dev/foo"]], // a new top-level directory, and off limits
    ["/foo/bar: {bind: $SNAP/foo}", ["layout./foo/bar"]],
    ["/usr/foo: {bind: $SNAP/foo, symlink: $SNAP/bar}", ["layout./usr/foo"]],
    ["/usr/foo: {type: ext4}", ["layout./usr/foo"]],
    ["/usr/foo: {type: tmpfs, mode: 'x'}", ["layout./usr/foo.mode"]],
    ["/usr/foo: {type: tmpfs, user: nobody}", ["layout./usr/foo"]],
    ["/usr/foo*: {type: tmpfs}", ["layout./usr/foo*"]],
    ["/snap/other/x: {type: tmpfs}", ["layout./snap/other/x"]],
    ["/usr/foo: {bind: $SNAP/foo}, /usr/foo/bar: {type: tmpfs}", ["layout./usr/foo/bar"]],
    ["/usr/a: {bind: $SNAP/x}, /usr/b: {bind-file: $SNAP/x}", ["layout./usr/b"]],
  ])("%s -> %j", (layout, expected) => {
    expect(fields(`layout: {${layout}}\n`)).toEqual(expected);
  });

  it('refuses the plural "layouts", as snapd does', () => {
    expect(fields("layouts: {/usr/foo: {type: tmpfs}}\n")).toEqual(["layouts"]);
  });
});

describe("links", () => {
  it.each([
    ["website: [https://example.com]", []],
    ["contact: [me@example.com, 'mailto:me@example.com']", []],
    ["website: ['ftp://example.com']", ["links.website"]],
    ["contact: [nobody]", ["links.contact"]],
    ["bad_key: ['https://x.org']", ["links.bad_key"]],
    ["website: []", ["links.website"]],
  ])("%s -> %j", (links, expected) => {
    expect(fields(`links: {${links}}\n`)).toEqual(expected);
  });
});

describe("what snapd drops before it validates (found by the type-swap differential)", () => {
  it("a grade of the wrong type is only the store's refusal: snapd 2.57 does not read grade", () => {
    expect(errs("grade: [stable]\n")).toEqual([{ field: "grade", message: "grade must be a string, not a list", storeOnly: true }]);
  });

  it("an unsupported hook is ignored, but still decoded: a malformed one is refused", () => {
    expect(fields("hooks:\n  my-hook: {plugs: [network]}\n")).toEqual([]);
    expect(fields("hooks:\n  my-hook: 1\n")).toEqual(["hooks.my-hook"]);
  });

  it("activates-on a slot snapd drops (bad dbus attributes, unknown interface) is not checked", () => {
    const app = "apps:\n  a: {command: x, daemon: simple, activates-on: [ds]}\n";
    expect(fields(`slots:\n  ds: {interface: dbus, bus: session, name: a.b}\n${app}`)).toEqual(["apps.a.activates-on"]);
    expect(fields(`slots:\n  ds: {interface: dbus, bus: nope, name: a.b}\n${app}`)).toEqual([]);
    expect(fields(`slots:\n  ds: {interface: dbus, bus: session, name: a.b-1}\n${app}`)).toEqual([]);
    expect(errs(`slots:\n  ds: {interface: '0755'}\n${app}`).every((e) => e.storeOnly)).toBe(true);
  });

  it("a network-bind plug snapd drops (unknown interface) does not allow sockets", () => {
    const sock = "apps:\n  a: {command: x, daemon: simple, plugs: [network-bind], sockets: {s: {listen-stream: '80'}}}\n";
    expect(fields(sock)).toEqual([]);
    expect(fields("plugs:\n  network-bind: {interface: nope}\n" + sock)).toEqual(["apps.a.sockets"]);
  });
});
