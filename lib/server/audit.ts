import "server-only";
import type { Tx } from "@/lib/db/client";

/** Appends to the audit log inside the caller's transaction, so the entry exists iff the change does. */
export function audit(
  db: Tx,
  entry: { actorId: string | null; action: string; targetType: string; targetId: string; data?: Record<string, unknown> },
) {
  return db.auditLog.create({
    data: { actorId: entry.actorId, action: entry.action, targetType: entry.targetType, targetId: entry.targetId, data: (entry.data ?? {}) as object },
  });
}
