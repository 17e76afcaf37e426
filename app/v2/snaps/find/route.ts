// GET /v2/snaps/find: search for snapd (lib/server/store-api.ts).
import { getDb } from "@/lib/db/client";
import { storeFind } from "@/lib/server/store-api";

export const dynamic = "force-dynamic";

export function GET(req: Request): Promise<Response> {
  return storeFind(getDb(), req);
}
