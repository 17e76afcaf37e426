import "server-only";
// Rate limits kept in the database (fixed windows per key), so they hold across instances and
// restarts: failed sign-ins per account and per address, token creations per account.
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { refusal } from "./explain";

export interface Limit {
  /** e.g. "signin-account:alice@example.com" */
  key: string;
  max: number;
  windowMs: number;
}

const envInt = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

const FIFTEEN_MINUTES = 15 * 60_000;

/** Failed sign-ins (web or `POST /api/v1/tokens`) allowed per account, then per address, per window. */
export const signInLimits = (email: string, address: string | null): Limit[] => [
  { key: `signin-account:${email}`, max: envInt("SNAPSTORE_SIGNIN_MAX_FAILURES", 10), windowMs: FIFTEEN_MINUTES },
  ...(address ? [{ key: `signin-address:${address}`, max: envInt("SNAPSTORE_SIGNIN_MAX_FAILURES_PER_ADDRESS", 50), windowMs: FIFTEEN_MINUTES }] : []),
];

/** Tokens an account may create per hour. */
export const tokenCreationLimit = (userId: string): Limit => ({
  key: `token-create:${userId}`,
  max: envInt("SNAPSTORE_TOKENS_PER_HOUR", 30),
  windowMs: 60 * 60_000,
});

/** Refuses (429 too-many-attempts) when any of the limits is used up in its current window. */
export async function assertUnderLimits(db: Db, limits: Limit[], now = new Date()): Promise<void> {
  if (!limits.length) return;
  const rows = await db.authThrottle.findMany({ where: { key: { in: limits.map((l) => l.key) } } });
  for (const limit of limits) {
    const row = rows.find((r) => r.key === limit.key);
    if (!row) continue;
    const ends = row.windowStart.getTime() + limit.windowMs;
    if (ends > now.getTime() && row.count >= limit.max) {
      throw refusal("too-many-attempts", { retryAfterSeconds: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)) });
    }
  }
}

/** Counts one event against the limit: a new window when the last one ended, else +1 (atomic updates). */
export async function countAgainst(db: Db, limit: Limit, now = new Date()): Promise<void> {
  const expired = new Date(now.getTime() - limit.windowMs);
  const restarted = await db.authThrottle.updateMany({ where: { key: limit.key, windowStart: { lte: expired } }, data: { count: 1, windowStart: now } });
  if (restarted.count) return;
  const bumped = await db.authThrottle.updateMany({ where: { key: limit.key }, data: { count: { increment: 1 } } });
  if (bumped.count) return;
  try {
    await db.authThrottle.create({ data: { key: limit.key, count: 1, windowStart: now } });
  } catch (err) {
    // Another request created it at the same moment: count on that row.
    if (!isUniqueViolation(err)) throw err;
    await db.authThrottle.updateMany({ where: { key: limit.key }, data: { count: { increment: 1 } } });
  }
}

export async function clearLimit(db: Db, key: string): Promise<void> {
  await db.authThrottle.deleteMany({ where: { key } });
}
