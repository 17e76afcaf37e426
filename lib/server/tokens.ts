import "server-only";
import type { Db } from "@/lib/db/client";
import { createToken } from "@/lib/auth/tokens";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { CreateTokenInput } from "@/lib/schemas/tokens";
import { audit } from "./audit";
import { refusal } from "./explain";
import type { Actor } from "./ownership";

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword(crypto.randomUUID()));

export interface TokenSummary {
  id: string;
  label: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A token for `userId` (the dashboard, already signed in). The secret is returned once. */
export async function issueTokenFor(db: Db, actor: Actor, label: string): Promise<{ id: string; token: string }> {
  return db.$transaction(async (tx) => {
    const t = await createToken(tx, actor.id, label);
    await audit(tx, { actorId: actor.id, action: "token.create", targetType: "token", targetId: t.id, data: { label } });
    return t;
  });
}

/** POST /api/v1/tokens: authenticates by email + password (401 invalid-credentials), any role. */
export async function issueTokenWithPassword(db: Db, input: CreateTokenInput): Promise<{ id: string; token: string }> {
  const user = await db.user.findUnique({ where: { email: input.email.trim().toLowerCase() } });
  // Compare even for unknown emails so timing does not reveal which accounts exist.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !ok || user.disabledAt) throw refusal("invalid-credentials", {});
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
    const updated = row.revokedAt
      ? row
      : await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
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
