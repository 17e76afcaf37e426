import "server-only";
import crypto from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { blobStoreFromEnv, type BlobStore } from "@/lib/storage";
import type { SnapDeclaration } from "@/lib/policy/declaration";
import { parseSnapYaml, type SnapMeta, type ValidationError } from "@/lib/snap/snap-yaml";
import { runAutomatedReview } from "@/lib/review/automated";
import { audit } from "./audit";
import type { RevisionStatusName } from "./explain";

/** Revisions left in being_processed longer than this belonged to a process that died. */
export const STALE_PROCESSING_MS = 10 * 60 * 1000;

const g = globalThis as unknown as { snapstoreBlobStore?: BlobStore; snapstoreStaleSweep?: Promise<number> };

/** The process-wide blob store (SNAPSTORE_* environment). */
export function getBlobStore(): BlobStore {
  return (g.snapstoreBlobStore ??= blobStoreFromEnv());
}

/** Tests point the process at another store. */
export function setBlobStoreForProcess(store: BlobStore): void {
  g.snapstoreBlobStore = store;
}

export interface ApiErrorItem {
  code: string;
  message: string;
}

/** The current snap-declaration rules of a snap (highest revision), or undefined. */
export async function currentDeclaration(db: Tx, snapId: string): Promise<SnapDeclaration | undefined> {
  const decl = await db.snapDeclaration.findFirst({ where: { snapId }, orderBy: { revision: "desc" } });
  if (!decl) return undefined;
  return { plugs: (decl.plugs ?? {}) as SnapDeclaration["plugs"], slots: (decl.slots ?? {}) as SnapDeclaration["slots"] };
}

/**
 * Revisions stuck in being_processed for more than STALE_PROCESSING_MS become processing_error:
 * the instance holding their temp file died. Returns how many were failed.
 */
export async function failStaleProcessing(db: Db, now = new Date(), maxAgeMs = STALE_PROCESSING_MS): Promise<number> {
  const cutoff = new Date(now.getTime() - maxAgeMs);
  const stale = await db.revision.findMany({ where: { status: "being_processed", createdAt: { lt: cutoff } }, select: { id: true, snapId: true, revision: true } });
  let n = 0;
  for (const r of stale) {
    await db.$transaction(async (tx) => {
      const res = await tx.revision.updateMany({
        where: { id: r.id, status: "being_processed" },
        data: {
          status: "processing_error",
          processedAt: now,
          errors: [{ code: "processing-interrupted", message: "Processing was interrupted (the store restarted); upload the snap again." }],
        },
      });
      if (res.count > 0) {
        n++;
        await audit(tx, { actorId: null, action: "revision.processing-interrupted", targetType: "revision", targetId: r.id, data: { revision: r.revision } });
      }
    });
  }
  return n;
}

/** Runs failStaleProcessing once per process (on first use of the upload services). */
export function sweepStaleOnce(db: Db): Promise<number> {
  return (g.snapstoreStaleSweep ??= failStaleProcessing(db).catch((err) => {
    console.error("stale upload sweep failed", err);
    g.snapstoreStaleSweep = undefined;
    return 0;
  }));
}

/** Why a revision needs manual review, for the review request and the refusal messages. */
export function reviewReasons(errors: unknown): string[] {
  return Array.isArray(errors) ? errors.map((e) => String((e as ApiErrorItem)?.message ?? e)) : [];
}

/**
 * Deletes a blob unless another kept revision (ready, waiting for review) still uses the same
 * content. Blobs are content-addressed, so identical uploads share one.
 */
export async function deleteBlobIfUnused(db: Tx, sha3_384: string | null, exceptRevisionId: string): Promise<void> {
  if (!sha3_384) return;
  const users = await db.revision.count({
    where: { sha3_384, id: { not: exceptRevisionId }, status: { in: ["ready_to_release", "need_manual_review", "being_processed"] } },
  });
  if (users === 0 && (await db.media.count({ where: { sha3_384 } })) === 0) await getBlobStore().delete(sha3_384);
}

/**
 * Allocates the next revision number atomically (the snap's counter is incremented inside the
 * transaction that creates the Revision row), so concurrent uploads get distinct consecutive numbers.
 */
export async function allocateRevision(db: Db, snapId: string, uploaderId: string): Promise<{ id: string; revision: number; uploadId: string }> {
  return db.$transaction(async (tx) => {
    const snap = await tx.snap.update({ where: { id: snapId }, data: { lastRevision: { increment: 1 } }, select: { lastRevision: true, name: true } });
    const rev = await tx.revision.create({
      data: { snapId, revision: snap.lastRevision, uploadId: crypto.randomBytes(16).toString("hex"), status: "being_processed", architectures: [], errors: [], uploaderId },
    });
    await audit(tx, { actorId: uploaderId, action: "revision.upload", targetType: "revision", targetId: rev.id, data: { snap: snap.name, revision: rev.revision } });
    return { id: rev.id, revision: rev.revision, uploadId: rev.uploadId };
  });
}

export interface RereviewChange {
  revision: number;
  from: RevisionStatusName;
  to: RevisionStatusName;
}

/**
 * Re-runs the automated review of a snap's revisions waiting for manual review, after a classic
 * grant or a snap-declaration change. Uses the snap.yaml stored on the revision (never re-reads the
 * blob). Revisions that now pass become ready_to_release and their pending "revision" request is
 * approved automatically; still-blocked ones get the fresh report. Returns what changed.
 */
export async function rereviewWaitingRevisions(db: Db, snapId: string, actorId: string | null = null): Promise<RereviewChange[]> {
  const snap = await db.snap.findUnique({ where: { id: snapId }, include: { owner: true } });
  if (!snap) return [];
  const declaration = await currentDeclaration(db, snapId);
  const waiting = await db.revision.findMany({ where: { snapId, status: "need_manual_review" }, include: { uploader: { select: { role: true } } }, orderBy: { revision: "asc" } });
  const changes: RereviewChange[] = [];
  for (const rev of waiting) {
    let meta: SnapMeta | null;
    let metaErrors: ValidationError[] = [];
    if (rev.snapYaml !== null) ({ meta, errors: metaErrors } = parseSnapYaml(rev.snapYaml));
    else meta = (rev.meta ?? null) as SnapMeta | null;
    const review = runAutomatedReview({
      registeredName: snap.name,
      isOwner: snap.owner.userId === rev.uploaderId || rev.uploader.role === "admin",
      compression: rev.compression ?? "",
      meta,
      metaErrors,
      classicGranted: snap.classicGranted,
      declaration,
    });
    const to = review.outcome;
    const deleteBlob = await db.$transaction(async (tx) => {
      const res = await tx.revision.updateMany({
        where: { id: rev.id, status: "need_manual_review" },
        data: {
          status: to,
          review: { outcome: review.outcome, exitCode: review.exitCode, ...review.report } as object,
          errors: review.errors as object[],
        },
      });
      if (res.count === 0) return false;
      if (to !== "need_manual_review") {
        await tx.reviewRequest.updateMany({
          where: { revisionId: rev.id, type: "revision", status: "pending" },
          data: {
            status: to === "ready_to_release" ? "approved" : "rejected",
            decidedAt: new Date(),
            decidedById: actorId,
            decisionComment:
              to === "ready_to_release"
                ? "The automated review passes now (classic grant or snap-declaration changed)."
                : `The automated review rejects the revision now: ${reviewReasons(review.errors).join("; ")}`,
          },
        });
      }
      await audit(tx, { actorId, action: "revision.rereview", targetType: "revision", targetId: rev.id, data: { revision: rev.revision, from: "need_manual_review", to } });
      return to === "rejected";
    });
    if (deleteBlob) await deleteBlobIfUnused(db, rev.sha3_384, rev.id).catch((e) => console.error("blob delete failed", e));
    changes.push({ revision: rev.revision, from: "need_manual_review", to });
  }
  return changes;
}
