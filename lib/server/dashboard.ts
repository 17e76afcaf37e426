import "server-only";
// Read queries and the listing/media workflow of the publisher dashboard. Release, upload, request
// and token RULES live in the other services (releases.ts, uploads.ts, requests.ts, tokens.ts); this
// module only reads what the pages need and owns the listing (store page) and its media.
import { Readable } from "node:stream";
import { forbidden, notFound } from "next/navigation";
import { cache } from "react";
import type { Db, Tx } from "@/lib/db/client";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requirePageUser, type CurrentUser } from "@/lib/auth/session";
import type { SnapMeta } from "@/lib/snap/snap-yaml";
import { explainPlug, type PlugExplanation } from "@/lib/policy/explain";
import { SECTIONS, type ReviewReport } from "@/lib/review/automated";
import { fileSource, openSquashfs, type ByteSource } from "@/lib/snap/squashfs";
import { UploadTooLargeError } from "@/lib/storage";
import { ICON_MAX_BYTES, MAX_SCREENSHOTS, SCREENSHOT_MAX_BYTES, listingSchema, type ListingValues } from "@/lib/schemas/listing";
import { audit } from "./audit";
import { ownedSnap, requirePublisher, type Actor, type OwnedSnap } from "./ownership";
import { currentDeclaration, getBlobStore } from "./revisions";

export { listingSchema };

// ---------------------------------------------------------------------------------------------
// Page guard
// ---------------------------------------------------------------------------------------------

/**
 * For every page under /dashboard/snaps/[name]: the signed-in publisher (or admin) who owns the
 * snap. Anonymous -> sign in; wrong role -> 403; unknown snap -> 404; another publisher's -> 403.
 */
// Cached per request: the snap layout and its page both check (layouts are not re-run on every
// client navigation, so the page must check too), and the database is read once.
const ownedSnapForPage = cache(async (userId: string, role: CurrentUser["role"], name: string) => ownedSnap(getDb(), { id: userId, role }, name));

export async function requireOwnedSnapPage(name: string, returnTo: string): Promise<{ user: CurrentUser; snap: OwnedSnap }> {
  const user = await requirePageUser(["publisher"], returnTo);
  try {
    return { user, snap: await ownedSnapForPage(user.id, user.role, name) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    if (err instanceof AppError && err.status === 403) forbidden();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// My snaps
// ---------------------------------------------------------------------------------------------

export interface DashboardSnap {
  name: string;
  title: string | null;
  nameStatus: string;
  latest: { revision: number; version: string | null; status: string; createdAt: Date } | null;
  channels: string[];
  /** Revisions waiting for manual review. */
  waitingRevisions: number[];
  pendingRequests: number;
}

/** The actor's own snaps (admins: every snap), by name. */
export async function listDashboardSnaps(db: Db, actor: Actor): Promise<DashboardSnap[]> {
  const snaps = await db.snap.findMany({
    where: actor.role === "admin" ? {} : { owner: { userId: actor.id } },
    include: {
      revisions: { orderBy: { revision: "desc" }, take: 1 },
      releases: { where: { revisionId: { not: null } }, include: { revision: { select: { revision: true } } } },
      _count: { select: { requests: { where: { status: "pending" } } } },
    },
    orderBy: { name: "asc" },
  });
  const waiting = await db.revision.findMany({
    where: { snapId: { in: snaps.map((s) => s.id) }, status: "need_manual_review" },
    select: { snapId: true, revision: true },
    orderBy: { revision: "asc" },
  });
  return snaps.map((s) => {
    const risk = ["stable", "candidate", "beta", "edge"];
    const rel = [...s.releases].sort((a, b) => a.track.localeCompare(b.track) || risk.indexOf(a.risk) - risk.indexOf(b.risk) || a.branch.localeCompare(b.branch));
    return {
      name: s.name,
      title: s.title,
      nameStatus: s.nameStatus,
      latest: s.revisions[0]
        ? { revision: s.revisions[0].revision, version: s.revisions[0].version, status: s.revisions[0].status, createdAt: s.revisions[0].createdAt }
        : null,
      channels: [...new Set(rel.map((r) => `${r.track}/${r.risk}${r.branch ? `/${r.branch}` : ""}`))],
      waitingRevisions: waiting.filter((w) => w.snapId === s.id).map((w) => w.revision),
      pendingRequests: s._count.requests,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Revision details (upload result, revision page)
// ---------------------------------------------------------------------------------------------

export interface ReviewCheckView {
  section: string;
  level: "error" | "warn" | "info";
  name: string;
  text: string;
  manualReview: boolean;
  link: string | null;
}

export interface PlugView extends PlugExplanation {
  /** Pending or approved request for this interface, if any (so the page can say "requested"). */
  request: { id: string; type: string; status: string } | null;
}

export interface RevisionDetails {
  snap: string;
  revision: number;
  status: string;
  version: string | null;
  confinement: string | null;
  grade: string | null;
  type: string | null;
  base: string | null;
  architectures: string[];
  size: number;
  sha3_384: string | null;
  createdAt: string;
  processedAt: string | null;
  channels: string[];
  errors: { code: string; message: string }[];
  /** Review checks, errors first; null when the upload was never reviewed (not a snap). */
  checks: ReviewCheckView[] | null;
  plugs: PlugView[];
  slots: { name: string; interface: string }[];
  summary: string | null;
}

function flattenReport(review: unknown): ReviewCheckView[] | null {
  const sections = (review as Partial<ReviewReport> | null)?.sections;
  if (!sections) return null;
  const out: ReviewCheckView[] = [];
  for (const level of ["error", "warn", "info"] as const) {
    for (const section of SECTIONS) {
      const s = sections[section];
      if (!s) continue;
      for (const [name, r] of Object.entries(s[level] ?? {})) {
        out.push({ section, level, name, text: r.text, manualReview: !!r.manual_review, link: r.link ?? null });
      }
    }
  }
  return out;
}

const dbType = (t: string) => t.replace(/-/g, "_");

/** One revision of an owned snap, with its review report and what each plug means. */
export async function getRevisionDetails(db: Db, actor: Actor, name: string, revision: number): Promise<RevisionDetails> {
  const snap = await ownedSnap(db, actor, name);
  const rev = await db.revision.findUnique({
    where: { snapId_revision: { snapId: snap.id, revision } },
    include: { releases: { where: { revisionId: { not: null } } } },
  });
  if (!rev) throw new AppError("revision-not-found", `"${name}" has no revision ${revision}.`, 404);
  const meta = (rev.meta ?? null) as SnapMeta | null;
  const decl = await currentDeclaration(db, snap.id);
  const requests = await db.reviewRequest.findMany({
    where: { snapId: snap.id, type: { in: ["installation", "connection", "auto_connection"] }, status: { in: ["pending", "approved"] } },
    orderBy: { createdAt: "desc" },
  });
  const plugs: PlugView[] = Object.values(meta?.plugs ?? {}).map((p) => {
    const ex = explainPlug(p, decl, { classicSystem: true, snapName: snap.name, snapType: meta?.type });
    const req = ex.needsRequest ? requests.find((r) => r.interface === p.interface && r.type === dbType(ex.needsRequest!)) : undefined;
    return { ...ex, request: req ? { id: req.id, type: req.type.replace(/_/g, "-"), status: req.status } : null };
  });
  return {
    snap: snap.name,
    revision: rev.revision,
    status: rev.status,
    version: rev.version,
    confinement: rev.confinement,
    grade: rev.grade,
    type: rev.type,
    base: rev.base,
    architectures: (rev.architectures ?? []) as string[],
    size: Number(rev.size),
    sha3_384: rev.sha3_384,
    createdAt: rev.createdAt.toISOString(),
    processedAt: rev.processedAt?.toISOString() ?? null,
    channels: [...new Set(rev.releases.map((r) => `${r.track}/${r.risk}${r.branch ? `/${r.branch}` : ""}`))],
    errors: (rev.errors ?? []) as { code: string; message: string }[],
    checks: flattenReport(rev.review),
    plugs,
    slots: Object.values(meta?.slots ?? {}).map((s) => ({ name: s.name, interface: s.interface })),
    summary: meta?.summary ?? null,
  };
}

/** Plugs declared by any processed revision (for the interface request form), newest first. */
export async function listSnapPlugs(db: Db, snapId: string): Promise<{ name: string; interface: string; revision: number }[]> {
  const revs = await db.revision.findMany({ where: { snapId }, select: { meta: true, revision: true }, orderBy: { revision: "desc" } });
  const out = new Map<string, { name: string; interface: string; revision: number }>();
  for (const r of revs) {
    const meta = r.meta as SnapMeta | null;
    for (const p of Object.values(meta?.plugs ?? {})) {
      const key = `${p.name}\0${p.interface}`;
      if (!out.has(key)) out.set(key, { name: p.name, interface: p.interface, revision: r.revision });
    }
  }
  return [...out.values()].sort((a, b) => a.interface.localeCompare(b.interface) || a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// Listing
// ---------------------------------------------------------------------------------------------

export interface MediaView {
  id: string;
  type: "icon" | "screenshot";
  url: string;
  contentType: string;
  size: number;
  position: number;
}

export interface ListingView {
  name: string;
  public: boolean;
  values: { title: string; summary: string; description: string; license: string; categories: string[]; website: string; contact: string };
  icon: MediaView | null;
  screenshots: MediaView[];
  /** The newest kept revision that ships meta/gui/icon.{png,svg}, when the listing could use it. */
  snapIcon: { revision: number; path: string } | null;
}

export const mediaUrl = (id: string) => `/media/${id}`;

function mediaView(m: { id: string; type: string; contentType: string; size: number; position: number }): MediaView {
  return { id: m.id, type: m.type === "icon" ? "icon" : "screenshot", url: mediaUrl(m.id), contentType: m.contentType, size: m.size, position: m.position };
}

export async function getListing(db: Db, actor: Actor, name: string): Promise<ListingView> {
  const snap = await ownedSnap(db, actor, name);
  const media = await db.media.findMany({ where: { snapId: snap.id }, orderBy: [{ type: "asc" }, { position: "asc" }, { createdAt: "asc" }] });
  const icon = media.find((m) => m.type === "icon");
  return {
    name: snap.name,
    public: !snap.private && snap.nameStatus === "active",
    values: {
      title: snap.title ?? "",
      summary: snap.summary ?? "",
      description: snap.description ?? "",
      license: snap.license ?? "",
      categories: Array.isArray(snap.categories) ? (snap.categories as string[]) : [],
      website: snap.website ?? "",
      contact: snap.contact ?? "",
    },
    icon: icon ? mediaView(icon) : null,
    screenshots: media.filter((m) => m.type === "screenshot").map(mediaView),
    snapIcon: await findSnapIcon(db, snap.id).catch((err) => {
      console.error("looking for the snap's icon failed", err);
      return null;
    }),
  };
}

const LISTING_FIELDS = ["title", "summary", "description", "license", "categories", "website", "contact"] as const;

/**
 * Saves the listing (values already parsed with listingSchema: empty fields are null); the audit
 * entry names the changed fields. Returns the fields that changed.
 */
export async function updateListing(db: Db, actor: Actor, name: string, values: ListingValues): Promise<{ changed: string[] }> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const before: Record<string, unknown> = { ...snap, categories: Array.isArray(snap.categories) ? snap.categories : [] };
  const changed = LISTING_FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(values[f] ?? null));
  if (changed.length === 0) return { changed };
  await db.$transaction(async (tx) => {
    await tx.snap.update({ where: { id: snap.id }, data: values });
    await audit(tx, {
      actorId: actor.id,
      action: "snap.listing.update",
      targetType: "snap",
      targetId: snap.id,
      data: { name, changed, values: Object.fromEntries(changed.map((f) => [f, values[f]])) },
    });
  });
  return { changed };
}

// ---------------------------------------------------------------------------------------------
// Media (icon, screenshots) in the blob store
// ---------------------------------------------------------------------------------------------

/** The content type of image bytes, from their signature (never trusting the browser's claim). */
export function sniffImage(head: Buffer): "image/png" | "image/jpeg" | "image/svg+xml" | null {
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "image/jpeg";
  const text = head.toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(text)) return "image/svg+xml";
  return null;
}

const fmtKiB = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(0)} MiB` : `${Math.round(n / 1024)} KiB`);

async function storeMediaBlob(body: Readable, maxBytes: number) {
  try {
    const staged = await getBlobStore().stage(body, { maxBytes });
    try {
      await staged.commit();
    } finally {
      await staged.discard().catch(() => {});
    }
    return staged;
  } catch (err) {
    if (err instanceof UploadTooLargeError) throw new AppError("media-too-large", `The image is larger than ${fmtKiB(maxBytes)}.`, 413);
    throw err;
  }
}

/** Deletes a media blob unless another media row or a revision shares the content. */
async function deleteMediaBlobIfUnused(db: Tx, sha3_384: string): Promise<void> {
  const [media, revisions] = await Promise.all([db.media.count({ where: { sha3_384 } }), db.revision.count({ where: { sha3_384 } })]);
  if (media === 0 && revisions === 0) await getBlobStore().delete(sha3_384);
}

async function saveMedia(
  db: Db,
  actor: Actor,
  snap: OwnedSnap,
  kind: "icon" | "screenshot",
  contentType: string,
  body: Readable,
  maxBytes: number,
  source: Record<string, unknown>,
): Promise<MediaView> {
  const staged = await storeMediaBlob(body, maxBytes);
  const replaced: string[] = [];
  const row = await db.$transaction(async (tx) => {
    if (kind === "icon") {
      const old = await tx.media.findMany({ where: { snapId: snap.id, type: "icon" } });
      await tx.media.deleteMany({ where: { snapId: snap.id, type: "icon" } });
      replaced.push(...old.map((o) => o.sha3_384));
    } else if ((await tx.media.count({ where: { snapId: snap.id, type: "screenshot" } })) >= MAX_SCREENSHOTS) {
      throw new AppError("too-many-screenshots", `A listing has at most ${MAX_SCREENSHOTS} screenshots; remove one first.`, 409);
    }
    const last = await tx.media.findFirst({ where: { snapId: snap.id, type: kind }, orderBy: { position: "desc" } });
    const m = await tx.media.create({
      data: { snapId: snap.id, type: kind, sha3_384: staged.sha3_384, contentType, size: staged.size, position: last ? last.position + 1 : 0 },
    });
    await audit(tx, {
      actorId: actor.id,
      action: `snap.media.${kind === "icon" ? "icon" : "screenshot-add"}`,
      targetType: "snap",
      targetId: snap.id,
      data: { name: snap.name, media: m.id, sha3_384: staged.sha3_384, size: staged.size, contentType, ...source },
    });
    return m;
  }).catch(async (err) => {
    await deleteMediaBlobIfUnused(db, staged.sha3_384).catch(() => {});
    throw err;
  });
  for (const sha of replaced) await deleteMediaBlobIfUnused(db, sha).catch((e) => console.error("media blob delete failed", e));
  return mediaView(row);
}

/** Uploads an icon (PNG or SVG, ≤ 256 KiB) or a screenshot (PNG or JPEG, ≤ 2 MiB, at most 5). */
export async function addMedia(db: Db, actor: Actor, name: string, kind: "icon" | "screenshot", file: File): Promise<MediaView> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const maxBytes = kind === "icon" ? ICON_MAX_BYTES : SCREENSHOT_MAX_BYTES;
  if (file.size === 0) throw new AppError("empty-media", "The file is empty.", 400);
  if (file.size > maxBytes) throw new AppError("media-too-large", `The ${kind} is larger than ${fmtKiB(maxBytes)} (${fmtKiB(file.size)}).`, 413);
  const type = sniffImage(Buffer.from(await file.slice(0, 1024).arrayBuffer()));
  const allowed = kind === "icon" ? ["image/png", "image/svg+xml"] : ["image/png", "image/jpeg"];
  if (!type || !allowed.includes(type)) {
    throw new AppError("unsupported-media-type", kind === "icon" ? "The icon must be a PNG or SVG image." : "Screenshots must be PNG or JPEG images.", 415);
  }
  if (kind === "screenshot" && (await db.media.count({ where: { snapId: snap.id, type: "screenshot" } })) >= MAX_SCREENSHOTS) {
    throw new AppError("too-many-screenshots", `A listing has at most ${MAX_SCREENSHOTS} screenshots; remove one first.`, 409);
  }
  const body = Readable.fromWeb(file.stream() as unknown as import("node:stream/web").ReadableStream<Uint8Array>);
  return saveMedia(db, actor, snap, kind, type, body, maxBytes, { filename: file.name });
}

export async function removeMedia(db: Db, actor: Actor, name: string, mediaId: string): Promise<void> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const m = await db.media.findFirst({ where: { id: mediaId, snapId: snap.id } });
  if (!m) throw new AppError("media-not-found", "That image is not part of this listing.", 404);
  await db.$transaction(async (tx) => {
    await tx.media.delete({ where: { id: m.id } });
    await audit(tx, { actorId: actor.id, action: `snap.media.${m.type === "icon" ? "icon-remove" : "screenshot-remove"}`, targetType: "snap", targetId: snap.id, data: { name, media: m.id } });
  });
  await deleteMediaBlobIfUnused(db, m.sha3_384).catch((e) => console.error("media blob delete failed", e));
}

/** Random access to a stored .snap: the local file (fs driver) or ranged reads (S3). */
async function blobSource(sha3_384: string): Promise<ByteSource> {
  const store = getBlobStore();
  if (store.localPath) return fileSource(store.localPath(sha3_384));
  const size = await store.size(sha3_384);
  if (size === null) throw new AppError("blob-not-found", "The revision's file is no longer stored.", 404);
  return {
    size,
    async read(position, length) {
      if (length === 0) return Buffer.alloc(0);
      const stream = await store.open(sha3_384, { start: position, end: position + length - 1 });
      const chunks: Buffer[] = [];
      for await (const c of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
      return Buffer.concat(chunks);
    },
    async close() {},
  };
}

const SNAP_ICON_PATHS = ["meta/gui/icon.png", "meta/gui/icon.svg"] as const;

async function readSnapIcon(sha3_384: string): Promise<{ path: string; data: Buffer } | null> {
  const source = await blobSource(sha3_384);
  try {
    const image = await openSquashfs(source);
    for (const path of SNAP_ICON_PATHS) {
      const entry = await image.stat(path);
      if (!entry || entry.type !== "file" || entry.size === 0 || entry.size > ICON_MAX_BYTES) continue;
      return { path, data: await image.readFile(path, { maxBytes: ICON_MAX_BYTES }) };
    }
    return null;
  } finally {
    await source.close().catch(() => {});
  }
}

/** The newest of the last few kept revisions that ships an icon. */
async function findSnapIcon(db: Db, snapId: string): Promise<{ revision: number; path: string } | null> {
  const revs = await db.revision.findMany({
    where: { snapId, status: { in: ["ready_to_release", "need_manual_review"] }, sha3_384: { not: null } },
    orderBy: { revision: "desc" },
    take: 3,
  });
  for (const r of revs) {
    const icon = await readSnapIcon(r.sha3_384!).catch(() => null);
    if (icon) return { revision: r.revision, path: icon.path };
  }
  return null;
}

/** Uses meta/gui/icon.{png,svg} of a revision as the listing icon. */
export async function useIconFromRevision(db: Db, actor: Actor, name: string, revision: number): Promise<MediaView> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const rev = await db.revision.findUnique({ where: { snapId_revision: { snapId: snap.id, revision } } });
  if (!rev || !rev.sha3_384 || !["ready_to_release", "need_manual_review"].includes(rev.status)) {
    throw new AppError("revision-not-found", `"${name}" has no stored revision ${revision}.`, 404);
  }
  const icon = await readSnapIcon(rev.sha3_384);
  if (!icon) throw new AppError("no-snap-icon", `Revision ${revision} has no meta/gui/icon.png or icon.svg.`, 404);
  const type = sniffImage(icon.data.subarray(0, 1024));
  if (type !== "image/png" && type !== "image/svg+xml") {
    throw new AppError("unsupported-media-type", `${icon.path} in revision ${revision} is not a PNG or SVG image.`, 415);
  }
  return saveMedia(db, actor, snap, "icon", type, Readable.from([icon.data]), ICON_MAX_BYTES, { fromRevision: revision, path: icon.path });
}

/** For the public media route: the media row and its snap's visibility. */
export async function getPublicMedia(db: Db, id: string) {
  const m = await db.media.findUnique({ where: { id }, include: { snap: { select: { private: true, nameStatus: true, owner: { select: { userId: true } } } } } });
  return m;
}
