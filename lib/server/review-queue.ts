import "server-only";
// The reviewers' queue: requests waiting for a decision, oldest first.
import type { Db } from "@/lib/db/client";

export function listPendingRequests(db: Db) {
  return db.reviewRequest.findMany({
    where: { status: "pending" },
    include: { snap: true, requester: { select: { email: true } }, _count: { select: { votes: true } } },
    orderBy: { createdAt: "asc" },
  });
}
