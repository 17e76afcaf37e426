import "server-only";
// Reads uploaded snaps in a small pool of worker threads (entry: lib/snap/read-worker.ts), each
// read under a time budget. Reading is CPU-bound (squashfs, snap.yaml parse + validation): on the
// server's own thread a hostile but within-limits snap.yaml held every other request for hundreds
// of ms. In a worker it costs that worker's time only, and a read over its budget ends with the
// worker terminated (a fresh one replaces it), so no upload can hold a reader for long either.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { PlainSnapReading } from "@/lib/snap/inspect";

/** Where scripts/build.mjs puts the bundled worker, inside the build's dist dir. */
export const WORKER_BUNDLE = "snap-reader/read-worker.cjs";
const WORKER_SOURCE = "lib/snap/read-worker.ts";
/** Old-generation heap of a reader: a yaml document under the limits needs far less. */
const WORKER_HEAP_MB = 256;
/** A worker that has not loaded in this long is broken (a missing bundle, a bad install). */
const START_TIMEOUT_MS = 60_000;

const intFromEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
/** SNAPSTORE_SNAP_READ_MS: the time one snap's reading may take (default 5 s; real snaps take a few ms). */
export const snapReadBudgetMsFromEnv = () => intFromEnv("SNAPSTORE_SNAP_READ_MS", 5_000);
/**
 * SNAPSTORE_SNAP_READERS: worker threads reading snaps at once. Default: one core less than the
 * machine has (at least 1, at most 2), so busy readers still leave a core to the request thread.
 */
const poolSizeFromEnv = () => intFromEnv("SNAPSTORE_SNAP_READERS", Math.min(2, Math.max(1, os.availableParallelism() - 1)));

/**
 * The worker file: the esbuild bundle in the dist dir for `next start` (Next bundles server code,
 * so the source is not there to load at runtime), the TypeScript source through tsx elsewhere
 * (vitest, `next dev`: a bundle in .next could be older than the source).
 */
export function workerEntry(cwd = process.cwd()): WorkerEntry {
  const bundle = path.join(cwd, process.env.SNAPSTORE_DIST_DIR || ".next", WORKER_BUNDLE);
  const source = path.join(cwd, WORKER_SOURCE);
  const hasBundle = fs.existsSync(bundle);
  if (hasBundle && (process.env.NODE_ENV === "production" || !fs.existsSync(source))) return { script: bundle, eval: false };
  if (!fs.existsSync(source)) throw new Error(`the snap reader worker is missing: neither ${bundle} (npm run build) nor ${source}`);
  // tsx's CommonJS hook, registered inside the worker (`--import tsx` in execArgv does not reach a
  // worker's own entry on Node 20), resolved from the project so no bundler sees it.
  const tsx = `require.resolve("tsx/cjs/api", { paths: [${JSON.stringify(cwd)}] })`;
  return { script: `require(${tsx}).register(); require(${JSON.stringify(source)});`, eval: true };
}

/** A worker file, or CommonJS code to evaluate (the tsx bootstrap). */
export interface WorkerEntry {
  script: string;
  eval: boolean;
}

export type ReadOutcome =
  | { ok: true; reading: PlainSnapReading }
  /** time: over the budget; memory: over the worker's heap. The worker was terminated either way. */
  | { ok: false; reason: "time" | "memory"; budgetMs: number };

type WorkerMessage = { ready: true } | { id: number; reading: PlainSnapReading } | { id: number; error: string };

let seq = 0;

/** One worker thread: loads, then reads one snap at a time. Dead after a crash or an overrun. */
class Reader {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  dead = false;
  private task: { id: number; done: (o: ReadOutcome | Error) => void } | null = null;

  constructor(entry: WorkerEntry) {
    this.worker = new Worker(entry.script, { eval: entry.eval, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let loaded: () => void = () => {};
    let failed: (e: Error) => void = () => {};
    this.ready = new Promise<void>((resolve, reject) => ((loaded = resolve), (failed = reject)));
    this.ready.catch(() => {}); // observed by whoever waits for it; never an unhandled rejection
    this.worker.on("message", (m: WorkerMessage) => {
      if ("ready" in m) return loaded();
      if (this.task?.id !== m.id) return;
      this.finish("error" in m ? new Error(`reading the snap failed: ${m.error}`) : { ok: true, reading: m.reading });
    });
    this.worker.on("error", (err: Error & { code?: string }) => {
      this.dead = true;
      failed(err);
      this.finish(err.code === "ERR_WORKER_OUT_OF_MEMORY" ? { ok: false, reason: "memory", budgetMs: 0 } : err);
    });
    this.worker.on("exit", (code) => {
      this.dead = true;
      const err = new Error(`the snap reader exited (code ${code})`);
      failed(err);
      this.finish(err);
    });
  }

  run(file: string, budgetMs: number): Promise<ReadOutcome> {
    return new Promise((resolve, reject) => {
      const id = ++seq;
      const timer = setTimeout(() => {
        this.dead = true;
        this.finish({ ok: false, reason: "time", budgetMs });
        void this.worker.terminate();
      }, budgetMs);
      this.task = {
        id,
        done: (o) => {
          clearTimeout(timer);
          if (o instanceof Error) reject(o);
          else resolve(o.ok || o.reason === "time" ? o : { ...o, budgetMs });
        },
      };
      this.worker.ref();
      this.worker.postMessage({ id, path: file });
    });
  }

  private finish(o: ReadOutcome | Error) {
    const t = this.task;
    this.task = null;
    // An idle reader must not keep a CLI or test process alive.
    if (!this.dead) this.worker.unref();
    t?.done(o);
  }
}

/** At most `size` reads at once; idle workers are kept for the next read. */
export class SnapReaderPool {
  private idle: Reader[] = [];
  private running = 0;
  private waiting: (() => void)[] = [];
  constructor(
    private readonly size: number,
    private readonly entry: () => WorkerEntry = workerEntry,
  ) {}

  async read(file: string, budgetMs = snapReadBudgetMsFromEnv()): Promise<ReadOutcome> {
    if (this.running >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    let reader: Reader | undefined;
    try {
      reader = this.idle.pop() ?? new Reader(this.entry());
      await withTimeout(reader.ready, START_TIMEOUT_MS, "the snap reader did not start").catch((err) => {
        reader!.dead = true;
        throw err;
      });
      return await reader.run(file, budgetMs);
    } finally {
      if (reader && !reader.dead) this.idle.push(reader);
      else if (reader) void reader.worker.terminate();
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** Ends every idle worker (tests, shutdown). */
  async close(): Promise<void> {
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((r) => r.worker.terminate()));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms).unref()));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

const g = globalThis as unknown as { snapstoreSnapReaders?: SnapReaderPool };

/** The process-wide pool (one per process, whatever chunk of the server bundle asks). */
export function snapReaders(): SnapReaderPool {
  return (g.snapstoreSnapReaders ??= new SnapReaderPool(poolSizeFromEnv()));
}
