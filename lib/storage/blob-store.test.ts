/**
 * Behavioural tests shared by both drivers: fs, and s3 against a real s3rver
 * (child process on loopback).
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { createServer, request, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3rver, type S3rverHandle } from "../../test/support/s3rver";
import {
  BlobNotFoundError,
  EmptyUploadError,
  FsBlobStore,
  RangeNotSatisfiableError,
  S3BlobStore,
  UploadAbortedError,
  UploadTooLargeError,
  createBlobStore,
  type BlobStore,
} from "./index";

const MiB = 1024 * 1024;

interface Harness {
  store: BlobStore;
  dataDir: string;
  /** Keys/paths of everything committed. */
  stored(): Promise<string[]>;
  makeStore(extra?: Record<string, unknown>): BlobStore;
  teardown(): Promise<void>;
}

async function walk(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

const drivers: Array<{ name: "fs" | "s3"; setup(): Promise<Harness> }> = [
  {
    name: "fs",
    async setup() {
      const dataDir = await mkdtemp(join(tmpdir(), "snapstore-blobs-fs-"));
      const makeStore = (extra = {}) => createBlobStore({ kind: "fs", dataDir, ...extra });
      return {
        store: makeStore(),
        dataDir,
        makeStore,
        stored: () => walk(join(dataDir, "blobs")),
        teardown: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "s3",
    async setup() {
      const s3: S3rverHandle = await startS3rver();
      const dataDir = await mkdtemp(join(tmpdir(), "snapstore-blobs-s3-"));
      const stores: BlobStore[] = [];
      const makeStore = (extra = {}) => {
        const st = createBlobStore({
          kind: "s3",
          dataDir,
          bucket: s3.bucket,
          endpoint: s3.endpoint,
          accessKeyId: s3.accessKeyId,
          secretAccessKey: s3.secretAccessKey,
          ...extra,
        });
        stores.push(st);
        return st;
      };
      const store = makeStore();
      return {
        store,
        dataDir,
        makeStore,
        async stored() {
          const res = await (store as S3BlobStore).client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
          return (res.Contents ?? []).map((o) => o.Key!);
        },
        async teardown() {
          for (const st of stores) await st.close?.();
          await s3.stop();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

const sha3 = (b: Uint8Array) => createHash("sha3-384").update(b).digest("hex");

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

function chunked(data: Buffer, size = 7777): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) parts.push(data.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

/** Deterministic chunk i of a synthetic stream (generated on the fly, never held in full). */
function patternChunk(i: number, size: number): Buffer {
  const b = Buffer.allocUnsafe(size);
  b.fill(i & 0xff);
  b.writeUInt32BE(i >>> 0, 0);
  return b;
}

/** A lazily generated body; `produced` counts bytes actually pulled by the consumer. */
function lazySource(total: number, opts: { chunk?: number; failAt?: number } = {}) {
  const chunk = opts.chunk ?? 64 * 1024;
  let i = 0;
  const hash = createHash("sha3-384");
  const state = { produced: 0, stream: null as unknown as Readable, digestHex: () => hash.digest("hex") };
  state.stream = new Readable({
    read() {
      if (opts.failAt !== undefined && state.produced >= opts.failAt) {
        this.destroy(new Error("client went away"));
        return;
      }
      if (state.produced >= total) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk, total - state.produced);
      state.produced += n;
      const c = patternChunk(i++, n);
      hash.update(c);
      this.push(c);
    },
  });
  return state;
}

describe.each(drivers)("$name blob store", (driver) => {
  let h: Harness;
  const tempFiles = () => walk(join(h.dataDir, "tmp"));

  beforeAll(async () => {
    h = await driver.setup();
  });
  afterAll(async () => {
    await h?.teardown();
  });

  async function expectNothingLeft() {
    expect(await tempFiles()).toEqual([]);
    expect(await h.stored()).toEqual([]);
  }

  it("has the right kind", () => {
    expect(h.store.kind).toBe(driver.name);
  });

  it("stages, commits, serves (with ranges) and deletes", async () => {
    const data = randomBytes(300_000);
    const hex = sha3(data);
    const progress: number[] = [];
    const staged = await h.store.stage(chunked(data), { onProgress: (n) => progress.push(n) });

    expect(staged.sha3_384).toBe(hex);
    expect(staged.size).toBe(data.length);
    expect(staged.path.startsWith(join(h.dataDir, "tmp"))).toBe(true);
    expect(staged.path.endsWith(".part")).toBe(true);
    expect((await readFile(staged.path)).equals(data)).toBe(true);
    expect(progress.at(-1)).toBe(data.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(await h.store.has(hex)).toBe(false);
    expect(await h.store.size(hex)).toBeNull();

    await staged.commit();
    expect(existsSync(staged.path)).toBe(false);
    expect(await tempFiles()).toEqual([]);
    expect(await h.store.has(hex)).toBe(true);
    expect(await h.store.has(hex.toUpperCase())).toBe(true);
    expect(await h.store.size(hex)).toBe(data.length);
    expect(await h.stored()).toHaveLength(1);

    // idempotent; discard after commit never removes the committed blob
    await staged.commit();
    await staged.discard();
    expect(await h.store.has(hex)).toBe(true);

    expect((await collect(await h.store.open(hex))).equals(data)).toBe(true);
    expect((await collect(await h.store.open(hex, { start: 100, end: 199 }))).equals(data.subarray(100, 200))).toBe(true);
    expect((await collect(await h.store.open(hex, { start: 0, end: 0 }))).equals(data.subarray(0, 1))).toBe(true);
    expect((await collect(await h.store.open(hex, { start: 299_990 }))).equals(data.subarray(299_990))).toBe(true);
    expect((await collect(await h.store.open(hex, { start: 299_000, end: 10_000_000 }))).equals(data.subarray(299_000))).toBe(true);
    await expect(h.store.open(hex, { start: data.length })).rejects.toBeInstanceOf(RangeNotSatisfiableError);
    await expect(h.store.open(hex, { start: 10, end: 5 })).rejects.toBeInstanceOf(RangeError);
    await expect(h.store.open(hex, { start: -1 })).rejects.toBeInstanceOf(RangeError);

    await h.store.delete(hex);
    expect(await h.store.has(hex)).toBe(false);
    expect(await h.store.size(hex)).toBeNull();
    await h.store.delete(hex); // no-op
    await expect(h.store.open(hex)).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(h.store.open(hex)).rejects.toMatchObject({ code: "blob-not-found" });
    await expectNothingLeft();
  });

  it("rejects non-digest identifiers before touching storage", async () => {
    await expect(h.store.has("../../etc/passwd")).rejects.toBeInstanceOf(TypeError);
    await expect(h.store.open("a".repeat(95))).rejects.toBeInstanceOf(TypeError);
    await expect(h.store.delete("")).rejects.toBeInstanceOf(TypeError);
  });

  it("discard leaves no file and cannot be committed afterwards", async () => {
    const data = randomBytes(10_000);
    const staged = await h.store.stage(chunked(data));
    expect(existsSync(staged.path)).toBe(true);
    await staged.discard();
    await staged.discard();
    expect(existsSync(staged.path)).toBe(false);
    await expect(staged.commit()).rejects.toThrow(/discarded/);
    expect(await h.store.has(sha3(data))).toBe(false);
    await expectNothingLeft();
  });

  it("a body that errors mid-way leaves no temp file and throws UploadAbortedError", async () => {
    const src = lazySource(10 * MiB, { failAt: 1 * MiB });
    const err = await h.store.stage(src.stream).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadAbortedError);
    expect(err).toMatchObject({ code: "upload-aborted" });
    expect((err as Error).cause).toMatchObject({ message: "client went away" });
    await expectNothingLeft();
  });

  it("an AbortSignal stops the upload and leaves nothing", async () => {
    const ac = new AbortController();
    const src = lazySource(64 * MiB);
    const err = await h.store
      .stage(src.stream, { signal: ac.signal, onProgress: (n) => n > 2 * MiB && ac.abort(new Error("user cancelled")) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadAbortedError);
    expect(src.produced).toBeLessThan(8 * MiB);
    expect(src.stream.destroyed).toBe(true);
    await expectNothingLeft();

    const pre = new AbortController();
    pre.abort();
    const src2 = lazySource(MiB);
    await expect(h.store.stage(src2.stream, { signal: pre.signal })).rejects.toBeInstanceOf(UploadAbortedError);
    expect(src2.stream.destroyed).toBe(true);
    await expectNothingLeft();
  });

  it("enforces maxBytes during the stream and stops reading early", async () => {
    const src = lazySource(256 * MiB);
    const err = await h.store.stage(src.stream, { maxBytes: MiB }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadTooLargeError);
    expect(err).toMatchObject({ code: "upload-too-large", limit: MiB });
    expect(src.produced).toBeGreaterThan(MiB);
    expect(src.produced).toBeLessThan(4 * MiB); // nowhere near the 256 MiB offered
    expect(src.stream.destroyed).toBe(true);
    await expectNothingLeft();
  });

  it("accepts a body of exactly maxBytes and applies the store default limit", async () => {
    const data = randomBytes(50_000);
    const staged = await h.store.stage(chunked(data), { maxBytes: data.length });
    expect(staged.size).toBe(data.length);
    await staged.discard();

    const small = h.makeStore({ maxUploadBytes: 1000 });
    await expect(small.stage(chunked(randomBytes(1001)))).rejects.toBeInstanceOf(UploadTooLargeError);
    const ok = await small.stage(chunked(randomBytes(1000)));
    await ok.discard();
    await expect(h.store.stage(chunked(data), { maxBytes: 0 })).rejects.toBeInstanceOf(RangeError);
    await expectNothingLeft();
  });

  it("rejects an empty body with EmptyUploadError", async () => {
    await expect(h.store.stage(Readable.from([]))).rejects.toBeInstanceOf(EmptyUploadError);
    await expect(h.store.stage(new ReadableStream<Uint8Array>({ start: (c) => c.close() }))).rejects.toMatchObject({
      code: "empty-upload",
    });
    await expectNothingLeft();
  });

  it("committing the same content twice (and concurrently) is fine", async () => {
    const data = randomBytes(123_457);
    const hex = sha3(data);
    const a = await h.store.stage(chunked(data));
    const b = await h.store.stage(chunked(data, 1000));
    expect(a.path).not.toBe(b.path);
    expect(b.sha3_384).toBe(hex);
    await Promise.all([a.commit(), a.commit()]);
    await b.commit();
    await Promise.all([a.discard(), b.discard()]);
    expect(await h.store.size(hex)).toBe(data.length);
    expect(await h.stored()).toHaveLength(1);
    expect((await collect(await h.store.open(hex))).equals(data)).toBe(true);
    expect(await tempFiles()).toEqual([]);
    await h.store.delete(hex);
    await expectNothingLeft();
  });

  it("stages several uploads in parallel", async () => {
    const datas = Array.from({ length: 4 }, (_, i) => randomBytes(200_000 + i));
    const staged = await Promise.all(datas.map((d) => h.store.stage(chunked(d, 4096))));
    staged.forEach((s, i) => expect(s.sha3_384).toBe(sha3(datas[i])));
    await Promise.all(staged.map((s) => s.commit()));
    expect((await h.stored()).length).toBe(4);
    await Promise.all(staged.map((s) => h.store.delete(s.sha3_384)));
    await expectNothingLeft();
  });

  it("accepts a web ReadableStream (Next route request.body)", async () => {
    const data = randomBytes(500_000);
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= data.length) return controller.close();
        const n = Math.min(32_768, data.length - offset);
        controller.enqueue(new Uint8Array(data.subarray(offset, offset + n)));
        offset += n;
      },
    });
    const staged = await h.store.stage(body);
    expect(staged.sha3_384).toBe(sha3(data));
    expect(staged.size).toBe(data.length);
    await staged.commit();
    expect((await collect(await h.store.open(staged.sha3_384))).equals(data)).toBe(true);
    await h.store.delete(staged.sha3_384);
    await expectNothingLeft();
  });

  it("cancels a web ReadableStream that exceeds maxBytes or errors", async () => {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 65_536;
        controller.enqueue(new Uint8Array(65_536));
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(h.store.stage(body, { maxBytes: MiB })).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(4 * MiB);

    let n = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++n > 5) return controller.error(new TypeError("terminated"));
        controller.enqueue(new Uint8Array(10_000));
      },
    });
    await expect(h.store.stage(failing)).rejects.toBeInstanceOf(UploadAbortedError);
    await expectNothingLeft();
  });

  it("a client disconnecting mid-upload over real HTTP leaves nothing", async () => {
    let started!: () => void;
    const startedP = new Promise<void>((r) => (started = r));
    let outcome!: (v: unknown) => void;
    const outcomeP = new Promise<unknown>((r) => (outcome = r));
    const server = createServer((req: IncomingMessage, res) => {
      h.store.stage(req, { onProgress: (n) => n > 0 && started() }).then(
        async (staged) => {
          await staged.discard();
          outcome(staged);
          res.end();
        },
        (err: unknown) => {
          outcome(err);
          res.destroy();
        },
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const req = request({ host: "127.0.0.1", port, method: "PUT", path: "/upload", headers: { "content-length": String(16 * MiB) } });
      req.on("error", () => {});
      req.write(randomBytes(MiB));
      await startedP;
      req.destroy();
      const err = await outcomeP;
      expect(err).toBeInstanceOf(UploadAbortedError);
      await expectNothingLeft();
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it("sweepStaleTemp removes only old .part files not owned by a live stage", async () => {
    const tmp = join(h.dataDir, "tmp");
    const staged = await h.store.stage(chunked(randomBytes(1000)));
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await writeFile(join(tmp, "stale.part"), "x");
    await utimes(join(tmp, "stale.part"), old, old);
    await writeFile(join(tmp, "fresh.part"), "x");
    await writeFile(join(tmp, "other.txt"), "x");
    await utimes(join(tmp, "other.txt"), old, old);
    await utimes(staged.path, old, old);

    expect(await h.store.sweepStaleTemp()).toBe(1);
    expect(existsSync(join(tmp, "stale.part"))).toBe(false);
    expect(existsSync(join(tmp, "fresh.part"))).toBe(true);
    expect(existsSync(join(tmp, "other.txt"))).toBe(true);
    expect(existsSync(staged.path)).toBe(true);
    expect(await h.store.sweepStaleTemp(0)).toBe(1); // fresh.part
    expect(existsSync(staged.path)).toBe(true);

    await staged.discard();
    await rm(join(tmp, "other.txt"));
    await expectNothingLeft();
  });

  it("streams 200 MB with bounded memory (stage + commit)", { timeout: 180_000 }, async () => {
    const total = 200 * 1000 * 1000;
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      const src = lazySource(total, { chunk: 256 * 1024 });
      const staged = await h.store.stage(src.stream, {
        onProgress: () => void (peak = Math.max(peak, process.memoryUsage().rss)),
      });
      expect(staged.size).toBe(total);
      expect((await stat(staged.path)).size).toBe(total);
      await staged.commit();
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(staged.sha3_384).toBe(src.digestHex());
      expect(await h.store.size(staged.sha3_384)).toBe(total);
      await h.store.delete(staged.sha3_384);
    } finally {
      clearInterval(timer);
    }
    const growth = peak - rss0;
    console.log(`[${driver.name}] 200 MB stage+commit: RSS growth ${(growth / MiB).toFixed(1)} MiB`);
    expect(growth).toBeLessThan(64 * MiB);
    await expectNothingLeft();
  });

  if (driver.name === "fs") {
    it("stores blobs at <dataDir>/blobs/sha3-384/<aa>/<hex>", async () => {
      const data = randomBytes(777);
      const staged = await h.store.stage(chunked(data));
      await staged.commit();
      const expected = join(h.dataDir, "blobs", "sha3-384", staged.sha3_384.slice(0, 2), staged.sha3_384);
      expect(h.store.localPath!(staged.sha3_384)).toBe(expected);
      expect((await readFile(expected)).equals(data)).toBe(true);
      expect(h.store).toBeInstanceOf(FsBlobStore);
      await h.store.delete(staged.sha3_384);
      await expectNothingLeft();
    });

    it("replaces a truncated existing blob on commit", async () => {
      const data = randomBytes(5000);
      const hex = sha3(data);
      const dest = h.store.localPath!(hex);
      await (await import("node:fs/promises")).mkdir(join(dest, ".."), { recursive: true });
      await writeFile(dest, data.subarray(0, 100));
      const staged = await h.store.stage(chunked(data));
      await staged.commit();
      expect((await readFile(dest)).equals(data)).toBe(true);
      await h.store.delete(hex);
      await expectNothingLeft();
    });

    it("rethrows local I/O errors as-is (not as an aborted upload)", async () => {
      const dataDir = await mkdtemp(join(tmpdir(), "snapstore-blobs-ro-"));
      await writeFile(join(dataDir, "tmp"), "not a directory");
      const st = createBlobStore({ kind: "fs", dataDir });
      const err = await st.stage(chunked(randomBytes(10))).catch((e: unknown) => e);
      expect(err).not.toBeInstanceOf(UploadAbortedError);
      expect(err).toMatchObject({ code: expect.stringMatching(/EEXIST|ENOTDIR/) });
      await rm(dataDir, { recursive: true, force: true });
    });
  }

  if (driver.name === "s3") {
    it("a failed stage leaves no object in the bucket", async () => {
      await expect(h.store.stage(lazySource(4 * MiB, { failAt: MiB }).stream)).rejects.toBeInstanceOf(UploadAbortedError);
      await expect(h.store.stage(lazySource(4 * MiB).stream, { maxBytes: MiB })).rejects.toBeInstanceOf(UploadTooLargeError);
      const discarded = await h.store.stage(chunked(randomBytes(1000)));
      await discarded.discard();
      expect(await h.stored()).toEqual([]);
      expect(await tempFiles()).toEqual([]);
    });

    it("uses <prefix>sha3-384/<hex> keys", async () => {
      const st = h.makeStore({ prefix: "/tenant-a" }) as S3BlobStore;
      expect(st.prefix).toBe("tenant-a/");
      const staged = await st.stage(chunked(randomBytes(2048)));
      await staged.commit();
      expect(await h.stored()).toEqual([`tenant-a/sha3-384/${staged.sha3_384}`]);
      expect(await st.has(staged.sha3_384)).toBe(true);
      expect(await h.store.has(staged.sha3_384)).toBe(false); // different prefix
      await st.delete(staged.sha3_384);
      await expectNothingLeft();
    });
  }
});
