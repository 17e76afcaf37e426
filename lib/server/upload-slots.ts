import "server-only";
// The per-account limit on uploads being received at once, held in the database so that it holds
// across instances: an account has slots 0..max-1 (rows keyed by user and slot). A slot is claimed
// by inserting its row, or by a conditional update of a row whose holder let it expire (an
// instance that died mid-upload); both are atomic on SQLite and PostgreSQL, so two instances
// can never hold the same slot. The holder extends its row while the body arrives and deletes it
// when the body ends; the recovery sweep removes expired rows.
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { refusal } from "./explain";

/** A slot outlives its holder by at most this; the holder extends it every third of it. */
export const UPLOAD_SLOT_TTL_MS = 2 * 60_000;

export const maxConcurrentUploadsFromEnv = () => {
  const n = Number(process.env.SNAPSTORE_MAX_CONCURRENT_UPLOADS);
  return Number.isInteger(n) && n > 0 ? n : 3;
};

export interface UploadSlotHold {
  slot: number;
  /** Frees the slot (idempotent; never throws). */
  release(): Promise<void>;
}

/** Takes one of the account's `max` slots, or refuses with 429 too-many-uploads. */
export async function claimUploadSlot(db: Db, userId: string, max = maxConcurrentUploadsFromEnv(), now = new Date()): Promise<UploadSlotHold> {
  const holder = crypto.randomUUID();
  const expiresAt = () => new Date(Date.now() + UPLOAD_SLOT_TTL_MS);
  for (let slot = 0; slot < max; slot++) {
    if (await takeSlot(db, { userId, slot, holder, expiresAt: new Date(now.getTime() + UPLOAD_SLOT_TTL_MS) }, now)) {
      const where = { userId, slot, holder };
      const keepAlive = setInterval(() => {
        db.uploadSlot.updateMany({ where, data: { expiresAt: expiresAt() } }).catch((err) => console.error("could not extend an upload slot", err));
      }, UPLOAD_SLOT_TTL_MS / 3);
      keepAlive.unref();
      let released = false;
      return {
        slot,
        async release() {
          if (released) return;
          released = true;
          clearInterval(keepAlive);
          await db.uploadSlot.deleteMany({ where }).catch((err) => console.error("could not free an upload slot", err));
        },
      };
    }
  }
  throw refusal("too-many-uploads", { max });
}

async function takeSlot(db: Db, row: { userId: string; slot: number; holder: string; expiresAt: Date }, now: Date): Promise<boolean> {
  try {
    await db.uploadSlot.create({ data: row });
    return true;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  // Held: take it over only if its holder let it expire.
  const taken = await db.uploadSlot.updateMany({
    where: { userId: row.userId, slot: row.slot, expiresAt: { lt: now } },
    data: { holder: row.holder, expiresAt: row.expiresAt },
  });
  return taken.count === 1;
}

/** Removes the slots of holders that died (the recovery sweep). */
export async function sweepExpiredUploadSlots(db: Db, now = new Date()): Promise<number> {
  return (await db.uploadSlot.deleteMany({ where: { expiresAt: { lt: now } } })).count;
}
