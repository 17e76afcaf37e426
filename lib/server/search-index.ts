import "server-only";
// The search index: SearchDoc rows (+ SearchKey typo keys, + the SQLite FTS5 table SearchFts)
// rebuilt from the snap's data for every snap that database triggers marked in SearchDirty. The
// triggers catch every write path (services, admin CLI, seeds, other helpers' code), and the
// rebuild runs in TypeScript so both providers index the very same tokens (lib/search).
import { join, sql } from "@/lib/generated/sqlite/internal/prismaNamespace";
import type { Db, Tx } from "@/lib/db/client";
import { buildSearchDoc, type SearchDocRow } from "@/lib/search/doc";

export type SearchProvider = "sqlite" | "postgresql";

/** The provider behind a client (tests hold one of each in a process). */
export function providerOf(db: Db): SearchProvider {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/** PostgreSQL advisory lock key of the search index writers ("srch"). */
const SEARCH_INDEX_LOCK = 0x73726368;

/** Dirty snaps rebuilt per transaction. */
const BATCH = 200;

/** The newest processed revision's snap.yaml meta: where listing fields fall back to. */
async function newestMeta(db: Db, snapIds: string[]) {
  const revs = await db.revision.findMany({
    where: { snapId: { in: snapIds }, status: { in: ["ready_to_release", "need_manual_review"] }, meta: { not: undefined } },
    select: { snapId: true, revision: true, meta: true },
    orderBy: { revision: "desc" },
  });
  const out = new Map<string, unknown>();
  for (const r of revs) if (!out.has(r.snapId) && r.meta) out.set(r.snapId, r.meta);
  return out;
}

type Mark = { snapId: string; gen: number };

async function writeDocs(db: Db, provider: SearchProvider, allIds: string[], built: Map<string, { doc: SearchDocRow; keys: string[] }>, marks?: Mark[]) {
  await db.$transaction(
    async (tx) => {
      // Concurrent searches (and instances) rebuild the same dirty snaps: on PostgreSQL two
      // delete-then-insert transactions for one snap both delete nothing and then collide on the
      // primary key (or deadlock). One transaction-scoped advisory lock serialises index writes; SQLite
      // has a single writer already.
      if (provider === "postgresql") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEARCH_INDEX_LOCK})`;
      let ids = allIds;
      if (marks) {
        // Under the lock: a snap whose mark is gone was rebuilt meanwhile by another writer, from
        // data at least as new as the mark (marks are cleared in the same transaction as their
        // documents are written), so requests queued behind a rebuild do not redo it.
        const still = new Set((await tx.searchDirty.findMany({ where: { snapId: { in: allIds } }, select: { snapId: true } })).map((m) => m.snapId));
        ids = allIds.filter((id) => still.has(id));
        // Cleared only if no write marked the snap again meanwhile (gen unchanged).
        if (ids.length)
          await tx.$executeRaw`DELETE FROM "SearchDirty" WHERE ${join(
            marks.filter((m) => still.has(m.snapId)).map((d) => sql`("snapId" = ${d.snapId} AND "gen" = ${d.gen})`),
            " OR ",
          )}`;
        if (!ids.length) return;
      }
      await writeDocsTx(tx, provider, ids, built);
    },
    // Index writers wait for each other (the lock): the default 5 s expires behind a long rebuild.
    { timeout: 60_000, maxWait: 60_000 },
  );
}

async function writeDocsTx(tx: Tx, provider: SearchProvider, ids: string[], built: Map<string, { doc: SearchDocRow; keys: string[] }>) {
  const wanted = new Set(ids);
  {
    await tx.searchKey.deleteMany({ where: { snapId: { in: ids } } });
    // SQLite: the documents' FTS rows go with them (trigger SearchFts_doc_del, migration
    // search_rank_order): an FTS row has its SearchDoc row's rowid (catalogue.ts tests documents
    // against the integers a MATCH yields).
    await tx.searchDoc.deleteMany({ where: { snapId: { in: ids } } });
    const docs = [...built.values()].filter((d) => wanted.has(d.doc.snapId));
    if (!docs.length) return;
    await tx.searchDoc.createMany({ data: docs.map((d) => d.doc) });
    const keys = docs.flatMap((d) => d.keys.map((key) => ({ key, snapId: d.doc.snapId })));
    for (let i = 0; i < keys.length; i += 5000) await tx.searchKey.createMany({ data: keys.slice(i, i + 5000) });
    if (provider === "sqlite") {
      for (let i = 0; i < docs.length; i += 200) {
        const batch = docs.slice(i, i + 200).map((d) => d.doc.snapId);
        await tx.$executeRaw`INSERT INTO "SearchFts" (rowid, "snapId", "body") SELECT rowid, "snapId", "body" FROM "SearchDoc" WHERE "snapId" IN (${join(batch)})`;
      }
    }
  }
}

/** Rebuilds the search documents of these snaps now (a deleted snap loses its document). */
export async function rebuildSearchDocs(db: Db, snapIds: string[], marks?: Mark[]): Promise<void> {
  const provider = providerOf(db);
  for (let i = 0; i < snapIds.length; i += BATCH) {
    const ids = snapIds.slice(i, i + BATCH);
    const [snaps, metas] = await Promise.all([
      db.snap.findMany({
        where: { id: { in: ids } },
        include: {
          owner: { select: { userId: true, username: true, displayName: true, validation: true } },
          releases: { where: { revisionId: { not: null } }, select: { releasedAt: true, revision: { select: { confinement: true } } } },
        },
      }),
      newestMeta(db, ids),
    ]);
    const built = new Map(snaps.map((s) => [s.id, buildSearchDoc({ snap: s, owner: s.owner, releases: s.releases, meta: metas.get(s.id) ?? null })]));
    await writeDocs(
      db,
      provider,
      ids,
      built,
      marks?.filter((m) => ids.includes(m.snapId)),
    );
  }
}

/** Per client: the catalogue generation under which the dirty table was last seen empty. */
const cleanAt = new WeakMap<object, number>();

/**
 * Brings the index up to date with the snaps marked dirty; each mark is cleared only if no write
 * marked the snap again meanwhile (gen unchanged). Cheap when nothing is dirty: one indexed read.
 * Returns how many snaps were rebuilt.
 */
export async function refreshSearchIndex(db: Db, opts: { max?: number; generation?: number } = {}): Promise<number> {
  // Every dirty mark moves the catalogue generation (trigger on SearchDirty), so when the caller's
  // generation is the one under which this instance last saw no dirty snap, none can be dirty:
  // no query at all.
  const gen = opts.generation;
  const clean = () => gen !== undefined && gen >= 0 && cleanAt.get(db) === gen;
  if (clean()) return 0;
  // One refresh at a time per client: after a write, every concurrent search would otherwise
  // rebuild the same documents side by side and queue on the write lock (`bench:store-api
  // --writes 10`). A caller waits for the running one, then checks again: that refresh may have
  // read the dirty table before this caller's generation was written.
  for (let running; (running = refreshing.get(db));) await running.catch(() => 0);
  if (clean()) return 0;
  const job = refreshDirty(db, opts).finally(() => refreshing.delete(db));
  refreshing.set(db, job);
  return job;
}

const refreshing = new WeakMap<object, Promise<number>>();

async function refreshDirty(db: Db, opts: { max?: number; generation?: number }): Promise<number> {
  const gen = opts.generation;
  let done = 0;
  const max = opts.max ?? Infinity;
  while (done < max) {
    const dirty = await db.searchDirty.findMany({ take: Math.min(BATCH, max - done), orderBy: { snapId: "asc" } });
    if (!dirty.length) {
      if (gen !== undefined && gen >= 0) cleanAt.set(db, gen);
      break;
    }
    await rebuildSearchDocs(
      db,
      dirty.map((d) => d.snapId),
      dirty,
    );
    done += dirty.length;
  }
  return done;
}

/**
 * SQLite: re-pairs the full-text rows with their documents if their rowids no longer agree, and
 * says how many FTS rows were rewritten (0 when every row is paired, the normal case). The search
 * relies on an FTS row having its SearchDoc row's rowid (migration search_rank_order), and SQLite
 * documents that VACUUM "may change the ROWIDs" of a table without an INTEGER PRIMARY KEY, as
 * SearchDoc is. `snapstore db prepare` runs it at every start (the check: 0.1-0.3 s at 100k documents).
 */
export async function repairSearchFtsPairing(db: Db): Promise<number> {
  if (providerOf(db) !== "sqlite") return 0;
  const [{ docs, fts, paired }] = await db.$queryRaw<{ docs: number | bigint; fts: number | bigint; paired: number | bigint }[]>`
    SELECT (SELECT count(*) FROM "SearchDoc") AS "docs", (SELECT count(*) FROM "SearchFts") AS "fts",
      (SELECT count(*) FROM "SearchFts" f JOIN "SearchDoc" d ON d.rowid = f.rowid AND d."snapId" = f."snapId") AS "paired"`;
  if (Number(docs) === Number(fts) && Number(fts) === Number(paired)) return 0;
  await db.$transaction([
    db.$executeRaw`DELETE FROM "SearchFts"`,
    db.$executeRaw`INSERT INTO "SearchFts" (rowid, "snapId", "body") SELECT rowid, "snapId", "body" FROM "SearchDoc"`,
    // Searches other running instances keep were answered from the unpaired rows.
    db.$executeRaw`UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1`,
  ]);
  return Number(docs);
}

/** Rebuilds every document (after a restore, or to check the triggers: compare with the live index). */
export async function rebuildAllSearchDocs(db: Db): Promise<number> {
  let n = 0;
  for (let after: string | undefined; ;) {
    const page = await db.snap.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: 1000, ...(after ? { cursor: { id: after }, skip: 1 } : {}) });
    if (!page.length) break;
    await rebuildSearchDocs(
      db,
      page.map((p) => p.id),
    );
    n += page.length;
    after = page[page.length - 1].id;
  }
  return n;
}
