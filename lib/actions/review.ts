"use server";
// Review pages: vote, decide, extend the voting period; notifications: mark read.
import { revalidatePath } from "next/cache";
import { decisionActionSchema, markReadActionSchema, requestIdActionSchema, voteActionSchema } from "@/lib/schemas/review";
import { decide, extendVoting, markNotificationsRead, vote } from "@/lib/server/review-queue";
import { authedAction } from "./authed";

const itemPath = (id: string) => `/review/items/${id}`;

export const castVote = authedAction({ roles: ["reviewer"], schema: voteActionSchema }, async ({ requestId, vote: input }, user, db) => {
  const r = await vote(db, user, requestId, input);
  revalidatePath(itemPath(requestId));
  return { verdict: r.state.verdict, for: r.state.tally.for, against: r.state.tally.against };
});

export const decideItem = authedAction({ roles: ["reviewer"], schema: decisionActionSchema }, async ({ requestId, decision }, user, db) => {
  const r = await decide(db, user, requestId, decision);
  revalidatePath(itemPath(requestId));
  revalidatePath("/review");
  return { status: r.status };
});

export const extendItem = authedAction({ roles: ["reviewer"], schema: requestIdActionSchema }, async ({ requestId }, user, db) => {
  const r = await extendVoting(db, user, requestId);
  revalidatePath(itemPath(requestId));
  return { closesAt: r.closesAt.toISOString() };
});

export const markRead = authedAction({ schema: markReadActionSchema }, async ({ id }, user, db) => {
  const n = await markNotificationsRead(db, user, id);
  revalidatePath("/notifications");
  return { marked: n };
});
