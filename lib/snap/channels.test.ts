import { describe, expect, it } from "vitest";
import { canRelease, channelCellText, channelMapView, compareRisk, parseChannel, resolveChannel, RISKS, type Channel, type ReleaseRow } from "./channels";

function ch(s: string): Channel {
  const p = parseChannel(s);
  if (!p.ok) throw new Error(p.message);
  return p.channel;
}

describe("parseChannel", () => {
  it.each([
    ["edge", "latest", "edge", null, "latest/edge"],
    ["stable", "latest", "stable", null, "latest/stable"],
    ["2.0/stable", "2.0", "stable", null, "2.0/stable"],
    ["2.0/beta/hotfix", "2.0", "beta", "hotfix", "2.0/beta/hotfix"],
    ["stable/fix-123", "latest", "stable", "fix-123", "latest/stable/fix-123"],
    ["latest/stable/x", "latest", "stable", "x", "latest/stable/x"],
    ["latest/candidate", "latest", "candidate", null, "latest/candidate"],
    ["2.0", "2.0", "stable", null, "2.0/stable"],
    ["insiders", "insiders", "stable", null, "insiders/stable"],
    ["1.x_y-z/edge", "1.x_y-z", "edge", null, "1.x_y-z/edge"],
  ])("%s -> %s/%s/%s", (input, track, risk, branch, name) => {
    expect(ch(input)).toEqual({ track, risk, branch, name });
  });

  it("uses defaultTrack for bare risks", () => {
    expect(ch("edge").track).toBe("latest");
    const p = parseChannel("beta", { defaultTrack: "3.1" });
    expect(p.ok && p.channel.name).toBe("3.1/beta");
    const q = parseChannel("beta/fix", { defaultTrack: "3.1" });
    expect(q.ok && q.channel.name).toBe("3.1/beta/fix");
    // an explicit track is kept
    const r = parseChannel("latest/beta", { defaultTrack: "3.1" });
    expect(r.ok && r.channel.name).toBe("latest/beta");
  });

  it.each([
    ["latest/stable/a/b", "too many parts"],
    ["2.0/unstable", "invalid risk"],
    ["2.0/foo/bar", "invalid risk"],
    ["", "empty"],
    ["latest//x", "empty part"],
    ["/stable", "empty part"],
    ["stable/", "empty part"],
    ["a".repeat(29) + "/stable", "invalid track"],
    ["-bad/stable", "invalid track"],
    ["bad..track/stable", "invalid track"],
    ["latest/stable/bad branch", "invalid branch"],
    ["latest/stable/-x", "invalid branch"],
    ["latest/stable/edge", "risk where a branch"],
  ])("%j is an error (%s)", (input, msg) => {
    const p = parseChannel(input);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toContain(msg);
  });

  it("accepts a 28-character track", () => {
    expect(parseChannel("a".repeat(28) + "/edge").ok).toBe(true);
  });
});

describe("compareRisk", () => {
  it("orders stable < candidate < beta < edge", () => {
    expect([...RISKS].reverse().sort(compareRisk)).toEqual(["stable", "candidate", "beta", "edge"]);
    expect(compareRisk("stable", "edge")).toBeLessThan(0);
    expect(compareRisk("edge", "beta")).toBeGreaterThan(0);
    expect(compareRisk("beta", "beta")).toBe(0);
  });
});

describe("canRelease", () => {
  const strictStable = { confinement: "strict", grade: "stable" } as const;
  it.each([
    [strictStable, "stable", true],
    [strictStable, "edge", true],
    [{ confinement: "classic", grade: "stable" } as const, "stable", true],
    [{ confinement: "devmode", grade: "stable" } as const, "stable", false],
    [{ confinement: "devmode", grade: "stable" } as const, "candidate", false],
    [{ confinement: "devmode", grade: "stable" } as const, "beta", true],
    [{ confinement: "devmode", grade: "stable" } as const, "edge", true],
    [{ confinement: "strict", grade: "devel" } as const, "stable", false],
    [{ confinement: "strict", grade: "devel" } as const, "2.0/candidate/hotfix", false],
    [{ confinement: "strict", grade: "devel" } as const, "2.0/beta/hotfix", true],
    [{ confinement: "devmode", grade: "devel" } as const, "edge", true],
  ])("%j to %s -> %s", (rev, channel, ok) => {
    const r = canRelease(rev, ch(channel));
    expect(r.ok).toBe(ok);
    if (!r.ok) {
      expect(r.code).toBe("devmode-or-devel-to-stable");
      expect(r.message).toContain("beta or edge");
    }
  });
});

describe("resolveChannel", () => {
  const rows: ReleaseRow[] = [
    { channel: "latest/stable", architecture: "amd64", revision: 10 },
    { channel: "latest/candidate", architecture: "amd64", revision: null }, // closed
    { channel: "latest/beta", architecture: "amd64", revision: 12 },
    // edge never released on amd64
    { channel: "latest/stable", architecture: "arm64", revision: 11 },
    { channel: "latest/edge", architecture: "arm64", revision: 13 },
    { channel: "2.0/beta", architecture: "amd64", revision: 20 },
    { channel: "latest/stable/hotfix", architecture: "amd64", revision: 15 },
    { channel: "latest/beta/old", architecture: "amd64", revision: null }, // closed branch
  ];

  it.each([
    ["stable", "amd64", { revision: 10, fromChannel: "latest/stable", followed: false }],
    ["candidate", "amd64", { revision: 10, fromChannel: "latest/stable", followed: true }], // closed -> follows stable
    ["beta", "amd64", { revision: 12, fromChannel: "latest/beta", followed: false }],
    ["edge", "amd64", { revision: 12, fromChannel: "latest/beta", followed: true }], // never released -> beta
    ["candidate", "arm64", { revision: 11, fromChannel: "latest/stable", followed: true }],
    ["beta", "arm64", { revision: 11, fromChannel: "latest/stable", followed: true }],
    ["edge", "arm64", { revision: 13, fromChannel: "latest/edge", followed: false }],
    ["2.0/edge", "amd64", { revision: 20, fromChannel: "2.0/beta", followed: true }],
    ["latest/stable/hotfix", "amd64", { revision: 15, fromChannel: "latest/stable/hotfix", followed: false }],
    ["latest/beta/old", "amd64", { revision: 12, fromChannel: "latest/beta", followed: true }], // closed branch -> its risk
    ["latest/edge/missing", "amd64", { revision: 12, fromChannel: "latest/beta", followed: true }],
  ])("%s on %s", (channel, arch, expected) => {
    expect(resolveChannel(rows, ch(channel), arch)).toEqual(expected);
  });

  it("never crosses tracks or falls to less stable risks", () => {
    expect(resolveChannel(rows, ch("2.0/stable"), "amd64")).toBeNull(); // 2.0 has only beta
    expect(resolveChannel(rows, ch("2.0/candidate"), "amd64")).toBeNull();
    expect(resolveChannel(rows, ch("stable"), "s390x")).toBeNull();
    expect(resolveChannel([], ch("edge"), "amd64")).toBeNull();
  });

  it("closing every risk leaves nothing", () => {
    const closed = RISKS.map((r) => ({ channel: `latest/${r}`, architecture: "amd64", revision: null }));
    expect(resolveChannel(closed, ch("edge"), "amd64")).toBeNull();
  });

  it('a revision released for "all" applies to every architecture; exact rows win', () => {
    const r: ReleaseRow[] = [
      { channel: "latest/stable", architecture: "all", revision: 3 },
      { channel: "latest/stable", architecture: "arm64", revision: 4 },
    ];
    expect(resolveChannel(r, ch("stable"), "amd64")?.revision).toBe(3);
    expect(resolveChannel(r, ch("stable"), "arm64")?.revision).toBe(4);
  });

  it("accepts non-canonical channel names in rows", () => {
    expect(resolveChannel([{ channel: "edge", architecture: "amd64", revision: 2 }], ch("latest/edge"), "amd64")?.revision).toBe(2);
  });
});

describe("channelMapView", () => {
  const rows: ReleaseRow[] = [
    { channel: "latest/stable", architecture: "amd64", revision: 10 },
    { channel: "latest/candidate", architecture: "amd64", revision: null },
    { channel: "latest/edge", architecture: "amd64", revision: 14 },
    { channel: "latest/beta/fix", architecture: "amd64", revision: 16 },
    { channel: "latest/beta/gone", architecture: "amd64", revision: null },
    { channel: "2.0/edge", architecture: "arm64", revision: 21 },
  ];

  it("gives per track, per arch, four risk cells plus open branches", () => {
    const v = channelMapView(rows, ["amd64", "arm64"]);
    expect(v.tracks.map((t) => t.track)).toEqual(["latest", "2.0"]);
    const latestAmd = v.tracks[0].architectures[0];
    expect(latestAmd.architecture).toBe("amd64");
    expect(latestAmd.risks.map(channelCellText)).toEqual(["10", "↑", "↑", "14"]);
    expect(latestAmd.risks[1]).toEqual({
      risk: "candidate",
      channel: "latest/candidate",
      revision: 10,
      followed: true,
      fromChannel: "latest/stable",
      closed: true,
    });
    expect(latestAmd.risks[2].closed).toBe(false);
    expect(latestAmd.branches).toEqual([{ risk: "beta", branch: "fix", channel: "latest/beta/fix", revision: 16 }]);

    const latestArm = v.tracks[0].architectures[1];
    expect(latestArm.risks.map(channelCellText)).toEqual(["-", "-", "-", "-"]);
    const twoArm = v.tracks[1].architectures[1];
    expect(twoArm.risks.map(channelCellText)).toEqual(["-", "-", "-", "21"]);
  });

  it("derives architectures from the rows when none are given, and adds requested tracks", () => {
    const v = channelMapView(rows, [], { tracks: ["3.0"] });
    expect(v.tracks.map((t) => t.track)).toEqual(["latest", "2.0", "3.0"]);
    expect(v.tracks[0].architectures.map((a) => a.architecture)).toEqual(["amd64", "arm64"]);
    expect(v.tracks[2].architectures[0].risks.every((r) => r.revision === null)).toBe(true);
  });

  it("sorts tracks latest first then naturally", () => {
    const v = channelMapView(
      ["10", "2", "latest", "1.5"].map((t) => ({ channel: `${t}/stable`, architecture: "amd64", revision: 1 })),
      ["amd64"],
    );
    expect(v.tracks.map((t) => t.track)).toEqual(["latest", "1.5", "2", "10"]);
  });
});
