// The production server `npm start` runs (scripts/start.mjs starts it once the database is
// prepared; scripts/build.mjs bundles it into <distDir>/serve/serve.cjs): Next's own request
// handler behind node:http, as `next start` serves it, with the anonymous page cache in front
// (server/page-cache.ts), draining on SIGTERM/SIGINT (server/drain.ts). `npm run dev` still runs
// `next dev`, without the cache.
import http from "node:http";
import next from "next";
import { parseShutdownGraceMs } from "@/lib/api/shutdown";
import { GenerationCache } from "@/lib/catalogue/generation-cache";
import { drainOnSignals } from "./drain";
import { PAGE_CACHE_BYTES, withPageCache } from "./page-cache";

async function main() {
  // Before anything starts: a bad value is one line at start-up, not a surprise at the next stop.
  let graceMs: number;
  try {
    graceMs = parseShutdownGraceMs(process.env.SNAPSTORE_SHUTDOWN_GRACE_MS);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOSTNAME_BIND || undefined;
  const app = next({ dev: false, dir: process.cwd(), port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  // As `next start`'s own listener: a request that throws past Next is a plain 500, not a crash.
  const direct = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      await handle(req, res);
    } catch (err) {
      console.error(`Failed to handle request for ${req.url}`, err);
      if (!res.headersSent) res.statusCode = 500;
      res.end("Internal Server Error");
    }
  };
  // SNAPSTORE_PAGE_CACHE=off: exactly `next start` (what a page costs without the cache).
  const server = http.createServer(process.env.SNAPSTORE_PAGE_CACHE === "off" ? direct : withPageCache(direct, new GenerationCache(PAGE_CACHE_BYTES)));
  server.listen(port, hostname, () => console.log(`▲ Snapstore ready on http://${hostname ?? "localhost"}:${port}`));
  drainOnSignals(server, graceMs, () => app.close());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
