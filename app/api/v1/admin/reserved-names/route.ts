import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { reserveNameSchema } from "@/lib/schemas/names";
import { listReservedNames, reserveName } from "@/lib/server/reserved-names";

export const dynamic = "force-dynamic";

const view = (r: { name: string; reason: string; createdAt: Date }) => ({ name: r.name, reason: r.reason, "created-at": r.createdAt.toISOString() });

export const GET = apiRoute({ roles: ["admin"] }, async ({ db, user }) => ({ "reserved-names": (await listReservedNames(db, user)).map(view) }));

export const POST = apiRoute({ roles: ["admin"], body: reserveNameSchema }, async ({ db, user, body }) =>
  NextResponse.json(view(await reserveName(db, user, body)), { status: 201 }),
);
