import "server-only";
import { getDb } from "@/lib/db/client";

export function listPendingRequests() {
  return getDb().reviewRequest.findMany({
    where: { status: "pending" },
    include: { snap: true, requester: { select: { email: true } }, _count: { select: { votes: true } } },
    orderBy: { createdAt: "asc" },
  });
}
