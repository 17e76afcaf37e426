// GET /api/v1/snaps/names: the daemon's daily catalogue of listed snaps (hal+json).
import { getDb } from "@/lib/db/client";
import { storeNames } from "@/lib/server/store-api";

export const dynamic = "force-dynamic";

export function GET(req: Request): Promise<Response> {
  return storeNames(getDb(), req);
}
