import { describe, expect, it } from "vitest";
import { complete, fill, parseCommand, tokenize } from "./terminal";

describe("parseCommand", () => {
  const table: [string, unknown][] = [
    ["snap list", { cmd: "list", names: [] }],
    ["sudo snap install --classic dev-ide", { cmd: "install", name: "dev-ide", channel: "stable", classic: true, devmode: false, jailmode: false }],
    ["snap install --channel=latest/edge --devmode x", { cmd: "install", name: "x", channel: "latest/edge", classic: false, devmode: true, jailmode: false }],
    ["snap install --channel edge x", { cmd: "install", name: "x", channel: "edge", classic: false, devmode: false, jailmode: false }],
    ["snap install --beta x", { cmd: "install", name: "x", channel: "beta", classic: false, devmode: false, jailmode: false }],
    ["snap refresh x", { cmd: "refresh", name: "x", channel: undefined, classic: false, devmode: false, jailmode: false }],
    ["snap switch --edge x", { cmd: "switch", name: "x", channel: "edge" }],
    ["snap connect x:camera", { cmd: "connect", plug: "x:camera", slot: undefined }],
    ["snap disconnect x:camera :camera", { cmd: "disconnect", plug: "x:camera", slot: ":camera" }],
    ["snap connections", { cmd: "connections", name: undefined, all: false }],
    ["snap connections --all", { cmd: "connections", name: undefined, all: true }],
    ["snap info --verbose x", { cmd: "info", name: "x", verbose: true }],
    ["snap changes", { cmd: "changes" }],
    ["snap revert x", { cmd: "revert", name: "x" }],
    ["snap remove x", { cmd: "remove", name: "x" }],
    ["snap", { cmd: "help" }],
  ];
  for (const [line, command] of table) it(line, () => expect(parseCommand(line)).toEqual({ ok: true, command }));

  const errors: [string, string][] = [
    ["snap frobnicate", `unknown command "frobnicate", see 'snap help'.`],
    ["snap install --classsic x", "unknown flag `classsic'"],
    ["snap install", "the required argument `<snap> (at least 1 argument)` was not provided"],
    ["snap connect", "the required argument `<snap>:<plug>` was not provided"],
    ["snap install --channel", "expected argument for flag `--channel'"],
    ["snap install --classic=yes x", "bool flag `--classic' cannot have an argument"],
    ["snap install --beta --edge x", "Please specify a single channel"],
    ["snap connections --all x", "cannot use --all with snap name"],
    ["ls", "ls: command not found (this terminal runs snap commands)"],
    ["snap changes x", "too many arguments for command"],
  ];
  for (const [line, error] of errors) it(`refuses: ${line}`, () => expect(parseCommand(line)).toEqual({ ok: false, error }));
});

describe("tokenize and complete", () => {
  it("quotes", () => expect(tokenize(`snap connect 'a:b' "" c`)).toEqual(["snap", "connect", "a:b", "", "c"]));
  const ctx = { installed: ["cam-app", "dev-ide"], plugs: ["cam-app:camera", "cam-app:network"] };
  it("completes commands, flags, snap names and plugs", () => {
    expect(complete("sn", ctx)).toEqual(["snap "]);
    expect(complete("snap con", ctx)).toEqual(["snap connect ", "snap connections "]);
    expect(complete("snap install --cl", ctx)).toEqual(["snap install --classic "]);
    expect(complete("snap install --ch", ctx)).toEqual(["snap install --channel="]);
    expect(complete("snap remove ", ctx)).toEqual(["snap remove cam-app ", "snap remove dev-ide "]);
    expect(complete("snap connect cam-app:c", ctx)).toEqual(["snap connect cam-app:camera "]);
    expect(complete("snap install x", ctx)).toEqual([]);
  });
});

describe("fill", () => {
  it("re-wraps like snap (output of snap 2.57.6, 80 columns)", async () => {
    const { needsClassicText } = await import("./model");
    expect(`error: ${fill(needsClassicText("cam-ide"))}\n`).toBe(
      [
        'error: This revision of snap "cam-ide" was published using classic confinement',
        "       and thus may perform arbitrary system changes outside of the security",
        "       sandbox that snaps are usually confined to, which may put your system at",
        "       risk.",
        "",
        "       If you understand and want to proceed repeat the command including",
        "       --classic.",
        "",
      ].join("\n"),
    );
  });
});
