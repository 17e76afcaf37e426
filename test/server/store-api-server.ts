// The store API's route handlers behind a plain node:http server (no Next build), so snapd's own
// client, the `snap` CLI and the snapd daemon can talk to them over HTTP in a test.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GET as assertionsGET } from "@/app/v2/assertions/[[...path]]/route";
import { GET as findGET } from "@/app/v2/snaps/find/route";
import { GET as infoGET } from "@/app/v2/snaps/info/[name]/route";
import { POST as refreshPOST } from "@/app/v2/snaps/refresh/route";
import { GET as downloadGET } from "@/app/v2/snaps/download/[file]/route";
import { GET as categoriesGET } from "@/app/v2/snaps/categories/route";
import { GET as sectionsGET } from "@/app/api/v1/snaps/sections/route";
import { GET as namesGET } from "@/app/api/v1/snaps/names/route";

export interface Seen {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  status: number;
}

export interface StoreServer {
  base: string;
  seen: Seen[];
  /** Answers instead of the store when it returns a Response (tests break the store on purpose). */
  override: ((req: Request, pathname: string) => Promise<Response | null>) | null;
  close(): Promise<void>;
}

const params = <T>(p: T) => ({ params: Promise.resolve(p) });

async function route(req: Request, pathname: string): Promise<Response> {
  let m: RegExpExecArray | null;
  if (pathname === "/v2/snaps/find") return findGET(req);
  if ((m = /^\/v2\/snaps\/info\/([^/]+)$/.exec(pathname))) return infoGET(req, params({ name: decodeURIComponent(m[1]) }));
  if (pathname === "/v2/snaps/refresh" && req.method === "POST") return refreshPOST(req);
  if ((m = /^\/v2\/snaps\/download\/([^/]+)$/.exec(pathname))) return downloadGET(req, params({ file: decodeURIComponent(m[1]) }));
  if (pathname === "/v2/snaps/categories") return categoriesGET();
  if (pathname === "/api/v1/snaps/sections") return sectionsGET();
  if (pathname === "/api/v1/snaps/names") return namesGET(req);
  if (pathname.startsWith("/v2/assertions")) {
    const path = pathname
      .replace(/^\/v2\/assertions\/?/, "")
      .split("/")
      .filter(Boolean)
      .map(decodeURIComponent);
    return assertionsGET(req, params({ path }));
  }
  return new Response("not here\n", { status: 404, headers: { "Content-Type": "text/plain" } });
}

/**
 * `record: false` keeps no log of requests: a benchmark sends millions, and the log (headers
 * included) grew the heap until garbage collection paused the server for 100+ ms at a time.
 */
export async function startStoreServer({ record = true }: { record?: boolean } = {}): Promise<StoreServer> {
  const seen: Seen[] = [];
  const self = { override: null } as { override: StoreServer["override"] };
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const request = new Request(url, {
        method: req.method,
        headers,
        body: chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined,
      });
      try {
        const r = (self.override && (await self.override(request.clone(), url.pathname))) || (await route(request, url.pathname));
        if (record) seen.push({ method: req.method ?? "GET", path: url.pathname + url.search, headers: req.headers, status: r.status });
        res.writeHead(r.status, Object.fromEntries(r.headers));
        if (r.body && req.method !== "HEAD") {
          for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
        }
        res.end();
      } catch (err) {
        res.writeHead(500, { "Content-Type": "text/plain" }).end(String(err));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(self, { base, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}
