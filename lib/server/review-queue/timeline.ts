import "server-only";
// The publisher's view of review: a request's timeline from the audit log, and what a waiting
// revision waits for (the upload page).
import type { Db } from "@/lib/db/client";
import { OPEN_REQUEST_STATUSES, WAITING_STATUS } from "@/lib/vocabulary";
import { signed } from "./common";

/** What the publisher reads on a request: submitted, votes (with comments), needs-info, decided, by whom and when. */
export interface TimelineEntry {
  at: Date;
  who: string;
  what: string;
}

const TIMELINE_WORDS: Record<string, (d: Record<string, unknown>) => string> = {
  "request.create": () => "submitted the request",
  "request.vote": (d) => `voted ${signed(Number(d.vote))}${d.comment ? `: ${String(d.comment)}` : ""}`,
  "request.comment": () => "commented",
  "request.extend-voting": () => "extended voting by 3 days",
  "request.reply": () => "answered; back in the queue",
  "request.outdated": () => "marked outdated (revision superseded)",
  "request.decide": (d) =>
    d.to === "needs_info"
      ? `asked for information: ${String(d.comment ?? "")}`
      : `${d.to === "approved" ? "approved" : "rejected"}${d.comment ? `: ${String(d.comment)}` : ""}${d.override ? ` (admin override: ${String(d.override)})` : ""}`,
};

/** Timelines of the given requests (the publisher's own, checked by the caller's page guard), from the audit log. */
export async function requestTimelines(db: Db, requestIds: string[]): Promise<Map<string, TimelineEntry[]>> {
  const rows = await db.auditLog.findMany({
    where: { targetType: "request", targetId: { in: requestIds } },
    orderBy: { createdAt: "asc" },
    include: { actor: { select: { name: true, email: true, role: true } } },
  });
  const out = new Map<string, TimelineEntry[]>(requestIds.map((id) => [id, []]));
  for (const r of rows) {
    const words = TIMELINE_WORDS[r.action];
    if (!words) continue;
    // Reviewers are named by role to the publisher; the publisher sees their own name.
    const who = !r.actor ? "The store" : r.actor.role === "reviewer" || r.actor.role === "admin" ? `A ${r.actor.role}` : (r.actor.name ?? r.actor.email);
    out.get(r.targetId)?.push({ at: r.createdAt, who, what: words((r.data ?? {}) as Record<string, unknown>) });
  }
  return out;
}

/** A revision waiting for manual review as its publisher sees it on the upload page. */
export interface WaitingReview {
  revision: number;
  /** When it started waiting (processed), or its upload when not recorded. */
  since: Date;
  /** The open requests it waits for: its own (a flagged revision) and the snap's (classic, interfaces). */
  requests: { id: string; type: string; interface: string | null }[];
}

/** The snap's revision waiting for manual review, since when and for which open requests (null: none waits). */
export async function waitingReview(db: Db, snapId: string): Promise<WaitingReview | null> {
  const rev = await db.revision.findFirst({
    where: { snapId, status: WAITING_STATUS },
    orderBy: { revision: "asc" },
    select: { id: true, revision: true, createdAt: true, processedAt: true },
  });
  if (!rev) return null;
  const requests = await db.reviewRequest.findMany({
    where: { snapId, status: { in: [...OPEN_REQUEST_STATUSES] }, OR: [{ revisionId: rev.id }, { revisionId: null }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, type: true, interface: true },
  });
  return { revision: rev.revision, since: rev.processedAt ?? rev.createdAt, requests };
}
