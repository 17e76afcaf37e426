/**
 * The entry of a snap-reading worker thread (pool: lib/server/snap-reader.ts). Reading a .snap
 * (squashfs, snap.yaml parse + validation) is CPU-bound: in a worker, a hostile but within-limits
 * snap.yaml costs a worker's time, never the server's event loop, and the pool can terminate the
 * worker when it runs over its time budget.
 *
 * Protocol: the worker posts {ready: true} once loaded (so a fresh worker's start-up does not eat
 * into a snap's budget), then answers each {id, path} with {id, reading} or {id, error}.
 * `npm run build` bundles this file with esbuild into <distDir>/snap-reader/ (scripts/build.mjs);
 * tests and `next dev` load it from source through tsx.
 */
import { parentPort } from "node:worker_threads";
import { plainReading, readSnapFile } from "./inspect";

const port = parentPort;
if (port) {
  port.on("message", async (msg: { id: number; path: string }) => {
    try {
      const reading = plainReading(await readSnapFile(msg.path));
      port.postMessage({ id: msg.id, reading });
    } catch (err) {
      port.postMessage({ id: msg.id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  });
  port.postMessage({ ready: true });
}
