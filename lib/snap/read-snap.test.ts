import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatBytes, readSnapContents, SnapPackageError } from "./read-snap";
import { bufferSource, fileSource, openSquashfs, SquashfsError, type ByteSource } from "./squashfs";
import { buildSnap, type BuiltSnap } from "./squashfs/testing";

const FIXTURES = join(__dirname, "../../test/fixtures/snaps");
const open = (name: string) => openSquashfs(bufferSource(readFileSync(join(FIXTURES, name))));
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function packageError(p: Promise<unknown>): Promise<SnapPackageError> {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(SnapPackageError);
  return e as SnapPackageError;
}

const built: BuiltSnap[] = [];
const sources: ByteSource[] = [];
async function build(opts: Parameters<typeof buildSnap>[0]) {
  const b = await buildSnap(opts);
  built.push(b);
  const src = await fileSource(b.path);
  sources.push(src);
  return openSquashfs(src);
}
afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
  await Promise.all(built.map((b) => b.cleanup()));
});

describe("readSnapContents on the publisher fixtures", () => {
  it("strict: snap.yaml, icon and desktop file", async () => {
    const c = await readSnapContents(await open("strict.snap"));
    expect(c.compression).toBe("xz");
    expect(c.snapYaml).toContain("name: hello-strict");
    expect(c.snapYaml).toContain("confinement: strict");
    expect(c.icon?.path).toBe("meta/gui/icon.png");
    expect(c.icon?.data.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(c.desktopFiles).toHaveLength(1);
    expect(c.desktopFiles[0].name).toBe("hello-strict.desktop");
    expect(c.desktopFiles[0].text).toContain("[Desktop Entry]");
  });

  for (const [file, name] of [
    ["classic.snap", "hello-classic"],
    ["devmode.snap", "hello-devmode"],
    ["devel.snap", "hello-devel"],
    ["camera.snap", "hello-camera"],
    ["snapd-control.snap", "hello-snapd-control"],
    ["bad-metadata.snap", "Bad_Name"],
  ]) {
    it(`${file} is readable (metadata validation is not this module's job)`, async () => {
      const c = await readSnapContents(await open(file));
      expect(c.snapYaml.startsWith(`name: ${name}\n`)).toBe(true);
      expect(c.icon).not.toBeNull();
    });
  }

  it("works the same for lzo, gzip and zstd snaps and reports the compression", async () => {
    for (const [file, comp] of [
      ["lzo.snap", "lzo"],
      ["gzip.snap", "gzip"],
      ["zstd.snap", "zstd"],
      ["fragments.snap", "gzip"],
    ]) {
      const c = await readSnapContents(await open(file));
      expect(c.compression).toBe(comp);
      expect(c.snapYaml).toMatch(/^name: hello-/);
    }
  });
});

describe("readSnapContents errors", () => {
  it("missing meta/snap.yaml", async () => {
    const e = await packageError(readSnapContents(await open("missing-snap-yaml.snap")));
    expect(e.code).toBe("missing-snap-yaml");
    expect(e.field).toBe("meta/snap.yaml");
    expect(e.message).toBe("meta/snap.yaml is missing from the snap");
  });

  it("meta/snap.yaml is a symlink (never followed)", async () => {
    const e = await packageError(readSnapContents(await open("symlink-snap-yaml.snap")));
    expect(e.code).toBe("snap-yaml-not-a-file");
    expect(e.message).toBe("meta/snap.yaml is a symlink; it must be a regular file");
  });

  it("meta/snap.yaml is a directory", async () => {
    const e = await packageError(readSnapContents(await open("dir-snap-yaml.snap")));
    expect(e.code).toBe("snap-yaml-not-a-file");
    expect(e.message).toBe("meta/snap.yaml is a directory");
  });

  it("meta/snap.yaml over the limit, refused before its data is read", async () => {
    const e = await packageError(readSnapContents(await open("big-snap-yaml.snap")));
    expect(e.code).toBe("snap-yaml-too-large");
    expect(e.message).toBe("meta/snap.yaml is 2 MiB; the limit is 1 MiB");
    const ok = await readSnapContents(await open("big-snap-yaml.snap"), { maxSnapYamlBytes: 3 << 20 });
    expect(ok.snapYaml.length).toBeGreaterThan(2 << 20);
  });

  it("meta/snap.yaml that is not UTF-8", async () => {
    const img = await build({ snapYaml: null, files: { "meta/snap.yaml": Buffer.from([0x6e, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) } });
    const e = await packageError(readSnapContents(img));
    expect(e.code).toBe("snap-yaml-not-utf8");
    expect(e.message).toBe("meta/snap.yaml is not valid UTF-8 text");
  });

  it("meta is a file, or meta/snap.yaml is a fifo", async () => {
    const a = await build({ snapYaml: null, files: { meta: "not a dir" } });
    expect((await packageError(readSnapContents(a))).code).toBe("missing-snap-yaml");
    const b = await build({ snapYaml: null, files: { "meta/x": "x" }, args: ["-comp", "xz", "-p", "meta/snap.yaml c 644 0 0 1 3"] });
    const e = await packageError(readSnapContents(b));
    expect(e.code).toBe("snap-yaml-not-a-file");
    expect(e.message).toBe("meta/snap.yaml is a character device; it must be a regular file");
  });

  it("icons: symlinks ignored, svg fallback, size limit", async () => {
    const sym = await readSnapContents(await open("symlink-icon.snap"));
    expect(sym.icon).toBeNull();
    expect(sym.desktopFiles).toHaveLength(1);

    const svg = await readSnapContents(await build({ files: { "meta/gui/icon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>" } }));
    expect(svg.icon).toEqual({ path: "meta/gui/icon.svg", data: Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>") });

    const none = await readSnapContents(await build({ files: { "meta/gui/icon.png": { dir: true } } }));
    expect(none.icon).toBeNull();
    expect(none.desktopFiles).toEqual([]);

    const big = await build({ files: { "meta/gui/icon.png": Buffer.alloc(300 * 1024, 1) } });
    const e = await packageError(readSnapContents(big));
    expect(e.code).toBe("icon-too-large");
    expect(e.message).toBe("meta/gui/icon.png is 300 KiB; the limit is 256 KiB");
    expect((await readSnapContents(big, { maxIconBytes: 512 * 1024 })).icon?.data.length).toBe(300 * 1024);
  });

  it("desktop files: only regular *.desktop files, bounded, UTF-8", async () => {
    const img = await build({
      files: {
        "meta/gui/a.desktop": "[Desktop Entry]\nName=A\n",
        "meta/gui/b.desktop": { symlink: "a.desktop" },
        "meta/gui/c.txt": "not a desktop file",
        "meta/gui/d.desktop": { dir: true },
        "meta/gui/z.desktop": "[Desktop Entry]\nName=Z ✓\n",
      },
    });
    const c = await readSnapContents(img);
    expect(c.desktopFiles).toEqual([
      { name: "a.desktop", text: "[Desktop Entry]\nName=A\n" },
      { name: "z.desktop", text: "[Desktop Entry]\nName=Z ✓\n" },
    ]);

    const big = await build({ files: { "meta/gui/x.desktop": "x".repeat(70_000) } });
    expect((await packageError(readSnapContents(big))).code).toBe("desktop-file-too-large");
    const bad = await build({ files: { "meta/gui/x.desktop": Buffer.from([0xc3, 0x28]) } });
    const e = await packageError(readSnapContents(bad));
    expect(e.code).toBe("desktop-file-not-utf8");
    expect(e.field).toBe("meta/gui/x.desktop");
  });

  it("a damaged image surfaces as SquashfsError", async () => {
    await expect(open("not-squashfs.snap")).rejects.toBeInstanceOf(SquashfsError);
    const buf = readFileSync(join(FIXTURES, "strict.snap"));
    const img = await openSquashfs(bufferSource(buf.subarray(0, buf.readUInt32LE(40))));
    // Break the data of snap.yaml's block: every data block lives before the inode table.
    const broken = Buffer.from(buf);
    broken.fill(0xaa, 96, broken.readUInt32LE(64));
    const bimg = await openSquashfs(bufferSource(broken));
    await expect(readSnapContents(bimg)).rejects.toBeInstanceOf(SquashfsError);
    expect((await readSnapContents(img)).snapYaml).toContain("hello-strict");
  });
});

describe("entry counts, checked before any lookup", () => {
  const many = (dir: string, n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${dir}/f${String(i).padStart(5, "0")}.png`, ""]));

  it("meta/gui with more entries than the limit is refused, naming the directory and the limit", async () => {
    const image = await build({ snapYaml: "name: x\nversion: 1\n", files: many("meta/gui", 1_001) });
    const e = await packageError(readSnapContents(image));
    expect(e.code).toBe("too-many-entries");
    expect(e.field).toBe("meta/gui");
    expect(e.message).toBe("meta/gui has more than 1,000 entries; the store accepts at most 1,000");
  });

  it("meta/gui at the limit is read", async () => {
    const image = await build({ snapYaml: "name: x\nversion: 1\n", files: { ...many("meta/gui", 999), "meta/gui/x.desktop": "[Desktop Entry]\n" } });
    const c = await readSnapContents(image);
    expect(c.desktopFiles.map((d) => d.name)).toEqual(["x.desktop"]);
  });

  it("meta itself is bounded too", async () => {
    const image = await build({ snapYaml: "name: x\nversion: 1\n", files: many("meta", 1_001) });
    expect((await packageError(readSnapContents(image))).message).toContain("meta has more than 1,000 entries");
  });

  it("countEntries stops past its limit and is 0 for a missing path or a file", async () => {
    const image = await build({ snapYaml: "name: x\nversion: 1\n", files: many("meta/gui", 50) });
    expect(await image.countEntries("meta/gui", 10)).toBe(11);
    expect(await image.countEntries("meta/gui", 100)).toBe(50);
    expect(await image.countEntries("nope", 10)).toBe(0);
    expect(await image.countEntries("meta/snap.yaml", 10)).toBe(0);
  });
});

describe("formatBytes", () => {
  it("formats person-readable sizes", () => {
    expect(formatBytes(1)).toBe("1 byte");
    expect(formatBytes(512)).toBe("512 bytes");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(1024 * 1024)).toBe("1 MiB");
    expect(formatBytes(1.5 * 1024 * 1024)).toBe("1.5 MiB");
  });
});
