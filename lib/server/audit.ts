import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { AUDIT_PAGE_SIZE, type AuditQuery } from "@/lib/schemas/audit";
import { refusal } from "./explain";
import { isAdmin, type Actor } from "./ownership";

/** Appends to the audit log inside the caller's transaction, so the entry exists iff the change does. */
export function audit(db: Tx, entry: { actorId: string | null; action: string; targetType: string; targetId: string; data?: Record<string, unknown> }) {
  return db.auditLog.create({
    data: { actorId: entry.actorId, action: entry.action, targetType: entry.targetType, targetId: entry.targetId, data: (entry.data ?? {}) as object },
  });
}

/** The newest audit entries (admins only), with the acting user's email. */
export async function recentAuditEntries(db: Db, actor: Actor, take = 50) {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
  return db.auditLog.findMany({ orderBy: { createdAt: "desc" }, take, include: { actor: { select: { email: true } } } });
}

export interface AuditPage {
  entries: { id: string; createdAt: Date; actor: string | null; action: string; targetType: string; targetId: string }[];
  total: number;
  page: number;
  pages: number;
}

/**
 * One page of the audit log (admins only), newest first, filtered on the server by actor (part of
 * the email), action (exact or prefix), snap (the snap, its revisions and requests) and days (UTC,
 * inclusive). A page past the end gives the last page.
 */
export async function searchAuditLog(db: Db, actor: Actor, query: AuditQuery, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
  const where: NonNullable<Parameters<Db["auditLog"]["findMany"]>[0]>["where"] = {};
  if (query.actor) where.actor = { email: { contains: query.actor.toLowerCase() } };
  if (query.action) where.action = { startsWith: query.action };
  if (query.from || query.to) {
    where.createdAt = {
      ...(query.from ? { gte: new Date(`${query.from}T00:00:00.000Z`) } : {}),
      ...(query.to ? { lte: new Date(`${query.to}T23:59:59.999Z`) } : {}),
    };
  }
  if (query.snap) {
    const snap = await db.snap.findUnique({
      where: { name: query.snap },
      select: { id: true, revisions: { select: { id: true } }, requests: { select: { id: true } } },
    });
    where.targetId = { in: snap ? [snap.id, ...snap.revisions.map((r) => r.id), ...snap.requests.map((r) => r.id)] : [] };
  }
  const total = await db.auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(query.page ?? 1, pages);
  const rows = await db.auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * pageSize,
    take: pageSize,
    include: { actor: { select: { email: true } } },
  });
  return {
    entries: rows.map((e) => ({
      id: e.id,
      createdAt: e.createdAt,
      actor: e.actor?.email ?? null,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
    })),
    total,
    page,
    pages,
  };
}
