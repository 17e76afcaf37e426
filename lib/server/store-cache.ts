import "server-only";
// Per-instance caches of the store API, keyed by the catalogue generation (CatalogueGen, moved by
// database triggers on every catalogue write: see migration 20261201030200_catalogue_gen). Each
// request reads the generation first (one primary-key read); an entry is only served for the
// generation it was computed under, so a release, a listing edit or a new icon is visible to the
// very next request on every instance, however many stateless instances share the database.
//
// Why this is correct: the generation is read BEFORE the data, so data computed after reading
// generation G reflects at least every write up to G (it may be newer, never older). An entry is
// stored only while the cache is still at the generation its request read; a newer generation
// empties the cache, and a request that read an older one neither reads nor writes it.
// Snaps' rows follow the same rule per snap instead (snapRows below: a newer generation drops only
// the snaps it changed, read from CatalogueChange).
import type { Db } from "@/lib/db/client";
import { GenerationCache } from "@/lib/catalogue/generation-cache";
import { SnapRowCache } from "@/lib/catalogue/snap-row-cache";
import { SingleFlight } from "@/lib/catalogue/single-flight";

/**
 * Budget per database and instance, in estimated bytes: a find answer counts its JSON length (up
 * to ~70 kB for 100 results), anything else (a snap's rows) ROW_WEIGHT. 64 MiB holds ~16k snaps
 * or ~1000 distinct find answers; the oldest entries go first (GenerationCache).
 */
const MAX_WEIGHT = 64 * 1024 * 1024;

/** The catalogue generation now (-1 when the row is missing: nothing is then cached). */
export async function catalogueGeneration(db: Db): Promise<number> {
  const rows = await db.$queryRaw<{ gen: number | bigint }[]>`SELECT "gen" FROM "CatalogueGen" WHERE "id" = 1`;
  return rows.length ? Number(rows[0].gen) : -1;
}

const caches = new WeakMap<object, GenerationCache>();

/**
 * The cache of this database client (tests hold several clients in one process).
 * SNAPSTORE_STORE_CACHE=off keeps nothing (the benchmark's --cold: what a miss costs).
 */
export function storeCache(db: Db): GenerationCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new GenerationCache(process.env.SNAPSTORE_STORE_CACHE === "off" ? 0 : MAX_WEIGHT)));
  return c;
}

const flights = new WeakMap<object, SingleFlight<string>>();

/** Answers being computed on this client: identical requests under one generation share one. */
export function storeFlights(db: Db): SingleFlight<string> {
  let f = flights.get(db);
  if (!f) flights.set(db, (f = new SingleFlight<string>()));
  return f;
}

/**
 * Snaps' rows kept across generations (lib/catalogue/snap-row-cache.ts): a write drops only the
 * snaps it changed. 20,000 rows is ~80 MiB at the rows' typical 4 KiB (description, snap.yaml).
 * An advance naming more than 2,000 changed snaps (a publisher's rename touches all their snaps)
 * starts over instead of reading them all.
 */
const ROWS = { maxEntries: 20_000, maxChanges: 2_000 };
const rowCaches = new WeakMap<object, SnapRowCache<unknown>>();

/** The per-snap cache of this database client, brought up to generation `gen` first. */
export async function snapRows<V>(db: Db, gen: number): Promise<SnapRowCache<V>> {
  let c = rowCaches.get(db) as SnapRowCache<V> | undefined;
  if (!c) {
    c = new SnapRowCache<V>(process.env.SNAPSTORE_STORE_CACHE === "off" ? { ...ROWS, maxEntries: 0 } : ROWS);
    rowCaches.set(db, c as SnapRowCache<unknown>);
  }
  if (gen >= 0 && c.behind(gen)) {
    if (!c.needsChanges()) c.advance(gen, []);
    else {
      // Read AFTER `gen` (the caller read it first), so the list covers every change up to it.
      const rows = await db.$queryRaw<{ snapId: string }[]>`SELECT "snapId" FROM "CatalogueChange" WHERE "gen" > ${c.since()} LIMIT ${ROWS.maxChanges + 1}`;
      const changed = rows.map((r) => r.snapId);
      c.advance(gen, changed);
    }
  }
  return c;
}
