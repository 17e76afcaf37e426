import "server-only";
// The public catalogue: search and the public snap page. (lib/search replaces the search later.)
import { dbConfig, type Db } from "@/lib/db/client";
import { PUBLIC_SNAP, compareRiskNames } from "@/lib/vocabulary";

/** Case-insensitive contains on both providers (SQLite's LIKE already ignores ASCII case). */
function icontains(q: string) {
  return dbConfig().provider === "postgresql" ? { contains: q, mode: "insensitive" as const } : { contains: q };
}

export interface CatalogueEntry {
  name: string;
  title: string | null;
  summary: string | null;
  publisher: { username: string; displayName: string; validation: string };
  categories: string[];
  version: string | null;
  confinement: string | null;
}

/** Snaps read per query while filtering by category (categories is a JSON column). */
const CATEGORY_BATCH = 200;

/**
 * Public catalogue: snaps with at least one open channel holding a non-devmode revision. Devmode
 * snaps never appear here (snapd asks with confinement=strict,classic), nor private ones. At most
 * `take` (default 50, at most 200) by name.
 */
export async function searchCatalogue(
  db: Db,
  opts: {
    q?: string;
    category?: string;
    /** Only snaps with a released revision of these confinements (devmode is never listed). */
    confinement?: readonly ("strict" | "classic")[];
    take?: number;
    /** tests read in small batches */ batch?: number;
  } = {},
): Promise<CatalogueEntry[]> {
  const q = opts.q?.trim();
  const take = Math.min(opts.take ?? 50, 200);
  const batchSize = opts.batch ?? CATEGORY_BATCH;
  const query = {
    where: {
      ...PUBLIC_SNAP,
      releases: {
        some: { revision: opts.confinement ? { confinement: { in: [...opts.confinement] } } : { confinement: { not: "devmode" as const } } },
      },
      ...(q ? { OR: [{ name: icontains(q) }, { title: icontains(q) }, { summary: icontains(q) }] } : {}),
    },
    include: {
      owner: true,
      releases: { where: { revisionId: { not: null } }, include: { revision: true }, orderBy: { releasedAt: "desc" as const } },
    },
    orderBy: { name: "asc" as const },
  };
  // The category is matched here, not in SQL (a JSON array on both providers), so read in name
  // order until `take` snaps match: limiting the query first would silently drop later matches.
  const found: Awaited<ReturnType<typeof db.snap.findMany<typeof query>>> = [];
  for (let after: string | undefined; found.length < take;) {
    const batch = await db.snap.findMany({ ...query, take: opts.category ? batchSize : take, ...(after ? { cursor: { name: after }, skip: 1 } : {}) });
    found.push(...batch.filter((s) => !opts.category || (s.categories as string[]).includes(opts.category)));
    if (!opts.category || batch.length < batchSize) break;
    after = batch[batch.length - 1].name;
  }
  return found.slice(0, take).map((s) => {
    const best = [...s.releases].filter((r) => r.revision && r.revision.confinement !== "devmode").sort((a, b) => compareRiskNames(a.risk, b.risk))[0];
    return {
      name: s.name,
      title: s.title,
      summary: s.summary,
      publisher: { username: s.owner.username, displayName: s.owner.displayName, validation: s.owner.validation },
      categories: s.categories as string[],
      version: best?.revision?.version ?? null,
      confinement: best?.revision?.confinement ?? null,
    };
  });
}

export async function getPublicSnap(db: Db, name: string) {
  return db.snap.findFirst({
    where: { name, ...PUBLIC_SNAP },
    include: {
      owner: true,
      releases: { where: { revisionId: { not: null } }, include: { revision: true } },
      media: { orderBy: [{ type: "asc" }, { position: "asc" }, { createdAt: "asc" }] },
    },
  });
}
