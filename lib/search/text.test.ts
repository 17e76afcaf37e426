import { describe, expect, it } from "vitest";
import {
  descMatchOf,
  docTypoKeys,
  fts5Query,
  nearPrefix,
  normalise,
  queryTypoKeys,
  queryTokens,
  rankDocs,
  rankTier,
  relevance,
  tokens,
  tsQuery,
  typoKeys,
  withinOneEdit,
  type RankDoc,
} from "./text";

const doc = (name: string, o: Partial<RankDoc> = {}): RankDoc => ({
  name,
  title: o.title ?? "",
  tName: o.tName ?? [name, ...tokens(name)].join(" "),
  tTitle: o.tTitle ?? tokens(o.title ?? "").join(" "),
  tSummary: o.tSummary ?? "",
  tMeta: o.tMeta ?? "",
  tDesc: o.tDesc ?? "",
  verified: o.verified ?? false,
});

describe("normalise and tokens", () => {
  it.each([
    ["Visual Studio Code", "visual studio code"],
    ["  Café—Crème!! ", "cafe creme"],
    ["vlc-remote_2", "vlc remote 2"],
    ["", ""],
  ])("%j → %j", (input, out) => expect(normalise(input)).toBe(out));

  it("dedups and caps", () => {
    expect(tokens("a b a c", 2)).toEqual(["a", "b"]);
    expect(queryTokens("1 2 3 4 5 6 7 8 9 10")).toHaveLength(8);
  });
});

describe("typo keys", () => {
  it.each([
    ["vlc", "vcl", true],
    ["vlc", "vlcc", true],
    ["vlc", "vlx", true],
    ["visual", "visul", true],
    ["vlc", "xyz", false],
    ["vlc", "vlcxx", false],
    ["ab", "ba", false],
  ])("%s ~ %s: %s", (a, b, near) => {
    expect(withinOneEdit(a, b)).toBe(near);
    const ka = new Set(typoKeys(a));
    expect(typoKeys(b).some((k) => ka.has(k))).toBe(near);
  });

  it("short words get none", () => expect(typoKeys("vl")).toEqual([]));
});

describe("full-text query strings", () => {
  it("prefix for tokens of 2+ characters, the same on both providers", () => {
    expect(fts5Query(["video", "p", "ab"])).toBe('"video"* OR "p" OR "ab"*');
    expect(tsQuery(["video", "p", "ab"])).toBe("video:* | p | ab:*");
    expect(fts5Query([])).toBeNull();
    expect(fts5Query(["video", "p"], true)).toBe('"video"* AND "p"');
    expect(tsQuery(["video", "p"], true)).toBe("video:* & p");
  });
});

describe("ranking", () => {
  it.each([
    ["vlc", "vlc", 0],
    ["VLC", "vlc", 0],
    ["vlc remote", "vlc-remote", 0],
    ["vl", "vlc", 1],
    ["vlc", "vlc-remote", 1],
    ["vlc", "other", 3],
  ])("tier of %s for %s is %i", (q, name, tier) => expect(rankTier(q, { name, title: "" })).toBe(tier));

  it("title match is tier 2", () => expect(rankTier("code", { name: "vscode", title: "Visual Studio Code" })).toBe(2));

  it("exact, prefix, title, text, verified on ties, then name", () => {
    const docs = [
      doc("zz-text", { tSummary: "vlc player" }),
      doc("aa-text-verified", { tSummary: "vlc player", verified: true }),
      doc("vlc-remote"),
      doc("titled", { title: "VLC tools" }),
      doc("vlc"),
      doc("unrelated", { tSummary: "nothing" }),
    ];
    expect(rankDocs("vlc", docs).map((d) => d.name)).toEqual(["vlc", "vlc-remote", "titled", "aa-text-verified", "zz-text"]);
  });

  it("AND over words, falling back to OR when nothing has them all", () => {
    const docs = [doc("a", { tSummary: "video player" }), doc("b", { tSummary: "video" }), doc("c", { tSummary: "player" })];
    expect(rankDocs("video player", docs).map((d) => d.name)).toEqual(["a"]);
    expect(rankDocs("video gamepad", docs).map((d) => d.name)).toEqual(["a", "b"]);
  });

  it("typos count in the name and title only", () => {
    expect(rankDocs("vcl", [doc("vlc"), doc("x", { tDesc: "vlc" })]).map((d) => d.name)).toEqual(["vlc"]);
  });
});

describe("misspelled prefixes (as you type)", () => {
  it.each([
    ["kaliedo", "kaleidoscope", true],
    ["kalei", "kaleidoscope", true],
    ["kaleidoscpoe", "kaleidoscope", true],
    ["klaiedo", "kaleidoscope", false],
    ["klaeid", "kaleidoscope", true],
    ["visul", "visual", true],
    ["xyzzy", "kaleidoscope", false],
  ])("%s ~ start of %s: %s", (q, w, near) => {
    expect(nearPrefix(q, w)).toBe(near);
    if (near) {
      const doc = new Set(docTypoKeys(w));
      expect(queryTypoKeys(q).some((k) => doc.has(k))).toBe(true);
    }
  });

  it("ranks a misspelled title prefix", () => {
    expect(rankDocs("kaliedo", [doc("k", { title: "Kaleidoscope" }), doc("o", { tDesc: "kaleidoscope" })]).map((d) => d.name)).toEqual(["k"]);
  });
});

describe("descMatch (the description's match, computed by the database)", () => {
  const base = { name: "n", title: "", tName: "n", tTitle: "", tSummary: "", tMeta: "", verified: false };
  it.each([
    ["video", "plays every video format"],
    ["vid", "plays every video format"],
    ["v", "v for video"],
    ["v", "video"],
    ["video player", "a player of videos"],
    ["zebra", "no match here"],
    ["pla fo", "plays every format"],
  ])("%s in %j ranks as reading the description would", (q, tDesc) => {
    const qt = queryTokens(q);
    expect(relevance(qt, { ...base, tDesc: "", descMatch: descMatchOf(qt, tDesc) })).toEqual(relevance(qt, { ...base, tDesc }));
  });

  it("is 2 for the word, 1 for a word it starts (two letters or more), 0 otherwise", () => {
    expect(descMatchOf(["video", "vid", "v", "x"], "video vx")).toBe("2100");
  });
});
