import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { createTokenSchema } from "@/lib/schemas/tokens";
import { clientAddress } from "@/lib/server/signin";
import { issueTokenWithPassword, listTokens } from "@/lib/server/tokens";

export const dynamic = "force-dynamic";

/** Authenticates by email + password (not a bearer token); any role may hold tokens. */
export const POST = apiRoute({ body: createTokenSchema, anonymous: true }, async ({ req, db, body }) => {
  const { id, token } = await issueTokenWithPassword(
    db,
    body,
    clientAddress((h) => req.headers.get(h)),
  );
  return NextResponse.json({ id, token }, { status: 201 });
});

export const GET = apiRoute({}, async ({ db, user }) => ({ tokens: await listTokens(db, user) }));
