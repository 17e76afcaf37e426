// Catalogue search past its candidate cap (MAX_CANDIDATES per source, lib/server/catalogue.ts): a
// broad word that more snaps match than the cap takes. The rank tiers the issue fixes (exact name,
// then name prefix) must hold however many verified snaps sort before them; typo neighbours are
// looked up only for words the catalogue does not have as typed.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { MAX_CANDIDATES, namePrefixes, searchCatalogue, searchCatalogueIds, searchCataloguePage } from "@/lib/server/catalogue";
import { providerOf, rebuildSearchDocs, refreshSearchIndex, repairSearchFtsPairing } from "@/lib/server/search-index";
import { makeActor } from "./publisher-helpers";

let t: TestDb;

/** Released (latest/stable, amd64, strict) snaps straight into the tables: hundreds in one go. */
async function snaps(ownerUserId: string, specs: { name: string; title?: string; summary?: string; description?: string }[]) {
  const account = await t.db.account.findFirstOrThrow({ where: { userId: ownerUserId } });
  const rows = specs.map((s) => ({ ...s, id: `cap-${s.name}`, snapId: crypto.randomBytes(16).toString("hex") }));
  await t.db.snap.createMany({
    data: rows.map((r) => ({
      id: r.id,
      snapId: r.snapId,
      name: r.name,
      ownerId: account.id,
      title: r.title,
      summary: r.summary ?? `The ${r.name} snap`,
      description: r.description ?? "",
      categories: ["utilities"],
      lastRevision: 1,
    })),
  });
  await t.db.revision.createMany({
    data: rows.map((r) => ({
      id: `${r.id}-r1`,
      snapId: r.id,
      revision: 1,
      uploadId: `${r.id}-up`,
      status: "ready_to_release" as const,
      version: "1.0",
      confinement: "strict" as const,
      grade: "stable" as const,
      type: "app",
      architectures: ["amd64"],
      sha3_384: crypto.createHash("sha3-384").update(r.name).digest("hex"),
      size: 4096,
      meta: { epoch: "0" },
      errors: [],
      uploaderId: ownerUserId,
      processedAt: new Date(),
    })),
  });
  await t.db.release.createMany({
    data: rows.map((r) => ({ snapId: r.id, track: "latest", risk: "stable", branch: "", architecture: "amd64", revisionId: `${r.id}-r1` })),
  });
}

const names = async (q: string, take = 100) => (await searchCatalogue(t.db, { q, take })).map((s) => s.name);

beforeAll(async () => {
  t = await createTestDb();
  const plain = await makeActor(t.db, "publisher");
  const verified = await makeActor(t.db, "publisher");
  await t.db.account.updateMany({ where: { userId: verified.id }, data: { validation: "verified" } });
  // More verified snaps than the cap, every one matching "tuner" in its name, title and text, all
  // before "tuner" by name: verified-first-then-name candidates alone would never reach it.
  await snaps(
    verified.id,
    Array.from({ length: MAX_CANDIDATES + 20 }, (_, i) => ({ name: `aa-tuner-${String(i).padStart(3, "0")}`, title: "Tuner", description: "a tuner" })),
  );
  await snaps(plain.id, [
    { name: "tuner", title: "Tuner" },
    { name: "tuner-box", title: "Box" },
    { name: "kestrel", title: "Kestrel" },
    { name: "kestral", title: "Kestral" },
    { name: "owlet", summary: "Watches owls", description: "kestrel sightings too" },
  ]);
  await refreshSearchIndex(t.db);
}, 120_000);
afterAll(() => t.cleanup());

describe("catalogue search past the candidate cap", () => {
  it("a broad word still puts the exact name first and the names it starts next", async () => {
    const found = await names("tuner");
    expect(found.slice(0, 2)).toEqual(["tuner", "tuner-box"]);
    expect(found).toHaveLength(100);
    // The words joined by hyphens are the name too.
    expect((await names("Tuner Box"))[0]).toBe("tuner-box");
  });

  it("reports at most the cap of each candidate source, verified first then by name", async () => {
    const page = await searchCataloguePage(t.db, { q: "tuner", page: 1, pageSize: 24 });
    expect(page.total).toBeLessThanOrEqual(3 * MAX_CANDIDATES);
    expect(page.items.slice(2, 5).map((i) => i.name)).toEqual(["aa-tuner-000", "aa-tuner-001", "aa-tuner-002"]);
  });

  it.each([["tuner"], ["tun"], ["aa-tuner"], ["aa tuner 01"], ["kestrel"]])(
    "%s: the store API's first 100 (names only when they fill them) are the page's first 100",
    async (q) => {
      const store = await searchCatalogueIds(t.db, { q, take: 100, withTotal: false });
      const page = await searchCataloguePage(t.db, { q, take: 100 });
      const rows = await t.db.snap.findMany({ where: { id: { in: store.ids } }, select: { id: true, name: true } });
      const nameOf = new Map(rows.map((r) => [r.id, r.name]));
      expect(store.ids.map((id) => nameOf.get(id))).toEqual(page.items.map((i) => i.name));
      expect(store.ids.length).toBeGreaterThan(0);
    },
  );

  it("looks typo neighbours up only for a word the catalogue does not have as typed", async () => {
    // As typed, a snap's name: kestral (one letter away) is not listed; owlet has the word.
    expect(await names("kestrel")).toEqual(["kestrel", "owlet"]);
    // Misspelled: both neighbours.
    expect(await names("kestrl")).toEqual(["kestral", "kestrel"]);
  });
});

describe("namePrefixes", () => {
  it.each([
    ["vlc", ["vlc"]],
    ["VLC ", ["vlc"]],
    ["video player", ["video-player"]],
    ["vlc-", ["vlc"]],
    ["c++", ["c"]],
    ["!!", []],
    ["-x", ["x"]],
  ])("%s -> %j", (q, want) => {
    expect(namePrefixes(q)).toEqual(want);
  });
});

describe.runIf(!process.env.SNAPSTORE_TEST_PG)("SQLite: each FTS row has its SearchDoc row's rowid", () => {
  it("after rebuilds too, and an edited description is found by its new words only", async () => {
    expect(providerOf(t.db)).toBe("sqlite");
    const snap = await t.db.snap.findUniqueOrThrow({ where: { name: "owlet" } });
    await t.db.snap.update({ where: { id: snap.id }, data: { description: "falcon sightings" } });
    expect(await names("falcon")).toEqual(["owlet"]);
    expect(await names("sightings")).toEqual(["owlet"]);
    expect(await names("kestrel")).toEqual(["kestrel"]);
    const [{ docs, fts, paired }] = await t.db.$queryRawUnsafe<{ docs: number; fts: number; paired: number }[]>(
      `SELECT (SELECT count(*) FROM "SearchDoc") AS docs, (SELECT count(*) FROM "SearchFts") AS fts,
        (SELECT count(*) FROM "SearchFts" f JOIN "SearchDoc" d ON d.rowid = f.rowid AND d."snapId" = f."snapId") AS paired`,
    );
    expect(Number(fts)).toBe(Number(docs));
    expect(Number(paired)).toBe(Number(docs));
  });

  it("rows whose rowids no longer match their documents (as a VACUUM may leave them) are re-paired at start", async () => {
    expect(await repairSearchFtsPairing(t.db)).toBe(0);
    // Swap two documents' FTS rows, as moved rowids would: each word now finds the other snap.
    const two = await t.db.$queryRawUnsafe<{ r: number; snapId: string; body: string }[]>(
      `SELECT d.rowid AS r, d."snapId", d."body" FROM "SearchDoc" d JOIN "Snap" s ON s."id" = d."snapId" WHERE s."name" IN ('owlet', 'kestrel') ORDER BY s."name"`,
    );
    expect(two).toHaveLength(2);
    await t.db.$executeRawUnsafe(`DELETE FROM "SearchFts" WHERE rowid IN (${two[0].r}, ${two[1].r})`);
    for (const [at, from] of [
      [two[0], two[1]],
      [two[1], two[0]],
    ])
      await t.db.$executeRawUnsafe(`INSERT INTO "SearchFts" (rowid, "snapId", "body") VALUES (?, ?, ?)`, Number(at.r), from.snapId, from.body);
    // A new process: nothing cached from before the swap.
    await t.db.$executeRawUnsafe(`UPDATE "CatalogueGen" SET "gen" = "gen" + 1`);
    // "falcon" is only in owlet's description (the test above): the full text alone finds it, and
    // now points at kestrel's document, which the ranking then drops (it lacks the word).
    expect(await names("falcon")).toEqual([]);
    expect(await repairSearchFtsPairing(t.db)).toBeGreaterThan(0);
    expect(await names("falcon")).toEqual(["owlet"]);
    expect(await repairSearchFtsPairing(t.db)).toBe(0);
  });

  it("a document's FTS row goes with it, so a later document reusing the rowid does not collide", async () => {
    const counts = async () =>
      (
        await t.db.$queryRawUnsafe<{ docs: number; fts: number; paired: number }[]>(
          `SELECT (SELECT count(*) FROM "SearchDoc") AS docs, (SELECT count(*) FROM "SearchFts") AS fts,
            (SELECT count(*) FROM "SearchFts" f JOIN "SearchDoc" d ON d.rowid = f.rowid AND d."snapId" = f."snapId") AS paired`,
        )
      ).map((r) => [Number(r.docs), Number(r.fts), Number(r.paired)])[0];
    // The newest document has the highest rowid: SQLite gives it to the next row once it is gone.
    const [last] = await t.db.$queryRawUnsafe<{ snapId: string }[]>(`SELECT "snapId" FROM "SearchDoc" ORDER BY rowid DESC LIMIT 1`);
    const before = await counts();
    await t.db.searchDoc.delete({ where: { snapId: last.snapId } });
    expect(await counts()).toEqual([before[0] - 1, before[1] - 1, before[2] - 1]);
    await rebuildSearchDocs(t.db, [last.snapId]);
    expect(await counts()).toEqual(before);
  });
});
