import { getDb } from "@/lib/db/client";
import { getSnapPage } from "@/lib/server/catalogue";
import { badgeSvg } from "@/lib/search/badge";

export const dynamic = "force-dynamic";

/** GET /NAME/badge.svg: title + the version on latest/stable (any architecture); 404 when not public. */
export async function GET(_req: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const page = await getSnapPage(getDb(), name, null);
  if (!page || !page.public) return new Response("snap not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const track = page.snap.defaultTrack || "latest";
  const stable = page.openReleases.find((r) => r.track === track && r.risk === "stable" && !r.branch && r.revision?.confinement !== "devmode");
  return new Response(badgeSvg(page.listing.title || page.snap.name, stable?.revision?.version ?? null), {
    headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
