import "server-only";
// The listing (store page) of a snap and its media (icon, screenshots): reads for the dashboard,
// writes with their audit entries, and the lookup behind the public /media/{id} route. Media bytes
// live in the blob store, content-addressed like the .snap files.
import { Readable } from "node:stream";
import type { Db, Tx } from "@/lib/db/client";
import { imageSize, type ImageSize } from "@/lib/catalogue/image-size";
import { ICON_MAX_BYTES, MAX_SCREENSHOTS, SCREENSHOT_MAX_BYTES, type ListingValues, type MediaKind } from "@/lib/schemas/listing";
import { openSquashfs } from "@/lib/snap/squashfs";
import { BlobNotFoundError, UploadTooLargeError, blobByteSource, getBlobStore, sniffImage } from "@/lib/storage";
import { KEPT_STATUSES, isPublicSnap } from "@/lib/vocabulary";
import { YAML_LISTING_FIELDS, editedFields, effectiveListing, type YamlListingField } from "@/lib/search/listing";
import { audit } from "./audit";
import { refusal } from "./explain";
import { ownedSnap, requirePublisher, type Actor, type OwnedSnap } from "./ownership";

export interface MediaView {
  id: string;
  type: MediaKind;
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
  /** Fields whose value comes from the newest revision's snap.yaml (the publisher never saved them). */
  fromSnap: YamlListingField[];
  /** The newest kept revision that ships meta/gui/icon.{png,svg}, when the listing could use it. */
  snapIcon: { revision: number; path: string } | null;
}

export const mediaUrl = (id: string) => `/media/${id}`;

function mediaView(m: { id: string; type: string; contentType: string; size: number; position: number }): MediaView {
  return { id: m.id, type: m.type === "icon" ? "icon" : "screenshot", url: mediaUrl(m.id), contentType: m.contentType, size: m.size, position: m.position };
}

// ---------------------------------------------------------------------------------------------
// Listing
// ---------------------------------------------------------------------------------------------

export async function getListing(db: Db, actor: Actor, name: string): Promise<ListingView> {
  const snap = await ownedSnap(db, actor, name);
  const media = await db.media.findMany({ where: { snapId: snap.id }, orderBy: [{ type: "asc" }, { position: "asc" }, { createdAt: "asc" }] });
  const icon = media.find((m) => m.type === "icon");
  const { values, fromSnap } = effectiveListing(snap, await newestSnapYamlMeta(db, snap.id));
  return {
    name: snap.name,
    public: isPublicSnap(snap),
    values: {
      title: values.title ?? "",
      summary: values.summary ?? "",
      description: values.description ?? "",
      license: values.license ?? "",
      categories: Array.isArray(snap.categories) ? (snap.categories as string[]) : [],
      website: values.website ?? "",
      contact: values.contact ?? "",
    },
    fromSnap,
    icon: icon ? mediaView(icon) : null,
    screenshots: media.filter((m) => m.type === "screenshot").map(mediaView),
    snapIcon: await findSnapIcon(db, snap).catch((err) => {
      console.error("looking for the snap's icon failed", err);
      return null;
    }),
  };
}

const LISTING_FIELDS = ["title", "summary", "description", "license", "categories", "website", "contact"] as const;

/** Revision.meta (normalised snap.yaml) of the newest processed revision: the listing's fallback. */
export async function newestSnapYamlMeta(db: Db | Tx, snapId: string): Promise<unknown> {
  const rev = await db.revision.findFirst({
    where: { snapId, status: { in: ["ready_to_release", "need_manual_review"] } },
    orderBy: { revision: "desc" },
    select: { meta: true },
  });
  return rev?.meta ?? null;
}

/**
 * Saves the listing (values already parsed with listingSchema: empty fields are null); the audit
 * entry names the changed fields. A field counts as changed against what the page showed (snap.yaml's
 * value for a field never saved), and once saved it no longer follows snap.yaml. Returns the
 * fields that changed.
 */
export async function updateListing(db: Db, actor: Actor, name: string, values: ListingValues): Promise<{ changed: string[] }> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const shown = effectiveListing(snap, await newestSnapYamlMeta(db, snap.id)).values;
  const before: Record<string, unknown> = { ...shown, categories: Array.isArray(snap.categories) ? snap.categories : [] };
  const changed = LISTING_FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(values[f] ?? null));
  if (changed.length === 0) return { changed };
  const edited = editedFields(snap.listingEdited);
  for (const f of changed) if ((YAML_LISTING_FIELDS as readonly string[]).includes(f)) edited.add(f);
  const data = { ...Object.fromEntries(changed.map((f) => [f, values[f]])), listingEdited: [...edited].sort().join(",") };
  await db.$transaction(async (tx) => {
    await tx.snap.update({ where: { id: snap.id }, data });
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
    if (err instanceof UploadTooLargeError) throw refusal("media-too-large", { kind: "image", limit: maxBytes });
    throw err;
  }
}

/** Deletes a media blob unless another media row or a revision shares the content. */
async function deleteMediaBlobIfUnused(db: Tx, sha3_384: string): Promise<void> {
  const [media, revisions] = await Promise.all([db.media.count({ where: { sha3_384 } }), db.revision.count({ where: { sha3_384 } })]);
  if (media === 0 && revisions === 0) await getBlobStore().delete(sha3_384);
}

interface NewMedia {
  kind: MediaKind;
  contentType: string;
  body: Readable;
  maxBytes: number;
  /** Where the image came from, for the audit entry (file name, or revision and path). */
  source: Record<string, unknown>;
  /** Pixel size read from the bytes (served in the store API's media objects). */
  dimensions: ImageSize | null;
}

/** Stores the blob, then in one transaction the row (an icon replaces the old one) and the audit entry. */
async function saveMedia(db: Db, actor: Actor, snap: OwnedSnap, m: NewMedia): Promise<MediaView> {
  const { kind, contentType } = m;
  const staged = await storeMediaBlob(m.body, m.maxBytes);
  const replaced: string[] = [];
  const row = await db
    .$transaction(async (tx) => {
      if (kind === "icon") {
        const old = await tx.media.findMany({ where: { snapId: snap.id, type: "icon" } });
        await tx.media.deleteMany({ where: { snapId: snap.id, type: "icon" } });
        replaced.push(...old.map((o) => o.sha3_384));
      } else if ((await tx.media.count({ where: { snapId: snap.id, type: "screenshot" } })) >= MAX_SCREENSHOTS) {
        throw refusal("too-many-screenshots", { max: MAX_SCREENSHOTS });
      }
      const last = await tx.media.findFirst({ where: { snapId: snap.id, type: kind }, orderBy: { position: "desc" } });
      const created = await tx.media.create({
        data: {
          snapId: snap.id,
          type: kind,
          sha3_384: staged.sha3_384,
          contentType,
          size: staged.size,
          position: last ? last.position + 1 : 0,
          width: m.dimensions?.width ?? null,
          height: m.dimensions?.height ?? null,
        },
      });
      await audit(tx, {
        actorId: actor.id,
        action: `snap.media.${kind === "icon" ? "icon" : "screenshot-add"}`,
        targetType: "snap",
        targetId: snap.id,
        data: { name: snap.name, media: created.id, sha3_384: staged.sha3_384, size: staged.size, contentType, ...m.source },
      });
      return created;
    })
    .catch(async (err) => {
      await deleteMediaBlobIfUnused(db, staged.sha3_384).catch(() => {});
      throw err;
    });
  for (const sha of replaced) await deleteMediaBlobIfUnused(db, sha).catch((e) => console.error("media blob delete failed", e));
  return mediaView(row);
}

/** Uploads an icon (PNG or SVG, ≤ 256 KiB) or a screenshot (PNG or JPEG, ≤ 2 MiB, at most 5). */
export async function addMedia(db: Db, actor: Actor, name: string, kind: MediaKind, file: File): Promise<MediaView> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const maxBytes = kind === "icon" ? ICON_MAX_BYTES : SCREENSHOT_MAX_BYTES;
  if (file.size === 0) throw refusal("empty-media", {});
  if (file.size > maxBytes) throw refusal("media-too-large", { kind, limit: maxBytes, size: file.size });
  const type = sniffImage(Buffer.from(await file.slice(0, 1024).arrayBuffer()));
  const allowed = kind === "icon" ? ["image/png", "image/svg+xml"] : ["image/png", "image/jpeg"];
  if (!type || !allowed.includes(type)) throw refusal("unsupported-media-type", { kind });
  if (kind === "screenshot" && (await db.media.count({ where: { snapId: snap.id, type: "screenshot" } })) >= MAX_SCREENSHOTS) {
    throw refusal("too-many-screenshots", { max: MAX_SCREENSHOTS });
  }
  const body = Readable.fromWeb(file.stream() as unknown as import("node:stream/web").ReadableStream<Uint8Array>);
  // The whole file is at most 2 MiB (checked above); a JPEG's frame header can follow a long Exif.
  const dimensions = imageSize(new Uint8Array(await file.arrayBuffer()), type);
  return saveMedia(db, actor, snap, { kind, contentType: type, body, maxBytes, source: { filename: file.name }, dimensions });
}

export async function removeMedia(db: Db, actor: Actor, name: string, mediaId: string): Promise<void> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const m = await db.media.findFirst({ where: { id: mediaId, snapId: snap.id } });
  if (!m) throw refusal("media-not-found", { id: mediaId });
  await db.$transaction(async (tx) => {
    await tx.media.delete({ where: { id: m.id } });
    await audit(tx, {
      actorId: actor.id,
      action: `snap.media.${m.type === "icon" ? "icon-remove" : "screenshot-remove"}`,
      targetType: "snap",
      targetId: snap.id,
      data: { name, media: m.id },
    });
  });
  await deleteMediaBlobIfUnused(db, m.sha3_384).catch((e) => console.error("media blob delete failed", e));
}

// ---------------------------------------------------------------------------------------------
// The icon a revision ships (meta/gui/icon.{png,svg})
// ---------------------------------------------------------------------------------------------

const SNAP_ICON_PATHS = ["meta/gui/icon.png", "meta/gui/icon.svg"] as const;

async function readSnapIcon(rev: { snap: string; revision: number; sha3_384: string }): Promise<{ path: string; data: Buffer } | null> {
  const source = await blobByteSource(getBlobStore(), rev.sha3_384).catch((err) => {
    if (err instanceof BlobNotFoundError) throw refusal("blob-not-found", { name: rev.snap, revision: rev.revision });
    throw err;
  });
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
async function findSnapIcon(db: Db, snap: { id: string; name: string }): Promise<{ revision: number; path: string } | null> {
  const revs = await db.revision.findMany({
    where: { snapId: snap.id, status: { in: [...KEPT_STATUSES] }, sha3_384: { not: null } },
    orderBy: { revision: "desc" },
    take: 3,
  });
  for (const r of revs) {
    const icon = await readSnapIcon({ snap: snap.name, revision: r.revision, sha3_384: r.sha3_384! }).catch(() => null);
    if (icon) return { revision: r.revision, path: icon.path };
  }
  return null;
}

/** Uses meta/gui/icon.{png,svg} of a revision as the listing icon. */
export async function useIconFromRevision(db: Db, actor: Actor, name: string, revision: number): Promise<MediaView> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const rev = await db.revision.findUnique({ where: { snapId_revision: { snapId: snap.id, revision } } });
  // Only kept revisions still have their file (rejected ones are deleted).
  if (!rev || !rev.sha3_384 || !(KEPT_STATUSES as readonly string[]).includes(rev.status)) throw refusal("revision-not-found", { name, revision });
  const icon = await readSnapIcon({ snap: snap.name, revision, sha3_384: rev.sha3_384 });
  if (!icon) throw refusal("no-snap-icon", { name, revision });
  const type = sniffImage(icon.data.subarray(0, 1024));
  if (type !== "image/png" && type !== "image/svg+xml") throw refusal("unsupported-media-type", { kind: "icon", path: icon.path, revision });
  return saveMedia(db, actor, snap, {
    kind: "icon",
    contentType: type,
    body: Readable.from([icon.data]),
    dimensions: imageSize(icon.data, type),
    maxBytes: ICON_MAX_BYTES,
    source: { fromRevision: revision, path: icon.path },
  });
}

// ---------------------------------------------------------------------------------------------
// The public /media/{id} route
// ---------------------------------------------------------------------------------------------

export interface VisibleMedia {
  sha3_384: string;
  contentType: string;
  size: number;
  /** Public snaps' media may be cached by anyone; the others only by the viewer's browser. */
  public: boolean;
}

/**
 * A media row as the viewer may see it: media of a public snap for everyone, of a private (or not
 * yet approved) snap only for its owner and admins; null otherwise, so a hidden image is
 * indistinguishable from a missing one. `viewer` is asked only for a hidden snap's media, so
 * public images never cost a session lookup.
 */
export async function findVisibleMedia(db: Db, id: string, viewer: () => Promise<Actor | null>): Promise<VisibleMedia | null> {
  const m = await db.media.findUnique({
    where: { id },
    include: { snap: { select: { private: true, nameStatus: true, owner: { select: { userId: true } } } } },
  });
  if (!m) return null;
  const isPublic = isPublicSnap(m.snap);
  if (!isPublic) {
    const who = await viewer();
    if (!who || (who.role !== "admin" && who.id !== m.snap.owner.userId)) return null;
  }
  return { sha3_384: m.sha3_384, contentType: m.contentType, size: m.size, public: isPublic };
}
