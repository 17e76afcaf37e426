import { describe, expect, it } from "vitest";
import { parseChannel } from "@/lib/snap/channels";
import {
  decideAction,
  findRelease,
  infoChannelMap,
  openReleases,
  parseFieldList,
  pickFields,
  revisionFields,
  snapFields,
  storeChannelName,
  storeEpoch,
  type StoreRelease,
  type StoreRevisionFacts,
} from "./store-json";

const rev = (revision: number, over: Partial<StoreRevisionFacts> = {}): StoreRevisionFacts => ({
  revision,
  version: `1.${revision}`,
  confinement: "strict",
  grade: "stable",
  type: "app",
  base: null,
  architectures: ["amd64"],
  sha3_384: "ab".repeat(48),
  size: 4096,
  snapYaml: "name: x\n",
  epoch: "0",
  createdAt: new Date("2026-01-01T00:00:00Z"),
  ...over,
});
const at = new Date("2026-02-01T10:00:00Z");
const rel = (track: string, risk: string, architecture: string, r: StoreRevisionFacts, branch: string | null = null): StoreRelease => ({
  track,
  risk,
  branch,
  architecture,
  releasedAt: at,
  revision: r,
});
const ch = (s: string) => {
  const p = parseChannel(s);
  if (!p.ok) throw new Error(p.message);
  return p.channel;
};

describe("storeEpoch", () => {
  it.each([
    ["0", { read: [0], write: [0] }],
    ["1", { read: [1], write: [1] }],
    ["2*", { read: [1, 2], write: [2] }],
    ['{"read":[1,2],"write":[2]}', { read: [1, 2], write: [2] }],
    ['{"read":[],"write":[2]}', { read: [0], write: [0] }],
    ["", { read: [0], write: [0] }],
    ["garbage", { read: [0], write: [0] }],
  ])("%s", (input, want) => expect(storeEpoch(input)).toEqual(want));
});

describe("field shapes", () => {
  it("revision fields: int revision and size, RFC 3339 dates, no empty type", () => {
    const f = revisionFields(rev(3, { type: null, base: "core22" }), "http://s/d.snap");
    expect(f).toMatchObject({ revision: 3, type: "app", base: "core22", download: { size: 4096, url: "http://s/d.snap", "sha3-384": "ab".repeat(48) } });
    expect(f["created-at"]).toBe("2026-01-01T00:00:00.000Z");
    expect("type" in revisionFields(rev(3, { type: "weird" }), "u")).toBe(false);
    expect("base" in revisionFields(rev(3), "u")).toBe(false);
  });
  it("channel names leave the default track out", () => {
    expect(storeChannelName("latest", "stable")).toBe("stable");
    expect(storeChannelName("2.0", "beta")).toBe("2.0/beta");
    expect(storeChannelName("latest", "edge", "fix")).toBe("edge/fix");
  });
  it("fields filter keeps identifying keys", () => {
    expect(pickFields({ a: 1, b: 2, c: 3 }, ["a"], ["c"])).toEqual({ a: 1, c: 3 });
    expect(pickFields({ a: 1 }, null)).toEqual({ a: 1 });
    expect(parseFieldList(" a, ,b")).toEqual(["a", "b"]);
    expect(parseFieldList("")).toBeNull();
  });
});

describe("findRelease", () => {
  const strict = rev(1);
  const devmode = rev(2, { confinement: "devmode" });
  const classic = rev(3, { confinement: "classic" });
  const base = { architecture: "amd64", confinement: ["strict", "classic"], channel: null, defaultTrack: null };
  it("never a devmode revision, whatever the filters", () => {
    expect(findRelease([rel("latest", "beta", "amd64", devmode)], base)).toBeNull();
    expect(findRelease([rel("latest", "beta", "amd64", devmode)], { ...base, confinement: ["strict", "classic", "devmode"] })).toBeNull();
    expect(findRelease([rel("latest", "beta", "amd64", devmode)], { ...base, channel: ch("beta") })).toBeNull();
    expect(findRelease([rel("latest", "edge", "amd64", devmode), rel("latest", "stable", "amd64", strict)], base)?.revision.revision).toBe(1);
  });
  it("most stable first, architecture and confinement filters", () => {
    const rels = [rel("latest", "edge", "amd64", rev(5)), rel("latest", "candidate", "amd64", rev(4)), rel("latest", "stable", "arm64", rev(6))];
    expect(findRelease(rels, base)?.revision.revision).toBe(4);
    expect(findRelease(rels, { ...base, architecture: "arm64" })?.revision.revision).toBe(6);
    expect(findRelease(rels, { ...base, architecture: "s390x" })).toBeNull();
    expect(findRelease([rel("latest", "stable", "all", classic)], { ...base, confinement: ["strict"] })).toBeNull();
    expect(findRelease([rel("latest", "stable", "all", classic)], base)?.revision.revision).toBe(3);
  });
  it("a channel follows closed risks", () => {
    const rels = [rel("latest", "stable", "amd64", strict)];
    expect(findRelease(rels, { ...base, channel: ch("edge") })?.revision.revision).toBe(1);
    expect(findRelease(rels, { ...base, channel: ch("2.0/edge") })).toBeNull();
  });
});

describe("infoChannelMap", () => {
  it("default track stable first, branches left out, 'all' shown under the asked architecture", () => {
    const rels = [
      rel("latest", "edge", "amd64", rev(3)),
      rel("2.0", "stable", "all", rev(2, { architectures: ["all"] })),
      rel("latest", "stable", "all", rev(1, { architectures: ["all"] })),
      rel("latest", "stable", "amd64", rev(4), "fix"),
      rel("latest", "beta", "arm64", rev(5)),
    ];
    const map = infoChannelMap(rels, { architecture: "amd64", defaultTrack: null }, (r) => `u/${r.revision}`);
    expect(map.map((e) => [(e.channel as { name: string }).name, e.revision, (e.channel as { architecture: string }).architecture])).toEqual([
      ["stable", 1, "amd64"],
      ["edge", 3, "amd64"],
      ["2.0/stable", 2, "amd64"],
    ]);
    expect(map[0].channel).toMatchObject({ track: "latest", risk: "stable", "released-at": at.toISOString() });
    const withDefault = infoChannelMap(rels, { architecture: "amd64", defaultTrack: "2.0" }, () => "u");
    expect((withDefault[0].channel as { name: string }).name).toBe("2.0/stable");
  });
});

describe("decideAction", () => {
  const rels = [
    rel("latest", "stable", "amd64", rev(1)),
    rel("latest", "beta", "amd64", rev(2)),
    rel("latest", "edge", "arm64", rev(3, { architectures: ["arm64"] })),
  ];
  const opts = { channel: null, revision: null, architecture: "amd64", defaultTrack: null, current: null };
  it.each([
    ["default channel is stable", {}, { kind: "result", rev: 1, eff: "latest/stable" }],
    ["beta", { channel: "beta" }, { kind: "result", rev: 2, eff: "latest/beta" }],
    ["closed edge follows beta", { channel: "edge" }, { kind: "result", rev: 2, eff: "latest/edge" }],
    ["candidate follows stable", { channel: "latest/candidate" }, { kind: "result", rev: 1, eff: "latest/candidate" }],
    ["same revision: no update", { channel: "beta", current: 2 }, { kind: "no-update" }],
    ["older on device: refresh", { channel: "beta", current: 1 }, { kind: "result", rev: 2, eff: "latest/beta" }],
    ["other track", { channel: "2.0/stable" }, { kind: "revision-not-found" }],
    ["other architecture", { architecture: "s390x" }, { kind: "revision-not-found" }],
    ["exact revision released for this arch", { revision: 2 }, { kind: "result", rev: 2 }],
    ["exact revision of another arch", { revision: 3 }, { kind: "revision-not-found" }],
    ["invalid channel", { channel: "latest/nope" }, { kind: "invalid-channel" }],
  ] as const)("%s", (_, over, want) => {
    const d = decideAction(rels, { ...opts, ...over });
    expect(d.kind).toBe(want.kind);
    if (d.kind === "result" && "rev" in want) {
      expect(d.release.revision.revision).toBe(want.rev);
      if ("eff" in want) expect(d.effectiveChannel).toBe(want.eff);
    }
  });
  it("openReleases lists every architecture and channel once", () => {
    expect(openReleases(rels)).toEqual([
      { architecture: "amd64", channel: "latest/stable" },
      { architecture: "amd64", channel: "latest/beta" },
      { architecture: "arm64", channel: "latest/edge" },
    ]);
  });
});

describe("snapFields media", () => {
  const facts = (media: { type: string; url: string; width?: number | null; height?: number | null }[]) => ({
    snapId: "x".repeat(32),
    name: "hello",
    title: null,
    summary: null,
    description: null,
    license: null,
    website: null,
    contact: null,
    private: false,
    categories: [],
    defaultTrack: null,
    publisher: { id: "p", username: "p", displayName: "P", validation: "unproven" },
    media,
  });
  it.each([
    [
      "known size: width and height, as the real store",
      { type: "icon", url: "u", width: 256, height: 128 },
      { type: "icon", url: "u", width: 256, height: 128 },
    ],
    ["unknown size: type and url only", { type: "screenshot", url: "u", width: null, height: null }, { type: "screenshot", url: "u" }],
    ["half known is unknown", { type: "icon", url: "u", width: 5, height: null }, { type: "icon", url: "u" }],
  ])("%s", (_, m, want) => expect(snapFields(facts([m]), "s").media).toEqual([want]));
});
