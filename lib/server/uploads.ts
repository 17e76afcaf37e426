import "server-only";
// Uploads: the checks before a byte is read, streamed staging, the revision number, the status a
// client polls, withdrawing a revision waiting for review, and failing uploads whose process died.
// What happens to the bytes afterwards is processing.ts.
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import {
  EmptyUploadError,
  UploadAbortedError,
  UploadTooLargeError,
  getBlobStore,
  maxUploadBytesFromEnv,
  type StagedBlob,
  type UploadBody,
} from "@/lib/storage";
import { WAITING_STATUS, type RevisionStatus } from "@/lib/vocabulary";
import { audit } from "./audit";
import { refusal } from "./explain";
import { ownedSnap, requirePublisher, type Actor, type OwnedSnap } from "./ownership";
import { processUpload } from "./processing";
import { deleteBlobIfUnused, findWaitingRevision, reviewReasons, type ApiErrorItem } from "./revisions";
import { markRevisionItemsOutdated } from "./review-queue";
import { guardUploadBody, uploadIdleMsFromEnv } from "./upload-stream";
import { claimUploadSlot } from "./upload-slots";
import { AppError } from "@/lib/errors";

/**
 * Revisions left in being_processed longer than this belonged to a process that died (the
 * periodic recovery sweep, lib/server/recovery.ts, uses SNAPSTORE_STALE_SECONDS instead).
 */
export const STALE_PROCESSING_MS = 10 * 60 * 1000;

const g = globalThis as unknown as { snapstoreStaleSweep?: Promise<number> };

export interface UploadAccepted {
  uploadId: string;
  revision: number;
  /** Path of the status endpoint, relative to the store. */
  statusUrl: string;
}

export interface UploadStatus {
  code: RevisionStatus;
  revision: number;
  errors: ApiErrorItem[];
  /** The review-tools style report, or null (not processed yet, or not a snap at all). */
  review: unknown;
  version: string | null;
  confinement: string | null;
  grade: string | null;
  createdAt: Date;
  processedAt: Date | null;
}

export const statusUrlFor = (name: string, uploadId: string) => `/api/v1/snaps/${encodeURIComponent(name)}/uploads/${uploadId}`;

/**
 * Everything checked BEFORE the body is read: the snap exists (404), the actor owns it (403),
 * its name is approved (409 name-pending-review), and no revision waits for manual review
 * (409 revision-awaiting-review, naming the revision and how to withdraw it).
 */
export async function checkUploadAllowed(db: Db, actor: Actor, name: string): Promise<OwnedSnap> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  if (snap.nameStatus === "pending_review") throw refusal("name-pending-review", { name });
  if (snap.nameStatus === "rejected") throw refusal("name-rejected", { name });
  const waiting = await findWaitingRevision(db, snap.id);
  if (waiting) throw refusal("revision-awaiting-review", { name, revision: waiting.revision, reasons: reviewReasons(waiting.errors) });
  return snap;
}

/** 413 upload-too-large when a declared Content-Length already exceeds the limit. */
export function checkDeclaredLength(contentLength: string | null | undefined, maxBytes = maxUploadBytesFromEnv()): void {
  if (!contentLength) return;
  const n = Number(contentLength);
  if (Number.isFinite(n) && n > maxBytes) throw new UploadTooLargeError(maxBytes);
}

// By `code`, not instanceof: the server bundle may hold the blob store's error classes in more than
// one chunk (an empty body from the spooler was a 500 that way).
function mapStageError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "upload-too-large") return refusal("upload-too-large", { limit: (err as UploadTooLargeError).limit });
  if (code === "upload-aborted") return refusal("upload-aborted", { detail: (err as UploadAbortedError).message });
  if (code === "empty-upload") return refusal("empty-upload", {});
  return err;
}

export interface StageOptions {
  contentLength?: string | null;
  signal?: AbortSignal;
  maxBytes?: number;
  /** A gap between chunks longer than this ends the upload (SNAPSTORE_UPLOAD_IDLE_SECONDS, default 30 s). */
  idleMs?: number;
}

/**
 * Streams the body to a temp file (never buffered), mapping stage errors to AppErrors. The first
 * bytes must be a squashfs superblock (400 not-a-snap otherwise) and the body must keep coming.
 */
export async function stageUploadBody(body: UploadBody | null, opts: StageOptions = {}): Promise<StagedBlob> {
  const maxBytes = opts.maxBytes ?? maxUploadBytesFromEnv();
  let guarded: ReturnType<typeof guardUploadBody> | null = null;
  try {
    checkDeclaredLength(opts.contentLength, maxBytes);
    if (!body) throw new EmptyUploadError();
    const declared = Number(opts.contentLength);
    guarded = guardUploadBody(body, {
      idleMs: opts.idleMs ?? uploadIdleMsFromEnv(),
      declaredSize: opts.contentLength && Number.isFinite(declared) ? declared : null,
    });
    return await getBlobStore().stage(guarded.stream, { maxBytes, signal: opts.signal });
  } catch (err) {
    // The guard's own refusal (not a snap) or its idle timeout, rather than the spooler's wrapping of it.
    const failure = guarded?.failure();
    if (failure instanceof AppError) throw failure;
    if ((failure as { code?: unknown } | undefined)?.code === "upload-aborted") throw refusal("upload-aborted", { detail: (failure as Error).message });
    throw mapStageError(err);
  }
}

/**
 * The whole upload: checks, streamed staging, revision allocation. Returns the 202 answer and
 * `process`, which the caller runs after responding (Next's `after()`); it never throws and always
 * removes the temp file.
 */
export async function startUpload(
  db: Db,
  actor: Actor,
  name: string,
  body: UploadBody | null,
  opts: StageOptions = {},
): Promise<{ accepted: UploadAccepted; process: () => Promise<RevisionStatus> }> {
  await sweepStaleOnce(db);
  const snap = await checkUploadAllowed(db, actor, name);
  // One of the account's concurrent-upload slots (in the database: the limit holds across instances).
  const slot = await claimUploadSlot(db, actor.id);
  let staged: StagedBlob;
  try {
    staged = await stageUploadBody(body, opts);
  } finally {
    await slot.release();
  }
  let rev: { id: string; revision: number; uploadId: string };
  try {
    rev = await allocateRevision(db, snap.id, actor.id, { sha3_384: staged.sha3_384, size: staged.size });
  } catch (err) {
    await staged.discard().catch(() => {});
    throw err;
  }
  return {
    accepted: { uploadId: rev.uploadId, revision: rev.revision, statusUrl: statusUrlFor(snap.name, rev.uploadId) },
    process: () => processUpload(db, rev.id, staged),
  };
}

/** Statuses whose content may be uploaded again: the publisher withdrew it, or the store failed it. */
const REUPLOADABLE: RevisionStatus[] = ["withdrawn", "processing_error"];

/**
 * Allocates the next revision number atomically (the snap's counter is incremented inside the
 * transaction that creates the Revision row), so concurrent uploads get distinct consecutive numbers.
 * With the staged blob's digest: a file already uploaded for this snap is refused (409
 * duplicate-upload, naming the revision) before a number is spent, and the digest is recorded at
 * once, so deleteBlobIfUnused sees this revision while it is still being processed.
 */
export async function allocateRevision(
  db: Db,
  snapId: string,
  uploaderId: string,
  blob?: { sha3_384: string; size: number },
): Promise<{ id: string; revision: number; uploadId: string }> {
  return db.$transaction(async (tx) => {
    if (blob) {
      const same = await tx.revision.findFirst({
        where: { snapId, sha3_384: blob.sha3_384, status: { notIn: REUPLOADABLE } },
        orderBy: { revision: "asc" },
        select: { revision: true, snap: { select: { name: true } } },
      });
      if (same) throw refusal("duplicate-upload", { name: same.snap.name, revision: same.revision, sha3_384: blob.sha3_384 });
    }
    const snap = await tx.snap.update({ where: { id: snapId }, data: { lastRevision: { increment: 1 } }, select: { lastRevision: true, name: true } });
    const rev = await tx.revision.create({
      data: {
        snapId,
        revision: snap.lastRevision,
        uploadId: crypto.randomBytes(16).toString("hex"),
        status: "being_processed",
        sha3_384: blob?.sha3_384 ?? null,
        size: blob ? BigInt(blob.size) : undefined,
        architectures: [],
        errors: [],
        uploaderId,
      },
    });
    await audit(tx, {
      actorId: uploaderId,
      action: "revision.upload",
      targetType: "revision",
      targetId: rev.id,
      data: { snap: snap.name, revision: rev.revision },
    });
    return { id: rev.id, revision: rev.revision, uploadId: rev.uploadId };
  });
}

/**
 * Revisions stuck in being_processed for more than STALE_PROCESSING_MS become processing_error:
 * the instance holding their temp file died. Returns how many were failed.
 */
export async function failStaleProcessing(db: Db, now = new Date(), maxAgeMs = STALE_PROCESSING_MS): Promise<number> {
  const cutoff = new Date(now.getTime() - maxAgeMs);
  const stale = await db.revision.findMany({
    where: { status: "being_processed", createdAt: { lt: cutoff } },
    select: { id: true, snapId: true, revision: true },
  });
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

/** GET /api/v1/snaps/{name}/uploads/{id}. */
export async function getUploadStatus(db: Db, actor: Actor, name: string, uploadId: string): Promise<UploadStatus> {
  await sweepStaleOnce(db);
  const snap = await ownedSnap(db, actor, name);
  const rev = await db.revision.findFirst({ where: { snapId: snap.id, uploadId } });
  if (!rev) throw refusal("upload-not-found", { name, uploadId });
  return {
    code: rev.status,
    revision: rev.revision,
    errors: (rev.errors ?? []) as unknown as ApiErrorItem[],
    review: rev.review ?? null,
    version: rev.version,
    confinement: rev.confinement,
    grade: rev.grade,
    createdAt: rev.createdAt,
    processedAt: rev.processedAt,
  };
}

/**
 * Withdraws a revision waiting for manual review (owner or admin): status withdrawn, its pending
 * request withdrawn, blob deleted (unless another revision shares the content).
 */
export async function withdrawRevision(db: Db, actor: Actor, name: string, revision: number): Promise<{ revision: number; status: "withdrawn" }> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const rev = await db.revision.findUnique({ where: { snapId_revision: { snapId: snap.id, revision } } });
  if (!rev) throw refusal("revision-not-found", { name, revision });
  if (rev.status !== WAITING_STATUS) throw refusal("not-withdrawable", { name, revision, status: rev.status });
  await db.$transaction(async (tx) => {
    const res = await tx.revision.updateMany({ where: { id: rev.id, status: WAITING_STATUS }, data: { status: "withdrawn" } });
    if (res.count === 0) throw refusal("not-withdrawable", { name, revision, status: "withdrawn" });
    await tx.reviewRequest.updateMany({
      where: { revisionId: rev.id, type: "revision", status: "pending" },
      data: { status: "withdrawn", decidedAt: new Date() },
    });
    await markRevisionItemsOutdated(tx, rev.id, actor.id); // any other open item of the superseded revision
    await audit(tx, { actorId: actor.id, action: "revision.withdraw", targetType: "revision", targetId: rev.id, data: { snap: name, revision } });
  });
  await deleteBlobIfUnused(db, rev.sha3_384, rev.id).catch((err) => console.error("blob delete after withdraw failed", err));
  return { revision, status: "withdrawn" };
}
