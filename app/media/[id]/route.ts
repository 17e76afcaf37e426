// Public listing media (icons, screenshots), streamed from the blob store. A media id names
// immutable content (a new upload gets a new id), so responses are cached for a year.
import { Readable } from "node:stream";
import { getDb } from "@/lib/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { findVisibleMedia } from "@/lib/server/listing";
import { BlobNotFoundError, getBlobStore } from "@/lib/storage";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!/^[a-z0-9]{10,40}$/i.test(id)) return notFound();
  const media = await findVisibleMedia(getDb(), id, getCurrentUser);
  if (!media) return notFound();
  const etag = `"${media.sha3_384}"`;
  const headers = {
    "Content-Type": media.contentType,
    "Cache-Control": media.public ? "public, max-age=31536000, immutable" : "private, max-age=3600",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    // SVGs may carry scripts: never let them run, even when opened directly.
    "Content-Security-Policy": "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; sandbox",
    "Content-Disposition": "inline",
  };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  try {
    const stream = await getBlobStore().open(media.sha3_384);
    const body = Readable.toWeb(Readable.from(stream as AsyncIterable<Buffer>)) as ReadableStream<Uint8Array>;
    return new Response(body, { headers: { ...headers, "Content-Length": String(media.size) } });
  } catch (err) {
    if (err instanceof BlobNotFoundError) return notFound();
    throw err;
  }
}
