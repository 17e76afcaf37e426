import "server-only";
import { getDb } from "@/lib/db/client";
import type { CurrentUser } from "@/lib/auth/session";

/** The publisher's own snaps (admins see every snap). */
export async function listMySnaps(user: Pick<CurrentUser, "id" | "role">) {
  const snaps = await getDb().snap.findMany({
    where: user.role === "admin" ? {} : { owner: { userId: user.id } },
    include: {
      revisions: { orderBy: { revision: "desc" }, take: 1 },
      releases: { where: { revisionId: { not: null } } },
      _count: { select: { requests: { where: { status: "pending" } } } },
    },
    orderBy: { name: "asc" },
  });
  return snaps.map((s) => ({
    name: s.name,
    latest: s.revisions[0] ? { revision: s.revisions[0].revision, version: s.revisions[0].version, status: s.revisions[0].status } : null,
    channels: [...new Set(s.releases.map((r) => `${r.track}/${r.risk}${r.branch ? `/${r.branch}` : ""}`))],
    pendingRequests: s._count.requests,
  }));
}
