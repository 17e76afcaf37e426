// Publisher API tokens: a random secret shown once; only its SHA-256 is stored.
import crypto from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "./roles";

export const TOKEN_PREFIX = "snps_";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newTokenSecret(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

export async function createToken(db: Tx, userId: string, label: string): Promise<{ id: string; token: string }> {
  const token = newTokenSecret();
  const row = await db.apiToken.create({
    data: { userId, label: label.trim() || "token", tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) },
  });
  return { id: row.id, token };
}

export interface TokenUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  tokenId: string;
}

/** Resolves `Authorization: Bearer <token>`; a revoked or unknown token is a 401, never a fallback. */
export async function userFromBearer(db: Tx, header: string | null): Promise<TokenUser | null> {
  if (!header) return null;
  const m = header.match(/^Bearer\s+(\S+)\s*$/i);
  if (!m) throw new AppError("unauthorized", "The Authorization header must be `Bearer <token>`.", 401);
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(m[1]) }, include: { user: true } });
  if (!row) throw new AppError("unauthorized", "The API token is not valid.", 401);
  if (row.revokedAt) throw new AppError("unauthorized", "The API token has been revoked.", 401);
  if (row.user.disabledAt) throw new AppError("unauthorized", "The account of this token is disabled.", 401);
  // Best effort; a lost update of lastUsedAt is harmless.
  db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  return { id: row.user.id, email: row.user.email, name: row.user.name, role: row.user.role, tokenId: row.id };
}
