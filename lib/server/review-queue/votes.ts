import "server-only";
// Reviewers' votes and the one extension of the voting period.
import type { Db } from "@/lib/db/client";
import { votingPeriod, VOTING_EXTENSION_DAYS, type VotingState } from "@/lib/review/tally";
import type { VoteInput } from "@/lib/schemas/review";
import { OPEN_REQUEST_STATUSES, requestTypeToApi } from "@/lib/vocabulary";
import { audit } from "../audit";
import { refusal } from "../explain";
import type { Actor } from "../ownership";
import { loadForReview, refuseClosed, refuseInterested, requestVoting, requireReviewer, signed, votingDays } from "./common";
import { notify } from "./notifications";

/**
 * A reviewer's vote (+1 / 0 / -1, optional comment). One per reviewer, changed by voting again
 * while the item is open. The requester and the snap's publisher are refused.
 */
export async function vote(db: Db, actor: Actor, id: string, input: VoteInput): Promise<{ id: string; vote: number; state: VotingState }> {
  requireReviewer(actor);
  const req = await loadForReview(db, id);
  refuseInterested(actor, req, "vote");
  refuseClosed(req);
  await db.$transaction(async (tx) => {
    // Touch the row only while it is open: serialises with a concurrent decision (a row lock on
    // PostgreSQL) so a vote never lands on a decided item.
    const open = await tx.reviewRequest.updateMany({ where: { id, status: { in: [...OPEN_REQUEST_STATUSES] } }, data: { updatedAt: new Date() } });
    if (open.count === 0) throw refusal("already-decided", { id, status: (await tx.reviewRequest.findUnique({ where: { id } }))?.status ?? "unknown" });
    const comment = input.comment?.trim() || null;
    await tx.vote.upsert({
      where: { requestId_voterId: { requestId: id, voterId: actor.id } },
      create: { requestId: id, voterId: actor.id, value: input.vote, comment },
      update: { value: input.vote, comment },
    });
    await audit(tx, { actorId: actor.id, action: "request.vote", targetType: "request", targetId: id, data: { vote: input.vote, comment } });
    await notify(tx, req.requesterId, id, "vote", `A reviewer voted ${signed(input.vote)} on your ${requestTypeToApi(req.type)} request for ${req.snap.name}.`);
  });
  const votes = await db.vote.findMany({ where: { requestId: id }, select: { voterId: true, value: true } });
  const state = requestVoting(req, votes);
  return { id, vote: input.vote, state };
}

/** Extends the voting period once by 3 days (reviewers). */
export async function extendVoting(db: Db, actor: Actor, id: string): Promise<{ closesAt: Date }> {
  requireReviewer(actor);
  const req = await loadForReview(db, id);
  refuseClosed(req);
  const closesAt = votingPeriod(req.createdAt, 1, votingDays()).closesAt;
  if (req.votingExtended) throw refusal("voting-already-extended", { id, closesAt: closesAt.toISOString() });
  await db.$transaction(async (tx) => {
    const res = await tx.reviewRequest.updateMany({
      where: { id, status: { in: [...OPEN_REQUEST_STATUSES] }, votingExtended: false },
      data: { votingExtended: true, votingEndsAt: closesAt },
    });
    if (res.count === 0) throw refusal("voting-already-extended", { id, closesAt: closesAt.toISOString() });
    await audit(tx, { actorId: actor.id, action: "request.extend-voting", targetType: "request", targetId: id, data: { days: VOTING_EXTENSION_DAYS } });
    await notify(tx, req.requesterId, id, "extended", `Voting on your ${requestTypeToApi(req.type)} request for ${req.snap.name} was extended by 3 days.`);
  });
  return { closesAt };
}
