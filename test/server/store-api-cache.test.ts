// The store API's generation cache (lib/server/store-cache.ts) with two "instances": two Prisma
// clients on the same database, each with its own in-memory cache, as two stateless servers
// behind a load balancer. A write through either one (a release, a listing edit, privacy, a new
// icon) must be in the very next answer of both, and an unchanged catalogue must be served from
// the cache, byte for byte what the database gave. SQLite, or PostgreSQL with SNAPSTORE_TEST_PG.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { closeChannels, releaseRevision } from "@/lib/server/releases";
import { storeFind, storeInfo, storeSnapAction } from "@/lib/server/store-api";
import { searchCataloguePage } from "@/lib/server/catalogue";
import { GenerationCache } from "@/lib/catalogue/generation-cache";
import { catalogueGeneration, snapRows, storeCache, storeFlights } from "@/lib/server/store-cache";
import { refreshSearchIndex } from "@/lib/server/search-index";
import { createTestDb, type TestDb } from "@/test/support/db";
import { buildStoreCatalogue, type StoreCatalogue } from "./store-api-fixtures";

const BASE = "http://store.test:7000";
const SNAPD = { "Snap-Device-Series": "16", "Snap-Device-Architecture": "amd64" };

let t: TestDb;
let other: Db;
let cat: StoreCatalogue;

beforeAll(async () => {
  t = await createTestDb();
  cat = await buildStoreCatalogue(t.db);
  other = createDb(t.config);
}, 120_000);
afterAll(async () => {
  await other?.$disconnect();
  cat?.cleanup();
  await t?.cleanup();
});

const findText = async (db: Db, qs: string) => (await storeFind(db, new Request(`${BASE}/v2/snaps/find?${qs}`, { headers: SNAPD }))).text();
const findNames = async (db: Db, qs: string) =>
  ((JSON.parse(await findText(db, qs)) as { results: { name: string }[] }).results ?? []).map((r) => r.name).sort();
const info = async (db: Db, name: string) => {
  const r = await storeInfo(db, new Request(`${BASE}/v2/snaps/info/${name}?architecture=amd64`, { headers: SNAPD }), name);
  return { status: r.status, body: (await r.json()) as { snap?: { title?: string; media?: unknown[] }; "channel-map"?: { channel: { name: string } }[] } };
};
const refresh = async (db: Db, snapId: string, channel: string) => {
  const body = {
    context: [{ "snap-id": snapId, "instance-key": snapId, revision: 1, "tracking-channel": channel, epoch: { read: [0], write: [0] } }],
    actions: [{ action: "refresh", "instance-key": snapId, "snap-id": snapId }],
  };
  const r = await storeSnapAction(
    db,
    new Request(`${BASE}/v2/snaps/refresh`, { method: "POST", headers: { ...SNAPD, "Content-Type": "application/json" }, body: JSON.stringify(body) }),
  );
  return ((await r.json()) as { results: { result: string; error?: { code: string } }[] }).results;
};

describe("GenerationCache", () => {
  it("serves an entry only under the generation it was stored for", () => {
    // Room for two 4096-byte rows (anything but a string weighs 4096).
    const c = new GenerationCache(2 * 4096);
    c.set(3, "a", ["A3"]);
    expect(c.get(3, "a")).toEqual(["A3"]);
    // An older reader neither reads nor writes (its data may predate the newer write).
    expect(c.get(2, "a")).toBeUndefined();
    c.set(2, "b", ["B2"]);
    expect(c.get(3, "b")).toBeUndefined();
    // A newer generation empties the cache.
    expect(c.get(4, "a")).toBeUndefined();
    c.set(4, "a", ["A4"]);
    c.set(4, "b", ["B4"]);
    c.set(4, "c", ["C4"]);
    // Within the budget: the oldest goes.
    expect([c.get(4, "a"), c.get(4, "b"), c.get(4, "c")]).toEqual([undefined, ["B4"], ["C4"]]);
    // Strings weigh their length: a big answer pushes both rows out, a too big one is not kept.
    c.set(4, "find", "x".repeat(5000));
    expect([c.get(4, "b"), c.get(4, "c"), c.get<string>(4, "find")?.length]).toEqual([undefined, undefined, 5000]);
    c.set(4, "d", ["D4"]);
    expect([c.get<string>(4, "find")?.length, c.get(4, "d")]).toEqual([undefined, ["D4"]]);
    c.set(4, "huge", "x".repeat(3 * 4096));
    expect(c.get(4, "huge")).toBeUndefined();
    expect(c.get(-1, "c")).toBeUndefined();
  });
});

describe("the store API's cache across instances", () => {
  it("serves an unchanged catalogue from the cache, byte for byte", async () => {
    const first = await findText(t.db, "q=greeter&fields=title,summary,download");
    const hits = storeCache(t.db).hits;
    expect(await findText(t.db, "q=greeter&fields=title,summary,download")).toBe(first);
    expect(storeCache(t.db).hits).toBeGreaterThan(hits);
    expect(await findText(other, "q=greeter&fields=title,summary,download")).toBe(first);
  });

  it("a write moves the generation; nothing else does", async () => {
    const g0 = await catalogueGeneration(t.db);
    await findText(t.db, "q=greeter");
    expect(await catalogueGeneration(t.db)).toBe(g0);
    await other.snap.update({ where: { id: cat.snaps.classic.id }, data: { summary: "A classic greeter, still" } });
    expect(await catalogueGeneration(t.db)).toBeGreaterThan(g0);
  });

  it("a new snap-declaration revision moves the generation (a snap page's plug verdicts follow it)", async () => {
    const g0 = await catalogueGeneration(t.db);
    await other.snapDeclaration.create({ data: { snapId: cat.snaps.strict.id, revision: 90, plugs: {}, slots: {}, body: "test" } });
    const g1 = await catalogueGeneration(t.db);
    expect(g1).toBeGreaterThan(g0);
    await other.snapDeclaration.deleteMany({ where: { snapId: cat.snaps.strict.id, revision: 90 } });
    expect(await catalogueGeneration(t.db)).toBeGreaterThan(g1);
  });

  it("a release through one instance is in the next answer of both", async () => {
    expect(await refresh(t.db, cat.snaps.strict.snapId, "latest/edge")).toEqual([]);
    expect((await info(t.db, "hello-strict")).body["channel-map"]!.map((e) => e.channel.name)).not.toContain("edge");
    expect((await info(other, "hello-strict")).body["channel-map"]!.map((e) => e.channel.name)).not.toContain("edge");
    await releaseRevision(other, cat.pub, "hello-strict", { revision: 1, channels: ["edge"] });
    expect((await info(t.db, "hello-strict")).body["channel-map"]!.map((e) => e.channel.name)).toContain("edge");
    expect((await info(other, "hello-strict")).body["channel-map"]!.map((e) => e.channel.name)).toContain("edge");
    await closeChannels(t.db, cat.pub, "hello-strict", { channels: ["edge"] });
    expect((await info(other, "hello-strict")).body["channel-map"]!.map((e) => e.channel.name)).not.toContain("edge");
  });

  it("a listing edit is searchable at once (the search index is rebuilt under the new generation)", async () => {
    expect(await findNames(t.db, "q=zebra")).toEqual([]);
    expect(await findNames(other, "q=zebra")).toEqual([]);
    await other.snap.update({ where: { id: cat.snaps.strict.id }, data: { title: "Zebra Greeter" } });
    expect(await findNames(t.db, "q=zebra")).toEqual(["hello-strict"]);
    expect(await findNames(other, "q=zebra")).toEqual(["hello-strict"]);
    expect((await info(t.db, "hello-strict")).body.snap!.title).toBe("Zebra Greeter");
  });

  it("a snap made private disappears from find, info and refresh at once", async () => {
    expect(await findNames(t.db, "q=greeter")).toContain("hello-classic");
    expect((await info(t.db, "hello-classic")).status).toBe(200);
    await other.snap.update({ where: { id: cat.snaps.classic.id }, data: { private: true } });
    expect(await findNames(t.db, "q=greeter")).not.toContain("hello-classic");
    expect((await info(t.db, "hello-classic")).status).toBe(404);
    expect((await refresh(t.db, cat.snaps.classic.snapId, "latest/stable"))[0].error?.code).toBe("id-not-found");
    await other.snap.update({ where: { id: cat.snaps.classic.id }, data: { private: false } });
    expect((await info(t.db, "hello-classic")).status).toBe(200);
  });

  it("a new icon is in the next answer (media are not in the search index: their own trigger)", async () => {
    expect((await info(t.db, "hello-strict")).body.snap!.media).toEqual([]);
    await other.media.create({ data: { snapId: cat.snaps.strict.id, type: "icon", sha3_384: "0".repeat(96), contentType: "image/png", size: 1 } });
    expect((await info(t.db, "hello-strict")).body.snap!.media).toHaveLength(1);
  });
});

describe("the per-snap rows across generations (CatalogueChange)", () => {
  const rows = async (db: Db) => snapRows(db, await catalogueGeneration(db));

  it("a write to one snap drops only that snap's rows: the next answer loads it alone", async () => {
    await info(t.db, "hello-strict");
    await info(t.db, "hello-classic");
    const g0 = await catalogueGeneration(t.db);
    await other.snap.update({ where: { id: cat.snaps.classic.id }, data: { summary: "Changed through the other instance" } });
    const r0 = await rows(t.db);
    const before = { hits: r0.hits, misses: r0.misses };
    const strict = await info(t.db, "hello-strict");
    const classic = await info(t.db, "hello-classic");
    const after = await rows(t.db);
    // hello-strict came from the cache although the generation moved; hello-classic was loaded.
    expect(after.hits - before.hits).toBe(1);
    expect(after.misses - before.misses).toBe(1);
    expect(strict.status).toBe(200);
    expect((classic.body.snap as { summary?: string }).summary).toBe("Changed through the other instance");
    // The change is recorded under the generation it moved the catalogue to.
    const change = await t.db.catalogueChange.findUnique({ where: { snapId: cat.snaps.classic.id } });
    expect(change?.gen).toBeLessThanOrEqual(await catalogueGeneration(t.db));
    expect(change?.gen).toBeGreaterThan(g0);
  });

  it("a publisher's new display name reaches every snap of theirs (the account write marks each snap)", async () => {
    await info(t.db, "hello-strict");
    await info(t.db, "hello-classic");
    const owner = await t.db.account.findUniqueOrThrow({ where: { id: cat.snaps.strict.ownerId } });
    await other.account.update({ where: { id: owner.id }, data: { displayName: "Renamed Publisher" } });
    for (const name of ["hello-strict", "hello-classic"]) {
      const publisher = (await info(t.db, name)).body.snap as { publisher?: { "display-name": string } };
      expect(publisher.publisher?.["display-name"]).toBe("Renamed Publisher");
    }
    await other.account.update({ where: { id: owner.id }, data: { displayName: owner.displayName } });
    expect(((await info(t.db, "hello-strict")).body.snap as { publisher?: { "display-name": string } }).publisher?.["display-name"]).toBe(owner.displayName);
  });

  it("a name that did not answer is looked up again after any write (it may be registered since)", async () => {
    expect((await info(t.db, "hello-strict-later")).status).toBe(404);
    await other.snap.update({ where: { id: cat.snaps.strict.id }, data: { name: "hello-strict-later" } });
    expect((await info(t.db, "hello-strict-later")).status).toBe(200);
    await other.snap.update({ where: { id: cat.snaps.strict.id }, data: { name: "hello-strict" } });
    expect((await info(t.db, "hello-strict-later")).status).toBe(404);
    expect((await info(t.db, "hello-strict")).status).toBe(200);
  });
});

describe("the burst after a write", () => {
  it("concurrent searches rebuild a changed snap's search document once, not once each", async () => {
    await refreshSearchIndex(t.db);
    await other.snap.update({ where: { id: cat.snaps.strict.id }, data: { summary: "A strict greeter, rebuilt once" } });
    const gen = await catalogueGeneration(t.db);
    const rebuilt = await Promise.all(Array.from({ length: 8 }, () => refreshSearchIndex(t.db, { generation: gen })));
    expect(rebuilt.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it("concurrent identical finds under one generation compute one answer (one load of the changed snap)", async () => {
    const qs = "q=greeter&fields=title,summary";
    await findText(t.db, qs);
    await other.snap.update({ where: { id: cat.snaps.strict.id }, data: { summary: "A strict greeter, loaded once" } });
    const rows = await snapRows(t.db, await catalogueGeneration(t.db));
    const [misses, shared, hits] = [rows.misses, storeFlights(t.db).shared, storeCache(t.db).hits];
    const answers = await Promise.all(Array.from({ length: 8 }, () => findText(t.db, qs)));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toContain("A strict greeter, loaded once");
    // Each request either joined the one computation or, arriving after it, read its cached answer.
    expect(storeFlights(t.db).shared - shared + (storeCache(t.db).hits - hits)).toBe(7);
    expect(rows.misses - misses).toBe(1);
  });
});

describe("the web catalogue's search through the same cache", () => {
  const names = async (db: Db, q: string, viewerId?: string) =>
    (await searchCataloguePage(db, { q, page: 1, pageSize: 24, viewerId })).items.map((e) => e.name).sort();

  it("an unchanged catalogue is served from the cache; a listing edit or privacy change is in the next page of both instances", async () => {
    const first = await names(t.db, "greeter");
    const hits = storeCache(t.db).hits;
    expect(await names(t.db, "greeter")).toEqual(first);
    expect(storeCache(t.db).hits).toBeGreaterThan(hits);

    expect(await names(t.db, "okapi")).toEqual([]);
    expect(await names(other, "okapi")).toEqual([]);
    await other.snap.update({ where: { id: cat.snaps.strict.id }, data: { title: "Okapi Greeter" } });
    expect(await names(t.db, "okapi")).toEqual(["hello-strict"]);
    expect(await names(other, "okapi")).toEqual(["hello-strict"]);

    await t.db.snap.update({ where: { id: cat.snaps.strict.id }, data: { private: true } });
    expect(await names(other, "okapi")).toEqual([]);
    // The owner still finds it: the viewer is part of what is cached.
    expect(await names(other, "okapi", cat.pub.id)).toEqual(["hello-strict"]);
    await t.db.snap.update({ where: { id: cat.snaps.strict.id }, data: { private: false } });
    expect(await names(other, "okapi")).toEqual(["hello-strict"]);
  });
});
