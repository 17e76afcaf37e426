import "server-only";
// A publisher's snaps, as the dashboard's "My snaps" page lists them.
import type { Db } from "@/lib/db/client";
import { WAITING_STATUS, compareReleases, releaseChannel } from "@/lib/vocabulary";
import type { Actor } from "./ownership";

export interface DashboardSnap {
  name: string;
  title: string | null;
  nameStatus: string;
  latest: { revision: number; version: string | null; status: string; createdAt: Date } | null;
  channels: string[];
  /** Revisions waiting for manual review. */
  waitingRevisions: number[];
  pendingRequests: number;
}

/**
 * The actor's own snaps, by name. Admins too see only their own here ("My snaps"): they reach other
 * publishers' snaps by name (ownership lets admins manage any snap).
 */
export async function listDashboardSnaps(db: Db, actor: Actor): Promise<DashboardSnap[]> {
  const snaps = await db.snap.findMany({
    where: { owner: { userId: actor.id } },
    include: {
      revisions: { orderBy: { revision: "desc" }, take: 1 },
      releases: { where: { revisionId: { not: null } }, include: { revision: { select: { revision: true } } } },
      _count: { select: { requests: { where: { status: "pending" } } } },
    },
    orderBy: { name: "asc" },
  });
  const waiting = await db.revision.findMany({
    where: { snapId: { in: snaps.map((s) => s.id) }, status: WAITING_STATUS },
    select: { snapId: true, revision: true },
    orderBy: { revision: "asc" },
  });
  return snaps.map((s) => {
    const rel = [...s.releases].sort(compareReleases);
    return {
      name: s.name,
      title: s.title,
      nameStatus: s.nameStatus,
      latest: s.revisions[0]
        ? { revision: s.revisions[0].revision, version: s.revisions[0].version, status: s.revisions[0].status, createdAt: s.revisions[0].createdAt }
        : null,
      channels: [...new Set(rel.map(releaseChannel))],
      waitingRevisions: waiting.filter((w) => w.snapId === s.id).map((w) => w.revision),
      pendingRequests: s._count.requests,
    };
  });
}
