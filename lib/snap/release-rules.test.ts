import { describe, expect, it } from "vitest";
import { channelMapView, parseChannel, type Channel, type ReleaseRow } from "./channels";
import {
  afterCloseSentence,
  channelVerdict,
  promoteVerdict,
  promotionTargets,
  releaseVerdict,
  uploadReleaseProblems,
  type RevisionState,
} from "./release-rules";

function ch(s: string): Channel {
  const p = parseChannel(s);
  if (!p.ok) throw new Error(p.message);
  return p.channel;
}

const rev = (revision: number, over: Partial<RevisionState> = {}): RevisionState => ({
  revision,
  status: "ready_to_release",
  confinement: "strict",
  grade: "stable",
  ...over,
});

describe("releaseVerdict", () => {
  it.each([
    ["strict stable to stable", rev(1), "stable", false, undefined, null],
    ["devmode to stable", rev(1, { confinement: "devmode" }), "stable", false, undefined, "devmode-or-devel-to-stable"],
    ["devmode to candidate", rev(1, { confinement: "devmode" }), "candidate", false, undefined, "devmode-or-devel-to-stable"],
    ["devmode to beta", rev(1, { confinement: "devmode" }), "beta", false, undefined, null],
    ["devel to edge branch", rev(1, { grade: "devel" }), "edge/fix", false, undefined, null],
    ["devel to 2.0/stable", rev(1, { grade: "devel" }), "2.0/stable", false, undefined, "devmode-or-devel-to-stable"],
    ["devel to stable branch", rev(1, { grade: "devel" }), "stable/fix", false, undefined, "devmode-or-devel-to-stable"],
    ["needs review", rev(1, { status: "need_manual_review" }), "edge", false, undefined, "revision-not-ready"],
    ["rejected", rev(1, { status: "rejected" }), "edge", false, undefined, "revision-not-ready"],
    ["classic without grant", rev(1, { confinement: "classic" }), "edge", false, undefined, "classic-not-granted"],
    ["classic with grant", rev(1, { confinement: "classic" }), "stable", true, undefined, null],
    ["already there on every arch", rev(3), "beta", false, [3, 3], "already-released"],
    ["there on one arch only", rev(3), "beta", false, [3, 2], null],
    ["channel closed", rev(3), "beta", false, [null], null],
    // The server's order: classic before readiness before the channel rule.
    ["classic devmode not ready", rev(1, { confinement: "classic", status: "rejected" }), "stable", false, undefined, "classic-not-granted"],
    ["devmode not ready", rev(1, { confinement: "devmode", status: "need_manual_review" }), "stable", false, undefined, "revision-not-ready"],
  ] as const)("%s", (_label, r, channel, classicGranted, holds, reason) => {
    const v = releaseVerdict(r, ch(channel), { classicGranted, holds: holds ? [...holds] : undefined });
    if (reason === null) expect(v).toEqual({ allowed: true });
    else expect(v).toMatchObject({ allowed: false, reason });
  });

  it("says why in words", () => {
    expect(releaseVerdict(rev(4, { confinement: "devmode", grade: "devel" }), ch("stable"), { classicGranted: false })).toMatchObject({
      message: "revision 4 has devmode confinement and devel grade: it can only be released to beta or edge, not latest/stable",
    });
    expect(releaseVerdict(rev(4, { status: "need_manual_review" }), ch("edge"), { classicGranted: false })).toMatchObject({
      message: "revision 4 is not ready to release (needs manual review)",
    });
    expect(releaseVerdict(rev(4), ch("beta"), { classicGranted: false, holds: [4] })).toMatchObject({ message: "latest/beta already holds revision 4" });
    expect(releaseVerdict(rev(4, { confinement: "classic" }), ch("beta"), { classicGranted: false })).toMatchObject({
      message: expect.stringContaining("request classic confinement"),
    });
  });
});

describe("channelVerdict (before an upload: no revision, no status)", () => {
  it("refuses only on the channel rule", () => {
    expect(channelVerdict({ revision: null, confinement: "devmode", grade: "stable" }, ch("stable"))).toMatchObject({
      allowed: false,
      message: "this snap has devmode confinement: it can only be released to beta or edge, not latest/stable",
    });
    expect(channelVerdict({ revision: null, confinement: "classic", grade: "stable" }, ch("stable"))).toEqual({ allowed: true });
  });
});

describe("uploadReleaseProblems", () => {
  it.each([
    [{ confinement: "strict", grade: "stable" }, ["stable", "edge"], 0],
    [{ confinement: "devmode", grade: "stable" }, ["edge", "beta"], 0],
    [{ confinement: "devmode", grade: "stable" }, ["edge", "stable"], 1],
    [{ confinement: "strict", grade: "devel" }, ["candidate", "2.0/stable", "beta"], 2],
    [{ confinement: null, grade: null }, ["stable"], 0],
  ])("%o to %o: %i problems", (facts, channels, n) => {
    expect(uploadReleaseProblems(facts, channels)).toHaveLength(n);
  });
});

describe("promotionTargets", () => {
  it.each([
    ["edge", ["latest/stable", "latest/candidate", "latest/beta"]],
    ["2.0/beta", ["2.0/stable", "2.0/candidate"]],
    ["stable", []],
    ["beta/fix", ["latest/stable", "latest/candidate", "latest/beta"]],
    ["stable/fix", ["latest/stable"]],
  ])("%s -> %o", (from, targets) => {
    expect(promotionTargets(ch(from)).map((c) => c.name)).toEqual(targets);
  });
});

describe("promoteVerdict", () => {
  const rows: ReleaseRow[] = [
    { channel: "latest/edge", architecture: "amd64", revision: 5 },
    { channel: "latest/beta", architecture: "amd64", revision: 5 },
    { channel: "latest/candidate", architecture: "amd64", revision: 4 },
    { channel: "latest/edge/fix", architecture: "amd64", revision: 6 },
  ];
  const archs = channelMapView(rows, ["amd64"]).tracks[0].architectures;
  const revisions = new Map<number, RevisionState>([
    [4, rev(4)],
    [5, rev(5)],
    [6, rev(6, { confinement: "devmode" })],
  ]);
  const ctx = { classicGranted: false, revisions };

  it.each([
    ["edge", "beta", "already-released"],
    ["edge", "candidate", null],
    ["edge", "stable", null],
    ["beta", "candidate", null],
    ["candidate", "stable", null],
    ["edge/fix", "edge", null],
    ["edge/fix", "beta", null],
    ["edge/fix", "candidate", "devmode-or-devel-to-stable"],
    ["edge/fix", "stable", "devmode-or-devel-to-stable"],
    // stable holds nothing: nothing to promote
    ["stable", "stable", "revision-not-ready"],
  ])("%s -> %s", (from, to, reason) => {
    const v = promoteVerdict(archs, ch(from), ch(to), ctx);
    if (reason === null) expect(v).toEqual({ allowed: true });
    else expect(v).toMatchObject({ allowed: false, reason });
  });

  it("a followed target does not count as holding the revision", () => {
    // beta is empty and follows candidate (4): promoting candidate to beta is still a change.
    const a = channelMapView([{ channel: "latest/candidate", architecture: "amd64", revision: 4 }], ["amd64"]).tracks[0].architectures;
    expect(promoteVerdict(a, ch("candidate"), ch("beta"), ctx)).toEqual({ allowed: true });
  });

  it("refuses when the source revision is not ready, and leaves unknown revisions to the server", () => {
    const r2 = new Map(revisions);
    r2.set(5, rev(5, { status: "need_manual_review" }));
    expect(promoteVerdict(archs, ch("edge"), ch("stable"), { classicGranted: false, revisions: r2 })).toMatchObject({ reason: "revision-not-ready" });
    expect(promoteVerdict(archs, ch("edge"), ch("stable"), { classicGranted: false, revisions: new Map() })).toEqual({ allowed: true });
  });

  it("multi-architecture: allowed when one architecture changes", () => {
    const a = channelMapView(
      [
        { channel: "latest/edge", architecture: "amd64", revision: 5 },
        { channel: "latest/edge", architecture: "arm64", revision: 7 },
        { channel: "latest/beta", architecture: "amd64", revision: 5 },
      ],
      ["amd64", "arm64"],
    ).tracks[0].architectures;
    expect(promoteVerdict(a, ch("edge"), ch("beta"), { classicGranted: false, revisions: new Map() })).toEqual({ allowed: true });
  });
});

describe("afterCloseSentence", () => {
  const rows: ReleaseRow[] = [
    { channel: "latest/stable", architecture: "amd64", revision: 1 },
    { channel: "latest/beta", architecture: "amd64", revision: 2 },
    { channel: "latest/beta", architecture: "arm64", revision: 3 },
    { channel: "latest/edge/fix", architecture: "amd64", revision: 4 },
  ];
  it.each([
    ["beta", ["amd64"], "Devices on latest/beta will get revision 1 (from latest/stable) instead."],
    ["edge/fix", ["amd64"], "Devices on latest/edge/fix will get revision 2 (from latest/beta) instead."],
    ["beta", ["amd64", "arm64"], "Devices on latest/beta will get: amd64: revision 1 (from latest/stable); arm64: nothing."],
    [
      "stable",
      ["amd64"],
      "Devices on latest/stable will get nothing: no more stable channel of track latest holds a revision, so the snap cannot be installed or refreshed from it.",
    ],
  ])("close %s on %o", (channel, archs, sentence) => {
    expect(afterCloseSentence(rows, ch(channel), archs)).toBe(sentence);
  });
});
