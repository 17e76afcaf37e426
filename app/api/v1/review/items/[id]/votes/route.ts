import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { kebabKeys } from "@/lib/api/present";
import { voteSchema } from "@/lib/schemas/review";
import { vote } from "@/lib/server/review-queue";

export const dynamic = "force-dynamic";

/** Reviewers and admins, not the requester nor the snap's publisher: {vote: 1|0|-1, comment?}. */
export const POST = apiRoute({ roles: ["reviewer"], body: voteSchema }, async ({ db, user, params, body }) => {
  const r = await vote(db, user, params.id, body);
  return NextResponse.json(kebabKeys({ id: r.id, vote: r.vote, tally: r.state.tally, verdict: r.state.verdict, closesAt: r.state.closesAt }), { status: 201 });
});
