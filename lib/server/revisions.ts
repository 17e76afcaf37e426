import "server-only";
// The revisions of a snap as the publisher sees them (the list, one revision with its review
// report and what each plug means, the plugs of every upload), and the small rules the upload,
// processing and review services share about a revision's blob and its snap-declaration.
import type { Db, Tx } from "@/lib/db/client";
import type { SnapDeclaration } from "@/lib/policy/declaration";
import { explainPlug, type PlugExplanation } from "@/lib/policy/explain";
import { SECTIONS, type ReviewReport } from "@/lib/review/automated";
import type { SnapMeta } from "@/lib/snap/snap-yaml";
import { getBlobStore } from "@/lib/storage";
import { INTERFACE_REQUEST_TYPES, KEPT_STATUSES, WAITING_STATUS, releaseChannel, requestTypeFromApi, requestTypeToApi } from "@/lib/vocabulary";
import { refusal } from "./explain";
import { ownedSnap, type Actor } from "./ownership";

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
    where: { sha3_384, id: { not: exceptRevisionId }, status: { in: [...KEPT_STATUSES, "being_processed"] } },
  });
  if (users === 0 && (await db.media.count({ where: { sha3_384 } })) === 0) await getBlobStore().delete(sha3_384);
}

/** The oldest revision of a snap waiting for manual review (it blocks new uploads), or null. */
export async function findWaitingRevision(db: Tx, snapId: string): Promise<{ revision: number; errors: unknown } | null> {
  return db.revision.findFirst({ where: { snapId, status: WAITING_STATUS }, orderBy: { revision: "asc" }, select: { revision: true, errors: true } });
}

// ---------------------------------------------------------------------------------------------
// The list (API and dashboard)
// ---------------------------------------------------------------------------------------------

export interface RevisionSummary {
  revision: number;
  version: string | null;
  architectures: string[];
  confinement: string | null;
  grade: string | null;
  status: string;
  createdAt: Date;
  uploadId: string;
  /** Channels this revision is currently released to ("latest/stable"), deduplicated. */
  channels: string[];
  errors: { code: string; message: string }[];
}

/** GET /api/v1/snaps/{name}/revisions: newest first. */
export async function listRevisions(db: Db, actor: Actor, name: string): Promise<RevisionSummary[]> {
  const snap = await ownedSnap(db, actor, name);
  const revs = await db.revision.findMany({ where: { snapId: snap.id }, include: { releases: true }, orderBy: { revision: "desc" } });
  return revs.map((r) => ({
    revision: r.revision,
    version: r.version,
    architectures: (r.architectures ?? []) as string[],
    confinement: r.confinement,
    grade: r.grade,
    status: r.status,
    createdAt: r.createdAt,
    uploadId: r.uploadId,
    channels: [...new Set(r.releases.map(releaseChannel))],
    errors: (r.errors ?? []) as { code: string; message: string }[],
  }));
}

// ---------------------------------------------------------------------------------------------
// One revision (upload result, revision page)
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

/** What each plug of the revision means, with the request that asks for it when one is open. */
async function plugViews(db: Db, snap: { id: string; name: string }, meta: SnapMeta | null): Promise<PlugView[]> {
  const decl = await currentDeclaration(db, snap.id);
  const requests = await db.reviewRequest.findMany({
    where: { snapId: snap.id, type: { in: [...INTERFACE_REQUEST_TYPES] }, status: { in: ["pending", "approved"] } },
    orderBy: { createdAt: "desc" },
  });
  return Object.values(meta?.plugs ?? {}).map((p) => {
    const ex = explainPlug(p, decl, { classicSystem: true, snapName: snap.name, snapType: meta?.type });
    const req = ex.needsRequest ? requests.find((r) => r.interface === p.interface && r.type === requestTypeFromApi(ex.needsRequest!)) : undefined;
    return { ...ex, request: req ? { id: req.id, type: requestTypeToApi(req.type), status: req.status } : null };
  });
}

/** One revision of an owned snap, with its review report and what each plug means. */
export async function getRevisionDetails(db: Db, actor: Actor, name: string, revision: number): Promise<RevisionDetails> {
  const snap = await ownedSnap(db, actor, name);
  const rev = await db.revision.findUnique({
    where: { snapId_revision: { snapId: snap.id, revision } },
    include: { releases: { where: { revisionId: { not: null } } } },
  });
  if (!rev) throw refusal("revision-not-found", { name, revision });
  const meta = (rev.meta ?? null) as SnapMeta | null;
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
    channels: [...new Set(rev.releases.map(releaseChannel))],
    errors: (rev.errors ?? []) as { code: string; message: string }[],
    checks: flattenReport(rev.review),
    plugs: await plugViews(db, snap, meta),
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
