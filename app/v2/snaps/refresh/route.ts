// POST /v2/snaps/refresh: snapd's install, download and refresh actions (lib/server/store-api.ts).
import { getDb } from "@/lib/db/client";
import { storeSnapAction } from "@/lib/server/store-api";

export const dynamic = "force-dynamic";

export function POST(req: Request): Promise<Response> {
  return storeSnapAction(getDb(), req);
}
