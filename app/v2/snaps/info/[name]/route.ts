// GET /v2/snaps/info/{name}: a snap and its channel map for snapd (lib/server/store-api.ts).
import { getDb } from "@/lib/db/client";
import { storeInfo } from "@/lib/server/store-api";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await ctx.params;
  return storeInfo(getDb(), req, name);
}
