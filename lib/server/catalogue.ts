import "server-only";
import { dbConfig, getDb } from "@/lib/db/client";
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

/**
 * Public catalogue: snaps with at least one open channel holding a non-devmode revision. Devmode
 * snaps never appear here (snapd asks with confinement=strict,classic), nor private ones.
 */
export async function searchCatalogue(opts: { q?: string; category?: string; take?: number } = {}): Promise<CatalogueEntry[]> {
  const q = opts.q?.trim();
  const snaps = await getDb().snap.findMany({
    where: {
      ...PUBLIC_SNAP,
      releases: { some: { revision: { confinement: { not: "devmode" } } } },
      ...(q ? { OR: [{ name: icontains(q) }, { title: icontains(q) }, { summary: icontains(q) }] } : {}),
    },
    include: {
      owner: true,
      releases: { where: { revisionId: { not: null } }, include: { revision: true }, orderBy: { releasedAt: "desc" } },
    },
    orderBy: { name: "asc" },
    take: Math.min(opts.take ?? 50, 200),
  });
  return snaps
    .filter((s) => !opts.category || (s.categories as string[]).includes(opts.category))
    .map((s) => {
      const best = [...s.releases]
        .filter((r) => r.revision && r.revision.confinement !== "devmode")
        .sort((a, b) => compareRiskNames(a.risk, b.risk))[0];
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

export async function getPublicSnap(name: string) {
  return getDb().snap.findFirst({
    where: { name, ...PUBLIC_SNAP },
    include: {
      owner: true,
      releases: { where: { revisionId: { not: null } }, include: { revision: true } },
      media: { orderBy: [{ type: "asc" }, { position: "asc" }, { createdAt: "asc" }] },
    },
  });
}
