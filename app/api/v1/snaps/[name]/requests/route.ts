import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { presentRequest } from "@/lib/api/present";
import { createRequestSchema } from "@/lib/schemas/requests";
import { createRequest, listRequests } from "@/lib/server/requests";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ roles: ["publisher"], body: createRequestSchema }, async ({ db, user, params, body }) => {
  const r = await createRequest(db, user, params.name, body);
  return NextResponse.json({ id: r.id, status: r.status, type: r.type, "voting-ends-at": r.votingEndsAt.toISOString() }, { status: 201 });
});

/** The owner, reviewers and admins. */
export const GET = apiRoute({ roles: ["publisher", "reviewer"] }, async ({ db, user, params }) => ({
  requests: (await listRequests(db, user, params.name)).map(presentRequest),
}));
