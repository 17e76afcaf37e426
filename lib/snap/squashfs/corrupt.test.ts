import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bufferSource, openSquashfs, SquashfsError, type SquashfsErrorCode, type SquashfsImage } from "./index";

const FIXTURES = join(__dirname, "../../../test/fixtures/snaps");
const load = (name: string) => readFileSync(join(FIXTURES, name));

async function openErr(buf: Buffer): Promise<SquashfsError | null> {
  try {
    await openSquashfs(bufferSource(buf));
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(SquashfsError);
    return e as SquashfsError;
  }
}

async function expectOpenCode(buf: Buffer, code: SquashfsErrorCode) {
  const err = await openErr(buf);
  expect(err?.code, err?.message).toBe(code);
}

function patched(buf: Buffer, edit: (b: Buffer) => void): Buffer {
  const b = Buffer.from(buf);
  edit(b);
  return b;
}

// Superblock field offsets (squashfs 4.0, little-endian).
const SB = {
  blockSize: 12,
  fragmentCount: 16,
  compression: 20,
  blockLog: 22,
  idCount: 26,
  major: 28,
  minor: 30,
  rootInode: 32,
  bytesUsed: 40,
  idTable: 48,
  inodeTable: 64,
  dirTable: 72,
  fragTable: 80,
};

describe("superblock validation", () => {
  const xz = load("xz.snap");
  const frag = load("fragments.snap");

  it("bad magic, empty and tiny files are not squashfs", async () => {
    await expectOpenCode(
      patched(xz, (b) => b.write("nope", 0, "latin1")),
      "not-squashfs",
    );
    await expectOpenCode(Buffer.alloc(0), "not-squashfs");
    await expectOpenCode(Buffer.from("hs"), "not-squashfs");
    await expectOpenCode(Buffer.from("PK\x03\x04 this is a zip"), "not-squashfs");
  });

  it("version 3.1 and other versions are unsupported", async () => {
    await expectOpenCode(
      patched(xz, (b) => (b.writeUInt16LE(3, SB.major), b.writeUInt16LE(1, SB.minor))),
      "unsupported-version",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt16LE(1, SB.minor)),
      "unsupported-version",
    );
    await expectOpenCode(
      patched(xz, (b) => b.write("sqsh", 0, "latin1")),
      "unsupported-version",
    ); // big-endian
  });

  it("unknown or unsupported compression ids", async () => {
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt16LE(9, SB.compression)),
      "unsupported-compression",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt16LE(0, SB.compression)),
      "unsupported-compression",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt16LE(5, SB.compression)),
      "unsupported-compression",
    );
    // A valid but wrong compressor: the xz metadata does not decode as gzip.
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt16LE(1, SB.compression)),
      "corrupt",
    );
  });

  it("block size must be a power of two in 4K..1M matching block_log", async () => {
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(131073, SB.blockSize)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt16LE(16, SB.blockLog)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => (b.writeUInt32LE(2048, SB.blockSize), b.writeUInt16LE(11, SB.blockLog))),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => (b.writeUInt32LE(1 << 21, SB.blockSize), b.writeUInt16LE(21, SB.blockLog))),
      "corrupt",
    );
  });

  it("bytes_used beyond the file is truncation; table offsets must lie inside the image", async () => {
    const used = xz.readUInt32LE(SB.bytesUsed);
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(xz.length + 1, SB.bytesUsed)),
      "truncated",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(10, SB.bytesUsed)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(0xffffffff, SB.bytesUsed + 4)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(used + 100, SB.inodeTable)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(used + 100, SB.dirTable)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(b.readUInt32LE(SB.inodeTable) - 1, SB.dirTable)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(used, SB.idTable)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(0, SB.idTable)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt16LE(0, SB.idCount)),
      "corrupt",
    );
    await expectOpenCode(
      patched(xz, (b) => b.writeUInt32LE(0xffffffff, SB.rootInode + 2)),
      "corrupt",
    );
    // A fragment count whose index would not fit in the image.
    await expectOpenCode(
      patched(frag, (b) => b.writeUInt32LE(0x7fffffff, SB.fragmentCount)),
      "corrupt",
    );
    await expectOpenCode(
      patched(frag, (b) => b.writeUInt32LE(frag.readUInt32LE(SB.bytesUsed), SB.fragTable)),
      "corrupt",
    );
  });

  it("truncation at every offset is reported as truncated (or not-squashfs below 4 bytes)", async () => {
    for (const name of ["xz.snap", "fragments.snap", "lzo.snap"]) {
      const img = load(name);
      const used = img.readUInt32LE(SB.bytesUsed);
      for (let len = 0; len < used; len += len < 200 ? 1 : 61) {
        const err = await openErr(img.subarray(0, len));
        expect(err?.code, `${name} cut at ${len}`).toBe(len < 4 ? "not-squashfs" : "truncated");
      }
      // The 4 KiB padding after bytes_used is not needed.
      expect(await openErr(img.subarray(0, used))).toBeNull();
    }
  });
});

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUZZ_MAX_FILE = 4 << 20;
const FUZZ_TIMEOUT_MS = 5000;

/** Everything a caller might do with an upload. Returns what happened; throws only on contract violations. */
async function exercise(buf: Buffer): Promise<"ok" | SquashfsErrorCode> {
  try {
    const img: SquashfsImage = await openSquashfs(bufferSource(buf), { maxMetadataBytes: 16 << 20, maxFileBytes: FUZZ_MAX_FILE });
    let n = 0;
    const paths: string[] = [];
    for await (const e of img.walk()) {
      if (++n > 50_000) throw new Error("walk did not terminate in a sane number of entries");
      paths.push(e.path);
    }
    for (const p of paths) {
      const st = await img.stat(p).catch((e) => (e instanceof SquashfsError ? null : Promise.reject(e)));
      if (!st) continue;
      try {
        if (st.type === "file") {
          const data = await img.readFile(p);
          expect(data.length).toBe(st.size);
        } else if (st.type === "dir") {
          await img.readdir(p);
        }
      } catch (e) {
        if (!(e instanceof SquashfsError)) throw e;
        if (e.message.startsWith("internal error")) throw e;
      }
    }
    await img.stat("meta/snap.yaml");
    return "ok";
  } catch (e) {
    if (!(e instanceof SquashfsError)) throw e;
    // RangeError/TypeError converted by the reader's guard mean a missing bounds check: a bug.
    if (e.message.startsWith("internal error")) throw e;
    return e.code;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe("fuzz: seeded byte flips and truncations", () => {
  // Largest single Buffer the reader may allocate: maxFileBytes (readFile output) — never more.
  let maxAlloc = 0;
  const spies: { mockRestore(): void }[] = [];
  let rssStart = 0;
  beforeAll(() => {
    for (const fn of ["alloc", "allocUnsafe", "allocUnsafeSlow"] as const) {
      const orig = Buffer[fn].bind(Buffer) as (size: number, ...rest: unknown[]) => Buffer;
      spies.push(
        vi.spyOn(Buffer, fn).mockImplementation(((size: number, ...rest: unknown[]) => {
          if (size > maxAlloc) maxAlloc = size;
          return orig(size, ...rest);
        }) as never),
      );
    }
    global.gc?.();
    rssStart = process.memoryUsage().rss;
  });
  afterAll(() => {
    for (const s of spies) s.mockRestore();
  });

  const targets = [
    "xz.snap",
    "gzip.snap",
    "lzo.snap",
    "small-blocks-lzo.snap",
    "fragments.snap",
    "fragments-xz-tailends.snap",
    "hardlinks.snap",
    "uncompressed.snap",
    "zstd.snap",
    "strict.snap",
    "xattrs.snap",
  ];
  const ITERATIONS = 150;
  // Raw metadata: flips hit parser fields directly instead of failing decompression checks.
  const iterationsFor = (name: string) => (name === "uncompressed.snap" ? 500 : ITERATIONS);

  for (const [t, name] of targets.entries()) {
    it(`${name}: ${iterationsFor(name)} mutated images only ever fail with SquashfsError`, async () => {
      const orig = load(name);
      const used = orig.readUInt32LE(SB.bytesUsed);
      const inodeStart = orig.readUInt32LE(SB.inodeTable);
      const rand = rng(1000 + t);
      const outcomes: Record<string, number> = {};
      for (let i = 0; i < iterationsFor(name); i++) {
        let buf = Buffer.from(orig.subarray(0, used));
        const mode = i % 4;
        const flips = 1 + Math.floor(rand() * 6);
        for (let k = 0; k < flips; k++) {
          // Half the flips land in the metadata tables, where they do the most damage.
          const pos = mode === 3 || rand() < 0.5 ? inodeStart + Math.floor(rand() * (used - inodeStart)) : Math.floor(rand() * used);
          if (mode === 2) buf[pos] ^= 1 << Math.floor(rand() * 8);
          else buf[pos] = Math.floor(rand() * 256);
        }
        if (mode === 1) buf = buf.subarray(0, Math.floor(rand() * used));
        const start = Date.now();
        const result = await withTimeout(exercise(buf), FUZZ_TIMEOUT_MS, `${name} iteration ${i}`);
        expect(Date.now() - start, `${name} iteration ${i}`).toBeLessThan(FUZZ_TIMEOUT_MS);
        outcomes[result] = (outcomes[result] ?? 0) + 1;
      }
      // Sanity: the mutations actually broke things sometimes.
      if (process.env.FUZZ_VERBOSE) console.log(name, outcomes);
      expect(Object.keys(outcomes).length).toBeGreaterThan(1);
      expect(maxAlloc).toBeLessThanOrEqual(FUZZ_MAX_FILE);
      expect(process.memoryUsage().rss - rssStart).toBeLessThan(512 << 20);
    });
  }

  it("targeted field corruption inside uncompressed inodes and directories", async () => {
    // With -noI the metadata is stored raw, so overwriting 4 bytes with an extreme value lands
    // squarely in inode / directory fields (sizes, block pointers, counts, offsets, types).
    const raw = load("uncompressed.snap");
    const used = raw.readUInt32LE(SB.bytesUsed);
    const start = raw.readUInt32LE(SB.inodeTable);
    const rand = rng(77);
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < 600; i++) {
      const pos = start + Math.floor(rand() * (used - start - 4));
      const v = [0xffffffff, 0x7fffffff, 0x00000000, 0x00010000, 0x00002000][i % 5];
      const b = Buffer.from(raw.subarray(0, used));
      b.writeUInt32LE(v, pos);
      const r = await withTimeout(exercise(b), FUZZ_TIMEOUT_MS, `field ${pos}=${v}`);
      outcomes[r] = (outcomes[r] ?? 0) + 1;
    }
    if (process.env.FUZZ_VERBOSE) console.log("targeted", outcomes);
    expect(outcomes.corrupt).toBeGreaterThan(10);
    expect(maxAlloc).toBeLessThanOrEqual(FUZZ_MAX_FILE);
  }, 120_000);
});
