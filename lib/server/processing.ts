import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import type { StagedBlob } from "@/lib/storage";
import type { SnapMeta } from "@/lib/snap/snap-yaml";
import { clipRefusedYaml } from "@/lib/snap/limits";
import { runAutomatedReview, type ReviewResult } from "@/lib/review/automated";
import type { SnapDeclaration } from "@/lib/policy/declaration";
import { COMPRESSION_ADVICE, KEPT_STATUSES, WAITING_STATUS, type RevisionStatus } from "@/lib/vocabulary";
import { audit } from "./audit";
import { refusal } from "./explain";
import { providerOf } from "./search-index";
import { snapReaders } from "./snap-reader";
import { currentDeclaration, deleteBlobIfUnused, reviewReasons, type ApiErrorItem } from "./revisions";

interface Examined {
  status: "ready_to_release" | "need_manual_review" | "rejected" | "processing_error";
  errors: ApiErrorItem[];
  review: ReviewResult | null;
  snapYaml: string | null;
  meta: SnapMeta | null;
  compression: string | null;
}

/** Reads and reviews a staged .snap. Never throws for a bad upload: the problem is the outcome. */
async function examine(
  path: string,
  facts: { registeredName: string; isOwner: boolean; classicGranted: boolean; declaration?: SnapDeclaration },
): Promise<Examined> {
  try {
    // In a worker thread under a time budget (snap-reader.ts): never on the request thread.
    const outcome = await snapReaders().read(path);
    if (!outcome.ok) {
      const e = refusal("snap-too-costly", { limit: outcome.reason, budgetMs: outcome.budgetMs });
      return { status: "processing_error", errors: [{ code: e.code, message: e.message }], review: null, snapYaml: null, meta: null, compression: null };
    }
    const r = outcome.reading;
    const compression = r.compression;
    const err = r.imageError;
    if (err?.code === "unsupported-compression") {
      const review = runAutomatedReview({
        ...facts,
        compression: compression ?? "unknown",
        meta: null,
        metaErrors: [],
        packageError: { code: err.code, message: err.message },
      });
      return {
        status: "rejected",
        errors: [{ code: err.code, message: `${err.message}; ${COMPRESSION_ADVICE}` }],
        review,
        snapYaml: null,
        meta: null,
        compression,
      };
    }
    if (err) {
      const message =
        err.code === "not-squashfs"
          ? `The upload is not a snap: ${err.message} (a .snap is a squashfs image, as made by snap pack or snapcraft).`
          : `The upload is not a valid squashfs image (${err.code}): ${err.message}`;
      return { status: "processing_error", errors: [{ code: err.code, message }], review: null, snapYaml: null, meta: null, compression };
    }
    const packageError: ApiErrorItem | undefined = r.packageError ? { code: r.packageError.code, message: r.packageError.message } : undefined;
    const review = runAutomatedReview({ ...facts, compression: compression ?? "", meta: r.meta, metaErrors: r.metaErrors, packageError });
    return { status: review.outcome, errors: review.errors, review, snapYaml: r.snapYaml, meta: r.meta, compression };
  } catch (err) {
    console.error("unexpected error while processing an upload", err);
    return {
      status: "processing_error",
      errors: [{ code: "processing-failed", message: "The store could not process this upload; try again, and report it if it keeps failing." }],
      review: null,
      snapYaml: null,
      meta: null,
      compression: null,
    };
  }
}

/**
 * Records a revision's snap.yaml as UTF-8 bytes that the database turns back into text. Why not a
 * plain string: Prisma 6.19's query compiler (WASM, on the request thread) takes ~25 ms per MiB of
 * ASCII but ~230-300 ms per MiB of CJK or emoji text, so an accepted snap.yaml of non-ASCII
 * comments stalled every other request; bytes cost ~25 ms per MiB whatever the text
 * (bench:hostile, "non-ASCII comments").
 */
async function writeSnapYaml(tx: Tx, provider: "sqlite" | "postgresql", revisionId: string, text: string | null): Promise<void> {
  if (text === null) return;
  const bytes = Buffer.from(text, "utf8");
  if (provider === "postgresql") await tx.$executeRaw`UPDATE "Revision" SET "snapYaml" = convert_from(${bytes}, 'UTF8') WHERE "id" = ${revisionId}`;
  else await tx.$executeRaw`UPDATE "Revision" SET "snapYaml" = CAST(${bytes} AS TEXT) WHERE "id" = ${revisionId}`;
}

const kept = (status: Examined["status"]) => (KEPT_STATUSES as readonly string[]).includes(status);

function metaColumns(meta: SnapMeta | null) {
  return {
    version: meta?.version ?? null,
    confinement: meta?.confinement ?? null,
    grade: meta?.grade ?? null,
    type: meta?.type ?? null,
    base: meta?.base ?? null,
    architectures: meta?.architectures ?? [],
  };
}

/**
 * Writes the outcome in ONE transaction: the revision's columns, a review request when it waits
 * for manual review, the audit entry. False when the revision is no longer being processed (the
 * stale sweep failed it meanwhile).
 */
async function recordOutcome(
  db: Db,
  rev: { id: string; snapId: string; snapName: string; revision: number; uploaderId: string },
  result: Examined,
  staged: StagedBlob,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const res = await tx.revision.updateMany({
      where: { id: rev.id, status: "being_processed" },
      data: {
        status: result.status,
        ...metaColumns(result.meta),
        compression: result.compression,
        sha3_384: staged.sha3_384,
        size: BigInt(staged.size),
        meta: (result.meta ?? undefined) as object | undefined,
        review: (result.review ? { outcome: result.review.outcome, exitCode: result.review.exitCode, ...result.review.report } : undefined) as
          object | undefined,
        errors: result.errors as object[],
        processedAt: new Date(),
      },
    });
    if (res.count === 0) return false;
    // A refused upload's snap.yaml is kept in part (see clipRefusedYaml).
    await writeSnapYaml(tx, providerOf(db), rev.id, kept(result.status) ? result.snapYaml : clipRefusedYaml(result.snapYaml));
    if (result.status === WAITING_STATUS) {
      await tx.reviewRequest.create({
        data: {
          snapId: rev.snapId,
          revisionId: rev.id,
          type: "revision",
          reasoning: `Revision ${rev.revision} needs manual review: ${reviewReasons(result.errors).join("; ")}`,
          requesterId: rev.uploaderId,
        },
      });
    }
    await audit(tx, {
      actorId: rev.uploaderId,
      action: "revision.processed",
      targetType: "revision",
      targetId: rev.id,
      data: { snap: rev.snapName, revision: rev.revision, status: result.status, sha3_384: staged.sha3_384, size: staged.size },
    });
    return true;
  });
}

/**
 * Processes a staged upload for a revision in being_processed: squashfs -> snap.yaml -> automated
 * review -> ONE transaction updating the revision (+ review request + audit). The blob is committed
 * only for ready_to_release / need_manual_review; the temp file is always removed. Never throws.
 */
export async function processUpload(db: Db, revisionId: string, staged: StagedBlob): Promise<RevisionStatus> {
  let committed = false;
  try {
    const rev = await db.revision.findUnique({
      where: { id: revisionId },
      include: { snap: { include: { owner: true } }, uploader: { select: { id: true, role: true } } },
    });
    if (!rev || rev.status !== "being_processed") return rev?.status ?? "processing_error";
    const declaration = await currentDeclaration(db, rev.snapId);
    const result = await examine(staged.path, {
      registeredName: rev.snap.name,
      isOwner: rev.snap.owner.userId === rev.uploaderId || rev.uploader.role === "admin",
      classicGranted: rev.snap.classicGranted,
      declaration,
    });
    const keep = kept(result.status);
    if (keep) {
      await staged.commit();
      committed = true;
    }
    try {
      const applied = await recordOutcome(db, { ...rev, snapName: rev.snap.name }, result, staged);
      if (!applied && committed) await deleteBlobIfUnused(db, staged.sha3_384, rev.id);
      return applied ? result.status : "processing_error";
    } catch (err) {
      if (committed) await deleteBlobIfUnused(db, staged.sha3_384, rev.id).catch(() => {});
      throw err;
    }
  } catch (err) {
    console.error(`processing upload ${revisionId} failed`, err);
    await db.revision
      .updateMany({
        where: { id: revisionId, status: "being_processed" },
        data: {
          status: "processing_error",
          processedAt: new Date(),
          errors: [{ code: "processing-failed", message: "The store could not process this upload; try again, and report it if it keeps failing." }],
        },
      })
      .catch((e) => console.error("could not mark the upload as failed", e));
    return "processing_error";
  } finally {
    await staged.discard().catch(() => {});
  }
}
