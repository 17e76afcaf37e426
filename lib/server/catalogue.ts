import "server-only";
// The public catalogue: search (one function for the web pages and the store API) and the public
// snap page. Candidates come from the database (SQLite FTS5 or PostgreSQL tsvector for words and
// prefixes, the SearchKey table for typos); lib/search ranks them, so both providers agree.
import type { Db } from "@/lib/db/client";
import { join, raw, sql, type Sql } from "@/lib/generated/sqlite/internal/prismaNamespace";
import { categoryList } from "@/lib/search/doc";
import { effectiveListing } from "@/lib/search/listing";
import { fts5Query, normalise, PREFIX_MIN, queryTokens, queryTypoKeys, rankDocs, rankTier, tsQuery, type RankDoc } from "@/lib/search/text";
import { compareReleases, compareRiskNames } from "@/lib/vocabulary";
import { explainPlug } from "@/lib/policy/explain";
import type { SnapMeta } from "@/lib/snap/snap-yaml";
import { mediaUrl, newestSnapYamlMeta } from "./listing";
import { currentDeclaration } from "./revisions";
import { providerOf, refreshSearchIndex } from "./search-index";
import { catalogueGeneration, storeCache } from "./store-cache";

export interface CatalogueEntry {
  name: string;
  title: string | null;
  summary: string | null;
  publisher: { id: string; username: string; displayName: string; validation: string };
  categories: string[];
  version: string | null;
  confinement: string | null;
  snapId: string;
  /** /media/{id} of the listing icon, or null. */
  iconUrl: string | null;
  private: boolean;
  /** Newest release into an open channel (for "recently updated"). */
  releasedAt: Date | null;
}

export type CatalogueSort = "relevance" | "name" | "updated" | "new";

export interface CatalogueQuery {
  q?: string;
  category?: string;
  /** Only snaps with a revision of one of these confinements in an open channel. */
  confinement?: ("strict" | "classic")[];
  verifiedOnly?: boolean;
  /** 1-based page of `pageSize` (default 24); without `page`, `offset` + `take` (default 50). */
  page?: number;
  pageSize?: number;
  offset?: number;
  take?: number;
  /** The signed-in user: their own private snaps are included. */
  viewerId?: string | null;
  /** relevance (default with q), name (default without), updated, new. */
  sort?: CatalogueSort;
  /** The catalogue generation the caller read (store-cache.ts): skips the dirty check when current. */
  generation?: number;
  /** false: no COUNT(*) for a listing without words (the store API shows no total); total is then the page's size. */
  withTotal?: boolean;
}

export interface CataloguePage {
  items: CatalogueEntry[];
  /** Matches in all (with q, capped at MAX_CANDIDATES per candidate source). */
  total: number;
  offset: number;
  take: number;
}

/**
 * Most candidates taken from each source per query (name index, full text, typo keys); a search
 * reports at most these matches of each. Why a cap is correct: the store API answers at most 100 results
 * (FIND_LIMIT; snapd does not page) and a search page shows 24, while a broad word ("video")
 * matches a third of a 100k-snap store; ranking all of them cost 40-140 ms per cold query. What
 * it changes: beyond the cap, full-text and typo matches are taken verified first, then by name,
 * so on a very broad query a better text match later in the alphabet can be left unranked. The
 * rank tiers that matter most are not capped away: the exact name and the names starting with
 * the query come from the name index themselves (nameCandidates), so the exact name is always
 * first, and tier 1 holds the first MAX_CANDIDATES names with that prefix, verified first.
 */
export const MAX_CANDIDATES = 300;
const MAX_TAKE = 200;

const T = raw("true");

function filters(provider: "sqlite" | "postgresql", o: CatalogueQuery): Sql {
  const parts: Sql[] = [sql`d."listed" = ${T}`];
  parts.push(o.viewerId ? sql`(d."private" = ${raw("false")} OR d."ownerUserId" = ${o.viewerId})` : sql`d."private" = ${raw("false")}`);
  if (o.category) parts.push(sql`d."categories" LIKE ${`% ${o.category.replace(/[%_\s]/g, "")} %`}`);
  const conf = [...new Set(o.confinement ?? [])];
  if (conf.length === 1) parts.push(conf[0] === "classic" ? sql`d."classic" = ${T}` : sql`d."strict" = ${T}`);
  if (o.verifiedOnly) parts.push(sql`d."verified" = ${T}`);
  void provider;
  return join(parts, " AND ");
}

const byName = (p: "sqlite" | "postgresql") => (p === "postgresql" ? raw(`d."name" COLLATE "C"`) : raw(`d."name"`));

interface CandidateRow extends RankDoc {
  snapId: string;
}

/**
 * A candidate's ranking columns. Not the description's tokens (up to 300 words): the database
 * answers how each query token matches it (RankDoc.descMatch), because reading tDesc for every
 * candidate through Prisma was most of a cold search (~12 ms per 300 candidates).
 */
function candidateCols(qt: string[]): Sql {
  const padded = raw(`(' ' || d."tDesc" || ' ')`);
  // Tokens are [a-z0-9]+: no LIKE wildcard in them. Both providers concatenate text with ||.
  const perToken = qt.map((t) =>
    t.length >= PREFIX_MIN
      ? sql`(CASE WHEN ${padded} LIKE ${`% ${t} %`} THEN '2' WHEN ${padded} LIKE ${`% ${t}%`} THEN '1' ELSE '0' END)`
      : sql`(CASE WHEN ${padded} LIKE ${`% ${t} %`} THEN '2' ELSE '0' END)`,
  );
  return sql`d."snapId", d."name", d."title", d."tName", d."tTitle", d."tSummary", d."tMeta", '' AS "tDesc", d."verified", ${join(perToken, " || ")} AS "descMatch"`;
}

/**
 * The name prefixes a query's tier 0 and 1 (lib/search/text.ts, rankTier) can match: the query as
 * typed, and with its words joined by hyphens ("video player" -> video-player). Names are
 * [a-z0-9-] without leading, trailing or double hyphens, so a name starts with one of these
 * exactly when its rank tier is 0 or 1; anything else cannot start a name.
 */
export function namePrefixes(q: string): string[] {
  const out = [...new Set([q.trim().toLowerCase(), normalise(q).replace(/ /g, "-")])].filter((p) => /^[a-z0-9][a-z0-9-]*$/.test(p));
  // A prefix that extends another finds a subset of its names.
  return out.filter((p) => !out.some((o) => o !== p && p.startsWith(o)));
}

/**
 * The ranking columns of the documents a capped query picks (its snapIds): picked first, then
 * read, so the columns (and their LIKEs) are computed for the cap, not for every match sorted.
 * Their order does not matter: rankDocs orders by a total key ending in the (unique) name.
 */
const capped = (db: Db, cols: Sql, pick: Sql) => db.$queryRaw<CandidateRow[]>(sql`SELECT ${cols} FROM "SearchDoc" d WHERE d."snapId" IN (${pick})`);

/**
 * Tier 0 and 1 candidates: the exact name, and the names starting with the query chosen like the
 * other sources' (verified first, then by name, up to MAX_CANDIDATES), from the name index. The
 * exact name is read on its own, so it is never capped away. SQLite: names are ASCII below "~"
 * in binary order, a range seek. PostgreSQL: LIKE on the text_pattern_ops index (the prefix is
 * [a-z0-9-], no LIKE wildcard).
 */
async function nameCandidates(db: Db, o: CatalogueQuery, cols: Sql, where: Sql, order: Sql, q: string): Promise<CandidateRow[]> {
  const provider = providerOf(db);
  const prefixes = namePrefixes(q);
  if (!prefixes.length) return [];
  // SQLite's planner, left to itself, walks the whole (listed, private, verified, name) index for
  // these (5-15 ms at 100k snaps) instead of seeking: the indexes are named. The range seeks that
  // index once per verified value, in rank order, reading only the index; with a viewer (their
  // private snaps too) `private` is no equality to seek on, so the name index and a sort.
  const sqlite = provider === "sqlite";
  const byNameIdx = raw(sqlite ? `"SearchDoc" d INDEXED BY "SearchDoc_listed_name_idx"` : `"SearchDoc" d`);
  const seek = sqlite && !o.viewerId;
  const rangeFrom = seek ? raw(`"SearchDoc" d INDEXED BY "SearchDoc_listed_private_verified_name_snapId_idx"`) : byNameIdx;
  const verified = seek ? raw(`AND d."verified" IN (true, false)`) : raw("");
  const ranges = prefixes.map((p) => {
    const range = sqlite ? sql`d."name" >= ${p} AND d."name" < ${`${p}~`}` : sql`d."name" LIKE ${`${p}%`}`;
    return capped(db, cols, sql`SELECT d."snapId" FROM ${rangeFrom} WHERE ${where} ${verified} AND ${range} ${order}`);
  });
  const exact = db.$queryRaw<CandidateRow[]>(sql`SELECT ${cols} FROM ${byNameIdx} WHERE ${where} AND d."name" IN (${join(prefixes)})`);
  return (await Promise.all([exact, ...ranges])).flat();
}

/** Full-text matches up to this many are looked up by rowid; more are found by the index walk. */
const FTS_PROBE = 500;

/**
 * Full-text candidates, verified first, then by name, up to the cap. SQLite: FTS rowids are
 * SearchDoc rowids (search-index.ts), so a few matches are read by rowid and sorted, and many are
 * found walking the (listed, private, verified DESC, name) index, testing each entry against the
 * match set, which stops after a few hundred entries instead of joining and sorting every match
 * ("video" at 100k snaps: 35k matches, 130 ms before, ~6 ms this way). PostgreSQL: the GIN index
 * and a top-N sort.
 */
async function textCandidates(db: Db, provider: "sqlite" | "postgresql", cols: Sql, where: Sql, order: Sql, qt: string[], all: boolean) {
  if (provider === "postgresql")
    return capped(
      db,
      cols,
      sql`SELECT d."snapId" FROM "SearchDoc" d WHERE to_tsvector('simple', d."body") @@ to_tsquery('simple', ${tsQuery(qt, all)}) AND ${where} ${order}`,
    );
  const match = fts5Query(qt, all);
  const few = await db.$queryRaw<{ r: number | bigint }[]>(sql`SELECT rowid AS "r" FROM "SearchFts" WHERE "SearchFts" MATCH ${match} LIMIT ${FTS_PROBE + 1}`);
  if (!few.length) return [];
  const inSet =
    few.length <= FTS_PROBE ? sql`d.rowid IN (${join(few.map((f) => f.r))})` : sql`d.rowid IN (SELECT rowid FROM "SearchFts" WHERE "SearchFts" MATCH ${match})`;
  return capped(db, cols, sql`SELECT d."snapId" FROM "SearchDoc" d WHERE ${where} AND ${inSet} ${order}`);
}

/**
 * The candidates of a query. `need`: the caller shows only the first `need` results and no total
 * (the store API); when the exact name and name prefixes (rank tiers 0 and 1, which rank before
 * everything else) are that many, the other sources cannot reach those results and are not asked
 * (the full text would only add later tiers, and prefix names it holds are among those the name
 * source took: chosen the same way, verified first then by name, and every such name matches).
 */
async function candidates(db: Db, o: CatalogueQuery, q: string, need = Infinity): Promise<CandidateRow[]> {
  const provider = providerOf(db);
  const qt = queryTokens(q);
  if (!qt.length) return [];
  const where = filters(provider, o);
  const cols = candidateCols(qt);
  const order = sql`ORDER BY d."verified" DESC, ${byName(provider)} LIMIT ${MAX_CANDIDATES}`;
  // PostgreSQL answers on several connections: the full text runs meanwhile, even if the names
  // then make it unneeded. SQLite has one: it is asked only when needed.
  const everyMeanwhile = provider === "postgresql" ? textCandidates(db, provider, cols, where, order, qt, true) : null;
  everyMeanwhile?.catch(() => {}); // awaited below, or not needed
  const names = await nameCandidates(db, o, cols, where, order, q);
  // SQLite answers booleans as 0/1.
  const withBooleans = (rows: CandidateRow[]) => rows.map((r) => ({ ...r, verified: Boolean(r.verified) }));
  if (new Set(names.map((r) => r.snapId)).size >= need) return withBooleans(names);
  const every = await (everyMeanwhile ?? textCandidates(db, provider, cols, where, order, qt, true));
  // Every word first (what the ranking keeps anyway); any word only when that finds nothing, so
  // a multi-word query ranks tens of candidates, not the cap.
  const text = every.length || qt.length === 1 ? every : await textCandidates(db, provider, cols, where, order, qt, false);
  // Typo neighbours (documents sharing a typo key with a query word) are looked up unless the
  // query is, as typed, a listed snap's name, or the full text already fills the cap with
  // documents matching every word: then the words were not misspelled, and their neighbours
  // would rank in the same fields below the exact and prefix matches (0.5 against 1 and 0.7).
  // This lookup was most of a cold exact-name or multi-word query (the keys of "player" or of a
  // name's first four letters are shared by thousands of snaps: 20-70 ms at 100k). A misspelled
  // word ("vdieo"), which the full text does not find, still finds its neighbours.
  const exact = names.some((r) => rankTier(q, r) === 0);
  const keys = exact || every.length >= MAX_CANDIDATES ? [] : [...new Set(qt.flatMap(queryTypoKeys))];
  const typos = keys.length
    ? await capped(
        db,
        cols,
        // Driven from the typo keys, not from every listed document: SQLite's planner otherwise
        // walks SearchDoc by its `listed` index (600 ms at 100k snaps, 20 ms this way). CROSS
        // JOIN fixes SQLite's join order; PostgreSQL plans it as the inner join it is.
        sql`SELECT d."snapId" FROM (SELECT DISTINCT k."snapId" FROM "SearchKey" k WHERE k."key" IN (${join(keys)})) m CROSS JOIN "SearchDoc" d WHERE d."snapId" = m."snapId" AND ${where} ${order}`,
      )
    : [];
  const all = new Map<string, CandidateRow>();
  for (const r of withBooleans([...names, ...text, ...typos])) all.set(r.snapId, r);
  return [...all.values()];
}

function window(o: CatalogueQuery): { offset: number; take: number } {
  if (o.page === undefined) return { offset: Math.max(0, o.offset ?? 0), take: Math.max(0, Math.min(o.take ?? 50, MAX_TAKE)) };
  const size = Math.max(1, Math.min(o.pageSize ?? 24, MAX_TAKE));
  return { offset: (Math.max(1, Math.floor(o.page ?? 1)) - 1) * size, take: size };
}

/**
 * The search with its total, for paginated pages. Kept per catalogue generation like the store
 * API's answers (store-cache.ts: any catalogue write moves the generation, so the next request on
 * every instance computes afresh): while nothing changes, a search page costs its render, not a
 * full-text query (~45 ms for a broad word at 10k snaps). The result is shared: never mutate it.
 */
export async function searchCataloguePage(db: Db, o: CatalogueQuery = {}): Promise<CataloguePage> {
  const gen = o.generation ?? (await catalogueGeneration(db));
  const cache = storeCache(db);
  const key = `catalogue-page:${JSON.stringify({ ...o, generation: undefined })}`;
  const hit = cache.get<CataloguePage>(gen, key);
  if (hit) return hit;
  const { ids, total, offset, take } = await searchCatalogueIds(db, { ...o, generation: gen });
  const page = { items: await entries(db, ids), total, offset, take };
  cache.set(gen, key, page, PAGE_ENTRY_WEIGHT * (page.items.length + 1));
  return page;
}
/** Estimated bytes of one catalogue entry in the cache's budget. */
const PAGE_ENTRY_WEIGHT = 2048;

/**
 * The search's snaps (Snap.id, in result order) with its total, without loading them: the store
 * API loads its own columns (one query, cached per snap).
 */
export async function searchCatalogueIds(db: Db, o: CatalogueQuery = {}): Promise<{ ids: string[]; total: number; offset: number; take: number }> {
  await refreshSearchIndex(db, { max: 2000, generation: o.generation }).catch((err) => console.error("search index refresh failed", err));
  const provider = providerOf(db);
  const { offset, take } = window(o);
  const q = o.q?.trim() ?? "";
  let ids: string[];
  let total: number;
  if (queryTokens(q).length && (o.sort ?? "relevance") === "relevance") {
    const ranked = rankDocs(q, await candidates(db, o, q, o.withTotal === false ? offset + take : Infinity));
    total = ranked.length;
    ids = ranked.slice(offset, offset + take).map((d) => d.snapId);
  } else {
    let where = filters(provider, o);
    if (queryTokens(q).length) where = sql`${where} AND d."snapId" IN (${join((await candidates(db, o, q)).map((c) => c.snapId).concat(""))})`;
    const order =
      o.sort === "updated"
        ? sql`d."releasedAt" DESC, ${byName(provider)}`
        : o.sort === "new"
          ? sql`d."firstReleasedAt" DESC, ${byName(provider)}`
          : sql`${byName(provider)}`;
    const [rows, count] = await Promise.all([
      db.$queryRaw<{ snapId: string }[]>(sql`SELECT d."snapId" FROM "SearchDoc" d WHERE ${where} ORDER BY ${order} LIMIT ${take} OFFSET ${offset}`),
      o.withTotal === false ? null : db.$queryRaw<{ n: number | bigint }[]>(sql`SELECT COUNT(*) AS n FROM "SearchDoc" d WHERE ${where}`),
    ]);
    ids = rows.map((r) => r.snapId);
    total = count ? Number(count[0]?.n ?? 0) : ids.length;
  }
  return { ids, total, offset, take };
}

/**
 * THE catalogue search (web pages and the store API): listed snaps only — name approved, a
 * non-devmode revision in an open channel, not private unless the viewer owns it. Devmode snaps
 * and revisions never appear, whatever the query or filter.
 */
export async function searchCatalogue(db: Db, o: CatalogueQuery = {}): Promise<CatalogueEntry[]> {
  return (await searchCataloguePage(db, o)).items;
}

/** Catalogue entries for these snaps, in this order. */
async function entries(db: Db, ids: string[]): Promise<CatalogueEntry[]> {
  if (!ids.length) return [];
  const [snaps, revs] = await Promise.all([
    db.snap.findMany({
      where: { id: { in: ids } },
      include: {
        owner: true,
        releases: { where: { revisionId: { not: null } }, include: { revision: { select: { version: true, confinement: true } } } },
        media: { where: { type: "icon" }, select: { id: true }, take: 1 },
      },
    }),
    db.revision.findMany({
      where: { snapId: { in: ids }, status: { in: ["ready_to_release", "need_manual_review"] } },
      select: { snapId: true, meta: true },
      orderBy: { revision: "desc" },
    }),
  ]);
  const meta = new Map<string, unknown>();
  for (const r of revs) if (!meta.has(r.snapId) && r.meta) meta.set(r.snapId, r.meta);
  const byId = new Map(snaps.map((s) => [s.id, s]));
  return ids.flatMap((id) => {
    const s = byId.get(id);
    if (!s) return [];
    const listing = effectiveListing(s, meta.get(id)).values;
    const open = s.releases.filter((r) => r.revision && r.revision.confinement !== "devmode");
    const best = [...open].sort((a, b) => compareRiskNames(a.risk, b.risk))[0];
    const times = open.map((r) => r.releasedAt.getTime());
    return [
      {
        name: s.name,
        title: listing.title,
        summary: listing.summary,
        publisher: { id: s.owner.id, username: s.owner.username, displayName: s.owner.displayName, validation: s.owner.validation },
        categories: categoryList(s.categories),
        version: best?.revision?.version ?? null,
        confinement: best?.revision?.confinement ?? null,
        snapId: s.snapId,
        iconUrl: s.media[0] ? mediaUrl(s.media[0].id) : null,
        private: s.private,
        releasedAt: times.length ? new Date(Math.max(...times)) : null,
      },
    ];
  });
}

const snapPageInclude = {
  owner: true,
  releases: { include: { revision: true } },
  media: { orderBy: [{ type: "asc" as const }, { position: "asc" as const }, { createdAt: "asc" as const }] },
};

/**
 * The snap page's data, or null (404). Anyone sees an approved, non-private snap once something is
 * released (devmode included: its page carries a warning, search never shows it); before that, and
 * for private snaps, only the owner, reviewers and admins.
 */
export async function getSnapPage(db: Db, name: string, viewer: { id: string; role: string } | null = null) {
  const snap = await db.snap.findUnique({ where: { name }, include: snapPageInclude });
  if (!snap) return null;
  const open = snap.releases.filter((r) => r.revision);
  const isOwner = !!viewer && snap.owner.userId === viewer.id;
  const isStaff = !!viewer && (viewer.role === "reviewer" || viewer.role === "admin");
  const isPublic = !snap.private && snap.nameStatus === "active" && open.length > 0;
  if (!isPublic && !isOwner && !isStaff) return null;
  const listing = effectiveListing(snap, await newestSnapYamlMeta(db, snap.id));
  const released = [...open].sort(compareReleases)[0]?.revision ?? null;
  const meta = (released?.meta ?? null) as SnapMeta | null;
  const decl = await currentDeclaration(db, snap.id);
  // What each plug of the released revision gets on a classic system and on Ubuntu Core.
  const plugs = Object.values(meta?.plugs ?? {}).map((p) => {
    const classic = explainPlug(p, decl, { classicSystem: true, snapName: snap.name, snapType: meta?.type });
    const core = explainPlug(p, decl, { classicSystem: false, snapName: snap.name, snapType: meta?.type });
    return { plug: p.name, interface: p.interface, autoConnectClassic: classic.autoConnects, autoConnectCore: core.autoConnects, text: classic.text };
  });
  return { snap, listing: listing.values, fromSnap: listing.fromSnap, public: isPublic, released, openReleases: open, isOwner, plugs };
}

/** The public page's snap (what anyone may see), or null. */
export async function getPublicSnap(db: Db, name: string) {
  return (await getSnapPage(db, name, null))?.snap ?? null;
}
