import "server-only";
// API tokens: issued with a password (the CLI's login) or from the dashboard, listed, revoked,
// and resolved from an `Authorization: Bearer` header.
import type { Db, Tx } from "@/lib/db/client";
import type { Role } from "@/lib/auth/roles";
import { hashToken, newTokenSecret, tokenDisplayPrefix } from "@/lib/auth/tokens";
import type { CreateTokenInput } from "@/lib/schemas/tokens";
import { audit } from "./audit";
import { refusal } from "./explain";
import type { Actor } from "./ownership";
import { authenticate } from "./signin";
import { assertUnderLimits, countAgainst, tokenCreationLimit } from "./throttle";

export interface TokenSummary {
  id: string;
  label: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

async function createToken(db: Tx, userId: string, label: string): Promise<{ id: string; token: string }> {
  const token = newTokenSecret();
  const row = await db.apiToken.create({
    data: { userId, label: label.trim() || "token", tokenHash: hashToken(token), prefix: tokenDisplayPrefix(token) },
  });
  return { id: row.id, token };
}

/** A token for the actor (the dashboard, already signed in). The secret is returned once. */
export async function issueTokenFor(db: Db, actor: Actor, label: string): Promise<{ id: string; token: string }> {
  const limit = tokenCreationLimit(actor.id);
  await assertUnderLimits(db, [limit]);
  await countAgainst(db, limit);
  return db.$transaction(async (tx) => {
    const t = await createToken(tx, actor.id, label);
    await audit(tx, { actorId: actor.id, action: "token.create", targetType: "token", targetId: t.id, data: { label } });
    return t;
  });
}

/**
 * POST /api/v1/tokens: authenticates by email + password (401 invalid-credentials, 429 once the
 * sign-in limits are used up), any role.
 */
export async function issueTokenWithPassword(db: Db, input: CreateTokenInput, address: string | null = null): Promise<{ id: string; token: string }> {
  const user = await authenticate(db, { email: input.email, password: input.password, address });
  return issueTokenFor(db, { id: user.id, role: user.role }, input.label);
}

/** The actor's own tokens, newest first, without secrets. */
export async function listTokens(db: Db, actor: Actor): Promise<TokenSummary[]> {
  return db.apiToken.findMany({
    where: { userId: actor.id },
    select: { id: true, label: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Revokes one of the actor's own tokens; someone else's (or unknown) is 404 token-not-found. Idempotent. */
export async function revokeToken(db: Db, actor: Actor, id: string): Promise<TokenSummary> {
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    if (!row || row.userId !== actor.id) throw refusal("token-not-found", { id });
    const updated = row.revokedAt ? row : await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    if (!row.revokedAt) await audit(tx, { actorId: actor.id, action: "token.revoke", targetType: "token", targetId: id });
    return {
      id: updated.id,
      label: updated.label,
      prefix: updated.prefix,
      createdAt: updated.createdAt,
      lastUsedAt: updated.lastUsedAt,
      revokedAt: updated.revokedAt,
    };
  });
}

export interface TokenUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  tokenId: string;
}

/** lastUsedAt is recorded to the minute (shown as a date on the tokens page). */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Resolves `Authorization: Bearer <token>`; a revoked or unknown token is a 401, never a fallback. */
export async function userFromBearer(db: Db, header: string | null): Promise<TokenUser | null> {
  if (!header) return null;
  const m = header.match(/^Bearer\s+(\S+)\s*$/i);
  if (!m) throw refusal("unauthorized", { reason: "malformed-header" });
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(m[1]) }, include: { user: true } });
  if (!row) throw refusal("unauthorized", { reason: "invalid-token" });
  if (row.revokedAt) throw refusal("unauthorized", { reason: "revoked-token" });
  if (row.user.disabledAt) throw refusal("unauthorized", { reason: "disabled-account" });
  // Best effort; a lost update of lastUsedAt is harmless. At most once a minute per token: a write
  // (a commit, an fsync on SQLite) on every API call cost more than the reads it authenticates.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS)
    db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => {});
  return { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role, tokenId: row.id };
}
