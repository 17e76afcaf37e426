import { describe, expect, it } from "vitest";
import { buildSearchDoc, type DocSource } from "./doc";

const at = new Date("2026-01-01T00:00:00Z");
const later = new Date("2026-02-01T00:00:00Z");
function src(releases: (string | null)[], o: Partial<DocSource["snap"]> = {}, meta: unknown = null): DocSource {
  return {
    snap: {
      id: "s1",
      name: "my-snap",
      categories: ["games"],
      private: false,
      nameStatus: "active",
      title: null,
      summary: null,
      description: null,
      license: null,
      website: null,
      contact: null,
      listingEdited: "",
      ...o,
    },
    owner: { userId: "u1", username: "pub", displayName: "Pub Lisher", validation: "verified" },
    releases: releases.map((c, i) => ({ releasedAt: i ? later : at, revision: c === null ? null : { confinement: c } })),
    meta,
  };
}

describe("listed rule", () => {
  it.each([
    [["strict"], {}, true],
    [["classic"], {}, true],
    [["devmode"], {}, false],
    [["devmode", "devmode"], {}, false],
    [["devmode", "strict"], {}, true],
    [[null], {}, false],
    [[], {}, false],
    [["strict"], { nameStatus: "pending_review" }, false],
    [["strict"], { nameStatus: "rejected" }, false],
  ] as const)("%j %j → %s", (rel, o, listed) => {
    expect(buildSearchDoc(src([...rel], o)).doc.listed).toBe(listed);
  });

  it("confinement flags ignore devmode; privacy is kept apart", () => {
    const { doc } = buildSearchDoc(src(["devmode", "classic"], { private: true }));
    expect(doc).toMatchObject({ strict: false, classic: true, private: true, listed: true, releasedAt: later, firstReleasedAt: later });
  });
});

describe("document text", () => {
  it("indexes the name and its parts, snap.yaml's listing until edited, publisher and categories", () => {
    const { doc, keys } = buildSearchDoc(src(["strict"], {}, { title: "My Snap", summary: "Does Things" }));
    expect(doc).toMatchObject({ tName: "my-snap my snap", tTitle: "my snap", tSummary: "does things", tMeta: "pub lisher games", categories: " games " });
    expect(doc.body).toBe("my snap does things pub lisher games");
    expect(keys).toContain("sna");
    expect(buildSearchDoc(src(["strict"], { summary: "Own words" }, { summary: "Yaml words" })).doc.tSummary).toBe("own words");
    expect(buildSearchDoc(src(["strict"], { listingEdited: "summary" }, { summary: "Yaml words" })).doc.tSummary).toBe("");
  });
});
