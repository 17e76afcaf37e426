import "server-only";
// One item, with everything a reviewer needs to decide, assembled by page section: the request
// and its voting, the snap's listing, the revision with its plugs/slots verdicts, the diffs
// against the previous and the stable revision, the publisher's other snaps and past decisions,
// and the thread (votes, comments) with the history.
import type { Db } from "@/lib/db/client";
import type { SnapDeclaration } from "@/lib/policy/declaration";
import { describeDiff, diffRevisions, type DiffInfo } from "@/lib/review/diff";
import { explainPlug, explainSlot } from "@/lib/policy/explain";
import type { SnapMeta } from "@/lib/snap/snap-yaml";
import { isOpenRequestStatus, requestStatusToApi, requestTypeToApi } from "@/lib/vocabulary";
import { refusal } from "../explain";
import type { Actor } from "../ownership";
import { currentDeclaration } from "../revisions";
import { requestVoting, requireReviewer, who } from "./common";

const REVISION_SELECT = {
  id: true,
  revision: true,
  status: true,
  version: true,
  confinement: true,
  type: true,
  base: true,
  grade: true,
  meta: true,
  snapYaml: true,
  review: true,
  errors: true,
  createdAt: true,
} as const;

async function loadRequest(db: Db, id: string) {
  const req = await db.reviewRequest.findUnique({
    where: { id },
    include: {
      snap: { include: { owner: true } },
      requester: { select: { id: true, name: true, email: true } },
      decidedBy: { select: { name: true, email: true } },
      votes: { include: { voter: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } },
      comments: { include: { author: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!req) throw refusal("request-not-found", { id });
  return req;
}

type Request = Awaited<ReturnType<typeof loadRequest>>;

/** The revision the request is about, or (a request about the snap) its latest processed one. */
function loadRevision(db: Db, req: Request) {
  return req.revisionId
    ? db.revision.findUnique({ where: { id: req.revisionId }, select: REVISION_SELECT })
    : db.revision.findFirst({ where: { snapId: req.snapId, status: { not: "being_processed" } }, orderBy: { revision: "desc" }, select: REVISION_SELECT });
}

type Revision = NonNullable<Awaited<ReturnType<typeof loadRevision>>>;

// ----- the request and its voting -------------------------------------------------------------

function requestSection(req: Request, actor: Actor, now: Date) {
  const state = requestVoting(req, req.votes, now);
  return {
    id: req.id,
    kind: requestTypeToApi(req.type),
    status: requestStatusToApi(req.status),
    interface: req.interface,
    plug: req.plug,
    category: req.category,
    reasoning: req.reasoning,
    requester: { id: req.requester.id, name: who(req.requester) },
    createdAt: req.createdAt,
    decidedAt: req.decidedAt,
    decidedBy: req.decidedBy ? who(req.decidedBy) : null,
    decisionComment: req.decisionComment,
    overrideReason: req.overrideReason,
    voting: { ...state.tally, verdict: state.verdict, closesAt: state.closesAt, open: state.open, extended: req.votingExtended, canExtend: state.canExtend },
    mayVote: isOpenRequestStatus(req.status) && req.requesterId !== actor.id && req.snap.owner.userId !== actor.id,
  };
}

// ----- the listing ----------------------------------------------------------------------------

function listingSection(snap: Request["snap"]) {
  return {
    name: snap.name,
    title: snap.title,
    summary: snap.summary,
    description: snap.description,
    license: snap.license,
    website: snap.website,
    contact: snap.contact,
    categories: (snap.categories ?? []) as string[],
    classicGranted: snap.classicGranted,
    nameStatus: snap.nameStatus,
    publisher: { username: snap.owner.username, displayName: snap.owner.displayName, validation: snap.owner.validation },
  };
}

// ----- the revision, its plugs and slots with the policy's verdicts ---------------------------

function revisionSection(revision: Revision | null, decl: SnapDeclaration | undefined, snapName: string) {
  const meta = (revision?.meta ?? null) as SnapMeta | null;
  const opts = { classicSystem: true, snapName, snapType: meta?.type };
  return {
    revision: revision
      ? {
          revision: revision.revision,
          status: revision.status,
          version: revision.version,
          confinement: revision.confinement,
          type: revision.type,
          base: revision.base,
          grade: revision.grade,
          snapYaml: revision.snapYaml,
          review: revision.review,
          errors: revision.errors,
        }
      : null,
    plugs: Object.values(meta?.plugs ?? {}).map((p) => explainPlug(p, decl, opts)),
    slots: Object.values(meta?.slots ?? {}).map((s) => explainSlot(s, decl, opts)),
    declaration: decl ?? null,
  };
}

// ----- diffs against the previous revision and the one on latest/stable -----------------------

type RevisionRow = { revision: number; meta: unknown; confinement: string | null; type: string | null; base: string | null };

function diffInfo(r: RevisionRow): DiffInfo {
  const meta = (r.meta ?? {}) as Partial<SnapMeta>;
  return {
    confinement: r.confinement ?? meta.confinement ?? null,
    type: r.type ?? meta.type ?? null,
    base: r.base ?? meta.base ?? null,
    plugs: meta.plugs ?? {},
    slots: meta.slots ?? {},
  };
}

async function diffsSection(db: Db, snapId: string, revision: Revision | null) {
  const [previous, stableRow] = await Promise.all([
    revision
      ? db.revision.findFirst({ where: { snapId, revision: { lt: revision.revision } }, orderBy: { revision: "desc" }, select: REVISION_SELECT })
      : Promise.resolve(null),
    db.release.findFirst({
      where: { snapId, track: "latest", risk: "stable", branch: "", revisionId: { not: null } },
      orderBy: { releasedAt: "desc" },
      include: { revision: { select: REVISION_SELECT } },
    }),
  ]);
  const stable = stableRow?.revision ?? null;
  const diffAgainst = (base: RevisionRow | null) => {
    if (!revision || !base) return null;
    const d = diffRevisions(diffInfo(base), diffInfo(revision));
    return { revision: base.revision, diff: d, lines: describeDiff(d) };
  };
  return {
    diffPrevious: diffAgainst(previous),
    diffStable: stable && stable.revision !== revision?.revision ? diffAgainst(stable) : null,
    stableRevision: stable?.revision ?? null,
  };
}

// ----- the publisher's other snaps and their past decisions -----------------------------------

async function publisherSection(db: Db, snap: { id: string; ownerId: string }) {
  const others = await db.snap.findMany({
    where: { ownerId: snap.ownerId, id: { not: snap.id } },
    select: {
      name: true,
      classicGranted: true,
      requests: {
        where: { status: { in: ["approved", "rejected"] } },
        select: { id: true, type: true, interface: true, status: true, decidedAt: true, decisionComment: true },
        orderBy: { decidedAt: "desc" },
        take: 10,
      },
    },
    orderBy: { name: "asc" },
    take: 50,
  });
  return others.map((o) => ({
    name: o.name,
    classicGranted: o.classicGranted,
    decisions: o.requests.map((r) => ({
      id: r.id,
      kind: requestTypeToApi(r.type),
      interface: r.interface,
      status: r.status,
      decidedAt: r.decidedAt,
      comment: r.decisionComment,
    })),
  }));
}

// ----- the thread (votes, comments) and the history -------------------------------------------

async function threadSection(db: Db, req: Request) {
  const history = await db.auditLog.findMany({
    where: { targetType: "request", targetId: req.id },
    orderBy: { createdAt: "asc" },
    include: { actor: { select: { name: true, email: true } } },
  });
  return {
    votes: req.votes.map((v) => ({ voter: who(v.voter), voterId: v.voter.id, value: v.value, comment: v.comment, at: v.updatedAt })),
    comments: req.comments.map((c) => ({ id: c.id, author: who(c.author), body: c.body, at: c.createdAt })),
    history: history.map((h) => ({ action: h.action, actor: h.actor ? who(h.actor) : "the store", at: h.createdAt, data: h.data as Record<string, unknown> })),
  };
}

/**
 * The item page / GET /api/v1/review/items/{id}: the request, the snap's listing, the revision
 * (snap.yaml, review report, plugs and slots with what the base declaration and the snap's
 * declaration say), what changed since the previous revision and the one on stable, the
 * publisher's other snaps with past decisions, the votes, the thread and the history.
 */
export async function getItem(db: Db, actor: Actor, id: string, now = new Date()) {
  requireReviewer(actor);
  const req = await loadRequest(db, id);
  const revision = await loadRevision(db, req);
  const [decl, diffs, otherSnaps, thread] = await Promise.all([
    currentDeclaration(db, req.snapId),
    diffsSection(db, req.snapId, revision),
    publisherSection(db, req.snap),
    threadSection(db, req),
  ]);
  return {
    ...requestSection(req, actor, now),
    snap: listingSection(req.snap),
    ...revisionSection(revision, decl, req.snap.name),
    ...diffs,
    otherSnaps,
    ...thread,
  };
}

export type ReviewItem = Awaited<ReturnType<typeof getItem>>;
