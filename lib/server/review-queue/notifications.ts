import "server-only";
// The requester's notifications (the bell in the header, /notifications, GET /api/v1/notifications).
import type { Db, Tx } from "@/lib/db/client";
import { refusal } from "../explain";
import type { Actor } from "../ownership";

/** One notification, inside the caller's transaction. */
export function notify(tx: Tx, userId: string, requestId: string | null, kind: string, text: string) {
  return tx.notification.create({ data: { userId, requestId, kind, text } });
}

export async function listNotifications(db: Db, actor: Actor, take = 100) {
  return db.notification.findMany({ where: { userId: actor.id }, orderBy: { createdAt: "desc" }, take });
}

export function unreadNotificationCount(db: Db, actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.id, readAt: null } });
}

/** Marks one notification (or, without an id, all of them) read; only the actor's own. */
export async function markNotificationsRead(db: Db, actor: Actor, id?: string): Promise<number> {
  if (id) {
    const n = await db.notification.findFirst({ where: { id, userId: actor.id } });
    if (!n) throw refusal("notification-not-found", { id });
  }
  const res = await db.notification.updateMany({ where: { userId: actor.id, readAt: null, ...(id ? { id } : {}) }, data: { readAt: new Date() } });
  return res.count;
}
