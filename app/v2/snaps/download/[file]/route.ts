// GET /v2/snaps/download/{snap-id}_{revision}.snap: the .snap file, whole or a Range (206), from the
// blob store (lib/server/store-api.ts). The URL snapd gets in download.url.
import { getDb } from "@/lib/db/client";
import { storeDownload } from "@/lib/server/store-api";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await ctx.params;
  return storeDownload(getDb(), req, file);
}

export const HEAD = GET;
