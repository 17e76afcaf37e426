// Publisher API tokens: a random secret shown once; only its SHA-256 is stored. The token rows
// (issue, list, revoke, resolve a Bearer header) are the service lib/server/tokens.ts.
import crypto from "node:crypto";

export const TOKEN_PREFIX = "snps_";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newTokenSecret(): string {
  return TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
}

/** What the token list shows of a secret: the prefix and a few characters. */
export const tokenDisplayPrefix = (token: string) => token.slice(0, TOKEN_PREFIX.length + 6);
