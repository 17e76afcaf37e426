import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { registerNameSchema } from "@/lib/schemas/names";
import { registerSnapName } from "@/lib/server/registration";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ roles: ["publisher"], body: registerNameSchema }, async ({ db, user, body }) => {
  const r = await registerSnapName(db, user, body);
  if (r.status === "pending-review") {
    return NextResponse.json({ name: r.name, "snap-id": r.snapId, status: "pending-review", "request-id": r.requestId }, { status: 202 });
  }
  return NextResponse.json({ name: r.name, "snap-id": r.snapId }, { status: 201 });
});
