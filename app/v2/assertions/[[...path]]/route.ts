// GET /v2/assertions/{type}/{key...}?max-format=N: the store's assertions for snapd
// (lib/server/assertions.ts). Public; snapd sends the old X-Ubuntu-* headers here, which are not
// required. The optional catch-all also answers /v2/assertions and /v2/assertions/{type} with a
// JSON error list instead of an HTML 404.
import { getDb } from "@/lib/db/client";
import { serveAssertion } from "@/lib/server/assertions";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ path?: string[] }> }): Promise<Response> {
  const { path = [] } = await ctx.params;
  return serveAssertion(getDb(), path, new URL(req.url).searchParams);
}
