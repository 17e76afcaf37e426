import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufferSource, fileSource, openSquashfs, SquashfsError, type ByteSource, type SquashfsEntry, type SquashfsImage } from "./index";
import { buildSnap, minuteUtc, modeString, SNAPD_PACK_ARGS, unsquashfsCat, unsquashfsList, type BuiltSnap } from "./testing";

const FIXTURES = join(__dirname, "../../../test/fixtures/snaps");
const fixture = (name: string) => join(FIXTURES, name);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function openFixture(name: string, limits?: Parameters<typeof openSquashfs>[1]) {
  return openSquashfs(bufferSource(readFileSync(fixture(name))), limits);
}

async function collect(img: SquashfsImage): Promise<SquashfsEntry[]> {
  const out: SquashfsEntry[] = [];
  for await (const e of img.walk()) out.push(e);
  return out;
}

/** walk() vs `unsquashfs -lln`, and every regular file's bytes vs `unsquashfs -cat`. */
async function crossCheck(imagePath: string, opts: { contentSample?: number } = {}) {
  const src = await fileSource(imagePath);
  try {
    const img = await openSquashfs(src);
    const ours = await collect(img);
    const theirs = await unsquashfsList(imagePath);
    expect(ours.map((e) => e.path)).toEqual(theirs.map((e) => e.path));
    for (let i = 0; i < ours.length; i++) {
      const a = ours[i];
      const b = theirs[i];
      const ctx = `${imagePath}: ${a.path}`;
      expect(modeString(a.mode), ctx).toBe(b.modeString);
      expect([a.uid, a.gid], ctx).toEqual([b.uid, b.gid]);
      expect(minuteUtc(a.mtime), ctx).toBe(b.time);
      if (a.type !== "blockdev" && a.type !== "chardev") expect(String(a.size), ctx).toBe(b.size);
      expect(a.symlinkTarget, ctx).toBe(b.symlinkTarget);
      expect(a.name, ctx).toBe(a.path.split("/").pop());
    }
    let files = ours.filter((e) => e.type === "file");
    if (opts.contentSample && files.length > opts.contentSample) {
      const step = Math.ceil(files.length / opts.contentSample);
      files = files.filter((_, i) => i % step === 0);
    }
    const expected = await unsquashfsCat(
      imagePath,
      files.map((f) => f.path),
      files.map((f) => f.size),
    );
    for (let i = 0; i < files.length; i++) {
      const data = await img.readFile(files[i].path);
      expect(data.length, files[i].path).toBe(files[i].size);
      expect(sha256(data), files[i].path).toBe(sha256(expected[i]));
    }
    return { img, entries: ours };
  } finally {
    await src.close();
  }
}

/** Counts bytes read, to prove the reader touches only what it needs. */
function countingSource(inner: ByteSource) {
  const stats = { bytes: 0, reads: 0 };
  const src: ByteSource = {
    size: inner.size,
    read: (p, l) => {
      stats.bytes += l;
      stats.reads++;
      return inner.read(p, l);
    },
    close: () => inner.close(),
  };
  return { src, stats };
}

const allFixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".snap"));
const UNREADABLE = new Set(["not-squashfs.snap", "lz4.snap", "lzma.snap"]);

describe("fixtures vs unsquashfs", () => {
  for (const name of allFixtures.filter((f) => !UNREADABLE.has(f))) {
    it(`${name}: listing, metadata and every file's bytes match`, async () => {
      const { entries } = await crossCheck(fixture(name));
      expect(entries.length).toBeGreaterThan(3);
    });
  }

  it("reports superblock facts", async () => {
    const xz = await openFixture("xz.snap");
    expect(xz.compression).toBe("xz");
    expect(xz.blockSize).toBe(131072);
    expect(xz.version).toEqual({ major: 4, minor: 0 });
    expect(xz.flags & 0x10).toBe(0x10); // NO_FRAGMENTS, as snapd packs
    expect(xz.inodeCount).toBeGreaterThan(10);
    expect(xz.bytesUsed).toBeLessThanOrEqual(readFileSync(fixture("xz.snap")).length);
    expect((await openFixture("lzo.snap")).compression).toBe("lzo");
    expect((await openFixture("gzip.snap")).compression).toBe("gzip");
    expect((await openFixture("zstd.snap")).compression).toBe("zstd");
    expect((await openFixture("small-blocks-lzo.snap")).blockSize).toBe(4096);
  });

  it("refuses lz4 and legacy lzma images, and non-squashfs files", async () => {
    await expect(openFixture("lz4.snap")).rejects.toMatchObject({ code: "unsupported-compression" });
    await expect(openFixture("lzma.snap")).rejects.toMatchObject({ code: "unsupported-compression" });
    await expect(openFixture("not-squashfs.snap")).rejects.toMatchObject({ code: "not-squashfs" });
  });
});

describe("image API", () => {
  it("stat: files, dirs, root, missing paths; lstat semantics for symlinks", async () => {
    const img = await openFixture("xz.snap");
    const y = await img.stat("meta/snap.yaml");
    expect(y).toMatchObject({ path: "meta/snap.yaml", name: "snap.yaml", type: "file", uid: 0, gid: 0, nlink: 1 });
    expect(y!.mode).toBe(0o100644);
    expect(await img.stat("/meta/snap.yaml")).toMatchObject({ path: "meta/snap.yaml" });
    expect(await img.stat("./meta//snap.yaml")).toMatchObject({ path: "meta/snap.yaml" });
    expect(await img.stat("")).toMatchObject({ path: "", name: "", type: "dir" });
    expect(await img.stat("/")).toMatchObject({ path: "", type: "dir" });
    expect(await img.stat("meta/nope")).toBeNull();
    expect(await img.stat("meta/snap.yaml/below-a-file")).toBeNull();
    const link = await img.stat("lib/text-link");
    expect(link).toMatchObject({ type: "symlink", symlinkTarget: "../data/text.txt", size: 16 });
    expect(link!.mode & 0o170000).toBe(0o120000);
    expect(await img.stat("bin/hello")).toMatchObject({ mode: 0o104755 }); // setuid bit kept
    expect((await img.stat("data/text.txt"))!.mtime).toBe(1600000000);
  });

  it("follows intermediate symlinks inside the image, never outside it", async () => {
    const img = await openFixture("hardlinks.snap");
    // special/dir-link -> ../links
    expect(await img.stat("special/dir-link/one")).toMatchObject({ path: "links/one", type: "file" });
    expect((await img.readFile("special/dir-link/two")).toString()).toBe("shared content\n");
    // ".." cannot climb above the root.
    expect(await img.stat("../../../links/one")).toMatchObject({ path: "links/one" });
    await expect(img.readFile("special/loop-a/x")).rejects.toMatchObject({ code: "symlink-loop" });
    expect(await img.stat("special/loop-a")).toMatchObject({ type: "symlink", symlinkTarget: "loop-b" });
    expect(await img.stat("special/dangling/x")).toBeNull();
    // Absolute symlinks resolve against the image root (chroot semantics), never the host.
    const xz = await openFixture("xz.snap");
    expect(await xz.stat("lib/absolute-link")).toMatchObject({ symlinkTarget: "/usr/bin/env" });
    expect(await xz.stat("lib/absolute-link/x")).toBeNull();
  });

  it("readFile: symlinks, directories and devices are not files; size limit applies before reading", async () => {
    const img = await openFixture("hardlinks.snap");
    await expect(img.readFile("special/dir-link")).rejects.toMatchObject({ code: "not-a-file" });
    await expect(img.readFile("links")).rejects.toMatchObject({ code: "not-a-file" });
    await expect(img.readFile("special/null")).rejects.toMatchObject({ code: "not-a-file" });
    await expect(img.readFile("special/fifo")).rejects.toMatchObject({ code: "not-a-file" });
    await expect(img.readFile("nope")).rejects.toMatchObject({ code: "not-found" });
    await expect(img.readFile("links/one/x")).rejects.toMatchObject({ code: "not-a-directory" });

    const { src, stats } = countingSource(bufferSource(readFileSync(fixture("big-snap-yaml.snap"))));
    const big = await openSquashfs(src);
    const before = stats.bytes;
    const err = await big.readFile("meta/snap.yaml", { maxBytes: 1024 * 1024 }).catch((e) => e);
    expect(err).toBeInstanceOf(SquashfsError);
    expect(err.code).toBe("too-large");
    expect(stats.bytes - before).toBeLessThan(8 * 1024 * 2); // metadata only, no data blocks
    expect((await big.readFile("meta/snap.yaml", { maxBytes: 4 << 20 })).length).toBeGreaterThan(2097152);

    const capped = await openSquashfs(bufferSource(readFileSync(fixture("big-snap-yaml.snap"))), { maxFileBytes: 1000 });
    await expect(capped.readFile("meta/snap.yaml")).rejects.toMatchObject({ code: "too-large" });
  });

  it("readdir", async () => {
    const img = await openFixture("xz.snap");
    const meta = await img.readdir("meta");
    expect(meta.map((e) => [e.path, e.type])).toEqual([
      ["meta/gui", "dir"],
      ["meta/snap.yaml", "file"],
    ]);
    expect((await img.readdir("/")).map((e) => e.name)).toEqual(["bin", "data", "lib", "meta"]);
    expect(await img.readdir("data/empty-dir")).toEqual([]);
    await expect(img.readdir("meta/snap.yaml")).rejects.toMatchObject({ code: "not-a-directory" });
    await expect(img.readdir("missing")).rejects.toMatchObject({ code: "not-found" });
    const hl = await openFixture("hardlinks.snap");
    expect((await hl.readdir("special/dir-link")).map((e) => e.path)).toContain("links/one");
  });

  it("hard links, sparse files, special files and ids (extended inodes)", async () => {
    const img = await openFixture("hardlinks.snap");
    const one = await img.stat("links/one");
    const two = await img.stat("links/two");
    expect(one!.nlink).toBe(3);
    expect(two!.inodeNumber).toBe(one!.inodeNumber);
    expect([one!.uid, one!.gid]).toEqual([4242, 0]);
    expect(await img.stat("names/owned")).toMatchObject({ uid: 1000, gid: 1001 });
    const sparse = await img.readFile("links/sparse-link");
    expect(sparse.length).toBe(200004);
    expect(sparse.subarray(0, 200000).every((b) => b === 0)).toBe(true);
    expect(sparse.subarray(200000).toString()).toBe("end\n");
    expect(await img.stat("special/null")).toMatchObject({ type: "chardev", mode: 0o020666 });
    expect(await img.stat("special/loop0")).toMatchObject({ type: "blockdev", gid: 6 });
    expect(await img.stat("special/fifo")).toMatchObject({ type: "fifo" });
    expect(await img.stat("special/sock")).toMatchObject({ type: "socket" });
    expect(await img.stat("special")).toMatchObject({ mode: 0o041777 });
    expect((await img.readFile("names/héllo wörld ✓")).toString()).toBe("unicode\n");
    expect(await img.stat(`names/${"n".repeat(255)}`)).toMatchObject({ size: 5 });
    expect(await img.stat(`names/${"n".repeat(300)}`)).toBeNull();
  });

  it("extended inodes of every type (xattrs fixture)", async () => {
    const img = await openFixture("xattrs.snap");
    const x = await img.readdir("x");
    expect(x.map((e) => [e.name, e.type])).toEqual([
      ["dir", "dir"],
      ["fifo", "fifo"],
      ["file", "file"],
      ["link", "symlink"],
      ["loop", "blockdev"],
      ["null", "chardev"],
      ["sock", "socket"],
    ]);
    expect(x.find((e) => e.name === "link")!.symlinkTarget).toBe("file");
    expect((await img.readFile("x/file")).toString()).toBe("file with xattr\n");
    expect(await img.readdir("x/dir")).toEqual([]);
  });

  it("a 1500-entry directory spanning metadata blocks", async () => {
    const img = await openFixture("bigdir.snap");
    const many = await img.readdir("many");
    expect(many).toHaveLength(1500);
    expect(many[0].name).toBe("entry-with-a-longish-name-0001");
    expect(many[1499].name).toBe("entry-with-a-longish-name-1500");
    expect((await img.readFile("many/entry-with-a-longish-name-0777")).toString()).toBe("0777\n");
    expect((await img.readFile("many/entry-with-a-longish-name-1500")).toString()).toBe("1500\n");
  });

  it("maxMetadataBytes bounds the work of a walk", async () => {
    const img = await openFixture("bigdir.snap", { maxMetadataBytes: 20_000 });
    await expect(collect(img)).rejects.toMatchObject({ code: "too-large" });
  });

  it("fileSource reads positionally and rejects reads past the end", async () => {
    const src = await fileSource(fixture("strict.snap"));
    try {
      expect(src.size).toBe(4096);
      expect((await src.read(0, 4)).toString("latin1")).toBe("hsqs");
      await expect(src.read(4090, 10)).rejects.toMatchObject({ code: "truncated" });
      const img = await openSquashfs(src);
      expect((await img.readFile("meta/snap.yaml")).toString()).toContain("name: hello-strict");
    } finally {
      await src.close();
    }
  });
});

describe("large images built on demand", () => {
  const built: BuiltSnap[] = [];
  let withFragments: BuiltSnap;
  let snapd: BuiltSnap;

  const populate = async (src: string) => {
    // 10,100 files: 100 dirs x 100 files plus one flat dir of 100; varied sizes, some multi-block.
    for (let d = 0; d < 100; d++) {
      const dir = join(src, "tree", `d${String(d).padStart(3, "0")}`);
      await mkdir(dir, { recursive: true });
      await Promise.all(
        Array.from({ length: 100 }, (_, f) => {
          const n = d * 100 + f;
          const body =
            n % 997 === 0
              ? Buffer.alloc(300_000, `block-spanning ${n}\n`) // a few files over two blocks
              : Buffer.from(`file ${n}\n`.repeat(1 + (n % 50)));
          return writeFile(join(dir, `f${String(f).padStart(3, "0")}.txt`), body);
        }),
      );
    }
    await mkdir(join(src, "flat"));
    await Promise.all(Array.from({ length: 100 }, (_, i) => writeFile(join(src, "flat", `x${i}`), `x${i}`)));
  };

  beforeAll(async () => {
    [withFragments, snapd] = await Promise.all([
      buildSnap({ populate, args: ["-comp", "gzip"] }), // default mksquashfs: fragments
      buildSnap({ populate, args: SNAPD_PACK_ARGS }),
    ]);
    built.push(withFragments, snapd);
  });
  afterAll(async () => {
    await Promise.all(built.map((b) => b.cleanup()));
  });

  it("10k files with fragments (gzip) match unsquashfs", async () => {
    const { entries } = await crossCheck(withFragments.path, { contentSample: 2000 });
    expect(entries.filter((e) => e.type === "file").length).toBeGreaterThan(10_000);
  });

  it("10k files the snapd way (xz, no fragments) match unsquashfs", async () => {
    const { entries } = await crossCheck(snapd.path, { contentSample: 2000 });
    expect(entries.filter((e) => e.type === "file").length).toBeGreaterThan(10_000);
  });

  it("opening and reading meta/snap.yaml touches a tiny fraction of the image", async () => {
    const { src, stats } = countingSource(await fileSource(snapd.path));
    try {
      const img = await openSquashfs(src);
      expect((await img.readFile("meta/snap.yaml")).toString()).toContain("name: test-snap");
      expect(stats.bytes).toBeLessThan(64 * 1024);
      expect(stats.bytes / src.size).toBeLessThan(0.05);
      expect(stats.reads).toBeLessThan(20);
    } finally {
      await src.close();
    }
  });
});
