import "server-only";
// Re-running the automated review of waiting revisions when the facts it used change (a classic
// grant, a new snap-declaration), so a revision held for manual review is released from it
// without a new upload.
import type { Db, Tx } from "@/lib/db/client";
import { parseSnapYaml, type SnapMeta, type ValidationError } from "@/lib/snap/snap-yaml";
import { runAutomatedReview } from "@/lib/review/automated";
import { OPEN_REQUEST_STATUSES, WAITING_STATUS, type RevisionStatus } from "@/lib/vocabulary";
import { audit } from "./audit";
import { currentDeclaration, deleteBlobIfUnused, reviewReasons } from "./revisions";

export interface RereviewChange {
  revision: number;
  from: RevisionStatus;
  to: RevisionStatus;
}

/** What a re-review inside a caller's transaction did, and the blobs to delete after it commits. */
export interface RereviewResult {
  changes: RereviewChange[];
  /** Revisions the re-review rejected: delete their blobs (if unused) AFTER the transaction commits. */
  rejected: { id: string; sha3_384: string | null }[];
}

/**
 * Re-runs the automated review of a snap's revisions waiting for manual review, after a classic
 * grant or a snap-declaration change, inside the caller's transaction (so a reviewer's approval and
 * the revisions it releases commit together). Uses the snap.yaml stored on the revision (never
 * re-reads the blob). Revisions that now pass become ready_to_release and their open "revision"
 * request is approved automatically; still-blocked ones get the fresh report.
 */
export async function rereviewWaitingRevisionsInTx(tx: Tx, snapId: string, actorId: string | null = null): Promise<RereviewResult> {
  const snap = await tx.snap.findUnique({ where: { id: snapId }, include: { owner: true } });
  if (!snap) return { changes: [], rejected: [] };
  const declaration = await currentDeclaration(tx, snapId);
  const waiting = await tx.revision.findMany({
    where: { snapId, status: WAITING_STATUS },
    include: { uploader: { select: { role: true } } },
    orderBy: { revision: "asc" },
  });
  const out: RereviewResult = { changes: [], rejected: [] };
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
    const res = await tx.revision.updateMany({
      where: { id: rev.id, status: WAITING_STATUS },
      data: {
        status: to,
        review: { outcome: review.outcome, exitCode: review.exitCode, ...review.report } as object,
        errors: review.errors as object[],
      },
    });
    if (res.count === 0) continue;
    if (to !== WAITING_STATUS) {
      await tx.reviewRequest.updateMany({
        where: { revisionId: rev.id, type: "revision", status: { in: [...OPEN_REQUEST_STATUSES] } },
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
    await audit(tx, {
      actorId,
      action: "revision.rereview",
      targetType: "revision",
      targetId: rev.id,
      data: { revision: rev.revision, from: WAITING_STATUS, to },
    });
    if (to === "rejected") out.rejected.push({ id: rev.id, sha3_384: rev.sha3_384 });
    out.changes.push({ revision: rev.revision, from: WAITING_STATUS, to });
  }
  return out;
}

/** Deletes the blobs of revisions a re-review rejected (after its transaction committed). */
export async function deleteRejectedBlobs(db: Db, rejected: RereviewResult["rejected"]): Promise<void> {
  for (const r of rejected) await deleteBlobIfUnused(db, r.sha3_384, r.id).catch((e) => console.error("blob delete failed", e));
}

/**
 * rereviewWaitingRevisionsInTx in its own transaction, then the rejected revisions' blobs are
 * deleted. Returns what changed.
 */
export async function rereviewWaitingRevisions(db: Db, snapId: string, actorId: string | null = null): Promise<RereviewChange[]> {
  const result = await db.$transaction((tx) => rereviewWaitingRevisionsInTx(tx, snapId, actorId));
  await deleteRejectedBlobs(db, result.rejected);
  return result.changes;
}
