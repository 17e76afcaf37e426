import "server-only";
// Continuous recovery after a crash: revisions an instance left in being_processed and temp files
// of uploads it was receiving (data/tmp/*.part). Runs at start and every minute in every instance
// (instrumentation.ts); the database decides which instance does the revision sweep each time (a
// lease claimed by a conditional update), and each revision is failed by a conditional update, so
// no two instances ever do the same work twice.
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { BlobStore } from "@/lib/storage";
import { failStaleProcessing } from "./uploads";
import { sweepExpiredUploadSlots } from "./upload-slots";

/** Processing takes seconds and a live upload writes at least every idle timeout: older is dead. */
export const staleAfterMsFromEnv = () => {
  const s = Number(process.env.SNAPSTORE_STALE_SECONDS);
  return (Number.isFinite(s) && s > 0 ? s : 5 * 60) * 1000;
};

export const SWEEP_INTERVAL_MS = 60_000;
/** SNAPSTORE_SWEEP_SECONDS shortens the interval (the crash tests use seconds). */
const sweepIntervalMs = () => {
  const s = Number(process.env.SNAPSTORE_SWEEP_SECONDS);
  return Number.isFinite(s) && s > 0 ? s * 1000 : SWEEP_INTERVAL_MS;
};
const INSTANCE = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

/**
 * Claims the named lease until `now + ttlMs` for `holder` when it is free or expired. True for
 * exactly one of several instances asking at once.
 */
export async function claimLease(db: Db, name: string, holder: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const until = new Date(now.getTime() + ttlMs);
  const taken = await db.lease.updateMany({ where: { name, until: { lte: now } }, data: { holder, until } });
  if (taken.count) return true;
  try {
    await db.lease.create({ data: { name, holder, until } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export interface SweepResult {
  /** Whether this instance held the lease (and so swept the revisions). */
  claimed: boolean;
  failedRevisions: number;
  removedTempFiles: number;
  /** Concurrent-upload slots whose holder died (lib/server/upload-slots.ts). */
  expiredUploadSlots: number;
}

/**
 * One recovery pass. Temp files are local to an instance's data directory (shared only with the
 * filesystem store), and removing an old one twice is harmless, so every instance sweeps its own.
 */
export async function recoverySweep(db: Db, store: BlobStore, opts: { now?: Date; staleAfterMs?: number; holder?: string } = {}): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const staleAfterMs = opts.staleAfterMs ?? staleAfterMsFromEnv();
  const claimed = await claimLease(db, "recovery-sweep", opts.holder ?? INSTANCE, Math.max(500, sweepIntervalMs() - 5_000), now);
  const failedRevisions = claimed ? await failStaleProcessing(db, now, staleAfterMs) : 0;
  const expiredUploadSlots = claimed ? await sweepExpiredUploadSlots(db, now) : 0;
  const removedTempFiles = await store.sweepStaleTemp(staleAfterMs);
  return { claimed, failedRevisions, removedTempFiles, expiredUploadSlots };
}

const g = globalThis as unknown as { snapstoreRecovery?: NodeJS.Timeout };

/** Starts the sweep (now, then every minute) once per process. */
export function startRecovery(db: Db, store: () => BlobStore): void {
  if (g.snapstoreRecovery) return;
  const run = () =>
    recoverySweep(db, store())
      .then((r) => {
        if (r.failedRevisions || r.removedTempFiles) {
          console.log(`snapstore: recovery: ${r.failedRevisions} interrupted revision(s) failed, ${r.removedTempFiles} temp file(s) removed`);
        }
      })
      .catch((err) => console.error("snapstore: recovery sweep failed", err));
  void run();
  g.snapstoreRecovery = setInterval(run, sweepIntervalMs());
  g.snapstoreRecovery.unref();
}
