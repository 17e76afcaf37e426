import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { getPublicSnap, getSnapPage, searchCatalogue, searchCataloguePage } from "@/lib/server/catalogue";
import { rebuildAllSearchDocs, rebuildSearchDocs } from "@/lib/server/search-index";
import type { Actor } from "@/lib/server/ownership";
import { getListing, updateListing } from "@/lib/server/listing";
import { addRevision, makeActor, registered } from "./publisher-helpers";

let t: TestDb;
let pub: Actor;
let other: Actor;

interface Spec {
  confinement?: "strict" | "classic" | "devmode";
  private?: boolean;
  title?: string;
  summary?: string;
  description?: string;
  risks?: string[];
  owner?: Actor;
}

/** A registered snap with one revision released to `risks` (default stable; devmode: beta + edge). */
async function published(name: string, categories: string[], opts: Spec = {}) {
  const owner = opts.owner ?? pub;
  const s = await registered(t.db, owner, name);
  const devmode = opts.confinement === "devmode";
  const rev = await addRevision(t.db, s.id, owner, { confinement: opts.confinement ?? "strict", grade: devmode ? "devel" : "stable" });
  await t.db.snap.update({
    where: { id: s.id },
    data: { categories, private: opts.private ?? false, title: opts.title, summary: opts.summary, description: opts.description },
  });
  for (const risk of opts.risks ?? (devmode ? ["beta", "edge"] : ["stable"])) {
    await t.db.release.create({ data: { snapId: s.id, track: "latest", risk, branch: "", architecture: "amd64", revisionId: rev.id } });
  }
  return s;
}

const names = async (o: Parameters<typeof searchCatalogue>[1]) => (await searchCatalogue(t.db, { take: 200, ...o })).map((s) => s.name);

beforeAll(async () => {
  t = await createTestDb();
  pub = await makeActor(t.db, "publisher");
  other = await makeActor(t.db, "publisher");
  await t.db.account.updateMany({ where: { userId: other.id }, data: { validation: "verified" } });
  // More snaps than one page of results, all before the one in "science" by name.
  for (let i = 0; i < 55; i++) await published(`cat-a-${String(i).padStart(2, "0")}`, ["utilities"]);
  await published("cat-z-microscope", ["science", "education"], { summary: "Look at cells closely" });
  await published("cat-z-hidden", ["science"], { private: true, summary: "Look at cells secretly" });
  await published("cat-z-preview", ["science"], { confinement: "devmode", summary: "Look at cells in devmode" });
  await published("vlc", ["video"], { title: "VLC", summary: "The ultimate media player", description: "Plays every video format." });
  await published("vlc-remote", ["video"], { summary: "Remote control for a player" });
  await published("vscode", ["development"], { title: "Visual Studio Code", summary: "Code editing. Redefined.", confinement: "classic" });
  await published("mediaplayer-dev", ["video"], { summary: "A video player, devmode preview", confinement: "devmode" });
  await published("player-verified", ["audio"], { summary: "A player", owner: other });
  await published("player-plain", ["audio"], { summary: "A player" });
  await published("registered-only", ["video"]).then((s) => t.db.release.deleteMany({ where: { snapId: s.id } }));
});
afterAll(() => t.cleanup());

describe("searchCatalogue: filters and pages", () => {
  it("a category search finds a snap however many others come before it by name", async () => {
    const found = await searchCatalogue(t.db, { category: "science" });
    expect(found.map((s) => s.name)).toEqual(["cat-z-microscope"]);
    expect(found[0]).toMatchObject({ categories: ["science", "education"], confinement: "strict", version: expect.any(String), snapId: expect.any(String) });
  });

  it("pages in name order with a total", async () => {
    const p1 = await searchCataloguePage(t.db, { category: "utilities", page: 1, pageSize: 20 });
    const p3 = await searchCataloguePage(t.db, { category: "utilities", page: 3, pageSize: 20 });
    expect(p1.total).toBe(55);
    expect(p1.items.map((s) => s.name)).toEqual(Array.from({ length: 20 }, (_, i) => `cat-a-${String(i).padStart(2, "0")}`));
    expect(p3.items.map((s) => s.name)).toEqual(Array.from({ length: 15 }, (_, i) => `cat-a-${String(i + 40).padStart(2, "0")}`));
    expect((await searchCatalogue(t.db, {})).length).toBe(50);
  });

  it("never lists private (except to the owner) or devmode-only snaps, nor snaps with nothing released", async () => {
    expect(await names({ q: "cat-z" })).toEqual(["cat-z-microscope"]);
    expect(await names({ q: "cells" })).toEqual(["cat-z-microscope"]);
    expect(await names({ q: "cells", viewerId: pub.id })).toEqual(["cat-z-hidden", "cat-z-microscope"]);
    expect(await names({ q: "cells", viewerId: other.id })).toEqual(["cat-z-microscope"]);
    expect(await names({ q: "registered-only" })).toEqual([]);
    expect(await getPublicSnap(t.db, "cat-z-hidden")).toBeNull();
  });

  it("devmode never appears: exact name, words, every filter, every sort", async () => {
    for (const q of ["mediaplayer-dev", "mediaplayer", "video player", "devmode", "cat-z-preview", "preview", ""]) {
      for (const confinement of [undefined, ["strict"], ["classic"], ["strict", "classic"]] as const) {
        for (const sort of ["relevance", "name", "updated", "new"] as const) {
          const found = await names({ q, confinement: confinement ? [...confinement] : undefined, sort, category: q ? undefined : "video" });
          expect(found, `${q} ${confinement} ${sort}`).not.toContain("mediaplayer-dev");
          expect(found).not.toContain("cat-z-preview");
        }
      }
    }
  });

  it("filters by confinement and verified publishers", async () => {
    expect(await names({ q: "code", confinement: ["classic"] })).toEqual(["vscode"]);
    expect(await names({ q: "code", confinement: ["strict"] })).toEqual([]);
    expect(await names({ q: "player", verifiedOnly: true })).toEqual(["player-verified"]);
  });
});

describe("searchCatalogue: ranking and typos", () => {
  it.each([["vlc"], ["vl"], ["vcl"], ["VLC"], ["video player"]])("%s finds vlc first", async (q) => {
    expect((await names({ q }))[0]).toBe("vlc");
  });

  it("code finds Visual Studio Code; a misspelled prefix too", async () => {
    expect(await names({ q: "code" })).toContain("vscode");
    expect((await names({ q: "visul studio" }))[0]).toBe("vscode");
  });

  it("exact name, then name prefix, then the rest; verified first on ties", async () => {
    expect((await names({ q: "vlc" })).slice(0, 2)).toEqual(["vlc", "vlc-remote"]);
    const players = await names({ q: "a player" });
    expect(players.indexOf("player-verified")).toBeLessThan(players.indexOf("player-plain"));
  });

  it("keeps up with listing edits, closes and owner validation (triggers mark the snap stale)", async () => {
    await updateListing(t.db, pub, "cat-z-microscope", {
      title: null,
      summary: "Zoom into amoebas",
      description: null,
      license: null,
      categories: ["science"],
      website: null,
      contact: null,
    });
    expect(await names({ q: "amoebas" })).toEqual(["cat-z-microscope"]);
    expect(await names({ q: "cells" })).toEqual([]);
    const snap = await t.db.snap.findUniqueOrThrow({ where: { name: "player-plain" } });
    await t.db.release.updateMany({ where: { snapId: snap.id }, data: { revisionId: null } });
    expect(await names({ q: "player-plain" })).not.toContain("player-plain");
    expect(await names({ q: "player" })).not.toContain("player-plain");
    await t.db.account.updateMany({ where: { userId: pub.id }, data: { validation: "verified" } });
    expect(await names({ q: "vlc-remote", verifiedOnly: true })).toEqual(["vlc-remote"]);
  });

  it("concurrent rebuilds of the same snaps neither collide nor deadlock (PostgreSQL: one writer at a time)", async () => {
    const ids = (await t.db.snap.findMany({ select: { id: true } })).map((s) => s.id);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => rebuildSearchDocs(t.db, ids)));
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await t.db.searchDoc.count()).toBe(ids.length);
  });

  it("the live index equals a full rebuild", async () => {
    const dump = async () => (await t.db.searchDoc.findMany({ orderBy: { snapId: "asc" } })).map((d) => JSON.stringify(d));
    await searchCatalogue(t.db, { q: "x" });
    const live = await dump();
    await rebuildAllSearchDocs(t.db);
    expect(await dump()).toEqual(live);
  });
});

describe("snap page and listing from snap.yaml", () => {
  it("is public only once something is released; before that only the owner and reviewers see it", async () => {
    const reviewer = await makeActor(t.db, "reviewer");
    expect(await getSnapPage(t.db, "registered-only")).toBeNull();
    expect(await getSnapPage(t.db, "registered-only", { id: other.id, role: "publisher" })).toBeNull();
    expect((await getSnapPage(t.db, "registered-only", { id: pub.id, role: "publisher" }))?.public).toBe(false);
    expect((await getSnapPage(t.db, "registered-only", reviewer))?.snap.name).toBe("registered-only");
    expect(await getSnapPage(t.db, "cat-z-hidden", { id: other.id, role: "publisher" })).toBeNull();
  });

  it("shows the released revision's confinement; a devmode snap's page stays reachable", async () => {
    expect((await getSnapPage(t.db, "vscode"))?.released?.confinement).toBe("classic");
    const dev = await getSnapPage(t.db, "mediaplayer-dev");
    expect(dev?.public).toBe(true);
    expect(dev?.released?.confinement).toBe("devmode");
  });

  it("fills title, summary, description and license from snap.yaml until the publisher saves a field", async () => {
    const s = await published("yaml-listed", ["utilities"]);
    await t.db.revision.updateMany({
      where: { snapId: s.id },
      data: { meta: { plugs: {}, slots: {}, title: "Yaml Listed", summary: "Summary from yaml zebrafish", description: "Long *text*", license: "MIT" } },
    });
    const page = await getSnapPage(t.db, "yaml-listed");
    expect(page?.listing).toMatchObject({ title: "Yaml Listed", summary: "Summary from yaml zebrafish", description: "Long *text*", license: "MIT" });
    expect(await names({ q: "zebrafish" })).toEqual(["yaml-listed"]);
    const listing = await getListing(t.db, pub, "yaml-listed");
    expect(listing.fromSnap).toEqual(["title", "summary", "description", "license"]);
    // Saving the form as shown changes nothing; changing the summary makes only it the publisher's.
    expect(
      (await updateListing(t.db, pub, "yaml-listed", { ...listing.values, categories: ["utilities"], website: null, contact: null } as never)).changed,
    ).toEqual([]);
    const { changed } = await updateListing(t.db, pub, "yaml-listed", {
      ...listing.values,
      summary: "My own words",
      categories: ["utilities"],
      website: null,
      contact: null,
    } as never);
    expect(changed).toEqual(["summary"]);
    expect((await getListing(t.db, pub, "yaml-listed")).fromSnap).toEqual(["title", "description", "license"]);
    expect(await names({ q: "zebrafish" })).toEqual([]);
    expect(await names({ q: "own words" })).toContain("yaml-listed");
  });
});
