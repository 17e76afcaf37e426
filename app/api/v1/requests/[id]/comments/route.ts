import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { commentSchema } from "@/lib/schemas/requests";
import { addComment } from "@/lib/server/requests";

export const dynamic = "force-dynamic";

/** The snap's owner, reviewers and admins. */
export const POST = apiRoute({ roles: ["publisher", "reviewer"], body: commentSchema }, async ({ db, user, params, body }) => {
  const c = await addComment(db, user, params.id, body);
  return NextResponse.json({ id: c.id, body: c.body, "created-at": c.createdAt.toISOString() }, { status: 201 });
});
