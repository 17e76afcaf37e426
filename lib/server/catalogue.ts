import "server-only";
// The public catalogue: search (one function for the web pages and the store API) and the public
// snap page. Candidates come from the database (SQLite FTS5 or PostgreSQL tsvector for words and
// prefixes, the SearchKey table for typos); lib/search ranks them, so both providers agree.
import type { Db } from "@/lib/db/client";
import { join, raw, sql, type Sql } from "@/lib/generated/sqlite/internal/prismaNamespace";
import { categoryList } from "@/lib/search/doc";
import { effectiveListing } from "@/lib/search/listing";
import { fts5Query, queryTokens, queryTypoKeys, rankDocs, tsQuery, type RankDoc } from "@/lib/search/text";
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
  /** Matches in all (with q, capped at MAX_CANDIDATES). */
  total: number;
  offset: number;
  take: number;
}

/** Most candidates ranked per query: a two-letter query can match most of a large store. */
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

const CANDIDATE_COLS = raw(`d."snapId", d."name", d."title", d."tName", d."tTitle", d."tSummary", d."tMeta", d."tDesc", d."verified"`);

async function candidates(db: Db, o: CatalogueQuery, q: string): Promise<CandidateRow[]> {
  const provider = providerOf(db);
  const qt = queryTokens(q);
  if (!qt.length) return [];
  const where = filters(provider, o);
  const order = sql`ORDER BY d."verified" DESC, ${byName(provider)} LIMIT ${MAX_CANDIDATES}`;
  const text = (all: boolean) =>
    provider === "sqlite"
      ? sql`SELECT ${CANDIDATE_COLS} FROM "SearchFts" f JOIN "SearchDoc" d ON d."snapId" = f."snapId" WHERE "SearchFts" MATCH ${fts5Query(qt, all)} AND ${where} ${order}`
      : sql`SELECT ${CANDIDATE_COLS} FROM "SearchDoc" d WHERE to_tsvector('simple', d."body") @@ to_tsquery('simple', ${tsQuery(qt, all)}) AND ${where} ${order}`;
  const keys = [...new Set(qt.flatMap(queryTypoKeys))];
  // Every word first (what the ranking keeps anyway); any word only when that finds nothing, so
  // a multi-word query ranks tens of candidates, not the cap.
  const textMatches = async () => {
    const every = await db.$queryRaw<CandidateRow[]>(text(true));
    return every.length || qt.length === 1 ? every : db.$queryRaw<CandidateRow[]>(text(false));
  };
  const [a, b] = await Promise.all([
    textMatches(),
    keys.length
      ? db.$queryRaw<CandidateRow[]>(
          // Driven from the typo keys, not from every listed document: SQLite's planner otherwise
          // walks SearchDoc by its `listed` index (600 ms at 100k snaps, 20 ms this way). CROSS
          // JOIN fixes SQLite's join order; PostgreSQL plans it as the inner join it is.
          sql`SELECT ${CANDIDATE_COLS} FROM (SELECT DISTINCT k."snapId" FROM "SearchKey" k WHERE k."key" IN (${join(keys)})) m CROSS JOIN "SearchDoc" d WHERE d."snapId" = m."snapId" AND ${where} ${order}`,
        )
      : Promise.resolve([]),
  ]);
  const all = new Map<string, CandidateRow>();
  for (const r of [...a, ...b]) all.set(r.snapId, { ...r, verified: Boolean(r.verified) });
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
    const ranked = rankDocs(q, await candidates(db, o, q));
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
