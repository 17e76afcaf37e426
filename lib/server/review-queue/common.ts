import "server-only";
// What every part of the review queue shares: the reviewer check, the voting period, how people
// are named, and loading an item for a vote or a decision with the refusals both apply.
import type { Tx } from "@/lib/db/client";
import { votingDaysFromEnv, votingState, type VoteValue, type VotingState } from "@/lib/review/tally";
import { isOpenRequestStatus } from "@/lib/vocabulary";
import { refusal } from "../explain";
import { isReviewer, type Actor } from "../ownership";

export const DAY_MS = 86_400_000;

export function requireReviewer(actor: Actor): void {
  if (!isReviewer(actor)) throw refusal("forbidden", { needs: ["reviewer"], role: actor.role });
}

/** The configured voting period (SNAPSTORE_VOTING_DAYS, default 7). */
export function votingDays(): number {
  return votingDaysFromEnv(process.env);
}

/** Where a request's vote stands now (the tally and the voting period), from its stored rows. */
export function requestVoting(
  req: { requesterId: string; createdAt: Date; votingExtended: boolean },
  votes: { voterId: string; value: number }[],
  now?: Date,
): VotingState {
  return votingState({
    votes: votes.map((v) => ({ voter: v.voterId, value: v.value as VoteValue })),
    requester: req.requesterId,
    openedAt: req.createdAt,
    extended: req.votingExtended,
    now,
    periodDays: votingDays(),
  });
}

export const who = (u: { name: string | null; email: string }) => u.name ?? u.email;

export const ageDays = (from: Date, now: Date) => Math.floor((now.getTime() - from.getTime()) / DAY_MS);

export const signed = (v: number) => (v > 0 ? `+${v}` : String(v));

export async function loadForReview(db: Tx, id: string) {
  const req = await db.reviewRequest.findUnique({
    where: { id },
    include: { snap: { include: { owner: true } }, votes: { select: { voterId: true, value: true } } },
  });
  if (!req) throw refusal("request-not-found", { id });
  return req;
}

export type Loaded = Awaited<ReturnType<typeof loadForReview>>;

/** Neither the requester nor the snap's publisher may vote or decide on a request. */
export function refuseInterested(actor: Actor, req: Loaded, action: "vote" | "decide"): void {
  if (req.requesterId === actor.id) throw refusal("requester-cannot-review", { id: req.id, action });
  if (req.snap.owner.userId === actor.id) throw refusal("publisher-cannot-review", { id: req.id, name: req.snap.name, action });
}

export function refuseClosed(req: { id: string; status: string }): void {
  if (!isOpenRequestStatus(req.status)) throw refusal("already-decided", { id: req.id, status: req.status });
}
