import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { createDeviceSchema } from "@/lib/schemas/devices";
import { createDevice, listDevices } from "@/lib/server/devices";

export const dynamic = "force-dynamic";

const present = (d: { id: string; name: string; architecture: string; classic: boolean; createdAt: Date }) => ({
  id: d.id,
  name: d.name,
  architecture: d.architecture,
  system: d.classic ? "classic" : "core",
  "created-at": d.createdAt.toISOString(),
});

export const GET = apiRoute({}, async ({ db, user }) => ({ devices: (await listDevices(db, user)).map(present) }));

export const POST = apiRoute({ body: createDeviceSchema }, async ({ db, user, body }) =>
  NextResponse.json(present(await createDevice(db, user, body)), { status: 201 }),
);
