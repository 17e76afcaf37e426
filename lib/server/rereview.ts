import "server-only";
// Re-running the automated review of waiting revisions when the facts it used change (a classic
// grant, a new snap-declaration), so a revision held for manual review is released from it
// without a new upload.
import type { Db } from "@/lib/db/client";
import { parseSnapYaml, type SnapMeta, type ValidationError } from "@/lib/snap/snap-yaml";
import { runAutomatedReview } from "@/lib/review/automated";
import { WAITING_STATUS, type RevisionStatus } from "@/lib/vocabulary";
import { audit } from "./audit";
import { currentDeclaration, deleteBlobIfUnused, reviewReasons } from "./revisions";

export interface RereviewChange {
  revision: number;
  from: RevisionStatus;
  to: RevisionStatus;
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
  const waiting = await db.revision.findMany({
    where: { snapId, status: WAITING_STATUS },
    include: { uploader: { select: { role: true } } },
    orderBy: { revision: "asc" },
  });
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
        where: { id: rev.id, status: WAITING_STATUS },
        data: {
          status: to,
          review: { outcome: review.outcome, exitCode: review.exitCode, ...review.report } as object,
          errors: review.errors as object[],
        },
      });
      if (res.count === 0) return false;
      if (to !== WAITING_STATUS) {
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
      await audit(tx, {
        actorId,
        action: "revision.rereview",
        targetType: "revision",
        targetId: rev.id,
        data: { revision: rev.revision, from: WAITING_STATUS, to },
      });
      return to === "rejected";
    });
    if (deleteBlob) await deleteBlobIfUnused(db, rev.sha3_384, rev.id).catch((e) => console.error("blob delete failed", e));
    changes.push({ revision: rev.revision, from: WAITING_STATUS, to });
  }
  return changes;
}
