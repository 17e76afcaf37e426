// PURE: which requests the anonymous page cache in front of Next (server/serve.ts) may answer, under
// which key, and which responses it may keep.
//
// Why a cache in front of Next at all: every App Router page here is rendered per request (the
// layout reads the session), and on 2 cores Next's dynamic rendering alone tops out at ~130-150
// pages/s even for the 404 page with nothing on it (measured with wrk on `next start`, issue 11),
// below the 200 pages/s the public pages need. What an anonymous visitor sees of the public pages
// depends only on the URL and the catalogue, and every catalogue write moves the catalogue
// generation (CatalogueGen triggers), so a rendered page can be replayed byte for byte until the
// generation moves, on every instance, with no TTL.

/** The public pages whose anonymous rendering depends only on the URL and the catalogue (category pages are redirects to /search). */
const CACHEABLE_PATH = /^\/(?:search|interfaces|snaps\/[^/]+)?$/;

/** next-auth's session cookie (`next-auth.session-token`, `__Secure-…`, chunked as `.0`, `.1`). */
const SESSION_COOKIE = /(?:^|;)\s*(?:__Secure-|__Host-)?next-auth\.session-token/;

/**
 * Request headers that make Next answer something else than the page's HTML (React Server
 * Component payloads for client navigation and prefetch, server actions).
 */
const NEXT_VARIANT_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

export interface CacheableRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

function header(req: CacheableRequest, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(", ") : (v ?? "");
}

/**
 * The cache key of an anonymous GET of a public page, or null when the request must reach Next
 * (another method or page, a session cookie, a Server Component request, a URL too long to keep).
 * The key holds everything else the response depends on: the Host (absolute links), the scheme
 * the reverse proxy reports (HSTS), and Accept-Encoding (Next compresses according to it).
 */
export function pageCacheKey(req: CacheableRequest): string | null {
  if (req.method !== "GET" || req.url.length > 2048) return null;
  const q = req.url.indexOf("?");
  const path = q < 0 ? req.url : req.url.slice(0, q);
  if (!CACHEABLE_PATH.test(path)) return null;
  if (q >= 0 && /(?:^|&)_rsc=/.test(req.url.slice(q + 1))) return null;
  if (SESSION_COOKIE.test(header(req, "cookie"))) return null;
  if (NEXT_VARIANT_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  const encoding = header(req, "accept-encoding").toLowerCase().replace(/\s+/g, "");
  return [header(req, "host").toLowerCase(), header(req, "x-forwarded-proto").toLowerCase(), encoding, req.url].join("\n");
}

/**
 * Whether a rendered response may be replayed to other anonymous visitors: a page (200) or a
 * not-found page (404, e.g. a snap with nothing released), as HTML, that sets no cookie.
 */
export function storableResponse(status: number, headers: Record<string, string | string[] | number | undefined>): boolean {
  if (status !== 200 && status !== 404) return false;
  if (headers["set-cookie"] !== undefined) return false;
  return String(headers["content-type"] ?? "").startsWith("text/html");
}

/** Headers that belong to one connection or one moment, never replayed. */
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie"]);

/** The response headers to replay, with lower-case names. */
export function replayHeaders(headers: Record<string, string | string[] | number | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const n = name.toLowerCase();
    if (value === undefined || HOP_HEADERS.has(n)) continue;
    out[n] = typeof value === "number" ? String(value) : value;
  }
  return out;
}
