// Prisma errors by shape, not by class: the SQLite and PostgreSQL clients each ship their own
// error classes, and with driver adapters the violated fields sit in different places of `meta`.
export function isUniqueViolation(err: unknown, field?: string): boolean {
  const e = err as { code?: string; meta?: unknown } | null;
  if (!e || e.code !== "P2002") return false;
  if (!field) return true;
  return JSON.stringify(e.meta ?? {}).includes(field);
}

export function isNotFound(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === "P2025";
}
