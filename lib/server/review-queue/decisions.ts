import "server-only";
// Decisions and their effects (classic grant, snap-declaration grants, flagged revisions, reserved
// names), the publisher's reply that reopens an item, and items outdated by a superseded revision.
import type { Db, Tx } from "@/lib/db/client";
import type { DeclarationInput } from "@/lib/assertions/declaration";
import type { DecisionInput } from "@/lib/schemas/review";
import { OPEN_REQUEST_STATUSES, requestStatusToApi, requestTypeToApi, type RequestStatus } from "@/lib/vocabulary";
import { audit } from "../audit";
import { issueSnapDeclaration } from "../assertions";
import { refusal } from "../explain";
import { isAdmin, type Actor } from "../ownership";
import { deleteRejectedBlobs, rereviewWaitingRevisionsInTx, type RereviewResult } from "../rereview";
import { currentDeclaration } from "../revisions";
import { loadForReview, refuseClosed, refuseInterested, requestVoting, requireReviewer, type Loaded } from "./common";
import { notify } from "./notifications";

const ALLOW_KEY = { installation: "allow-installation", connection: "allow-connection", auto_connection: "allow-auto-connection" } as const;

/** The snap's current plug rules with `allow-<grant>: true` merged in for the interface. */
export function mergePlugGrant(current: DeclarationInput | undefined, iface: string, key: string): DeclarationInput {
  const plugs = { ...((current?.plugs ?? {}) as Record<string, unknown>) };
  const existing = plugs[iface];
  const rule = existing && typeof existing === "object" && !Array.isArray(existing) ? { ...(existing as Record<string, unknown>) } : {};
  rule[key] = true;
  plugs[iface] = rule;
  return { plugs, slots: (current?.slots ?? {}) as Record<string, unknown> };
}

/** The rules with `allow-<grant>` removed for the interface, or null when it was not granted. */
export function removePlugGrant(current: DeclarationInput | undefined, iface: string, key: string): DeclarationInput | null {
  const plugs = { ...((current?.plugs ?? {}) as Record<string, unknown>) };
  const existing = plugs[iface];
  if (!existing || typeof existing !== "object" || Array.isArray(existing) || (existing as Record<string, unknown>)[key] === undefined) return null;
  const rule = { ...(existing as Record<string, unknown>) };
  delete rule[key];
  if (Object.keys(rule).length) plugs[iface] = rule;
  else delete plugs[iface];
  return { plugs, slots: (current?.slots ?? {}) as Record<string, unknown> };
}

export interface DecisionResult {
  id: string;
  status: string;
  declarationRevision?: number;
  rereview?: RereviewResult["changes"];
}

/** What an approval or rejection does to the store, inside the decision's transaction. */
async function applyEffects(
  tx: Tx,
  req: Loaded,
  approve: boolean,
  actor: Actor,
  comment: string | null,
): Promise<Omit<DecisionResult, "id" | "status"> & { rejected: RereviewResult["rejected"] }> {
  const out: Omit<DecisionResult, "id" | "status"> & { rejected: RereviewResult["rejected"] } = { rejected: [] };
  switch (req.type) {
    case "classic":
      if (!approve) return out;
      await tx.snap.updateMany({ where: { id: req.snapId }, data: { classicGranted: true } });
      break;
    case "installation":
    case "connection":
    case "auto_connection": {
      if (!approve || !req.interface) return out;
      const rules = mergePlugGrant(await currentDeclaration(tx, req.snapId), req.interface, ALLOW_KEY[req.type]);
      out.declarationRevision = (await issueSnapDeclaration(tx, req.snapId, rules, actor.id)).revision;
      break;
    }
    case "revision": {
      if (!req.revisionId) return out;
      const rev = await tx.revision.findUnique({ where: { id: req.revisionId }, select: { errors: true, sha3_384: true, id: true } });
      const res = await tx.revision.updateMany({
        where: { id: req.revisionId, status: "need_manual_review" },
        data: approve
          ? { status: "ready_to_release" }
          : {
              status: "rejected",
              errors: [
                ...((Array.isArray(rev?.errors) ? rev.errors : []) as object[]),
                { code: "rejected-by-reviewer", message: `Rejected by a reviewer: ${comment}` },
              ],
            },
      });
      if (res.count && !approve && rev) out.rejected.push({ id: rev.id, sha3_384: rev.sha3_384 });
      return out;
    }
    case "name":
      await tx.snap.updateMany({ where: { id: req.snapId, nameStatus: "pending_review" }, data: { nameStatus: approve ? "active" : "rejected" } });
      return out;
    default:
      return out;
  }
  const rr = await rereviewWaitingRevisionsInTx(tx, req.snapId, actor.id);
  out.rereview = rr.changes;
  out.rejected.push(...rr.rejected);
  return out;
}

/**
 * A reviewer's decision. approve: only when the tally passes, unless an admin overrides with a
 * written reason; reject: a comment is required; needs-info: a comment (the question) is required,
 * the item waits for the publisher's reply in the thread. The status change is conditional on the
 * status read here: a concurrent decision makes this one 409 already-decided and nothing of it is
 * written. The effects, the audit entry and the requester's notification commit with it.
 */
export async function decide(db: Db, actor: Actor, id: string, input: DecisionInput, now = new Date()): Promise<DecisionResult> {
  requireReviewer(actor);
  const req = await loadForReview(db, id);
  refuseInterested(actor, req, "decide");
  refuseClosed(req);
  const comment = input.comment?.trim() || null;
  if ((input.decision === "reject" || input.decision === "needs-info") && !comment) throw refusal("comment-required", { decision: input.decision });
  let override: string | null = null;
  if (input.decision === "approve") {
    const vs = requestVoting(req, req.votes, now);
    if (!vs.tally.passes) {
      if (!isAdmin(actor) || !input.override) throw refusal("tally-not-passing", { id, for: vs.tally.for, against: vs.tally.against, admin: isAdmin(actor) });
      override = input.override.trim();
    }
  }
  const to: RequestStatus = input.decision === "approve" ? "approved" : input.decision === "reject" ? "rejected" : "needs_info";
  const final = to !== "needs_info";
  const result = await db.$transaction(async (tx) => {
    const res = await tx.reviewRequest.updateMany({
      where: { id, status: req.status },
      data: {
        status: to,
        ...(final ? { decidedAt: now, decidedById: actor.id, decisionComment: comment, overrideReason: override } : {}),
      },
    });
    if (res.count === 0) {
      const current = await tx.reviewRequest.findUnique({ where: { id }, select: { status: true } });
      throw refusal("already-decided", { id, status: current?.status ?? "unknown" });
    }
    if (comment) await tx.comment.create({ data: { requestId: id, authorId: actor.id, body: comment } });
    const effects = final ? await applyEffects(tx, req, to === "approved", actor, comment) : { rejected: [] };
    await audit(tx, {
      actorId: actor.id,
      action: "request.decide",
      targetType: "request",
      targetId: id,
      data: { decision: input.decision, from: req.status, to, comment, override, declarationRevision: effects.declarationRevision ?? null },
    });
    const what = `your ${requestTypeToApi(req.type)} request for ${req.snap.name}`;
    await notify(
      tx,
      req.requesterId,
      id,
      input.decision,
      to === "approved"
        ? `Approved: ${what}.${override ? ` (admin override: ${override})` : ""}`
        : to === "rejected"
          ? `Rejected: ${what}: ${comment}`
          : `A reviewer needs more information on ${what}: ${comment}`,
    );
    return effects;
  });
  await deleteRejectedBlobs(db, result.rejected);
  return { id, status: requestStatusToApi(to), declarationRevision: result.declarationRevision, rereview: result.rereview };
}

/**
 * The publisher answered an item waiting for information: back to pending (inside the comment's
 * transaction). No-op unless the item is needs_info.
 */
export async function reopenAfterReply(tx: Tx, requestId: string, actorId: string): Promise<boolean> {
  const res = await tx.reviewRequest.updateMany({ where: { id: requestId, status: "needs_info" }, data: { status: "pending" } });
  if (res.count === 0) return false;
  await audit(tx, { actorId, action: "request.reply", targetType: "request", targetId: requestId, data: { from: "needs_info", to: "pending" } });
  const req = await tx.reviewRequest.findUnique({ where: { id: requestId }, include: { snap: { select: { name: true } } } });
  if (req)
    await notify(tx, req.requesterId, requestId, "reply", `Your reply put your ${requestTypeToApi(req.type)} request for ${req.snap.name} back in the queue.`);
  return true;
}

/**
 * A waiting revision was superseded (withdrawn, or replaced by a new upload): its open items are
 * outdated, their requesters told. Call inside the transaction that supersedes it.
 */
export async function markRevisionItemsOutdated(tx: Tx, revisionId: string, actorId: string | null): Promise<number> {
  const open = await tx.reviewRequest.findMany({
    where: { revisionId, status: { in: [...OPEN_REQUEST_STATUSES] } },
    select: { id: true, requesterId: true, type: true, status: true, snap: { select: { name: true } } },
  });
  let n = 0;
  for (const r of open) {
    const res = await tx.reviewRequest.updateMany({ where: { id: r.id, status: r.status }, data: { status: "outdated", decidedAt: new Date() } });
    if (!res.count) continue;
    n++;
    await audit(tx, { actorId, action: "request.outdated", targetType: "request", targetId: r.id, data: { from: r.status, to: "outdated" } });
    await notify(tx, r.requesterId, r.id, "outdated", `Your ${requestTypeToApi(r.type)} request for ${r.snap.name} is outdated: its revision was superseded.`);
  }
  return n;
}
