// The anonymous page cache in front of Next's request handler (server/serve.ts; which requests and
// responses, and why: lib/api/page-cache.ts).
//
// A rendered public page is kept per instance under the catalogue generation read BEFORE Next
// renders it (the GenerationCache argument: the page then reflects at least every write up to that
// generation) and is replayed to anonymous visitors until any catalogue write moves the
// generation. The generation comes from the app's own database client, which instrumentation.ts
// hands over on globalThis; until it does (or with SNAPSTORE_PAGE_CACHE=off) every request goes
// to Next, so the cache can only save work, never change an answer.
import type http from "node:http";
import { pageCacheKey, replayHeaders, storableResponse } from "@/lib/api/page-cache";
import { CATALOGUE_GENERATION_HOOK, GenerationCache } from "@/lib/catalogue/generation-cache";

/** Per-instance budget: ~500 search pages of ~60 kB; the oldest go first. */
export const PAGE_CACHE_BYTES = 32 * 1024 * 1024;
/** A page larger than this is served but not kept. */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;

interface Page {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

function generationSource(): (() => Promise<number>) | undefined {
  return (globalThis as Record<symbol, unknown>)[CATALOGUE_GENERATION_HOOK] as (() => Promise<number>) | undefined;
}

/** Copies what Next writes to `res`, and hands it over once the response has fully gone out. */
function recordResponse(res: http.ServerResponse, onFinish: (page: Page) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let keep = true;
  const extraHeaders: Record<string, string | string[] | number> = {};
  const add = (chunk: unknown, encoding?: unknown) => {
    if (!keep || chunk == null || typeof chunk === "function") return;
    const b =
      typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > MAX_PAGE_BYTES) {
      keep = false;
      chunks.length = 0;
    } else chunks.push(b);
  };
  const { write, end, writeHead } = res;
  res.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const headers = args.find((a) => typeof a === "object" && a !== null);
    if (Array.isArray(headers))
      keep = false; // raw header lists: not worth parsing, just not kept
    else if (headers) Object.assign(extraHeaders, headers);
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof res.writeHead;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    add(chunk, rest[0]);
    return (end as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
  // 'finish' only when the whole response was handed to the OS: an aborted one is never kept.
  res.once("finish", () => {
    if (!keep) return;
    const headers = { ...res.getHeaders(), ...extraHeaders } as Record<string, string | string[] | number | undefined>;
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    if (storableResponse(res.statusCode, lower)) onFinish({ status: res.statusCode, headers: replayHeaders(lower), body: Buffer.concat(chunks) });
  });
}

/** `handle` behind the cache; `cache` holds the pages (a budget of 0 keeps none). */
export function withPageCache(handle: Handler, cache: GenerationCache): Handler {
  return async (req, res) => {
    const generation = generationSource();
    const key = generation ? pageCacheKey({ method: req.method ?? "", url: req.url ?? "", headers: req.headers }) : null;
    if (!generation || key === null) return handle(req, res);
    let gen: number;
    try {
      gen = await generation();
    } catch {
      return handle(req, res); // the database is unreachable: Next answers (its error page)
    }
    const page = cache.get<Page>(gen, key);
    if (page) {
      res.writeHead(page.status, { ...page.headers, "content-length": String(page.body.length), "x-snapstore-page-cache": "hit" });
      res.end(page.body);
      return;
    }
    res.setHeader("x-snapstore-page-cache", "miss");
    recordResponse(res, (p) => cache.set(gen, key, p, p.body.length + 1024));
    return handle(req, res);
  };
}
