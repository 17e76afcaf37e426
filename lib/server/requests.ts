import "server-only";
import type { Db } from "@/lib/db/client";
import { missingAcknowledgements, type CommentInput, type CreateRequestInput } from "@/lib/schemas/requests";
import type { SnapMeta } from "@/lib/snap/snap-yaml";
import { tally, votingPeriod, type Tally, type VoteValue } from "@/lib/review/tally";
import { requestTypeFromApi, requestTypeToApi } from "@/lib/vocabulary";
import { audit } from "./audit";
import { refusal } from "./explain";
import { isReviewer, ownedSnap, requirePublisher, type Actor } from "./ownership";
import { reopenAfterReply } from "./review-queue";

export interface CreatedRequest {
  id: string;
  status: "pending";
  type: string;
  votingEndsAt: Date;
}

/** Plugs (name -> interface) declared by any processed revision of the snap. */
async function uploadedPlugs(db: Db, snapId: string): Promise<{ name: string; interface: string }[]> {
  const revs = await db.revision.findMany({ where: { snapId }, select: { meta: true } });
  const out = new Map<string, { name: string; interface: string }>();
  for (const r of revs) {
    const meta = r.meta as SnapMeta | null;
    for (const p of Object.values(meta?.plugs ?? {})) out.set(`${p.name}\0${p.interface}`, { name: p.name, interface: p.interface });
  }
  return [...out.values()];
}

/**
 * A store request by the snap's owner: classic (supported category + reasoning + every
 * acknowledgement, else 400 acknowledgements-missing; allowed ahead of a classic upload) or an
 * interface request (installation / connection / auto-connection) for an interface one of the
 * snap's uploaded revisions plugs (400 unknown-plug). A pending duplicate is 409 request-exists.
 */
export async function createRequest(db: Db, actor: Actor, name: string, input: CreateRequestInput): Promise<CreatedRequest> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const type = requestTypeFromApi(input.type);
  let iface: string | null = null;
  let plug: string | null = null;
  let ahead = false;
  if (type === "classic") {
    const missing = missingAcknowledgements(input.acknowledgements);
    if (missing.length) throw refusal("acknowledgements-missing", { missing: missing.map((m) => ({ id: m.id, label: m.label })) });
    if (snap.classicGranted) throw refusal("classic-already-granted", { name });
    ahead = (await db.revision.count({ where: { snapId: snap.id, confinement: "classic" } })) === 0;
  } else {
    iface = input.interface!;
    const plugs = await uploadedPlugs(db, snap.id);
    const match = plugs.filter((p) => p.interface === iface && (!input.plug || p.name === input.plug));
    if (match.length === 0) {
      throw refusal("unknown-plug", {
        name,
        interface: iface,
        plug: input.plug,
        known: plugs.map((p) => (p.name === p.interface ? p.name : `${p.name} (${p.interface})`)),
      });
    }
    plug = input.plug ?? match[0].name;
  }
  const dup = await db.reviewRequest.findFirst({ where: { snapId: snap.id, type, status: "pending", ...(iface ? { interface: iface } : {}) } });
  if (dup) throw refusal("request-exists", { name, type: input.type, interface: iface });

  const now = new Date();
  const votingEndsAt = votingPeriod(now).closesAt;
  return db.$transaction(async (tx) => {
    const req = await tx.reviewRequest.create({
      data: {
        snapId: snap.id,
        type,
        interface: iface,
        plug,
        category: input.category ?? null,
        reasoning: input.reasoning,
        requesterId: actor.id,
        votingEndsAt,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "request.create",
      targetType: "request",
      targetId: req.id,
      data: {
        snap: name,
        type: input.type,
        interface: iface,
        plug,
        category: input.category ?? null,
        aheadOfUpload: ahead,
        acknowledgements: input.acknowledgements ?? [],
      },
    });
    return { id: req.id, status: "pending" as const, type: input.type, votingEndsAt };
  });
}

export interface RequestView {
  id: string;
  type: string;
  status: string;
  interface: string | null;
  plug: string | null;
  category: string | null;
  reasoning: string;
  revision: number | null;
  requester: string;
  createdAt: Date;
  votingEndsAt: Date | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  votes: { voter: string; value: number; comment: string | null; at: Date }[];
  tally: Tally;
  comments: { id: string; author: string; body: string; at: Date }[];
}

const who = (u: { name: string | null; email: string }) => u.name ?? u.email;

/** GET /api/v1/snaps/{name}/requests: the snap's requests (owner, reviewers, admins), newest first. */
export async function listRequests(db: Db, actor: Actor, name: string): Promise<RequestView[]> {
  const snap = isReviewer(actor) ? await db.snap.findUnique({ where: { name } }) : await ownedSnap(db, actor, name);
  if (!snap) throw refusal("snap-not-found", { name });
  const rows = await db.reviewRequest.findMany({
    where: { snapId: snap.id },
    include: {
      requester: { select: { name: true, email: true } },
      revision: { select: { revision: true } },
      votes: { include: { voter: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } },
      comments: { include: { author: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } },
    },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    type: requestTypeToApi(r.type),
    status: r.status,
    interface: r.interface,
    plug: r.plug,
    category: r.category,
    reasoning: r.reasoning,
    revision: r.revision?.revision ?? null,
    requester: who(r.requester),
    createdAt: r.createdAt,
    votingEndsAt: r.votingEndsAt,
    decidedAt: r.decidedAt,
    decisionComment: r.decisionComment,
    votes: r.votes.map((v) => ({ voter: who(v.voter), value: v.value, comment: v.comment, at: v.createdAt })),
    tally: tally(
      r.votes.map((v) => ({ voter: v.voterId, value: v.value as VoteValue })),
      r.requesterId,
    ),
    comments: r.comments.map((c) => ({ id: c.id, author: who(c.author), body: c.body, at: c.createdAt })),
  }));
}

/** POST /api/v1/requests/{id}/comments: the snap's owner, reviewers and admins may comment. */
export async function addComment(db: Db, actor: Actor, requestId: string, input: CommentInput): Promise<{ id: string; body: string; createdAt: Date }> {
  const req = await db.reviewRequest.findUnique({ where: { id: requestId }, include: { snap: { include: { owner: true } } } });
  if (!req) throw refusal("request-not-found", { id: requestId });
  if (req.snap.owner.userId !== actor.id && !isReviewer(actor)) throw refusal("not-owner", { name: req.snap.name });
  return db.$transaction(async (tx) => {
    const c = await tx.comment.create({ data: { requestId, authorId: actor.id, body: input.body } });
    await audit(tx, { actorId: actor.id, action: "request.comment", targetType: "request", targetId: requestId, data: { comment: c.id } });
    // The publisher's answer to "needs info" puts the item back in the queue.
    if (req.snap.owner.userId === actor.id || req.requesterId === actor.id) await reopenAfterReply(tx, requestId, actor.id);
    return { id: c.id, body: c.body, createdAt: c.createdAt };
  });
}
