import { describe, expect, it } from "vitest";
import { installCommand, type OpenRelease } from "./install";

const r = (track: string, risk: string, confinement = "strict", branch: string | null = null): OpenRelease => ({ track, risk, branch, confinement });

describe("installCommand", () => {
  it.each([
    [[r("latest", "stable")], "sudo snap install x"],
    [[r("latest", "edge"), r("latest", "beta")], "sudo snap install x --channel=beta"],
    [[r("latest", "stable", "classic")], "sudo snap install x --classic"],
    [[r("latest", "beta", "devmode"), r("latest", "edge", "devmode")], "sudo snap install x --channel=beta --devmode"],
    [[r("2.0", "stable")], "sudo snap install x --channel=2.0/stable"],
    [[r("2.0", "stable"), r("latest", "edge")], "sudo snap install x --channel=edge"],
    [[r("latest", "beta", "strict", "fix-1")], "sudo snap install x --channel=latest/beta/fix-1"],
  ])("%j → %s", (rows, cmd) => expect(installCommand("x", rows)?.command).toBe(cmd));

  it("the default track wins; nothing open means no command", () => {
    expect(installCommand("x", [r("2.0", "stable"), r("latest", "stable")], "2.0")?.command).toBe("sudo snap install x");
    expect(installCommand("x", [])).toBeNull();
  });
});
